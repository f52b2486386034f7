#include "eval/align.hpp"

#include <algorithm>

namespace unspin::eval {

Alignment align(std::span<const std::string_view> a, std::span<const std::string_view> b) {
  Alignment result;
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;
  const auto at = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
  if (n == 0 && m == 0) return result;
  if (n == 0 || m == 0 || (n + 1) * (m + 1) > kMaxCells) {
    result.hunks.push_back({at(prefix), at(prefix + n), at(prefix), at(prefix + m)});
    result.distance = std::max(n, m);
    return result;
  }

  // d[i][j]: distance between a[prefix, prefix+i) and b[prefix, prefix+j).
  const std::size_t width = m + 1;
  std::vector<std::uint32_t> d((n + 1) * width);
  for (std::size_t j = 0; j <= m; ++j) d[j] = at(j);
  for (std::size_t i = 1; i <= n; ++i) {
    d[i * width] = at(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const std::uint32_t sub = d[(i - 1) * width + j - 1] + (a[prefix + i - 1] == b[prefix + j - 1] ? 0 : 1);
      const std::uint32_t del = d[(i - 1) * width + j] + 1;
      const std::uint32_t ins = d[i * width + j - 1] + 1;
      d[i * width + j] = std::min({sub, del, ins});
    }
  }
  result.distance = d[n * width + m];

  // Backtrace from the end; prefer a match, then a substitution, then deletion, then insertion.
  std::vector<Hunk> reversed;
  std::size_t i = n, j = m;
  bool open = false;
  Hunk current{};
  auto close = [&] {
    if (open) reversed.push_back(current);
    open = false;
  };
  while (i > 0 || j > 0) {
    const std::uint32_t here = d[i * width + j];
    if (i > 0 && j > 0 && a[prefix + i - 1] == b[prefix + j - 1] && here == d[(i - 1) * width + j - 1]) {
      close();
      --i;
      --j;
      continue;
    }
    if (!open) {
      current = {at(prefix + i), at(prefix + i), at(prefix + j), at(prefix + j)};
      open = true;
    }
    if (i > 0 && j > 0 && here == d[(i - 1) * width + j - 1] + 1) {
      --i;
      --j;
    } else if (i > 0 && here == d[(i - 1) * width + j] + 1) {
      --i;
    } else {
      --j;
    }
    current.a_begin = at(prefix + i);
    current.b_begin = at(prefix + j);
  }
  close();
  result.hunks.assign(reversed.rbegin(), reversed.rend());
  return result;
}

BoundaryMap boundary_map(std::size_t a_size, std::span<const Hunk> hunks) {
  // A boundary p maps to p plus the length change of every hunk before it. An insertion at p
  // (a hunk with an empty a side) is after "first" and before "last". Hunks are sorted and never
  // adjacent (adjacent edits merge into one hunk), so at most one hunk touches p.
  BoundaryMap map;
  map.first.resize(a_size + 1);
  map.last.resize(a_size + 1);
  auto change = [](const Hunk& h) {
    return static_cast<long>(h.b_end - h.b_begin) - static_cast<long>(h.a_end - h.a_begin);
  };
  long delta = 0;
  std::size_t h = 0;
  for (std::size_t p = 0; p <= a_size; ++p) {
    while (h < hunks.size() && hunks[h].a_end < p) delta += change(hunks[h++]);
    long first = static_cast<long>(p) + delta;
    long last = first;
    if (h < hunks.size()) {
      const Hunk& k = hunks[h];
      if (k.a_begin < p && p < k.a_end) {
        // Inside a hunk: no exact position; use the hunk's start in b.
        first = last = k.b_begin;
      } else if (k.a_end == p && k.a_begin < p) {
        first = last = first + change(k);
      } else if (k.a_begin == p && k.a_end == p) {
        last = first + change(k);
      }
    }
    map.first[p] = static_cast<std::uint32_t>(first);
    map.last[p] = static_cast<std::uint32_t>(last);
  }
  return map;
}

}  // namespace unspin::eval
