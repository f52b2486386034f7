#include "text/document.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "errors.hpp"

using unspin::text::CaseShape;
using unspin::text::Document;
using unspin::text::SegmentOptions;
using unspin::text::Segmenter;
using unspin::text::TokenKind;

namespace {

// Concatenates the tokens; returns "" plus a failure note if they do not tile the buffer
// (contiguous, non-empty, from 0 to the end).
std::string concatenate_tokens(const Document& doc) {
  std::string out;
  std::size_t at = 0;
  for (const auto& t : doc.tokens()) {
    if (t.begin != at || t.end <= t.begin) return "<tokens do not tile the input>";
    out += doc.text(t);
    at = t.end;
  }
  return out;
}

Document segment(std::string text, bool lenient = false) {
  Segmenter segmenter(SegmentOptions{lenient});
  return segmenter.segment(std::move(text));
}

}  // namespace

TEST_CASE("round trip is exact on tricky inputs", "[document]") {
  const std::string rows[] = {
      "",
      "\n",
      "\n\n\n",
      "no final newline",
      "Windows lines.\r\nSecond line.\r\n",
      "Old Mac lines.\rSecond.\r",
      "\xEF\xBB\xBF" "Byte-order mark first.\n",
      "Non\u00a0breaking\u00a0spaces and\ttabs\t.\n",
      "“Curly quotes,” she said — and ‘single’ ones… ok?\n",
      "Emoji 🙂 and a family 👨‍👩‍👧 and a flag 🇺🇦.\n",
      "Combining e\u0301 and a\u0308 marks.\n",
      "Right to left: שלום עולם. مرحبا بالعالم.\n",
      "Mixed — scripts: Пхеньян, 北朝鮮, Ελλάδα.\n",
      "   leading and trailing spaces   \n\t\n",
      "Numbers: 7.6 million, 11,000 troops, $5.5 billion, 21st-century, 90%.\n",
      "A\u2028line separator and\u2029paragraph separator.",
      "Control \x1b[31m characters \x07 too.\n",
  };
  for (const std::string& input : rows) {
    CAPTURE(input);
    const Document doc = segment(input);
    CHECK(concatenate_tokens(doc) == input);
    CHECK(doc.bytes() == input);
  }
}

TEST_CASE("segmentation into paragraphs, sentences and tokens", "[document]") {
  struct Row {
    const char* input;
    const char* dump;
  };
  const Row rows[] = {
      {"Hi there. Bye.\n", "{[Hi| |there|.]| |[Bye|.]}|⏎"},
      {"One\n\nTwo", "{[One]}|⏎|⏎|{[Two]}"},
      {"  Indented.  \n", "  |{[Indented|.]}|  |⏎"},
      {"A line.\r\nB line.", "{[A| |line|.]}|␍⏎|{[B| |line|.]}"},
      // ICU's English suppressions keep "Mr." inside the sentence (but not "Dr.", which it leaves).
      {"Mr. Smith met them. Then left.", "{[Mr|.| |Smith| |met| |them|.]| |[Then| |left|.]}"},
      {"It’s 7.6 million.", "{[It’s| |7.6| |million|.]}"},
      {"seven.6 million", "{[seven|.|6| |million]}"},
      {"“They don’t.” Yes.", "{[“|They| |don’t|.|”]| |[Yes|.]}"},
      {"a\u00a0\u00a0b", "{[a|\u00a0\u00a0|b]}"},
      {"\xEF\xBB\xBFHi", "\xEF\xBB\xBF|{[Hi]}"},
      {" \t \n", " ⇥ |⏎"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    CHECK(segment(row.input).dump() == row.dump);
  }
}

TEST_CASE("token kinds and case shapes", "[document]") {
  const Document doc = segment("The NATO troops, 11,000 of them, paid $5 🙂.\n");
  CHECK(doc.dump_kinds() == "WSWSWPSNSWSWPSWSYNSYPL");
  const auto tokens = doc.tokens();
  CHECK(tokens[0].shape == CaseShape::Title);
  CHECK(tokens[2].shape == CaseShape::Upper);
  CHECK(tokens[4].shape == CaseShape::Lower);
  CHECK(tokens[7].shape == CaseShape::None);
}

TEST_CASE("paragraph lines and positions", "[document]") {
  const Document doc = segment("First.\n\n  Second one.\r\nThird\n");
  REQUIRE(doc.paragraphs().size() == 3);
  CHECK(doc.paragraphs()[0].line == 1);
  CHECK(doc.paragraphs()[1].line == 3);
  CHECK(doc.paragraphs()[2].line == 4);
  CHECK(doc.text(doc.paragraphs()[1]) == "Second one.");
  const auto where = doc.position(doc.paragraphs()[1].begin);
  CHECK(where.line == 3);
  CHECK(where.column == 3);
  CHECK(doc.position(0).line == 1);
  CHECK(doc.position(doc.bytes().size()).line == 5);
  CHECK(doc.line_begin(1) == 0);
  CHECK(doc.line_begin(3) == 8);
  CHECK(doc.line_begin(4) == 23);  // after the CRLF
  CHECK(doc.line_begin(5) == doc.bytes().size());
  CHECK(doc.line_begin(9) == doc.bytes().size());
  CHECK(segment("\xEF\xBB\xBF" "Bom.\n").line_begin(1) == 3);
}

TEST_CASE("invalid UTF-8 is an error unless lenient", "[document]") {
  const std::string bad = "Caf\xe9 and \xff\xfe bytes.\n";
  try {
    segment(bad);
    FAIL("no exception");
  } catch (const unspin::InvalidUtf8Error& e) {
    CHECK(e.offset() == 3);
  }
  const Document doc = segment(bad, /*lenient=*/true);
  CHECK(concatenate_tokens(doc) == bad);
  CHECK(doc.dump() == "{[Caf|\xe9| |and| |\xff\xfe| |bytes|.]}|⏎");
  CHECK(doc.dump_kinds() == "WXSWSXSWPL");
  REQUIRE(doc.invalid_ranges().size() == 2);
}

TEST_CASE("binary input is refused", "[document]") {
  CHECK_THROWS_AS(segment(std::string("PK\x03\x04\0\0zip", 9)), unspin::InputError);
  CHECK_THROWS_WITH(segment(std::string("ab\0", 3)), Catch::Contains("NUL byte at offset 2"));
}

TEST_CASE("a single line of several megabytes segments and round-trips", "[document]") {
  std::string line;
  std::size_t sentences = 0;
  for (; line.size() < 4'000'000; ++sentences) line += "The troopers had been combating within the area. ";
  line += "\n";
  const Document doc = segment(line);
  CHECK(doc.paragraphs().size() == 1);
  CHECK(doc.sentences().size() == sentences);
  CHECK(concatenate_tokens(doc) == line);
}

TEST_CASE("a segmenter is reusable across documents", "[document]") {
  Segmenter segmenter;
  const Document a = segmenter.segment("First doc.\n");
  const Document b = segmenter.segment("Second, longer document here.\n");
  CHECK(a.dump() == "{[First| |doc|.]}|⏎");
  CHECK(b.tokens().size() == 10);
}

TEST_CASE("BreakFinder gives byte offsets, as a list or one by one", "[document]") {
  unspin::text::BreakFinder words(unspin::text::BreakFinder::Unit::Word);
  std::vector<std::size_t> cuts;
  words.boundaries("Hello, world.", cuts);
  CHECK(cuts == std::vector<std::size_t>{0, 5, 6, 7, 12, 13});
  words.boundaries("“Né” 🙂", cuts);  // multi-byte characters: offsets are bytes, not characters
  CHECK(cuts == std::vector<std::size_t>{0, 3, 6, 9, 10, 14});
  words.boundaries("", cuts);
  CHECK(cuts == std::vector<std::size_t>{0});
  words.set_text("a b");
  CHECK(words.next() == 1);
  CHECK(words.next() == 2);
  CHECK(words.next() == 3);
  CHECK(words.next() == unspin::text::BreakFinder::npos);
}
