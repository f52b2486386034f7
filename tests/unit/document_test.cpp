#include "text/document.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

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

// ASCII paragraphs take their own path to token kinds and case shapes (one pass per token, no
// ICU). A paragraph with one non-ASCII character takes ICU's; the tokens before that character
// must come out the same either way.
TEST_CASE("ASCII tokens get the kinds and case shapes of the general path", "[document]") {
  auto same_as_general = [](const std::string& text) {
    const Document ascii = segment(text);
    const Document general = segment(text + " \xC3\xA9");  // " é"
    REQUIRE(general.tokens().size() >= ascii.tokens().size());
    for (std::size_t i = 0; i < ascii.tokens().size(); ++i) {
      const auto& a = ascii.tokens()[i];
      const auto& g = general.tokens()[i];
      if (a.begin != g.begin || a.end != g.end || a.kind != g.kind || a.shape != g.shape) {
        FAIL_CHECK("token " << i << " of \"" << text << "\" differs: kinds " << to_string(a.kind)
                            << "/" << to_string(g.kind) << ", shapes " << to_string(a.shape)
                            << "/" << to_string(g.shape));
        return false;
      }
    }
    return true;
  };
  // Every string of up to four characters over one character of each class, neither starting
  // nor ending with whitespace (which the paragraph would drop).
  const std::string alphabet = "aZ1 \t.',_@$-";
  std::size_t checked = 0;
  std::vector<std::string> level = {""};
  for (int length = 1; length <= 4; ++length) {
    std::vector<std::string> next;
    for (const auto& prefix : level) {
      for (const char c : alphabet) next.push_back(prefix + c);
    }
    for (const auto& text : next) {
      if (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t') {
        continue;
      }
      if (!same_as_general(text)) return;
      ++checked;
    }
    level = std::move(next);
  }
  CHECK(checked > 10000);
  // Words of every case shape, numbers and every printable ASCII character.
  const std::string rows[] = {
      "The U.S. said NATO's 7.6 million-strong iPhone army wasn't McDonald's, 21st or X.",
      "a1 A1 1a 1A aB Ab AB ab A b _x x_ @home e-mail 3,000.50 $5 100% #tag ~/path <b>",
      "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
  };
  for (const auto& row : rows) CHECK(same_as_general(row));
  // Random printable ASCII with tabs, up to 40 characters.
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> length(1, 40);
  std::uniform_int_distribution<int> byte(31, 126);  // 31 stands for a tab
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    for (int k = length(random); k > 0; --k) {
      const int b = byte(random);
      text += b == 31 ? '\t' : static_cast<char>(b);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.erase(0, 1);
    if (!text.empty() && !same_as_general(text)) return;
  }
}

TEST_CASE("a run the sentence rules leave whole is cut into pieces of bounded length", "[document]") {
  constexpr std::size_t kMax = Segmenter::kMaxSentenceTokens;
  // Checks that the sentences cover every token of the one paragraph in order, each at most kMax
  // tokens, none starting or ending with whitespace, and only whitespace between them.
  auto check_pieces = [&](const Document& doc) {
    REQUIRE(doc.paragraphs().size() == 1);
    const auto sentences = doc.sentences();
    std::size_t next = doc.paragraphs()[0].begin == 0 ? 0 : 1;
    for (const auto& s : sentences) {
      CHECK(s.end_token - s.first_token <= kMax);
      CHECK(doc.tokens()[s.first_token].kind != TokenKind::Space);
      CHECK(doc.tokens()[s.end_token - 1].kind != TokenKind::Space);
      for (std::size_t t = next; t < s.first_token; ++t) CHECK(doc.tokens()[t].kind == TokenKind::Space);
      CHECK(s.begin == doc.tokens()[s.first_token].begin);
      CHECK(s.end == doc.tokens()[s.end_token - 1].end);
      next = s.end_token;
    }
    return sentences.size();
  };

  // 5,000 words without a full stop (10,000 tokens with the spaces): cut at spaces, so no word
  // is split, into the fewest pieces that allows.
  std::string words;
  for (int i = 0; i < 5000; ++i) words += (i ? " word" : "Word") + std::to_string(i % 7);
  const Document list = segment(words + "\n");
  CHECK(check_pieces(list) == 5);
  for (const auto& s : list.sentences()) {
    const std::string_view text = list.text(s);
    CHECK(text.substr(0, 4) == (s.first_token == 0 ? "Word" : "word"));
  }
  CHECK(list.sentences()[0].end_token - list.sentences()[0].first_token == kMax - 1);  // ends before a space

  // Words of ideographs with no space between them: cut between tokens, every piece but the last
  // exactly at the maximum.
  std::string ideographs;
  for (std::size_t i = 0; i < 2 * kMax + 10; ++i) ideographs += "\u4e2d";
  const Document cjk = segment(ideographs);
  const std::size_t pieces = check_pieces(cjk);
  CHECK(pieces == (cjk.tokens().size() + kMax - 1) / kMax);
  if (pieces > 1) CHECK(cjk.sentences()[0].end_token - cjk.sentences()[0].first_token == kMax);

  // A sentence of exactly the maximum stays whole, and ordinary sentences are untouched.
  std::string exact = "a";
  while (segment(exact + " b").tokens().size() <= kMax) exact += " b";
  const Document whole = segment(exact);
  REQUIRE(whole.tokens().size() <= kMax);
  CHECK(check_pieces(whole) == 1);
  CHECK(segment(exact + " b").sentences().size() == 2);
  CHECK(segment("One sentence. And two.").sentences().size() == 2);
}
