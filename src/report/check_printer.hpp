// Printers for `unspin check`: one text block or one JSON line per input.
//
//   std::string out;
//   append_check_json(out, "article.txt", doc, detector.score(doc), {});   // one line, ends in \n
//   append_check_text(out, "article.txt", doc, scores, {.explain = true, .weights = &w});
//
// JSON schema "unspin-check/1" (one object per input, one per line; docs/DETECTION.md):
//   {"schema": "unspin-check/1", "file": str, "score": 0..1, "label": "spun"|"clean",
//    "words": n, "hits": n, "tortured_hits": n, "tortured_suspicious": bool (5 or more),
//    "hits_per_1000_words": num,
//    "passages": [UNIT...], "sentences": [UNIT...]}
//   UNIT = {"start": byte, "end": byte, "line": n, "score": 0..1, "label": str,
//           "evidence": [{"start": byte, "end": byte, "text": str, "kind": "phrase"|"tortured"|
//                         "number"|"frequency", "original": str, "gain": num, "reason": str,
//                         "weight": num}]}
// Text: a line per passage, "FILE:LINE: 0.00 clean", with up to three pieces of evidence after
// the label, then "FILE: 0.00 clean (document: P passages, S spun; H hits, X per 1,000 words)".
#pragma once

#include <string>
#include <string_view>

#include "detect/detector.hpp"
#include "text/document.hpp"

namespace unspin::report {

struct CheckView {
  double min_score = 0;    // passages and sentences scoring below this are left out
  bool sentences = false;  // text: a line per sentence under its passage
  bool explain = false;    // text: each score's inputs and weights (needs `weights`)
  const detect::DetectorWeights* weights = nullptr;
};

void append_check_json(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores, const CheckView& view);

void append_check_text(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores, const CheckView& view);

}  // namespace unspin::report
