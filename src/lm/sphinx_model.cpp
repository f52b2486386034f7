#include "lm/sphinx_model.hpp"

#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>

#include <cmath>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "errors.hpp"

namespace unspin::lm {

struct SphinxModel::Impl {
  logmath_t* logmath = nullptr;
  ngram_model_t* model = nullptr;
  std::string path;
  std::int32_t unknown = 0;
  std::int32_t count = 0;
  mutable std::mutex mutex;
  ~Impl() {
    if (model) ngram_model_free(model);
    if (logmath) logmath_free(logmath);
  }
};

SphinxModel SphinxModel::open(const std::string& path) {
  if (!std::ifstream(path)) throw ResourceError(path + ": cannot read the CMU language model (install pocketsphinx-en-us)");
  err_set_logfp(nullptr);  // libsphinxbase logs every load to stderr otherwise
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->logmath = logmath_init(1.0001, 0, 0);
  impl->model = ngram_model_read(nullptr, path.c_str(), NGRAM_AUTO, impl->logmath);
  if (!impl->model) throw ResourceError(path + ": libsphinxbase cannot read this language model");
  ngram_model_apply_weights(impl->model, 1.0, 1.0);
  impl->unknown = ngram_unknown_wid(impl->model);
  impl->count = static_cast<std::int32_t>(ngram_model_get_counts(impl->model)[0]);
  return SphinxModel(std::move(impl));
}

SphinxModel::SphinxModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SphinxModel::~SphinxModel() = default;
SphinxModel::SphinxModel(SphinxModel&&) noexcept = default;
SphinxModel& SphinxModel::operator=(SphinxModel&&) noexcept = default;

WordId SphinxModel::lookup(std::string_view word) const {
  const std::int32_t id = ngram_wid(impl_->model, std::string(word).c_str());
  return id < 0 || id == impl_->unknown ? unknown() : static_cast<WordId>(id);
}

WordId SphinxModel::begin_sentence() const { return lookup("<s>"); }
WordId SphinxModel::end_sentence() const { return lookup("</s>"); }
WordId SphinxModel::unknown() const { return static_cast<WordId>(impl_->count); }  // past the vocabulary

float SphinxModel::score(WordId u, WordId v, WordId w) const {
  if (w == unknown()) return kUnknownLog10;
  std::int32_t history[2] = {static_cast<std::int32_t>(v), static_cast<std::int32_t>(u)};
  std::int32_t n_history = 2;
  if (v == unknown()) n_history = 0;  // an unknown word breaks the context
  else if (u == unknown() || v == begin_sentence()) n_history = 1;
  std::int32_t used = 0;
  std::int32_t s;
  {
    const std::lock_guard lock(impl_->mutex);
    s = ngram_ng_score(impl_->model, static_cast<std::int32_t>(w), history, n_history, &used);
  }
  const double log10 = logmath_log_to_log10(impl_->logmath, s);
  return static_cast<float>(std::max(log10, static_cast<double>(kUnknownLog10)));
}

std::string SphinxModel::describe() const {
  return "CMU US-English trigram model " + impl_->path + " (" + std::to_string(impl_->count) + " words)";
}

std::vector<std::string> SphinxModel::words() const {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(impl_->count));
  for (std::int32_t i = 0; i < impl_->count; ++i) {
    const char* w = ngram_word(impl_->model, i);
    out.emplace_back(w ? w : "");
  }
  return out;
}

InterpolatedModel::InterpolatedModel(std::vector<const LanguageModel*> models, std::vector<double> weights,
                                     const std::vector<std::string>& vocabulary)
    : models_(std::move(models)), weights_(std::move(weights)), component_ids_(models_.size()) {
  unk_ = add("<unk>");
  for (std::size_t m = 0; m < models_.size(); ++m) component_ids_[m][unk_] = models_[m]->unknown();
  bos_ = add("<s>");
  eos_ = add("</s>");
  for (std::size_t m = 0; m < models_.size(); ++m) {
    component_ids_[m][bos_] = models_[m]->begin_sentence();
    component_ids_[m][eos_] = models_[m]->end_sentence();
  }
  for (const std::string& w : vocabulary) add(w);
}

WordId InterpolatedModel::add(const std::string& word) {
  const auto [it, inserted] = ids_.try_emplace(word, static_cast<WordId>(ids_.size()));
  if (inserted) {
    for (std::size_t m = 0; m < models_.size(); ++m) component_ids_[m].push_back(models_[m]->lookup(word));
  }
  return it->second;
}

WordId InterpolatedModel::lookup(std::string_view word) const {
  const auto it = ids_.find(std::string(word));
  return it == ids_.end() ? unk_ : it->second;
}

float InterpolatedModel::score(WordId u, WordId v, WordId w) const {
  double p = 0;
  for (std::size_t m = 0; m < models_.size(); ++m) {
    const auto& ids = component_ids_[m];
    p += weights_[m] * std::pow(10.0, models_[m]->score(ids[u], ids[v], ids[w]));
  }
  return static_cast<float>(std::log10(std::max(p, 1e-30)));
}

std::string InterpolatedModel::describe() const {
  std::string out = "interpolation of";
  for (std::size_t m = 0; m < models_.size(); ++m) {
    char weight[16];
    std::snprintf(weight, sizeof weight, "%.2f", weights_[m]);
    out += std::string(m ? " and " : " ") + weight + " × " + models_[m]->describe();
  }
  return out;
}

}  // namespace unspin::lm
