#include "lattice/sentence.hpp"

#include <catch2/catch.hpp>

using namespace unspin;

TEST_CASE("code-like chunks are protected, abbreviations are not", "[lattice]") {
  for (const char* chunk : {"http://example.com/by-no-means", "www.bbc.co.uk", "example.com", "news.example.org",
                            "user@example.com", "@handle", "#hashtag", "foo_bar", "C:\\\\temp", "a/b", "x=y", "f(x)",
                            "index.html"}) {
    CAPTURE(chunk);
    CHECK(lattice::code_like(chunk));
  }
  for (const char* chunk : {"p.c", "e.g.", "i.e.", "U.S.", "a.m.", "Mr.", "end.", "word", "well-known", "7.6",
                            "Inc.", "3.5m"}) {
    CAPTURE(chunk);
    CHECK_FALSE(lattice::code_like(chunk));
  }
}

TEST_CASE("replacements become language-model words", "[lattice]") {
  CHECK(lattice::lm_words("According to") == std::vector<std::string>{"according", "to"});
  CHECK(lattice::lm_words("21st-century") == std::vector<std::string>{"21st", "century"});
  CHECK(lattice::lm_words("7.6 million") == std::vector<std::string>{"<num>", "million"});
}
