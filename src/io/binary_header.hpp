// Shared pieces of unspin's binary formats (thesaurus index, language model): validating the
// header, and the sorted string table that holds each vocabulary.
//
//   const Header h = io::read_header<Header>(map.bytes(), kMagic, kVersion, "an unspin model", corrupt);
//
// `Header` is a trivially copyable struct whose first members are `char magic[8]`, then a
// `std::uint32_t version`, and which has a `std::uint64_t file_size`. `corrupt(why)` builds the
// exception to throw (it names the file). Checks: the file holds a header, the magic, the version,
// and the size the header records, so a truncated or foreign file never reaches the parser.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::io {

template <typename Header, typename Corrupt>
Header read_header(std::string_view bytes, const char (&magic)[8], std::uint32_t version, const char* what,
                   Corrupt&& corrupt) {
  if (bytes.size() < sizeof(Header)) throw corrupt("file truncated: shorter than its header");
  Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, magic, sizeof magic) != 0) throw corrupt(std::string("wrong magic: not ") + what);
  if (h.version != version) {
    throw corrupt("version " + std::to_string(h.version) + ", this unspin reads version " + std::to_string(version));
  }
  if (h.file_size != bytes.size()) {
    throw corrupt("file truncated: " + std::to_string(bytes.size()) + " bytes, header says " +
                  std::to_string(h.file_size));
  }
  return h;
}

}  // namespace unspin::io

namespace unspin::io {

// An offset table of count + 1 entries is valid when it never decreases and its last entry is
// its section's size (the caller checks that): then every range read through it stays inside
// the file.
inline bool offsets_ordered(const std::uint32_t* offsets, std::uint64_t count) {
  return std::is_sorted(offsets, offsets + count + 1);
}

// A sorted table of strings inside a mapped file: a pool of bytes and count + 1 offsets into it.
// Both binary formats keep their vocabulary this way, so that a word's id is its rank.
struct SortedStrings {
  const char* pool = nullptr;
  const std::uint32_t* offsets = nullptr;
  std::uint32_t count = 0;

  static constexpr std::uint32_t npos = 0xffffffffu;

  std::string_view at(std::uint32_t id) const { return {pool + offsets[id], offsets[id + 1] - offsets[id]}; }
  // The id of `word` by binary search, or npos.
  std::uint32_t find(std::string_view word) const {
    std::uint32_t lo = 0, hi = count;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const int c = at(mid).compare(word);
      if (c == 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return npos;
  }
};

// A hash index over a SortedStrings, built once after loading: find() gives the id binary search
// gives, in one or two probes instead of about seventeen string comparisons. Language models
// look up every new spelling of every document, which made the search the largest cost of
// checking short documents.
class StringIndex {
 public:
  StringIndex() = default;
  explicit StringIndex(const SortedStrings& strings) : strings_(strings) {
    std::size_t size = 16;
    while (size < 2 * static_cast<std::size_t>(strings.count)) size *= 2;
    slots_.assign(size, 0);
    for (std::uint32_t id = 0; id < strings.count; ++id) {
      std::size_t at = place(strings.at(id));
      while (slots_[at] != 0) {
        if (strings.at(slots_[at] - 1) == strings.at(id)) break;  // a repeated string keeps its first id
        at = (at + 1) & (slots_.size() - 1);
      }
      if (slots_[at] == 0) slots_[at] = id + 1;
    }
  }
  // The id of `word`, or SortedStrings::npos.
  std::uint32_t find(std::string_view word) const {
    if (slots_.empty()) return SortedStrings::npos;
    for (std::size_t at = place(word);; at = (at + 1) & (slots_.size() - 1)) {
      const std::uint32_t slot = slots_[at];
      if (slot == 0) return SortedStrings::npos;
      if (strings_.at(slot - 1) == word) return slot - 1;
    }
  }

 private:
  std::size_t place(std::string_view word) const { return std::hash<std::string_view>{}(word) & (slots_.size() - 1); }
  SortedStrings strings_;
  std::vector<std::uint32_t> slots_;  // id + 1; 0 for an empty slot; at most half full
};

}  // namespace unspin::io
