#include "lm/model.hpp"

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

}  // namespace unspin::lm
