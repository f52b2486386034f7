// Printers for reviewing `unspin fix`: a unified diff, a word diff and the JSON edit list.
//
//   std::string out;
//   append_unified_diff(out, "article.txt", doc.bytes(), edits);   // `patch -p1` / `git apply`
//   append_word_diff(out, doc.bytes(), edits, /*color=*/false);     // ... [-stated-]{+said+} ...
//   append_fix_json(out, "article.txt", doc, edits, &scores);        // one line, schema unspin-fix/1
//
// The edits are the engine's (sorted, non-overlapping byte ranges of `text`); applying them to
// the text gives exactly what `unspin fix` prints, and so does applying the unified diff.
//
// JSON schema "unspin-fix/1" (one object per input, one per line; docs/REVIEW.md):
//   {"schema": "unspin-fix/1", "file": str, "sha256": hex of the input bytes, "bytes": n,
//    "edits": [{"start": byte, "end": byte, "line": n, "column": n (1-based, in bytes),
//               "old": str, "new": str, "confidence": 0..1, "source": "phrase"|"thesaurus"|
//               "number"|"user"|"split"|"scrape", "reason": str, "runners_up": [{"text": str, "confidence": num}]}],
//    "document": {"score": 0..1, "label": str},
//    "passages": [{"start", "end", "line", "score", "label"}]}
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "detect/detector.hpp"
#include "repair/edit.hpp"
#include "text/document.hpp"

namespace unspin::report {

// Nothing is appended when there are no edits (like diff(1) for identical files).
void append_unified_diff(std::string& out, std::string_view name, std::string_view text,
                         std::span<const repair::Edit> edits, std::size_t context = 3);

// The whole text with each edit inline: "[-old-]{+new+}", or, with `color`, the old text in red
// and the new in green without the brackets (as `git diff --word-diff=color`).
void append_word_diff(std::string& out, std::string_view text, std::span<const repair::Edit> edits, bool color);

// `scores` may be null (then "document" and "passages" are omitted).
void append_fix_json(std::string& out, std::string_view name, const text::Document& doc,
                     std::span<const repair::Edit> edits, const detect::DocumentScore* scores);

}  // namespace unspin::report
