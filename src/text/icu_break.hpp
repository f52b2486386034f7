// ICU break iteration over UTF-8 buffers, with no copy into UTF-16.
//
//   BreakFinder words(BreakFinder::Unit::Word);
//   std::vector<std::size_t> cuts;
//   words.boundaries("Hello, world.", cuts);   // {0, 5, 6, 7, 12, 13}
//
// Boundaries are byte offsets relative to the start of the text passed in. ICU types stay in the
// .cpp file. A BreakFinder is not thread-safe: give each thread its own (they are cheap to make
// once, expensive to make per sentence, so keep one for the life of a Segmenter).
#pragma once

#include <cstddef>
#include <memory>
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

  // Replaces `out` with every boundary of `text`, starting with 0 and ending with text.size().
  // Invalid UTF-8 reads as U+FFFD; boundaries never split a valid multi-byte sequence.
  void boundaries(std::string_view text, std::vector<std::size_t>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unspin::text
