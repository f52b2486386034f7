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
  WordId bos = 0, eos = 0;  // looked up once: score() asks for <s> on every call
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
  SphinxModel model(std::move(impl));
  model.impl_->bos = model.lookup("<s>");
  model.impl_->eos = model.lookup("</s>");
  return model;
}

SphinxModel::SphinxModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SphinxModel::~SphinxModel() = default;
SphinxModel::SphinxModel(SphinxModel&&) noexcept = default;
SphinxModel& SphinxModel::operator=(SphinxModel&&) noexcept = default;

WordId SphinxModel::lookup(std::string_view word) const {
  const std::int32_t id = ngram_wid(impl_->model, std::string(word).c_str());
  return id < 0 || id == impl_->unknown ? unknown() : static_cast<WordId>(id);
}

WordId SphinxModel::begin_sentence() const { return impl_->bos; }
WordId SphinxModel::end_sentence() const { return impl_->eos; }
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

float SphinxModel::unigram(WordId w) const {
  if (w == unknown()) return kUnknownLog10;
  std::int32_t used = 0;
  std::int32_t s;
  {
    const std::lock_guard lock(impl_->mutex);
    s = ngram_ng_score(impl_->model, static_cast<std::int32_t>(w), nullptr, 0, &used);
  }
  return static_cast<float>(std::max(logmath_log_to_log10(impl_->logmath, s), static_cast<double>(kUnknownLog10)));
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

}  // namespace unspin::lm
