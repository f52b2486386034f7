// Case shape of a word, and re-casing a replacement to the shape of the word it replaces.
//
//   CaseShape shape = case_shape("Primary");           // CaseShape::Title
//   std::string out = apply_case_shape("first", shape);  // "First"
//   case_shape("NATO") == CaseShape::Upper; case_shape("iPhone") == CaseShape::Mixed;
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace unspin::text {

enum class CaseShape : std::uint8_t {
  None,   // no cased letters: numbers, punctuation, CJK
  Lower,  // every cased letter lowercase: "troops"
  Title,  // first cased letter upper, the rest lower: "Troops", "A"
  Upper,  // two or more cased letters, all upper: "NATO"
  Mixed,  // anything else: "McDonald", "iPhone"
};

const char* to_string(CaseShape shape);

// Shape of a UTF-8 string; invalid bytes are ignored.
CaseShape case_shape(std::string_view word);

// Re-cases `word` (assumed lowercase) to `shape`. Mixed and None leave it as it is, because no
// rule can guess where the capitals of "iPhone" would go in another word.
std::string apply_case_shape(std::string_view word, CaseShape shape);

// The replacement `original` (as a dictionary spells it) for written text of shape `written`.
// It is lowercased and re-cased to the written shape ("Primary" -> "First"), except that an
// acronym, a single all-capitals word, is expanded as the dictionary spells it when the
// dictionary gives it capitals of its own ("USA" -> "United States", not "UNITED STATES").
std::string carry_case(std::string_view original, CaseShape written, bool single_word);

// The same for a replacement of several written words, given each word's shape in order. Where
// the replacement has as many words, each takes the shape of its counterpart ("Metropolis
// Corridor" -> "City Hall", "Took half in" -> "Took part in"); otherwise the first written word's
// shape decides, as above ("Quite a" -> "A").
std::string carry_case(std::string_view original, std::span<const CaseShape> written);

// Full Unicode lowercase of a UTF-8 string (ICU root locale), with an ASCII fast path.
std::string to_lower(std::string_view word);

}  // namespace unspin::text
