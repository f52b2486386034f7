#include "text/case.hpp"

#include <boost/algorithm/string/split.hpp>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/uchar.h>

#include "text/utf8.hpp"

namespace unspin::text {
namespace {

enum class Mapping { Lower, Upper, Title };

std::string map_case(std::string_view word, Mapping mapping) {
  std::string out;
  out.reserve(word.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  const auto length = static_cast<int32_t>(word.size());
  switch (mapping) {
    case Mapping::Lower:
      icu::CaseMap::utf8ToLower("", 0, {word.data(), length}, sink, nullptr, status);
      break;
    case Mapping::Upper:
      icu::CaseMap::utf8ToUpper("", 0, {word.data(), length}, sink, nullptr, status);
      break;
    case Mapping::Title:
      // Only the first letter is titlecased; the rest stays as given ("know-how" -> "Know-how").
      icu::CaseMap::utf8ToTitle("", U_TITLECASE_NO_LOWERCASE | U_TITLECASE_WHOLE_STRING, nullptr,
                                {word.data(), length}, sink, nullptr, status);
      break;
  }
  if (U_FAILURE(status)) return std::string(word);  // only on invalid input; keep it untouched
  return out;
}

}  // namespace

const char* to_string(CaseShape shape) {
  switch (shape) {
    case CaseShape::None: return "none";
    case CaseShape::Lower: return "lower";
    case CaseShape::Title: return "title";
    case CaseShape::Upper: return "upper";
    case CaseShape::Mixed: return "mixed";
  }
  return "?";
}

CaseShape case_shape(std::string_view word) {
  int upper = 0;
  int lower = 0;
  bool first_upper = false;
  bool seen_cased = false;
  bool later_upper = false;
  for (std::size_t i = 0; i < word.size();) {
    bool is_upper, is_lower;
    if (const auto byte = static_cast<unsigned char>(word[i]); byte < 0x80) {
      // ASCII, without a call into ICU: only A-Z and a-z are cased.
      is_upper = byte >= 'A' && byte <= 'Z';
      is_lower = byte >= 'a' && byte <= 'z';
      ++i;
    } else {
      const Decoded d = decode(word, i);
      i = d.next;
      if (d.code_point < 0) continue;
      is_upper = u_isupper(d.code_point) || u_istitle(d.code_point);
      is_lower = u_islower(d.code_point);
    }
    if (!is_upper && !is_lower) continue;
    if (!seen_cased) {
      first_upper = is_upper;
      seen_cased = true;
    } else if (is_upper) {
      later_upper = true;
    }
    (is_upper ? upper : lower) += 1;
  }
  if (upper == 0 && lower == 0) return CaseShape::None;
  if (upper == 0) return CaseShape::Lower;
  if (lower == 0) return upper == 1 ? CaseShape::Title : CaseShape::Upper;
  if (first_upper && !later_upper) return CaseShape::Title;
  return CaseShape::Mixed;
}

std::string apply_case_shape(std::string_view word, CaseShape shape) {
  switch (shape) {
    case CaseShape::Lower: return map_case(word, Mapping::Lower);
    case CaseShape::Upper: return map_case(word, Mapping::Upper);
    case CaseShape::Title: return map_case(word, Mapping::Title);
    case CaseShape::None:
    case CaseShape::Mixed: break;
  }
  return std::string(word);
}

std::string carry_case(std::string_view original, CaseShape written, bool single_word) {
  const CaseShape own = case_shape(original);
  if (own == CaseShape::Lower || own == CaseShape::None) return apply_case_shape(original, written);
  if (written == CaseShape::Upper && single_word) return std::string(original);
  return apply_case_shape(to_lower(original), written);
}

std::string carry_case(std::string_view original, std::span<const CaseShape> written) {
  if (written.empty()) return std::string(original);
  if (written.size() == 1) return carry_case(original, written.front(), true);
  std::vector<std::string_view> words;
  boost::algorithm::split(words, original, [](char c) { return c == ' '; });
  if (words.size() != written.size()) return carry_case(original, written.front(), false);
  std::string out;
  out.reserve(original.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    const bool recase = written[i] != CaseShape::Mixed && written[i] != CaseShape::None;
    out += recase ? apply_case_shape(to_lower(words[i]), written[i]) : std::string(words[i]);
  }
  return out;
}

std::string to_lower(std::string_view word) {
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii) return map_case(word, Mapping::Lower);
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace unspin::text
