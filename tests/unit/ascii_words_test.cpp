#include "text/ascii_words.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "boundary_check.hpp"
#include "text/icu_break.hpp"

using namespace unspin::text;

namespace {

using unspin::test::all_strings;

// The first of `texts` on which the fast path and ICU disagree, or "" if none.
std::string first_disagreement(const std::vector<std::string>& texts) {
  return unspin::test::first_disagreement(
      BreakFinder::Unit::Word, [](std::string_view t, std::vector<std::size_t>& out) { ascii_word_boundaries(t, out); },
      texts);
}

}  // namespace

TEST_CASE("is_ascii looks at every byte", "[ascii]") {
  CHECK(is_ascii(""));
  CHECK(is_ascii("plain text, 7.6 million; don't"));
  CHECK_FALSE(is_ascii("caf\xc3\xa9"));
  CHECK_FALSE(is_ascii("0123456789abcde\x80"));  // past the first eight-byte block
  CHECK_FALSE(is_ascii("\xff" "234567890"));
}

TEST_CASE("ASCII word boundaries: known cases", "[ascii]") {
  std::vector<std::size_t> cuts;
  ascii_word_boundaries("don't stop, 7.6 U.S.", cuts);
  CHECK(cuts == std::vector<std::size_t>{0, 5, 6, 10, 11, 12, 15, 16, 19, 20});
  ascii_word_boundaries("", cuts);
  CHECK(cuts == std::vector<std::size_t>{0});
  ascii_word_boundaries("a\r\nb", cuts);  // CR LF stays together, breaks around it
  CHECK(cuts == std::vector<std::size_t>{0, 1, 3, 4});
}

TEST_CASE("ASCII word boundaries agree with ICU on every short string", "[ascii]") {
  // One character of each word-break class, and a few others that must break on both sides.
  const std::string every_class = std::string("aZ09.',;_ \v\f\r\n:-\"!@#$%&()*+/<=>?[]^`{|}~\t\x01\x7f") + '\\';
  for (std::size_t length = 1; length <= 3; ++length) {
    INFO("length " << length);
    CHECK(first_disagreement(all_strings(every_class, length)) == "");
  }
  // Longer strings over the classes that join ("1,000.5", "e.g.", "a_1", CR LF).
  const std::string joining = "a0.',;_ \r\n:-";
  for (std::size_t length = 4; length <= 5; ++length) {
    INFO("length " << length);
    CHECK(first_disagreement(all_strings(joining, length)) == "");
  }
}

TEST_CASE("ASCII word boundaries agree with ICU on random strings", "[ascii]") {
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> byte(1, 127), length(1, 40), pick(0, 11);
  const std::string common = "aB7.',;_ \n-";
  std::vector<std::string> texts;
  for (int k = 0; k < 20000; ++k) {
    std::string t;
    const int n = length(random);
    // Mostly the joining classes, so that long joined runs and their edges are exercised.
    for (int i = 0; i < n; ++i) {
      const int p = pick(random);
      t += p < 11 ? common[static_cast<std::size_t>(p)] : static_cast<char>(byte(random));
    }
    texts.push_back(std::move(t));
  }
  CHECK(first_disagreement(texts) == "");
}
