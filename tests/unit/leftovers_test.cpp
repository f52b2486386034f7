#include "repair/leftovers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "text/document.hpp"

using namespace unspin;

namespace {

// The text with every leftover deleted, and the reasons, one per cut.
struct Cleaned {
  std::string text;
  std::vector<std::string> reasons;
};

Cleaned clean(const std::string& input) {
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(input);
  const std::vector<repair::Edit> cuts = repair::scrape_leftovers(doc);
  Cleaned out{repair::apply_edits(doc.bytes(), cuts), {}};
  for (const repair::Edit& e : cuts) {
    CHECK(e.source == repair::EditSource::Scrape);
    CHECK(e.replacement.empty());
    CHECK(e.confidence >= 0.9);
    out.reasons.push_back(e.reason);
  }
  return out;
}

const std::string kBody =
    "The council met on Tuesday evening to discuss the new bridge over the river.\n"
    "\n"
    "Engineers said the old one would not last another winter without repairs.\n";
const std::string kMore =
    "Work is to start in the spring, and the ferry will run again while it lasts.\n"
    "\n"
    "The mayor said the cost would be shared with the county and the state.\n";

}  // namespace

TEST_CASE("navigation lines before the first sentence and after the last are cut", "[leftovers]") {
  const Cleaned c = clean("menu\nclose\n\nskip to content\n\n" + kBody + "\nshare this\n\nfont change\n");
  CHECK(c.text == kBody);
  REQUIRE(c.reasons.size() == 5);
  CHECK(c.reasons[0].find("before the article's first sentence") != std::string::npos);
  CHECK(c.reasons[4].find("“font change”") != std::string::npos);
  CHECK(c.reasons[4].find("after the article's last sentence") != std::string::npos);
}

TEST_CASE("headings, bylines and short lines inside the article are kept", "[leftovers]") {
  const std::string text =
      "Bridge to close for a year\n"  // a headline: capitalised
      "FT\n"
      "Oct 30, 2024\n" +
      kBody +
      "\n"
      "what happens next\n"  // a lowercase heading, but inside the article
      "\n" +
      kMore + "\nSources:\n  1. https://example.com/bridge\n";
  const Cleaned c = clean(text);
  CHECK(c.text == text);
  CHECK(c.reasons.empty());
}

TEST_CASE("lines with a URL, an address or invalid bytes are never cut", "[leftovers]") {
  for (const std::string kept : {"https://example.com/bridge-report\n", "write to desk@example.com\n",
                                  "see www.example.com\n"}) {
    CAPTURE(kept);
    CHECK(clean(kBody + kept).text == kBody + kept);
  }
  text::Segmenter lenient({.lenient = true});
  const text::Document doc = lenient.segment(kBody + "close \xff\n");
  CHECK(repair::scrape_leftovers(doc).empty());
  CHECK(clean(kBody + "close now\n").text == kBody);  // the same line without them goes
}

TEST_CASE("a document with no sentence has no edges to clean", "[leftovers]") {
  const std::string text = "close\nbread\nmilk\neggs\n";
  CHECK(clean(text).text == text);
}

TEST_CASE("a paragraph repeated word for word loses its later copies", "[leftovers]") {
  const std::string headline = "What we know about the new bridge\n";
  const Cleaned c = clean(headline + "\n" + headline + "\n" + kBody + "\nYes.\n\nYes.\n");
  CHECK(c.text == headline + "\n" + kBody + "\nYes.\n\nYes.\n");  // two-word repeats are kept
  REQUIRE(c.reasons.size() == 1);
  CHECK(c.reasons[0] == "scraping leftover: repeats line 1 word for word");
  // Spacing does not hide a repeat.
  CHECK(clean(kBody + "The  council met on Tuesday evening to discuss the new bridge over the river.\n").text == kBody);
}

TEST_CASE("an image caption framed by its credit is cut; a sentence naming its source twice is not", "[leftovers]") {
  const std::string caption = "Press Photos Workers inspect the old bridge on a cold morning, 2019Press Photos\n";
  const Cleaned c = clean(kBody + "\n" + caption + "\n" + kMore);
  CHECK(c.text == kBody + "\n" + kMore);
  REQUIRE(c.reasons.size() == 1);
  CHECK(c.reasons[0] == "scraping leftover: an image caption framed by its credit “Press Photos”");
  for (const std::string kept : {"Reuters reported the closure first, as did the local paper and Reuters\n",
                                  "A new vaccine was tested in the spring under the name Covid-A\n",
                                  "I said it was a long time ago that I saw it, and so did I\n"}) {
    CAPTURE(kept);
    CHECK(clean(kBody + kept).text == kBody + kept);
  }
}

TEST_CASE("cuts keep the separators around them, with CRLF too", "[leftovers]") {
  // A cut inside the text takes the blank lines before it; one at the start, those after it.
  CHECK(clean("\xEF\xBB\xBF" "close\nThe council met on Tuesday evening to discuss the new bridge.\n").text ==
        "\xEF\xBB\xBF" "The council met on Tuesday evening to discuss the new bridge.\n");  // the byte-order mark stays
  CHECK(clean("close\r\n\r\nThe council met on Tuesday evening to discuss the new bridge.\r\n\r\nfont change\r\n").text ==
        "The council met on Tuesday evening to discuss the new bridge.\r\n");
  CHECK(clean("A long first line of the article that ends as a sentence should.\nA long first line of the article "
              "that ends as a sentence should.\nThe end of the article comes here, in a sentence.\n")
            .text == "A long first line of the article that ends as a sentence should.\nThe end of the article comes here, in a sentence.\n");
}

TEST_CASE("merge_cuts drops edits inside deleted lines and keeps the rest in order", "[leftovers]") {
  auto edit = [](std::size_t b, std::size_t e, const char* r) {
    repair::Edit x;
    x.begin = b;
    x.end = e;
    x.replacement = r;
    return x;
  };
  std::vector<repair::Edit> edits{edit(2, 4, "a"), edit(12, 14, "b"), edit(30, 31, "c")};
  std::vector<repair::Edit> cuts{edit(0, 1, ""), edit(10, 20, ""), edit(40, 50, "")};
  const std::vector<long> origin = repair::merge_cuts(edits, cuts);
  REQUIRE(edits.size() == 5);
  CHECK(origin == std::vector<long>{-1, 0, -1, 2, -1});
  CHECK(edits[1].replacement == "a");
  CHECK(edits[3].replacement == "c");
}
