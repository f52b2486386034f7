// The lexicon: everything that proposes what a spun word or phrase may have been.
//
//   Lexicon lexicon = Lexicon::load(LexiconOptions{});          // tens of milliseconds
//   lexicon.word_candidates("combating", 20);   // fighting (thesaurus, re-inflected), ...
//   lexicon.phrases().match(doc, i);             // "by no means" -> never, ...
//
// Sources: the built-in phrase dictionary plus user dictionaries and tortured-phrase lists
// (PhraseTable), the memory-mapped reverse thesaurus (Thesaurus), and Hunspell morphology to
// find lemmas and re-inflect candidates (Morphology). Immutable after load; share one Lexicon
// between threads. It must outlive every view it returns.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/morphology.hpp"
#include "lexicon/phrases.hpp"
#include "lexicon/thesaurus.hpp"

namespace unspin::lexicon {

struct LexiconOptions {
  std::string phrases;                    // built-in phrase TSV (default: dictionaries/phrases.tsv)
  std::vector<std::string> user_phrases;  // --phrases files: TSV or tortured-phrase CSV
  std::string thesaurus;                  // reverse thesaurus index (default: build/data/thesaurus.idx)
  MorphologyPaths morphology;
};

struct WordCandidate {
  std::string text;      // lowercase replacement
  float prior;           // thesaurus prior, times 0.3 for the uninflected fallback
  std::uint8_t sources;  // ThesaurusSource bits
  std::string reason;    // "moby+wordnet: combat ~ fight, -ing"
};

// A spelling key that British and American spellings of a word share ("colour", "color" ->
// "color"; "realise", "realize" -> "realize"). Spelling variants are never thesaurus candidates.
std::string american_spelling(std::string_view word);

class Lexicon {
 public:
  static Lexicon load(const LexiconOptions& options);  // throws ResourceError

  // Thesaurus candidates for one observed word, re-inflected to its form, best prior first,
  // at most `limit`. The observed word itself is never a candidate. `keep`, when given, is asked
  // about each of the `limit` best thesaurus words of each analysis before it is inflected;
  // words it rejects are skipped.
  std::vector<WordCandidate> word_candidates(std::string_view word, std::size_t limit,
                                             const std::function<bool(std::string_view)>& keep = {}) const;

  // Ways to read `word` (lowercase) as two words run together, as scraping leaves them where a
  // link ended ("soldierstheir", "campaignwith"): the whole is neither English to Hunspell nor
  // a thesaurus word nor a dropped-g form ("killin") nor an inflection of a word Hunspell knows
  // ("formatters"), both parts are English (two letters or more), one part is a short
  // grammatical word ("their", "with", "the"), and no thesaurus lists the two joined by a
  // hyphen ("addon" is "add-on" written solid), and the word is not one letter from a word
  // Hunspell knows (a typo: "befor", "comand"). Left part shortest first.
  std::vector<std::pair<std::string, std::string>> glued_words(std::string_view word) const;
  // Whether a word Hunspell knows is one deletion, transposition, substitution or insertion of a
  // letter away from `word` (lowercase ASCII).
  bool near_known_word(std::string_view word) const;

  // Whether the lexicon offers `original` for the spun text `spun` (case-insensitive): a number
  // rule, or a split of both into aligned pieces of up to four words where each spun piece is
  // the original piece or has it as a phrase entry or a thesaurus candidate (among the first
  // `limit`). For measuring candidate coverage; the repair engine uses the finer calls.
  bool proposes(std::string_view spun, std::string_view original, std::size_t limit = 200) const;

  const PhraseTable& phrases() const { return phrases_; }
  const Thesaurus& thesaurus() const { return thesaurus_; }
  const Morphology& morphology() const { return morphology_; }
  // What each tortured-phrase CSV import kept and skipped, by file.
  const std::vector<std::pair<std::string, ImportSummary>>& imports() const { return imports_; }

 private:
  Lexicon(Morphology morphology) : morphology_(std::move(morphology)) {}
  PhraseTable phrases_;
  Thesaurus thesaurus_;
  Morphology morphology_;
  std::vector<std::pair<std::string, ImportSummary>> imports_;
};

}  // namespace unspin::lexicon
