// Word boundaries of pure ASCII text without ICU: the rules of Unicode's word segmentation
// (UAX #29, as ICU implements them) restricted to the characters below U+0080, where they are
// few. Most news text is ASCII, and this is several times faster than ICU's rule engine.
//
//   std::vector<std::size_t> cuts;
//   ascii_word_boundaries("don't stop, 7.6 U.S.", cuts);  // {0, 5, 6, 10, 11, 12, 15, 16, 19, 20}
//
// Gives exactly what BreakFinder(BreakFinder::Unit::Word).boundaries() gives for the same ASCII
// text (tests/unit/ascii_words_test.cpp compares the two on every byte pattern up to length 4,
// random strings and the corpus).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace unspin::text {

// Whether every byte of `text` is ASCII (below 0x80).
bool is_ascii(std::string_view text);

// Replaces `out` with the word boundaries of `text`, starting with 0 and ending with text.size()
// ({0} for ""). `text` must be ASCII.
void ascii_word_boundaries(std::string_view text, std::vector<std::size_t>& out);

}  // namespace unspin::text
