#include "lexicon/lexicon.hpp"

#include <algorithm>
#include <unordered_map>

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

}  // namespace unspin::lexicon
