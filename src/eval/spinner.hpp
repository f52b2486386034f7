// A synthetic article spinner, for measurement: it makes (spun, original) pairs from clean text
// the way word-for-word spinners do, replacing words and phrases by "synonyms" without regard
// to sense, at a given rate, with a seeded random generator.
//
//   SpinTable table = SpinTable::load_news("dictionaries/spinner-news.tsv");
//   Spinner spinner(table, SpinOptions{.rate = 0.8, .seed = 7});
//   SpinResult r = spinner.spin(doc);   // r.text is the spun text, r.edits what was changed
//
// Profiles: `news` uses the project's table of stock news-spinner substitutions; `thesaurus`
// picks random single-word synonyms from the Moby thesaurus. The table must outlive the Spinner.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/document.hpp"

namespace unspin::eval {

struct SpinEntry {
  std::vector<std::string> words;  // the original, lowercase, one string per word
  std::vector<std::string> spun;   // replacements, one chosen at random
  bool heldout = false;            // held out of the fixer's dictionaries
};

// Which entries the spinner may use.
enum class SpinSplit { All, Seen, Heldout };

class SpinTable {
 public:
  // The news profile table (TSV: original, spun alternatives " | ", split). Throws
  // ResourceError("FILE:LINE: reason") on a malformed line or a missing file.
  static SpinTable load_news(const std::string& path);
  // The thesaurus profile: Moby's words.txt (root,syn,syn,...). Keeps single-word lowercase
  // roots that are not function words, with their single-word lowercase synonyms.
  static SpinTable load_moby(const std::string& path);

  // Entries whose first word is `first_word` (lowercase), longest first.
  const std::vector<SpinEntry>* find(std::string_view first_word) const;
  std::size_t size() const { return size_; }

 private:
  void add(SpinEntry entry);
  std::unordered_map<std::string, std::vector<SpinEntry>> by_first_word_;
  std::size_t size_ = 0;
};

struct SpinOptions {
  double rate = 0.8;            // probability that an eligible word or phrase is replaced
  std::uint64_t seed = 1;       // same seed, same input: same output
  SpinSplit split = SpinSplit::All;
};

struct SpinEdit {
  std::size_t original_begin = 0;  // bytes in the original
  std::size_t original_end = 0;
  std::size_t spun_begin = 0;      // bytes in the spun text
  std::size_t spun_end = 0;
  std::string original;
  std::string replacement;
  bool heldout = false;
};

struct SpinResult {
  std::string text;
  std::vector<SpinEdit> edits;  // sorted, not overlapping
};

// Where byte offset `p` of the spun text lies in the original; nothing when it falls strictly
// inside a replacement. A span [b, e) of the spun text that maps to [original_offset(b),
// original_offset(e)) covers whole replacements only.
std::optional<std::size_t> original_offset(const SpinResult& spin, std::size_t p);

class Spinner {
 public:
  Spinner(const SpinTable& table, SpinOptions options);
  // Deterministic for a given table, options and document.
  SpinResult spin(const text::Document& doc) const;

 private:
  const SpinTable& table_;
  SpinOptions options_;
};

}  // namespace unspin::eval
