#include "lexicon/lexicon.hpp"

#include <algorithm>
#include <unordered_map>

#include "lexicon/numbers.hpp"
#include "resources.hpp"
#include "text/case.hpp"

namespace unspin::lexicon {

Lexicon Lexicon::load(const LexiconOptions& options) {
  Lexicon lexicon(Morphology::load(options.morphology));
  lexicon.phrases_.load(options.phrases.empty() ? dictionary_path("phrases.tsv") : options.phrases,
                        PhraseSource::BuiltIn);
  for (const std::string& path : options.user_phrases) {
    ImportSummary summary = lexicon.phrases_.load(path, PhraseSource::User);
    if (summary.phrases + summary.rules + summary.skipped_total() > 0) {
      lexicon.imports_.emplace_back(path, std::move(summary));
    }
  }
  lexicon.thesaurus_ = Thesaurus::open(options.thesaurus.empty() ? data_path("thesaurus.idx") : options.thesaurus);
  return lexicon;
}

std::vector<WordCandidate> Lexicon::word_candidates(std::string_view word, std::size_t limit) const {
  const std::string observed = text::to_lower(word);
  std::vector<Analysis> analyses = morphology_.analyze(observed);
  if (std::none_of(analyses.begin(), analyses.end(), [](const Analysis& a) { return a.inflection == Inflection::None; })) {
    analyses.insert(analyses.begin(), {observed, Inflection::None});  // the thesaurus may know it as is
  }
  std::unordered_map<std::string, WordCandidate> best;
  auto offer = [&](std::string text, float prior, std::uint8_t sources, std::string reason) {
    if (text == observed || text.empty()) return;
    auto [it, inserted] = best.try_emplace(text, WordCandidate{text, prior, sources, reason});
    if (!inserted && prior > it->second.prior) it->second = WordCandidate{std::move(text), prior, sources, std::move(reason)};
  };
  for (const Analysis& a : analyses) {
    for (const ThesaurusCandidate& c : thesaurus_.candidates(a.lemma)) {
      const std::string base = sources_to_string(c.sources) + ": " + a.lemma + " ~ " + std::string(c.word);
      if (a.inflection == Inflection::None) {
        offer(std::string(c.word), c.prior, c.sources, base);
        continue;
      }
      for (std::string& form : morphology_.inflect(c.word, a.inflection)) {
        offer(std::move(form), c.prior, c.sources, base + ", " + to_string(a.inflection));
      }
      // Spinners sometimes change number or tense as they swap ("folks" for "people").
      offer(std::string(c.word), c.prior * 0.3f, c.sources, base + ", uninflected");
    }
  }
  std::vector<WordCandidate> out;
  out.reserve(best.size());
  for (auto& [text, c] : best) out.push_back(std::move(c));
  std::sort(out.begin(), out.end(), [](const WordCandidate& a, const WordCandidate& b) {
    return a.prior != b.prior ? a.prior > b.prior : a.text < b.text;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

bool Lexicon::proposes(std::string_view spun, std::string_view original, std::size_t limit) const {
  const std::string s = text::to_lower(spun);
  const std::string o = text::to_lower(original);
  for (const PhraseEntry* e : phrases_.lookup(s)) {
    if (text::to_lower(e->original) == o) return true;
  }
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(std::string(spun));
  for (const NumberFix& f : number_fixes(doc)) {
    if (f.begin_token == 0 && f.end_token == doc.tokens().size() && text::to_lower(f.replacement) == o) return true;
  }
  std::vector<std::string> sw, ow;
  for (const text::Token& t : doc.tokens()) {
    if (t.kind != text::TokenKind::Space) sw.push_back(text::to_lower(doc.text(t)));
  }
  const text::Document odoc = segmenter.segment(o);
  for (const text::Token& t : odoc.tokens()) {
    if (t.kind != text::TokenKind::Space) ow.emplace_back(odoc.text(t));
  }
  auto word_covered = [&](const std::string& a, const std::string& b) {
    if (a == b) return true;
    for (const PhraseEntry* e : phrases_.lookup(a)) {
      if (text::to_lower(e->original) == b) return true;
    }
    for (const WordCandidate& c : word_candidates(a, limit)) {
      if (c.text == b) return true;
    }
    return false;
  };
  if (sw.size() == 1 && ow.size() == 1) return word_covered(sw[0], ow[0]);
  if (sw.size() == ow.size() && !sw.empty()) {
    for (std::size_t i = 0; i < sw.size(); ++i) {
      if (!word_covered(sw[i], ow[i])) return false;
    }
    return true;
  }
  // A multi-word spun form for a single word, or the reverse: the thesaurus keys phrases too.
  for (const WordCandidate& c : word_candidates(s, limit)) {
    if (c.text == o) return true;
  }
  return false;
}

}  // namespace unspin::lexicon
