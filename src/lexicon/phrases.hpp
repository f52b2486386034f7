// The phrase dictionary: spun forms and the originals they likely replaced, matched on tokens.
//
//   PhraseTable table;
//   table.load(dictionary_path("phrases.tsv"));       // built-in TSV
//   table.load("pps_tortured.csv");                    // user TSV or a tortured-phrase CSV
//   for (const PhraseMatch& m : table.match(doc, i)) use(m.entry->original, m.end_token);
//
// A spun form is matched token by token, case-insensitively, with the same spacing: "know-how"
// matches the tokens know, -, how with nothing between them; "by no means" needs one space (any
// width) between its words. Tortured-phrase CSVs (Problematic Paper Screener: columns named
// tortured_phrase and expected_phrase) are imported too; their AND / NOT / ~N rows are conditions
// on whole documents, kept apart as DocumentRules for the detector.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/document.hpp"
#include "text/string_map.hpp"

namespace unspin::lexicon {

enum class PhraseSource : std::uint8_t {
  BuiltIn,   // dictionaries/phrases.tsv
  User,      // a TSV given with --phrases
  Tortured,  // a tortured-phrase list
};
const char* to_string(PhraseSource source);

struct PhraseEntry {
  std::vector<std::string> tokens;  // the spun form's tokens, lowercase, spaces dropped
  std::vector<bool> space_before;   // whether tokens[k] follows a space
  std::string spun;                 // as written in the dictionary
  std::string original;
  float weight = 0;
  PhraseSource source = PhraseSource::BuiltIn;
  std::string origin;  // "phrases.tsv:12"
};

// A tortured-phrase condition on a whole document: all `required` phrases occur, none of the
// `excluded` ones (proximity rows keep their words as `required`).
struct DocumentRule {
  std::vector<std::string> required;
  std::vector<std::string> excluded;
  std::string expected;
  std::string origin;
};

struct ImportSummary {
  std::size_t phrases = 0;
  std::size_t rules = 0;
  std::map<std::string, std::size_t> skipped;  // reason -> rows
  std::size_t skipped_total() const;
  bool empty() const { return phrases + rules + skipped_total() == 0; }  // nothing imported: a TSV
  std::string describe() const;  // "7012 phrases, 635 document conditions, 322 skipped (...)"
};

// A document's tokens lowercased, by interned type: token i reads lower[types[i]]. Four bytes a
// token instead of a string each (lattice::DocumentWords makes one).
struct LowerTokens {
  std::span<const std::uint32_t> types;
  std::span<const std::string_view> lower;
  std::string_view operator[](std::size_t token) const { return lower[types[token]]; }
};

struct PhraseMatch {
  const PhraseEntry* entry;
  std::uint32_t end_token;  // one past the last matched token of the document
};

class PhraseTable {
 public:
  // Loads a TSV (spun, original, weight) or, when the first line names a tortured_phrase column,
  // a tortured-phrase CSV. Throws ResourceError("FILE:LINE: reason") on a malformed TSV line and
  // for a missing file. Returns what a CSV import kept and skipped (empty for a TSV).
  ImportSummary load(const std::string& path, PhraseSource tsv_source = PhraseSource::User);

  // Entries whose spun form starts at document token `first` (a word), longest first. `lower`,
  // when given, holds every token of `doc` already lowercased (callers matching at many tokens
  // lowercase once); otherwise tokens are lowercased on the fly.
  std::vector<PhraseMatch> match(const text::Document& doc, std::size_t first, const LowerTokens* lower = nullptr) const;
  // The entries whose spun form starts with this lowercase token, or nullptr: most words cannot
  // start a match, and callers that see a spelling many times ask once and keep the answer.
  using Starts = std::vector<std::uint32_t>;
  const Starts* starts(std::string_view lower_token) const {
    const auto it = by_first_.find(lower_token);
    return it == by_first_.end() ? nullptr : &it->second;
  }
  // match() for a caller that has looked up the token's starts(): appends to `out`.
  void match(const text::Document& doc, std::size_t first, const LowerTokens& lower, const Starts& starts,
             std::vector<PhraseMatch>& out) const;
  // Entries with exactly this spun form (lowercase, as written in a dictionary).
  std::vector<const PhraseEntry*> lookup(std::string_view spun) const;

  std::size_t size() const { return entries_.size(); }
  const std::vector<DocumentRule>& rules() const { return rules_; }

 private:
  void load_tsv(const std::string& path, const std::string& data, PhraseSource source);
  ImportSummary load_csv(const std::string& path, const std::string& data);
  void add(std::string spun, std::string original, float weight, PhraseSource source, std::string origin);

  std::vector<PhraseEntry> entries_;  // stable indexes; by_first_ points into it by index
  text::StringMap<Starts> by_first_;  // longest entry first; never changed after loading
  text::StringMap<std::vector<std::uint32_t>> by_spun_;  // for lookup()
  std::vector<DocumentRule> rules_;
  text::Segmenter segmenter_;  // tokenizes spun forms exactly as documents are tokenized
};

}  // namespace unspin::lexicon
