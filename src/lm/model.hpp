// Language models: log10 P(word | two previous words), over lowercase word tokens.
//
//   std::unique_ptr<LanguageModel> lm = load_default_model();
//   WordId u = lm->begin_sentence(), v = lm->lookup("troops"), w = lm->lookup("were");
//   float logp = lm->score(u, v, w);                    // log10 P(were | <s> troops)
//
// Word ids belong to the model that gave them. The token stream the models are trained and
// queried on is produced by lm_tokens(): words lowercased with typographic apostrophes made
// straight, numbers as "<num>", punctuation and symbols dropped, one sentence at a time.
// Implementations: KneserNeyModel (the project's own trained trigram model), CmuModel (CMU's
// US-English trigram model, converted at build time), SphinxModel (the same through
// libsphinxbase) and InterpolatedModel. All are immutable after
// loading and safe to query from several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/document.hpp"

namespace unspin::lm {

// Wide enough for an interpolation to pack its two models' ids into one (see InterpolatedModel).
using WordId = std::uint64_t;

// What CMU's model (SphinxModel, CmuModel) gives a word outside its vocabulary, and the floor of
// its scores.
inline constexpr float kUnknownLog10 = -7.0f;

class LanguageModel {
 public:
  virtual ~LanguageModel() = default;
  virtual WordId lookup(std::string_view word) const = 0;  // unknown words give unknown()
  virtual WordId begin_sentence() const = 0;
  virtual WordId end_sentence() const = 0;
  virtual WordId unknown() const = 0;
  // log10 P(w | u v) with back-off; u may be begin_sentence() (then v is the first word).
  virtual float score(WordId u, WordId v, WordId w) const = 0;
  // log10 P(w) without context: how common the word is.
  virtual float unigram(WordId w) const = 0;
  virtual std::string describe() const = 0;
};

// A linear interpolation of two models: P(w|h) = lambda P_a(w|h) + (1 - lambda) P_b(w|h). Its
// word ids pack the two models' ids (a in the low 32 bits, b in the high), so no joint
// vocabulary is built. The component models must outlive it.
class InterpolatedModel final : public LanguageModel {
 public:
  InterpolatedModel(const LanguageModel& a, const LanguageModel& b, double lambda);

  WordId lookup(std::string_view word) const override;
  WordId begin_sentence() const override { return pack(a_.begin_sentence(), b_.begin_sentence()); }
  WordId end_sentence() const override { return pack(a_.end_sentence(), b_.end_sentence()); }
  WordId unknown() const override { return pack(a_.unknown(), b_.unknown()); }
  float score(WordId u, WordId v, WordId w) const override;
  float unigram(WordId w) const override;
  std::string describe() const override;

 private:
  static WordId pack(WordId a, WordId b) { return (a & 0xffffffffu) | (b << 32); }
  const LanguageModel& a_;
  const LanguageModel& b_;
  double lambda_;
};

// The normalised LM token for a document token, or "" for tokens the models do not see.
std::string lm_token(std::string_view text, text::TokenKind kind);

// The LM tokens of one sentence of a document, into `out` (cleared first; reusing it saves
// allocations), and of each sentence of a document.
void lm_sentence(const text::Document& doc, const text::Sentence& sentence, std::vector<std::string>& out);
std::vector<std::vector<std::string>> lm_sentences(const text::Document& doc);

// log10 probability of a sentence (with <s> and </s>) and its number of scored tokens.
struct SentenceScore {
  double log10_prob = 0;
  std::size_t tokens = 0;
};
SentenceScore score_sentence(const LanguageModel& model, const std::vector<std::string>& words);

}  // namespace unspin::lm
