// A number written with a fixed count of decimals, as printf's "%.*f" writes it, without going
// through printf (evidence strings are built for every hit, so this is on the hot path).
//
//   text::decimals(0.91234, 2)   // "0.91"
//   text::decimals(1234.5, 0)    // "1234" (round half to even, as printf)
//   text::append_decimals(reason, gain, 2)
#pragma once

#include <algorithm>
#include <charconv>
#include <string>

namespace unspin::text {

// Appends decimals(x, places) to `out`, without a string of its own.
inline void append_decimals(std::string& out, double x, int places) {
  // Room for any double in fixed notation (up to 309 integer digits) with up to 100 places.
  char buf[432];
  const auto [end, error] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, std::min(places, 100));
  if (error == std::errc{}) out.append(buf, end);
}

inline std::string decimals(double x, int places) {
  std::string out;
  append_decimals(out, x, places);
  return out;
}

}  // namespace unspin::text
