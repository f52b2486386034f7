// The repair engine: proposes edits that restore the original wording of spun text.
//
//   Fixer fixer(FixOptions{});
//   FixResult result = fixer.fix(doc);
//   std::string repaired = apply_edits(doc.bytes(), result.edits);
//
// Foundation stage: no candidate sources are wired in yet (lexicon and language model come
// next), so fix() proposes no edits and every document comes back byte-identical. The interface
// is the one later stages fill in.
#pragma once

#include <vector>

#include "repair/edit.hpp"
#include "text/document.hpp"

namespace unspin::repair {

struct FixOptions {
  // Minimum confidence for an edit to be kept. Default: conservative (see docs/QUALITY.md).
  double threshold = 0.9;
};

struct FixResult {
  std::vector<Edit> edits;  // sorted by offset, non-overlapping
};

// Thread-safe for concurrent fix() calls once constructed.
class Fixer {
 public:
  explicit Fixer(FixOptions options = {});
  FixResult fix(const text::Document& doc) const;
  const FixOptions& options() const { return options_; }

 private:
  FixOptions options_;
};

}  // namespace unspin::repair
