// The HTML review page of `unspin fix --html REPORT.html`: one self-contained file (inline CSS
// and script, no external assets) that works offline.
//
//   std::string page;
//   append_html_report(page, "article.txt", doc, edits, scores);
//
// The page shows a summary (edits by source, the document's spin score), the text with each edit
// highlighted (old text struck through, new text inserted; confidence, source and reason on hover
// or keyboard focus), each passage's spin score as a heat strip in the margin, and a confidence
// filter. Every piece of input text is HTML-escaped: a "<script>" in the input is shown as text.
// Elements carry stable classes and data attributes for tools and tests: .edit[data-confidence]
// [data-source], .passage[data-score], #summary, #filter.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "detect/detector.hpp"
#include "repair/edit.hpp"
#include "text/document.hpp"

namespace unspin::report {

// Appends `s` with &, <, >, " and ' escaped (safe in text and in quoted attributes).
void append_html_escaped(std::string& out, std::string_view s);

void append_html_report(std::string& out, std::string_view name, const text::Document& doc,
                        std::span<const repair::Edit> edits, const detect::DocumentScore& scores);

}  // namespace unspin::report
