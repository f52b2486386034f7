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
#include <unordered_map>
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
  std::string describe() const override;
  // Every word of the vocabulary, by id (for building joint vocabularies).
  std::vector<std::string> words() const;

 private:
  struct Impl;
  explicit SphinxModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A linear interpolation of models: P(w|h) = sum_i lambda_i P_i(w|h). Its word ids index a joint
// vocabulary built at construction from `vocabulary` (each word is looked up in every model).
// The component models must outlive it.
class InterpolatedModel final : public LanguageModel {
 public:
  InterpolatedModel(std::vector<const LanguageModel*> models, std::vector<double> weights,
                    const std::vector<std::string>& vocabulary);

  WordId lookup(std::string_view word) const override;
  WordId begin_sentence() const override { return bos_; }
  WordId end_sentence() const override { return eos_; }
  WordId unknown() const override { return unk_; }
  float score(WordId u, WordId v, WordId w) const override;
  std::string describe() const override;

 private:
  WordId add(const std::string& word);
  std::vector<const LanguageModel*> models_;
  std::vector<double> weights_;
  std::unordered_map<std::string, WordId> ids_;
  std::vector<std::vector<WordId>> component_ids_;  // [model][joint id]
  WordId bos_ = 0, eos_ = 0, unk_ = 0;
};

}  // namespace unspin::lm
