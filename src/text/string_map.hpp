// Hash maps keyed by std::string that can be searched with a std::string_view, so that looking up
// a token's text does not first copy it into a string.
//
//   text::StringMap<int> counts;
//   counts.emplace("troopers", 1);
//   counts.find(doc.text(token));  // std::string_view, no allocation
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace unspin::text {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <typename T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

}  // namespace unspin::text
