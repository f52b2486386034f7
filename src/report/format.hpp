// Small formatting helpers shared by the printers.
//
//   decimals(0.91234, 2)            // "0.91"
//   write_passage_fields(w, p);     // "start", "end", "line", "score", "label" of a scored unit
#pragma once

#include <string>

#include "detect/detector.hpp"
#include "report/json.hpp"
#include "text/decimals.hpp"

namespace unspin::report {

using text::decimals;

// The members every scored unit carries in the JSON schemas, inside an open object.
inline void write_passage_fields(JsonWriter& w, const detect::PassageScore& p) {
  w.key("start").value(static_cast<std::uint64_t>(p.begin));
  w.key("end").value(static_cast<std::uint64_t>(p.end));
  w.key("line").value(p.line);
  w.key("score").value(p.score);
  w.key("label").value(detect::to_string(p.label));
}

}  // namespace unspin::report
