#include "lm/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text/case.hpp"

namespace unspin::lm {

std::string lm_token(std::string_view text, text::TokenKind kind) {
  if (kind == text::TokenKind::Number) return "<num>";
  if (kind != text::TokenKind::Word) return "";
  std::string out = text::to_lower(text);
  // Typographic apostrophes become straight ones, as in the models' vocabularies ("don’t").
  for (std::size_t at; (at = out.find("\u2019")) != std::string::npos;) out.replace(at, 3, "'");
  return out;
}

void lm_sentence(const text::Document& doc, const text::Sentence& sentence, std::vector<std::string>& out) {
  out.clear();
  for (const text::Token& t : doc.tokens(sentence)) {
    std::string w = lm_token(doc.text(t), t.kind);
    if (!w.empty()) out.push_back(std::move(w));
  }
}

std::vector<std::vector<std::string>> lm_sentences(const text::Document& doc) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> words;
  for (const text::Sentence& s : doc.sentences()) {
    lm_sentence(doc, s, words);
    if (!words.empty()) out.push_back(std::move(words));
  }
  return out;
}

SentenceScore score_sentence(const LanguageModel& model, const std::vector<std::string>& words) {
  SentenceScore result;
  WordId u = model.begin_sentence();
  WordId v = model.begin_sentence();
  for (const std::string& word : words) {
    const WordId w = model.lookup(word);
    result.log10_prob += model.score(u, v, w);
    ++result.tokens;
    u = v;
    v = w;
  }
  result.log10_prob += model.score(u, v, model.end_sentence());
  ++result.tokens;
  return result;
}

InterpolatedModel::InterpolatedModel(const LanguageModel& a, const LanguageModel& b, double lambda)
    : a_(a), b_(b), lambda_(lambda) {}

WordId InterpolatedModel::lookup(std::string_view word) const { return pack(a_.lookup(word), b_.lookup(word)); }

namespace {

// log10(lambda * 10^a + (1 - lambda) * 10^b), as a + log10(lambda + (1 - lambda) * 10^(b - a)):
// one power instead of two, on the hottest path of both fix and check.
float mix(double lambda, double a, double b) {
  const double p = lambda + (1 - lambda) * std::pow(10.0, b - a);
  return static_cast<float>(std::max(a + std::log10(p), -30.0));
}

}  // namespace

float InterpolatedModel::score(WordId u, WordId v, WordId w) const {
  constexpr WordId kLow = 0xffffffffu;
  return mix(lambda_, a_.score(u & kLow, v & kLow, w & kLow), b_.score(u >> 32, v >> 32, w >> 32));
}

float InterpolatedModel::unigram(WordId w) const {
  constexpr WordId kLow = 0xffffffffu;
  return mix(lambda_, a_.unigram(w & kLow), b_.unigram(w >> 32));
}

std::string InterpolatedModel::describe() const {
  char weights[64];
  std::snprintf(weights, sizeof weights, "interpolation of %.2f × ", lambda_);
  char rest[16];
  std::snprintf(rest, sizeof rest, "%.2f × ", 1 - lambda_);
  return weights + a_.describe() + " and " + rest + b_.describe();
}

}  // namespace unspin::lm
