// Token alignment for evaluation: where two token sequences differ, as hunks.
//
//   std::vector<std::string_view> a = {"they", "had", "been", "here"}, b = {"they", "were", "here"};
//   std::vector<Hunk> hunks = align(a, b);   // {{1, 3, 1, 2}}: a[1,3) became b[1,2)
//
// Levenshtein alignment (unit costs) with a deterministic backtrace; consecutive edits form one
// hunk, so "heat phrases" for "warm words" is one hunk of two tokens. Common prefixes and
// suffixes are trimmed first; a remaining middle larger than kMaxCells is reported as a single
// hunk rather than aligned (it never happens on line- or sentence-sized units).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace unspin::eval {

struct Hunk {
  std::uint32_t a_begin, a_end;  // replaced tokens in a
  std::uint32_t b_begin, b_end;  // their replacement in b
  bool operator==(const Hunk&) const = default;
};

inline constexpr std::size_t kMaxCells = 16u << 20;

struct Alignment {
  std::vector<Hunk> hunks;
  std::size_t distance = 0;  // token edit distance
};

Alignment align(std::span<const std::string_view> a, std::span<const std::string_view> b);

// Maps positions in a to positions in b (0..a.size() inclusive) through an alignment: the first
// and the last b position that a boundary at `p` corresponds to (they differ only where b has
// tokens inserted at p).
struct BoundaryMap {
  std::vector<std::uint32_t> first;
  std::vector<std::uint32_t> last;
};
BoundaryMap boundary_map(std::size_t a_size, std::span<const Hunk> hunks);

}  // namespace unspin::eval
