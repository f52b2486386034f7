#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <cstring>

namespace unspin::text {
namespace {

// Skips a run of ASCII bytes eight at a time; returns the offset of the first non-ASCII byte.
std::size_t skip_ascii(std::string_view s, std::size_t i) {
  const char* p = s.data();
  const std::size_t n = s.size();
  while (i + 8 <= n) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < n && static_cast<unsigned char>(p[i]) < 0x80) ++i;
  return i;
}

}  // namespace

Decoded decode(std::string_view s, std::size_t i) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto length = static_cast<std::int64_t>(s.size());
  auto at = static_cast<std::int64_t>(i);
  UChar32 c;
  U8_NEXT(bytes, at, length, c);
  return {c, static_cast<std::size_t>(at)};
}

std::size_t find_invalid_utf8(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (true) {
    i = skip_ascii(s, i);
    if (i >= s.size()) return std::string_view::npos;
    const Decoded d = decode(s, i);
    if (d.code_point < 0) return i;
    i = d.next;
  }
}

std::vector<ByteRange> invalid_utf8_ranges(std::string_view s) {
  std::vector<ByteRange> out;
  std::size_t i = 0;
  while ((i = find_invalid_utf8(s, i)) != std::string_view::npos) {
    const std::size_t next = decode(s, i).next;
    if (!out.empty() && out.back().end == i) {
      out.back().end = next;  // adjacent bad subparts form one untouchable range
    } else {
      out.push_back({i, next});
    }
    i = next;
  }
  return out;
}

std::size_t find_nul(std::string_view s) {
  const void* hit = std::memchr(s.data(), 0, s.size());
  return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - s.data())
             : std::string_view::npos;
}

}  // namespace unspin::text
