#include "repair/edit.hpp"

#include <catch2/catch.hpp>

#include <vector>

#include "errors.hpp"

using unspin::repair::apply_edits;
using unspin::repair::Edit;

namespace {
Edit edit(std::size_t b, std::size_t e, const char* replacement) {
  Edit out;
  out.begin = b;
  out.end = e;
  out.replacement = replacement;
  return out;
}
}  // namespace

TEST_CASE("apply_edits replaces spans and keeps everything else", "[edit]") {
  const std::string text = "They had by no means seen it.";
  CHECK(apply_edits(text, {}) == text);
  const std::vector<Edit> edits = {edit(5, 8, "had"), edit(9, 20, "never")};
  CHECK(apply_edits(text, edits) == "They had never seen it.");
  const std::vector<Edit> insert = {edit(0, 0, "“"), edit(29, 29, "”")};
  CHECK(apply_edits(text, insert) == "“They had by no means seen it.”");
}

TEST_CASE("apply_edits refuses overlapping or out-of-range edits", "[edit]") {
  const std::string text = "abcdef";
  const std::vector<Edit> overlap = {edit(0, 3, "x"), edit(2, 4, "y")};
  CHECK_THROWS_AS(apply_edits(text, overlap), unspin::InputError);
  const std::vector<Edit> outside = {edit(4, 9, "x")};
  CHECK_THROWS_WITH(apply_edits(text, outside), Catch::Contains("edit 1 at bytes 4-9"));
}

TEST_CASE("for_each_piece streams the same bytes as apply_edits", "[edit]") {
  const std::string text = "They had by no means seen it.";
  const std::vector<Edit> edits = {edit(0, 0, "So "), edit(9, 20, "never"), edit(25, 29, "")};
  std::string streamed;
  std::size_t pieces = 0;
  unspin::repair::for_each_piece(text, edits, [&](std::string_view p) {
    streamed += p;
    ++pieces;
  });
  CHECK(streamed == apply_edits(text, edits));
  CHECK(streamed == "So They had never seen");
  CHECK(pieces == 4);  // "So ", "They had ", "never", " seen"; a deletion adds no piece
}
