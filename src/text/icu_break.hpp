// ICU break iteration over UTF-8 buffers, with no copy into UTF-16.
//
//   BreakFinder words(BreakFinder::Unit::Word);
//   std::vector<std::size_t> cuts;
//   words.boundaries("Hello, world.", cuts);   // {0, 5, 6, 7, 12, 13}
//   words.set_text(text); for (auto b = words.next(); b != BreakFinder::npos; b = words.next()) ...
//
// Boundaries are byte offsets relative to the start of the text passed in. ICU types stay in the
// .cpp file. A BreakFinder is not thread-safe: give each thread its own (they are cheap to make
// once, expensive to make per sentence, so keep one for the life of a Segmenter).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::text {

class BreakFinder {
 public:
  enum class Unit {
    Word,      // ICU word boundaries (UAX #29), English rules
    Sentence,  // ICU sentence boundaries with English abbreviation suppression ("Mr.", "Dr.")
  };

  // Throws ResourceError when ICU cannot create the iterator (missing ICU data).
  explicit BreakFinder(Unit unit);
  ~BreakFinder();
  BreakFinder(BreakFinder&&) noexcept;
  BreakFinder& operator=(BreakFinder&&) noexcept;
  BreakFinder(const BreakFinder&) = delete;  // an ICU iterator holds per-text state
  BreakFinder& operator=(const BreakFinder&) = delete;

  // Starts iterating over `text`, which must stay alive and unchanged until the next set_text().
  // Invalid UTF-8 reads as U+FFFD; boundaries never split a valid multi-byte sequence.
  void set_text(std::string_view text);
  // The next boundary after 0 (byte offset into the text), or npos after the last one, which is
  // always text.size().
  std::size_t next();

  // Replaces `out` with every boundary of `text`, starting with 0 and ending with text.size().
  void boundaries(std::string_view text, std::vector<std::size_t>& out);

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The abbreviations after which ICU's English sentence iterator (Unit::Sentence) does not break,
// read from ICU's data ("Mr.", "U.S.", ...), as UTF-8. Throws ResourceError when ICU's data
// cannot be opened; an empty list when it has none for English.
std::vector<std::string> sentence_abbreviations();

}  // namespace unspin::text
