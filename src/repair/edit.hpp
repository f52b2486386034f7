// An edit the engine proposes, and applying a list of edits to the original bytes.
//
//   std::vector<Edit> edits = fixer.fix(doc).edits;
//   std::string repaired = apply_edits(doc.bytes(), edits);   // bytes outside edits unchanged
//
// Edits are plain data with byte offsets into the input; printers (text, diffs, JSON, HTML) turn
// them into output. The engine never prints.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::repair {

enum class EditSource : std::uint8_t {
  Phrase,     // the built-in spinner phrase dictionary
  Thesaurus,  // a reverse-thesaurus candidate chosen by the language model
  Number,     // a number-garble rule ("seven.6 million" -> "7.6 million")
  User,       // a user dictionary given with --phrases (including tortured-phrase lists)
  Split,      // two words run together by scraping ("soldierstheir" -> "soldiers their")
  Scrape,     // a scraping leftover line deleted (fix --leftovers; repair/leftovers.hpp)
};
inline constexpr std::size_t kEditSources = 6;  // for tables indexed by EditSource

const char* to_string(EditSource source);

struct Alternative {
  std::string replacement;
  double confidence;  // the same measure as Edit::confidence, had this been chosen
};

struct Edit {
  std::size_t begin = 0;  // byte offsets of the replaced span in the input
  std::size_t end = 0;
  std::string replacement;
  double confidence = 0;  // in [0, 1]: how sure the engine is that the original read `replacement`
  EditSource source = EditSource::Phrase;
  std::string reason;  // one line a reviewer can check: "“by no means” is a spinner form of “never”"
                       // (empty when FixOptions::reasons is off)
  std::vector<Alternative> runners_up;  // other candidates for the same span, best first
};

// Returns `text` with every edit applied. Edits must be sorted by offset, lie inside the text and
// not overlap; otherwise throws InputError naming the first bad edit. Bytes outside the edits are
// copied unchanged, so an empty list returns the input byte for byte.
std::string apply_edits(std::string_view text, std::span<const Edit> edits);

// The same, streamed: calls `sink(piece)` for each unchanged stretch and each replacement, in
// order, without building the whole output in memory.
template <typename Sink>
void for_each_piece(std::string_view text, std::span<const Edit> edits, Sink&& sink);

namespace detail {
// Throws InputError unless edits[i] starts at or after `at` and lies inside `size` bytes.
void check_edit(std::span<const Edit> edits, std::size_t i, std::size_t at, std::size_t size);
}  // namespace detail

template <typename Sink>
void for_each_piece(std::string_view text, std::span<const Edit> edits, Sink&& sink) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    detail::check_edit(edits, i, at, text.size());
    if (edits[i].begin > at) sink(text.substr(at, edits[i].begin - at));
    if (!edits[i].replacement.empty()) sink(std::string_view(edits[i].replacement));
    at = edits[i].end;
  }
  if (at < text.size()) sink(text.substr(at));
}

}  // namespace unspin::repair
