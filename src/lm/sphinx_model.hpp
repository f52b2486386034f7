// CMU's US-English trigram model (Debian pocketsphinx-en-us) read through libsphinxbase. The
// engine uses CmuModel (lm/cmu_model.hpp), the same model converted at build time and scored
// by the project's code; this reader remains as the reference it is tested against, and for
// the benchmark.
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

class SphinxModel final : public LanguageModel {
 public:
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

}  // namespace unspin::lm
