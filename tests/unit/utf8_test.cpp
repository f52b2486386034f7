#include "text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using unspin::text::ByteRange;
using unspin::text::find_invalid_utf8;
using unspin::text::find_nul;
using unspin::text::invalid_utf8_ranges;

TEST_CASE("find_invalid_utf8 reports the first bad byte", "[utf8]") {
  struct Row {
    std::string input;
    std::size_t expected;
  };
  const auto npos = std::string::npos;
  const Row rows[] = {
      {"", npos},
      {"plain ASCII text that is longer than eight bytes", npos},
      {"curly “quotes” — em dash, NBSP\u00a0, emoji 🙂, e\u0301", npos},
      {"עברית and العربية", npos},
      {"abc\xff", 3},                          // a byte that never occurs in UTF-8
      {"abcdefghij\x80", 10},                  // a lone continuation byte after the fast path
      {"\xc3", 0},                             // truncated two-byte sequence
      {"ok \xe2\x80", 3},                      // truncated three-byte sequence
      {"\xc0\xaf", 0},                         // overlong '/'
      {"x\xed\xa0\x80", 1},                    // an encoded surrogate
      {"\xf4\x90\x80\x80", 0},                 // above U+10FFFF
      {"12345678\xe2\x82\xac\xe2\x82", 11},    // valid euro, then a truncated one
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    CHECK(find_invalid_utf8(row.input) == row.expected);
  }
}

TEST_CASE("invalid_utf8_ranges merges adjacent bad bytes", "[utf8]") {
  CHECK(invalid_utf8_ranges("fine").empty());
  CHECK(invalid_utf8_ranges("a\xff\xfe b\x80") == std::vector<ByteRange>{{1, 3}, {5, 6}});
  // A truncated sequence is one maximal subpart; the ASCII byte after it is valid again.
  CHECK(invalid_utf8_ranges("\xe2\x80x") == std::vector<ByteRange>{{0, 2}});
}

TEST_CASE("find_nul finds binary content", "[utf8]") {
  CHECK(find_nul("text") == std::string::npos);
  CHECK(find_nul(std::string("ab\0cd", 5)) == 2);
}
