// CMU's US-English trigram model (Debian pocketsphinx-en-us) read through libsphinxbase.
//
//   SphinxModel cmu = SphinxModel::open("/usr/share/pocketsphinx/model/en-us/en-us.lm.bin");
//   cmu.score(cmu.begin_sentence(), cmu.lookup("the"), cmu.lookup("troops"));
//
// No sphinxbase type leaves the .cpp file. The model is lowercase, without punctuation or
// digits; unknown words score a fixed log10 probability of kUnknownLog10. libsphinxbase's
// scoring keeps per-model caches, so calls are serialised by a mutex.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lm/model.hpp"

namespace unspin::lm {

inline constexpr float kUnknownLog10 = -7.0f;

class SphinxModel final : public LanguageModel {
 public:
  static std::string default_path() { return "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"; }
  // Throws ResourceError when the file is missing or libsphinxbase cannot read it.
  static SphinxModel open(const std::string& path);
  ~SphinxModel() override;
  SphinxModel(SphinxModel&&) noexcept;
  SphinxModel& operator=(SphinxModel&&) noexcept;

  WordId lookup(std::string_view word) const override;
  WordId begin_sentence() const override;
  WordId end_sentence() const override;
  WordId unknown() const override;
  float score(WordId u, WordId v, WordId w) const override;
  float unigram(WordId w) const override;
  std::string describe() const override;
  // Every word of the vocabulary, by id (for building joint vocabularies).
  std::vector<std::string> words() const;

 private:
  struct Impl;
  explicit SphinxModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
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

}  // namespace unspin::lm
