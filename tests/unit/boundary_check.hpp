// Helpers for the tests that compare a hand-written boundary finder with ICU's on many strings.
//
//   auto fast = [](std::string_view t, std::vector<std::size_t>& out) { ascii_word_boundaries(t, out); };
//   CHECK(first_disagreement(BreakFinder::Unit::Word, fast, all_strings("a.1 ", 4)) == "");
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/icu_break.hpp"

namespace unspin::test {

// Every string of length `length` over `alphabet`.
inline std::vector<std::string> all_strings(std::string_view alphabet, std::size_t length) {
  std::vector<std::string> out{""};
  for (std::size_t k = 0; k < length; ++k) {
    std::vector<std::string> next;
    next.reserve(out.size() * alphabet.size());
    for (const std::string& s : out) {
      for (char c : alphabet) next.push_back(s + c);
    }
    out = std::move(next);
  }
  return out;
}

// The first of `texts` on which `fast(text, cuts)` and ICU's iterator for `unit` disagree, "<empty>"
// for the empty string, or "" if they agree on all.
template <typename Fast>
std::string first_disagreement(text::BreakFinder::Unit unit, Fast&& fast, const std::vector<std::string>& texts) {
  text::BreakFinder icu(unit);
  std::vector<std::size_t> expected, got;
  for (const std::string& t : texts) {
    icu.boundaries(t, expected);
    fast(t, got);
    if (got != expected) return t.empty() ? std::string("<empty>") : t;
  }
  return "";
}

}  // namespace unspin::test
