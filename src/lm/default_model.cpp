#include "lm/default_model.hpp"

#include "lm/cmu_model.hpp"
#include "lm/kneser_ney.hpp"
#include "resources.hpp"

namespace unspin::lm {
namespace {

// Owns its component models and delegates to their interpolation.
class Ensemble final : public LanguageModel {
 public:
  Ensemble(KneserNeyModel kn, CmuModel cmu, double weight)
      : kn_(std::move(kn)), cmu_(std::move(cmu)), mix_(std::make_unique<InterpolatedModel>(kn_, cmu_, weight)) {}

  WordId lookup(std::string_view word) const override { return mix_->lookup(word); }
  WordId begin_sentence() const override { return mix_->begin_sentence(); }
  WordId end_sentence() const override { return mix_->end_sentence(); }
  WordId unknown() const override { return mix_->unknown(); }
  float score(WordId u, WordId v, WordId w) const override { return mix_->score(u, v, w); }
  float unigram(WordId w) const override { return mix_->unigram(w); }
  std::string describe() const override { return mix_->describe(); }

 private:
  KneserNeyModel kn_;
  CmuModel cmu_;
  std::unique_ptr<InterpolatedModel> mix_;  // points into kn_ and cmu_: declared after them
};

class OwnedKneserNey final : public LanguageModel {
 public:
  explicit OwnedKneserNey(KneserNeyModel kn) : kn_(std::move(kn)) {}
  WordId lookup(std::string_view word) const override { return kn_.lookup(word); }
  WordId begin_sentence() const override { return kn_.begin_sentence(); }
  WordId end_sentence() const override { return kn_.end_sentence(); }
  WordId unknown() const override { return kn_.unknown(); }
  float score(WordId u, WordId v, WordId w) const override { return kn_.score(u, v, w); }
  float unigram(WordId w) const override { return kn_.unigram(w); }
  std::string describe() const override { return kn_.describe(); }

 private:
  KneserNeyModel kn_;
};

}  // namespace

std::unique_ptr<LanguageModel> load_default_model(const ModelOptions& options) {
  KneserNeyModel kn = KneserNeyModel::open(options.kneser_ney.empty() ? data_path("news.kn3") : options.kneser_ney);
  if (options.kneser_ney_weight >= 1.0) return std::make_unique<OwnedKneserNey>(std::move(kn));
  CmuModel cmu = CmuModel::open(options.cmu.empty() ? CmuModel::default_path() : options.cmu);
  return std::make_unique<Ensemble>(std::move(kn), std::move(cmu), options.kneser_ney_weight);
}

}  // namespace unspin::lm
