// A memo of trigram scores in front of a language model, for one thread's run of queries that
// repeat (the decoder asks the same trigram for each hypothesis, the pruning pass and each
// confidence window).
//
//   lm::ScoreCache cached(model);            // `model` must outlive it; not shared between threads
//   float s = cached.score(u, v, w);         // the same value as model.score(u, v, w)
//
// Direct-mapped: a fixed table of the most recent queries, each slot keyed by the whole trigram,
// so an answer is always the model's own; a collision only costs a model query.
#pragma once

#include <array>
#include <memory>

#include "lm/model.hpp"

namespace unspin::lm {

class ScoreCache final : public LanguageModel {
 public:
  explicit ScoreCache(const LanguageModel& model);
  ScoreCache(const ScoreCache&) = delete;  // one per thread; copying would share nothing useful
  ScoreCache& operator=(const ScoreCache&) = delete;

  WordId lookup(std::string_view word) const override { return model_.lookup(word); }
  WordId begin_sentence() const override { return begin_; }
  WordId end_sentence() const override { return end_; }
  WordId unknown() const override { return unknown_; }
  float score(WordId u, WordId v, WordId w) const override;
  float unigram(WordId w) const override { return model_.unigram(w); }
  std::string describe() const override { return model_.describe(); }

 private:
  static constexpr std::size_t kSlots = 1 << 12;
  struct Slot {
    WordId u = 0, v = 0, w = 0;
    float score = 1;  // 1: empty (log10 probabilities are never positive)
  };
  const LanguageModel& model_;
  WordId begin_, end_, unknown_;
  std::unique_ptr<std::array<Slot, kSlots>> slots_;
};

}  // namespace unspin::lm
