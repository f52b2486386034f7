// Rules for the number garble of article spinners, which treat digits as words:
//   "seven.6 million"       -> "7.6 million"    (a digit spelled out before a decimal point)
//   "Twenty first-century"  -> "21st-century"   (an ordinal spelled out before "-century")
//   "the eighth Special..." -> "the 8th ..."    (only where the document itself writes ordinals
//                                                in digits, and before a capitalised name)
//
//   for (const NumberFix& f : number_fixes(doc)) edit(f.begin_token, f.end_token, f.replacement);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/document.hpp"

namespace unspin::lexicon {

struct NumberFix {
  std::uint32_t begin_token;  // first token replaced
  std::uint32_t end_token;    // one past the last
  std::string replacement;
  float confidence;           // how sure the rule is, in (0, 1]
  std::string reason;
};

// Every fix the rules propose, in document order, non-overlapping.
std::vector<NumberFix> number_fixes(const text::Document& doc);

}  // namespace unspin::lexicon
