// Printers for `unspin check`: one text block or one JSON line per input.
//
//   std::string out;
//   append_check_json(out, "article.txt", doc, detector.score(doc));   // one line, ends in \n
//   append_check_text(out, "article.txt", doc, scores);                // FILE:LINE: score label
//
// JSON schema (one object per input, one per line):
//   {"file": str, "score": 0..1, "label": "spun"|"clean",
//    "passages": [{"start": byte, "end": byte, "line": n, "score": 0..1, "label": str,
//                  "evidence": [{"start": byte, "end": byte, "text": str, "reason": str,
//                                "weight": num}]}]}
// Text: a line per passage, "FILE:LINE: 0.00 clean", with up to three pieces of evidence after
// the label, then "FILE: 0.00 clean (document: P passages, S spun)".
#pragma once

#include <string>
#include <string_view>

#include "detect/detector.hpp"
#include "text/document.hpp"

namespace unspin::report {

void append_check_json(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores);

void append_check_text(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores);

}  // namespace unspin::report
