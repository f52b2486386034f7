#include "text/ascii_sentences.hpp"

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
  const AsciiSentences fast;
  return unspin::test::first_disagreement(
      BreakFinder::Unit::Sentence, [&fast](std::string_view t, std::vector<std::size_t>& out) { fast.boundaries(t, out); },
      texts);
}

std::vector<std::size_t> cuts_of(const AsciiSentences& s, std::string_view text) {
  std::vector<std::size_t> cuts;
  s.boundaries(text, cuts);
  return cuts;
}

}  // namespace

TEST_CASE("ICU's English abbreviations are read from its data", "[ascii]") {
  const std::vector<std::string> list = sentence_abbreviations();
  CHECK(list.size() > 50);
  CHECK(std::find(list.begin(), list.end(), "Mr.") != list.end());
  CHECK(AsciiSentences().usable());
}

TEST_CASE("ASCII sentence boundaries: known cases", "[ascii]") {
  const AsciiSentences s;
  CHECK(cuts_of(s, "Mr. Lee left. He ran.") == std::vector<std::size_t>{0, 14, 21});
  CHECK(cuts_of(s, "") == std::vector<std::size_t>{0});
  CHECK(cuts_of(s, "It cost 7.6 million. Really?! Yes.") == std::vector<std::size_t>{0, 21, 30, 34});
  CHECK(cuts_of(s, "He said \"Go.\" Then left.") == std::vector<std::size_t>{0, 14, 24});
  CHECK(cuts_of(s, "e.g. the U.S. army") == std::vector<std::size_t>{0, 18});
}

TEST_CASE("ASCII sentence filter built from a given list", "[ascii]") {
  // Without abbreviations every full stop before a capital ends a sentence.
  const AsciiSentences none(std::vector<std::string>{});
  CHECK(cuts_of(none, "Mr. Lee left.") == std::vector<std::size_t>{0, 4, 13});
  const AsciiSentences mr(std::vector<std::string>{"Mr."});
  CHECK(cuts_of(mr, "Mr. Lee left.") == std::vector<std::size_t>{0, 13});
  CHECK_FALSE(AsciiSentences(std::vector<std::string>{"Mr.", "caf\xc3\xa9."}).usable());
}

TEST_CASE("ASCII sentence boundaries agree with ICU on every short string", "[ascii]") {
  // One character of each sentence-break class, and others.
  const std::string every_class = "aZ5.!?,-:;\"')( \t\v\f#";
  for (std::size_t length = 1; length <= 4; ++length) {
    INFO("length " << length);
    CHECK(first_disagreement(all_strings(every_class, length)) == "");
  }
  const std::string one_each = "aA5.?,\") #";
  INFO("length 5");
  CHECK(first_disagreement(all_strings(one_each, 5)) == "");
}

TEST_CASE("ASCII sentence boundaries agree with ICU around abbreviations", "[ascii]") {
  // Random texts of ICU's own abbreviations, words and punctuation, so that the filter's
  // backward and forward look-ups meet every kind of neighbour.
  std::vector<std::string> pieces = sentence_abbreviations();
  for (const char* p : {"Smith", "the", "a", "S", "U", "D", "A.", "3", "1999", " ", " ", "  ", ". ", "? ", "\"", ")",
                        ",", "-", "\t", "..."}) {
    pieces.emplace_back(p);
  }
  std::mt19937 random(20261122);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 12), space(0, 3);
  std::vector<std::string> texts;
  for (int k = 0; k < 20000; ++k) {
    std::string t;
    for (int i = length(random); i > 0; --i) {
      t += pieces[pick(random)];
      if (space(random) > 0) t += ' ';
    }
    texts.push_back(std::move(t));
  }
  CHECK(first_disagreement(texts) == "");
}
