#include "lexicon/lexicon.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

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
    if (!summary.empty()) lexicon.imports_.emplace_back(path, std::move(summary));
  }
  lexicon.thesaurus_ = Thesaurus::open(options.thesaurus.empty() ? data_path("thesaurus.idx") : options.thesaurus);
  return lexicon;
}

std::string american_spelling(std::string_view word) {
  // Regular British/American differences, longest patterns first: colour/color, realise/realize,
  // organisation/organization, analyse/analyze, centre/center, catalogue/catalog,
  // travelled/traveled, defence/defense, anaemia/anemia, manoeuvre/maneuver.
  static const std::pair<std::string_view, std::string_view> kRules[] = {
      {"isation", "ization"}, {"ogue", "og"}, {"our", "or"}, {"yse", "yze"}, {"ise", "ize"}, {"isi", "izi"},
      {"tre", "ter"},         {"ence", "ense"}, {"ll", "l"}, {"ae", "e"},     {"oe", "e"}};
  std::string out(word);
  for (const auto& [from, to] : kRules) {
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

std::vector<WordCandidate> Lexicon::word_candidates(std::string_view word, std::size_t limit,
                                                    const std::function<bool(std::string_view)>& keep) const {
  if (limit == 0) return {};
  const std::string observed = text::to_lower(word);
  std::vector<Analysis> analyses = morphology_.analyze(observed);
  if (std::none_of(analyses.begin(), analyses.end(), [](const Analysis& a) { return a.inflection == Inflection::None; })) {
    analyses.insert(analyses.begin(), {observed, Inflection::None});  // the thesaurus may know it as is
  }
  std::unordered_map<std::string, WordCandidate> best;
  const std::string observed_spelling = american_spelling(observed);
  auto offer = [&](std::string text, float prior, std::uint8_t sources, std::string reason) {
    if (text == observed || text.empty()) return;
    // "harbor" for "harbour" is not a synonym but the other spelling: never a candidate. The
    // spellings differ by a few letters at most, so other lengths need no rewriting.
    const std::size_t shorter = std::min(text.size(), observed.size()), longer = std::max(text.size(), observed.size());
    if (longer - shorter <= 4 && american_spelling(text) == observed_spelling) return;
    auto [it, inserted] = best.try_emplace(text, WordCandidate{text, prior, sources, reason});
    if (!inserted && prior > it->second.prior) it->second = WordCandidate{std::move(text), prior, sources, std::move(reason)};
  };
  // Candidates come best prior first, so once `limit` candidates are known, a candidate whose
  // prior is below the limit-th best cannot enter, and inflecting it (Hunspell calls) is skipped.
  auto floor = [&]() -> float {
    if (best.size() < limit) return 0.0f;
    std::vector<float> priors;
    priors.reserve(best.size());
    for (const auto& [text, c] : best) priors.push_back(c.prior);
    std::nth_element(priors.begin(), priors.begin() + static_cast<std::ptrdiff_t>(limit - 1), priors.end(), std::greater<>());
    return priors[limit - 1];
  };
  for (const Analysis& a : analyses) {
    float bar = floor();
    std::size_t since_check = 0;
    std::size_t examined = 0;
    for (const ThesaurusCandidate& c : thesaurus_.candidates(a.lemma)) {
      if (c.prior < bar) break;
      // With a filter, the pool is the `limit` best thesaurus words of each analysis, as it
      // would be without one; the filter only saves inflecting those it rejects.
      if (keep && ++examined > limit) break;
      if (++since_check == 16) {
        bar = floor();
        since_check = 0;
      }
      if (keep && !keep(c.word)) continue;  // before inflecting: the Hunspell calls are the cost
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

bool Lexicon::near_known_word(std::string_view word) const {
  // Every spelling one deletion, transposition, substitution or insertion away: about 54 per
  // letter, each one spell check.
  std::string edit(word);
  for (std::size_t i = 0; i < word.size(); ++i) {
    edit.erase(i, 1);
    if (edit.size() >= 2 && morphology_.known(edit)) return true;
    edit.insert(i, 1, word[i]);
  }
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    std::swap(edit[i], edit[i + 1]);
    if (morphology_.known(edit)) return true;
    std::swap(edit[i], edit[i + 1]);
  }
  for (std::size_t i = 0; i <= word.size(); ++i) {
    for (char c = 'a'; c <= 'z'; ++c) {
      if (i < word.size() && c != word[i]) {
        edit[i] = c;
        if (morphology_.known(edit)) return true;
        edit[i] = word[i];
      }
      edit.insert(i, 1, c);
      if (morphology_.known(edit)) return true;
      edit.erase(i, 1);
    }
  }
  return false;
}

std::vector<std::pair<std::string, std::string>> Lexicon::glued_words(std::string_view word) const {
  // Frequent short words, mostly grammatical, that a link boundary often glues to a neighbour.
  static const std::unordered_set<std::string_view> joining = {
      "the",  "an",    "and",  "or",    "but",   "of",    "to",    "in",    "on",   "at",    "by",    "for",
      "with", "from",  "into", "as",    "that",  "this",  "these", "those", "their", "them",  "they",  "his",
      "her",  "its",   "our",  "your",  "we",    "he",    "she",   "it",    "who",   "which", "was",   "were",
      "is",   "are",   "has",  "have",  "had",   "will",  "would", "after", "before", "over", "about", "than",
      "then", "when",  "while", "not",  "since", "also",  "said"};
  std::vector<std::pair<std::string, std::string>> out;
  if (word.size() < 5 || !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return out;
  static const std::size_t longest_joining =
      std::max_element(joining.begin(), joining.end(), [](std::string_view a, std::string_view b) {
        return a.size() < b.size();
      })->size();
  // Split points with a grammatical part first: string look-ups, before any Hunspell call. Only
  // the first and last few split points can have one, so a 5 MB "word" costs no more than a
  // short one.
  std::vector<std::size_t> splits;
  for (std::size_t k = 2; k + 2 <= word.size(); ++k) {
    if (k > longest_joining && word.size() - k > longest_joining) {
      k = word.size() - longest_joining - 1;  // jump to the split points of a short right part
      continue;
    }
    if (joining.count(word.substr(0, k)) || joining.count(word.substr(k))) splits.push_back(k);
  }
  if (splits.empty()) return out;
  // A word some thesaurus lists ("oversoon", "bypast") is a word, however rare; a dropped g
  // ("killin", "sportin") is dialect, not glue.
  if (thesaurus_.contains(word) || morphology_.known(word)) return out;
  if (word.ends_with("in") && morphology_.known(std::string(word) + "g")) return out;
  // An inflection the dictionary does not list of a word it does ("formatters" of "formatter",
  // not "for matters") is a word.
  for (const std::string_view ending : {"s", "es", "ed", "d", "ing"}) {
    if (word.size() > ending.size() + 3 && word.ends_with(ending) &&
        morphology_.known(word.substr(0, word.size() - ending.size()))) {
      return out;
    }
  }
  std::vector<std::pair<std::string, std::string>> candidates;
  for (const std::size_t k : splits) {
    const std::string_view left = word.substr(0, k), right = word.substr(k);
    if (!morphology_.known(left) || !morphology_.known(right)) continue;
    // A compound the thesauri spell with a hyphen is written solid as well ("addon" for
    // "add-on", "plugin" for "plug-in"): not two words run together. (Hunspell cannot tell: it
    // accepts any two words joined by a hyphen.)
    std::string hyphenated(left);
    hyphenated += '-';
    hyphenated += right;
    if (thesaurus_.contains(hyphenated)) return {};
    candidates.emplace_back(left, right);
  }
  // A word one keystroke from a dictionary word is a typo of it ("befor", "comand", "anywere"),
  // not "be for", "com and", "any were".
  if (!candidates.empty() && near_known_word(word)) return out;
  return candidates;
}

bool Lexicon::proposes(std::string_view spun, std::string_view original, std::size_t limit) const {
  // ICU iterators are costly to create and a Segmenter is not thread-safe: one per thread.
  thread_local text::Segmenter segmenter;
  const text::Document sdoc = segmenter.segment(std::string(spun));
  for (const NumberFix& f : number_fixes(sdoc)) {
    if (f.begin_token == 0 && f.end_token == sdoc.tokens().size() && text::to_lower(f.replacement) == text::to_lower(original)) {
      return true;
    }
  }
  std::vector<std::string> sw, ow;
  for (const text::Token& t : sdoc.tokens()) {
    if (t.kind != text::TokenKind::Space) sw.push_back(text::to_lower(sdoc.text(t)));
  }
  const text::Document odoc = segmenter.segment(text::to_lower(original));
  for (const text::Token& t : odoc.tokens()) {
    if (t.kind != text::TokenKind::Space) ow.emplace_back(odoc.text(t));
  }
  auto join = [](const std::vector<std::string>& words, std::size_t b, std::size_t e) {
    std::string out;
    for (std::size_t i = b; i < e; ++i) out += (i > b ? " " : "") + words[i];
    return out;
  };
  // Does one source propose original piece o for spun piece s?
  auto piece = [&](const std::string& s, const std::string& o) {
    if (s == o) return true;
    for (const PhraseEntry* e : phrases_.lookup(s)) {
      if (text::to_lower(e->original) == o) return true;
    }
    for (const WordCandidate& c : word_candidates(s, limit)) {
      if (c.text == o) return true;
    }
    return false;
  };
  // Adjacent substitutions merge into one aligned span ("warfare in opposition to" for "war
  // against"): accept when the span splits into pieces of up to four words, each covered.
  constexpr std::size_t kPiece = 4;
  const std::size_t n = sw.size(), m = ow.size();
  std::vector<std::vector<bool>> ok(n + 1, std::vector<bool>(m + 1, false));
  ok[0][0] = true;
  for (std::size_t i = 0; i <= n; ++i) {
    for (std::size_t j = 0; j <= m; ++j) {
      if (!ok[i][j]) continue;
      for (std::size_t a = 1; a <= kPiece && i + a <= n; ++a) {
        for (std::size_t b = 1; b <= kPiece && j + b <= m; ++b) {
          if (!ok[i + a][j + b] && piece(join(sw, i, i + a), join(ow, j, j + b))) ok[i + a][j + b] = true;
        }
      }
    }
  }
  if (ok[n][m]) return true;
  // Longer phrases the thesaurus keys whole.
  return n > kPiece && piece(join(sw, 0, n), join(ow, 0, m));
}

}  // namespace unspin::lexicon
