// UTF-8 validation and decoding on byte buffers, with an ASCII fast path.
//
//   if (auto bad = unspin::text::find_invalid_utf8(buf); bad != std::string_view::npos) ...
//   for (auto r : unspin::text::invalid_utf8_ranges(buf)) mark_untouchable(r.begin, r.end);
//   auto [cp, next] = unspin::text::decode(buf, i);   // cp < 0 for an invalid sequence
//
// "Invalid" follows ICU's U8_NEXT: overlong forms, surrogates, code points above U+10FFFF and
// truncated sequences are invalid. ICU reports each maximal invalid subpart; adjacent subparts are
// merged into one range, since a run of bad bytes is one thing to leave alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace unspin::text {

struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const ByteRange&) const = default;
};

struct Decoded {
  std::int32_t code_point;  // negative when the bytes at the offset are not valid UTF-8
  std::size_t next;         // offset just past the sequence (or past the maximal invalid subpart)
};

// Decodes the code point that starts at byte `i` (i < s.size()).
Decoded decode(std::string_view s, std::size_t i);

// Byte offset of the first invalid sequence at or after `from`, or std::string_view::npos.
std::size_t find_invalid_utf8(std::string_view s, std::size_t from = 0);

// Every run of invalid bytes, in order. Empty for valid UTF-8.
std::vector<ByteRange> invalid_utf8_ranges(std::string_view s);

// Offset of the first NUL byte, or npos. A NUL marks a binary file, which unspin refuses.
std::size_t find_nul(std::string_view s);

}  // namespace unspin::text
