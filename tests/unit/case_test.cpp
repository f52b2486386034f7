#include "text/case.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "text/decimals.hpp"

using unspin::text::apply_case_shape;
using unspin::text::case_shape;
using unspin::text::CaseShape;

TEST_CASE("case_shape classifies words", "[case]") {
  struct Row {
    const char* word;
    CaseShape shape;
  };
  const Row rows[] = {
      {"troops", CaseShape::Lower},   {"Troops", CaseShape::Title},  {"NATO", CaseShape::Upper},
      {"iPhone", CaseShape::Mixed},   {"McDonald", CaseShape::Mixed}, {"A", CaseShape::Title},
      {"I", CaseShape::Title},        {"21st", CaseShape::Lower},    {"1945", CaseShape::None},
      {"Ölfeld", CaseShape::Title},   {"ÉTÉ", CaseShape::Upper},     {"don’t", CaseShape::Lower},
      {"Jong-un", CaseShape::Title},  {"北朝鮮", CaseShape::None},     {"ǅemal", CaseShape::Title},
  };
  for (const Row& row : rows) {
    CAPTURE(row.word);
    CHECK(case_shape(row.word) == row.shape);
  }
}

TEST_CASE("apply_case_shape re-cases a replacement", "[case]") {
  CHECK(apply_case_shape("first", CaseShape::Title) == "First");
  CHECK(apply_case_shape("first", CaseShape::Upper) == "FIRST");
  CHECK(apply_case_shape("First", CaseShape::Lower) == "first");
  CHECK(apply_case_shape("know-how", CaseShape::Title) == "Know-how");
  CHECK(apply_case_shape("never", CaseShape::Mixed) == "never");
  CHECK(apply_case_shape("élan", CaseShape::Title) == "Élan");
  CHECK(apply_case_shape("straße", CaseShape::Upper) == "STRASSE");
  CHECK(unspin::text::to_lower("ÜBER") == "über");
}

TEST_CASE("carry_case re-cases a replacement and expands acronyms as spelt", "[case]") {
  using unspin::text::carry_case;
  CHECK(carry_case("United States", CaseShape::Upper, true) == "United States");  // "USA"
  CHECK(carry_case("United States", CaseShape::Upper, false) == "UNITED STATES");  // a shouted phrase
  CHECK(carry_case("Machine Learning", CaseShape::Lower, false) == "machine learning");
  CHECK(carry_case("Machine Learning", CaseShape::Title, false) == "Machine learning");
  CHECK(carry_case("troops", CaseShape::Upper, true) == "TROOPS");
  CHECK(carry_case("first", CaseShape::Title, true) == "First");
  CHECK(carry_case("7.6", CaseShape::None, true) == "7.6");
}

TEST_CASE("carry_case re-cases a phrase word by word when the word counts match", "[case]") {
  using unspin::text::carry_case;
  const std::vector<CaseShape> title_title{CaseShape::Title, CaseShape::Title};
  CHECK(carry_case("city hall", title_title) == "City Hall");  // "Metropolis Corridor"
  const std::vector<CaseShape> title_lower_lower{CaseShape::Title, CaseShape::Lower, CaseShape::Lower};
  CHECK(carry_case("took part in", title_lower_lower) == "Took part in");
  const std::vector<CaseShape> title_lower_title{CaseShape::Title, CaseShape::Lower, CaseShape::Title};
  CHECK(carry_case("house of representatives", title_lower_title) == "House of Representatives");
  // Different counts: the first word's shape decides, as for a phrase written lowercase.
  const std::vector<CaseShape> title_lower{CaseShape::Title, CaseShape::Lower};
  CHECK(carry_case("a", title_lower) == "A");  // "Quite a"
  CHECK(carry_case("in order to", title_title) == "In order to");
  const std::vector<CaseShape> upper_upper{CaseShape::Upper, CaseShape::Upper};
  CHECK(carry_case("white house", upper_upper) == "WHITE HOUSE");
  // A mixed-case word ("iPhone") gives no shape to copy: its counterpart is kept as spelt.
  const std::vector<CaseShape> mixed_lower{CaseShape::Mixed, CaseShape::Lower};
  CHECK(carry_case("Apple sales", mixed_lower) == "Apple sales");
}

TEST_CASE("decimals writes what printf's %.*f writes", "[text]") {
  CHECK(unspin::text::decimals(0.91234, 2) == "0.91");
  CHECK(unspin::text::decimals(-1.005, 1) == "-1.0");
  CHECK(unspin::text::decimals(2.5, 0) == "2");  // round half to even on the exact binary value
  CHECK(unspin::text::decimals(1234.5678, 0) == "1235");
  const std::string huge = unspin::text::decimals(1e300, 2);  // no truncation for any double
  CHECK(huge.size() == 301 + 3);
  CHECK(huge.substr(huge.size() - 3) == ".00");
}
