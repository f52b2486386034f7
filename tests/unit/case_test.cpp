#include "text/case.hpp"

#include <catch2/catch.hpp>

#include <string>

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
