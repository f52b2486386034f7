#include "eval/spinner.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "errors.hpp"
#include "temp_path.hpp"

namespace fs = std::filesystem;
using unspin::eval::SpinOptions;
using unspin::eval::SpinSplit;
using unspin::eval::SpinTable;
using unspin::eval::Spinner;

namespace {

fs::path write_temp(const std::string& name, const std::string& contents) {
  return unspin::testing::write_temp_file("spinner-" + name, contents);
}

const SpinTable& table() {
  static const SpinTable t = SpinTable::load_news(
      write_temp("table.tsv",
                 "# test table\n"
                 "said\tstated\tseen\n"
                 "were\thad been\tseen\n"
                 "never\tby no means\tseen\n"
                 "end up\tfind yourself\tseen\n"
                 "end\tfinish\theldout\n"
                 "first\tprimary | preliminary\theldout\n")
          .string());
  return t;
}

std::string spin(const std::string& text, double rate, SpinSplit split = SpinSplit::All,
                 std::uint64_t seed = 1) {
  unspin::text::Segmenter segmenter;
  const auto doc = segmenter.segment(text);
  return Spinner(table(), SpinOptions{rate, seed, split}).spin(doc).text;
}

}  // namespace

TEST_CASE("the news table loads and reports bad lines with FILE:LINE", "[spin]") {
  CHECK(table().size() == 6);
  const auto bad = write_temp("bad.tsv", "# ok\nsaid\tstated\n");
  CHECK_THROWS_WITH(SpinTable::load_news(bad.string()),
                    bad.string() + ":2: expected 3 tab-separated fields");
  const auto split = write_temp("split.tsv", "said\tstated\tmaybe\n");
  CHECK_THROWS_WITH(SpinTable::load_news(split.string()), Catch::Contains(":1: split must be"));
  CHECK_THROWS_AS(SpinTable::load_news("/nonexistent/table.tsv"), unspin::ResourceError);
}

TEST_CASE("rate 1 replaces every eligible span, keeping case; rate 0 none", "[spin]") {
  const std::string text = "Never say never. They said we were done, but we end up here.\n";
  CHECK(spin(text, 1.0) == "By no means say by no means. They stated we had been done, but we find yourself here.\n");
  CHECK(spin(text, 0.0) == text);
  CHECK(spin("NEVER AGAIN.\n", 1.0) == "BY NO MEANS AGAIN.\n");
}

TEST_CASE("the longest phrase wins and words match whole", "[spin]") {
  CHECK(spin("We end up there. The end.\n", 1.0) == "We find yourself there. The finish.\n");
  CHECK(spin("Saidi and endless.\n", 1.0) == "Saidi and endless.\n");
  CHECK(spin("We end  up there.\n", 1.0) == "We finish  up there.\n");  // two spaces: no phrase match
}

TEST_CASE("capitalised words inside a sentence are left alone as proper nouns", "[spin]") {
  CHECK(spin("First came First Avenue.\n", 1.0, SpinSplit::Heldout).starts_with("P"));
  CHECK(spin("They saw First Avenue.\n", 1.0) == "They saw First Avenue.\n");
}

TEST_CASE("splits select seen or held-out entries", "[spin]") {
  const std::string text = "They said the first end.\n";
  CHECK(spin(text, 1.0, SpinSplit::Seen) == "They stated the first end.\n");
  const std::string heldout = spin(text, 1.0, SpinSplit::Heldout);
  CHECK(heldout.starts_with("They said the "));
  CHECK(heldout.ends_with(" finish.\n"));
}

TEST_CASE("the same seed gives the same output; edits locate both texts", "[spin]") {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "They said the first results were never final.\n";
  CHECK(spin(text, 0.5, SpinSplit::All, 7) == spin(text, 0.5, SpinSplit::All, 7));
  CHECK(spin(text, 0.5, SpinSplit::All, 7) != spin(text, 0.5, SpinSplit::All, 8));

  unspin::text::Segmenter segmenter;
  const auto doc = segmenter.segment(text);
  const auto result = Spinner(table(), SpinOptions{0.5, 3, SpinSplit::All}).spin(doc);
  REQUIRE_FALSE(result.edits.empty());
  for (const auto& e : result.edits) {
    CHECK(text.substr(e.original_begin, e.original_end - e.original_begin) == e.original);
    CHECK(result.text.substr(e.spun_begin, e.spun_end - e.spun_begin) == e.replacement);
  }
}

TEST_CASE("offsets in the spun text map back to the original, except inside replacements", "[spin]") {
  const std::string text = "They said the first results were never final.\n";
  unspin::text::Segmenter segmenter;
  const auto result = Spinner(table(), SpinOptions{1.0, 1, SpinSplit::All}).spin(segmenter.segment(text));
  // "They stated the primary|preliminary results had been by no means final."
  REQUIRE(result.edits.size() == 4);
  using unspin::eval::original_offset;
  CHECK(original_offset(result, 0) == 0u);                                   // before any edit
  CHECK(original_offset(result, result.edits[0].spun_begin) == 5u);          // the start of "stated"
  CHECK(original_offset(result, result.edits[0].spun_end) == 9u);            // its end: after "said"
  CHECK_FALSE(original_offset(result, result.edits[0].spun_begin + 1).has_value());  // inside it
  CHECK(original_offset(result, result.text.size()) == text.size());         // the end
  // A span that covers whole replacements maps to the original words it replaced.
  const auto& were = result.edits[2];
  CHECK(result.text.substr(were.spun_begin, were.spun_end - were.spun_begin) == "had been");
  const auto b = original_offset(result, were.spun_begin), e = original_offset(result, result.edits[3].spun_end);
  REQUIRE((b && e));
  CHECK(text.substr(*b, *e - *b) == "were never");
}
