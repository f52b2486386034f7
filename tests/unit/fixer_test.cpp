#include "repair/fixer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include "resources.hpp"
#include "test_engine.hpp"

namespace fs = std::filesystem;
using namespace unspin;

namespace {

using Engine = testing::TestEngine;
const Engine* engine() { return testing::test_engine(); }

std::string fix(const std::string& input, repair::FixOptions options = {}) {
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model, options);
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(input);
  return repair::apply_edits(doc.bytes(), fixer.fix(doc).edits);
}

// A paragraph thick with strong spinner forms, so that the document prior allows edits.
const std::string kSpunContext =
    "The troopers had been combating in opposition to the rebels. They would by no means find yourself "
    "as cannon fodder, in line with officers. It is prone to be one in every of the largest attacks.\n";

}  // namespace

TEST_CASE("spun sentences are restored, clean ones left alone", "[fixer]") {
  if (!engine()) {
    WARN("skipped: no thesaurus index or language model (tools/build makes them after tools/setup)");
    return;
  }
  struct Row {
    std::string input;
    std::string expected;
  };
  const Row rows[] = {
      {"They had by no means seen anything like it.\n", "They had never seen anything like it.\n"},
      {"It was attention-grabbing to watch.\n", "It was interesting to watch.\n"},
      {"They said it was a number of years in the past.\n", "They said it was a number of years ago.\n"},
      {"Reservists: seven.6 million.\n", "Reservists: 7.6 million.\n"},
      {"Prices rose by 5 p.c this year.\n", "Prices rose by 5 percent this year.\n"},  // an abbreviation, not a host
      {"By no means again.\n", "Never again.\n"},                                      // case carried over
      {"BY NO MEANS AGAIN.\n", "NEVER AGAIN.\n"},
      {"Even so, the USA insisted on it.\n", "Even so, the United States insisted on it.\n"},  // an acronym expands as spelt
      {"We saw it at http://example.com/by-no-means today.\n", "We saw it at http://example.com/by-no-means today.\n"},
      {"Follow @in_opposition_to and #bynomeans now.\n", "Follow @in_opposition_to and #bynomeans now.\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    CHECK(fix(kSpunContext + row.input).substr(fix(kSpunContext).size()) == row.expected);
  }
}

TEST_CASE("the search's shortcut over shared slots finds the same edits as scoring every slot", "[fixer]") {
  if (!engine()) return;
  // Spun prose written for this test, with multi-word spinner forms whose inner words have no
  // candidate of their own ("at all times", "by no means", "in opposition to").
  const std::string text =
      kSpunContext +
      "We have at all times stuck to the plan, and we had been by no means afraid of the lengthy street. "
      "He had a lot of associates, then as at all times, and they had been at all times in opposition to the "
      "metropolis council. The previous participant stated that the firm had been in search of a brand new "
      "supervisor in the interim, however by no means discovered one. It was once a tough and ambiguous form "
      "of negotiation, even though the rancher was once stated to be professional. As soon as more, the "
      "troopers had been at all times prepared, in line with the officers, and by no means in opposition to it.\n";
  repair::FixOptions exact;
  exact.search_shortcut = false;
  const std::string fast = fix(text), slow = fix(text, exact);
  CHECK(fast == slow);
  CHECK(fast != text);
}

TEST_CASE("fix reports its progress sentence by sentence", "[fixer]") {
  if (!engine()) return;
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model);
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(kSpunContext + kSpunContext);
  std::vector<std::size_t> calls;
  const repair::FixResult with = fixer.fix(doc, [&calls](std::size_t bytes) { calls.push_back(bytes); });
  REQUIRE(calls.size() == doc.sentences().size());
  for (std::size_t k = 1; k < calls.size(); ++k) CHECK(calls[k] > calls[k - 1]);
  CHECK(calls.back() == doc.sentences().back().end);
  CHECK(with.edits.size() == fixer.fix(doc).edits.size());  // the same edits either way
}

TEST_CASE("glued words are split in any document, names and dialect left alone", "[fixer]") {
  if (!engine()) return;
  // No spin prior here: glue is scraping damage, not spin.
  CHECK(fix("Russia has been fighting Ukrainian soldierstheir role is unclear.\n") ==
        "Russia has been fighting Ukrainian soldiers their role is unclear.\n");
  CHECK(fix("They ran a balloon campaignwith thousands of leaflets.\n") ==
        "They ran a balloon campaign with thousands of leaflets.\n");
  for (const char* kept : {"Menas said nothing at all.\n", "He was killin' time.\n", "A livestream began.\n",
                           "See soldierstheir.example.com today.\n"}) {
    CHECK(fix(kept) == kept);
  }
}

TEST_CASE("a spelling the document uses twice is a term, not words run together", "[fixer]") {
  if (!engine()) return;
  // Once, "sizeof" reads as glue; a manual that keeps using it is naming something.
  CHECK(fix("The sizeof operator gives the size.\n") == "The size of operator gives the size.\n");
  const std::string manual = "The sizeof operator gives the size. Apply Sizeof to a type.\n";
  CHECK(fix(manual) == manual);
  // In a document thick with paths and identifiers, an unknown word is an identifier too.
  const std::string changelog =
      "Fixed src/queue.c and src/list.c for the new build.\n"
      "The sizeof check in lib/io.c moved to include/io.h.\n";
  CHECK(fix(changelog) == changelog);
  // Inside a URL nothing is split, also after a "?" that ends a sentence there.
  const std::string link = "Ask on the forum (https://groups.google.com/forum/?fromgroups#!forum/catch-forum) today.\n";
  CHECK(fix(link) == link);
}

TEST_CASE("markup is never edited, the text between tags is", "[fixer]") {
  if (!engine()) return;
  const std::string html = "<div data-role=\"stated\" title=\"troopers had been there\">" + kSpunContext;
  const std::string fixed = fix(html);
  CHECK(fixed.starts_with("<div data-role=\"stated\" title=\"troopers had been there\">"));
  CHECK(fixed.find("never") != std::string::npos);  // "by no means" in the text is restored
}

TEST_CASE("a title-case phrase keeps its capitals word by word", "[fixer]") {
  if (!engine()) return;
  // Modern spinner forms (phrases.tsv, session 12): "City Hall" spun as "Metropolis Corridor".
  const std::string spun =
      "The mayor stated the vote would happen at Metropolis Corridor subsequent week. Officers had been "
      "by no means instructed why the curiosity charges had been raised.\n";
  const std::string fixed = fix(spun);
  CHECK(fixed.find("at City Hall next week") != std::string::npos);
  CHECK(fixed.find("interest rates") != std::string::npos);
  CHECK(fixed.find("Corridor") == std::string::npos);
}

TEST_CASE("scraping leftovers go only with --leftovers, and edits inside them with them", "[fixer]") {
  if (!engine()) return;
  const std::string scraped =
      "close\n"
      "Wire Photo Crowds gather as the parade passes the square, 2021Wire Photo\n"
      "Russia has been fighting Ukrainian soldierstheir role is unclear.\n";
  CHECK(fix(scraped) ==
        "close\n"
        "Wire Photo Crowds gather as the parade passes the square, 2021Wire Photo\n"
        "Russia has been fighting Ukrainian soldiers their role is unclear.\n");
  repair::FixOptions options;
  options.leftovers = true;
  CHECK(fix(scraped, options) == "Russia has been fighting Ukrainian soldiers their role is unclear.\n");
  options.threshold = 0.92;  // the navigation rule's confidence is 0.9
  CHECK(fix(scraped, options) == "close\nRussia has been fighting Ukrainian soldiers their role is unclear.\n");
}

TEST_CASE("clean text comes back byte for byte", "[fixer]") {
  if (!engine()) return;
  const std::string clean[] = {
      "The soldiers were sent to the front, officials said on Tuesday.\n",
      "Flood barriers held overnight; “we were never sure,” said the mayor.\n",
      "The footage showed troops running across a field while drones hunted them.\n",
      "Had been there before? Never. Not once.\r\n",
  };
  for (const std::string& text : clean) {
    CAPTURE(text);
    CHECK(fix(text) == text);
  }
}

TEST_CASE("every edit carries a confidence over the threshold, a source and a reason", "[fixer]") {
  if (!engine()) return;
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model, repair::FixOptions{});
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(kSpunContext);
  const auto edits = fixer.fix(doc).edits;
  REQUIRE(edits.size() >= 5);
  std::size_t previous_end = 0;
  for (const repair::Edit& e : edits) {
    CHECK(e.begin >= previous_end);
    CHECK(e.end > e.begin);
    CHECK(e.confidence >= fixer.options().threshold);
    CHECK(e.confidence <= 1.0);
    CHECK_FALSE(e.reason.empty());
    previous_end = e.end;
  }
  // A stricter threshold never adds edits.
  repair::FixOptions strict;
  strict.threshold = 0.9999;
  CHECK(repair::Fixer(*engine()->lexicon, *engine()->model, strict).fix(doc).edits.size() <= edits.size());
}

TEST_CASE("without reasons, fix makes the same edits and writes no reason", "[fixer]") {
  if (!engine()) return;
  text::Segmenter segmenter;
  // Phrase edits with consistency evidence, number garble and glued words.
  const text::Document doc = segmenter.segment(kSpunContext + kSpunContext +
                                               "Reservists: seven.6 million. The soldierstheir leaders said so.\n");
  repair::FixOptions quiet;
  quiet.reasons = false;
  const auto with = repair::Fixer(*engine()->lexicon, *engine()->model, repair::FixOptions{}).fix(doc).edits;
  const auto without = repair::Fixer(*engine()->lexicon, *engine()->model, quiet).fix(doc).edits;
  REQUIRE(with.size() >= 8);
  REQUIRE(with.size() == without.size());
  for (std::size_t i = 0; i < with.size(); ++i) {
    CAPTURE(with[i].reason);
    CHECK(with[i].begin == without[i].begin);
    CHECK(with[i].end == without[i].end);
    CHECK(with[i].replacement == without[i].replacement);
    CHECK(with[i].confidence == without[i].confidence);
    CHECK(with[i].source == without[i].source);
    CHECK(with[i].runners_up.size() == without[i].runners_up.size());
    CHECK_FALSE(with[i].reason.empty());
    CHECK(without[i].reason.empty());
  }
  // The sources the text was written to reach.
  for (const repair::EditSource source : {repair::EditSource::Phrase, repair::EditSource::Number, repair::EditSource::Split}) {
    CHECK(std::any_of(with.begin(), with.end(), [&](const repair::Edit& e) { return e.source == source; }));
  }
}

TEST_CASE("the document prior: strong spinner forms lift it, clean text lowers it", "[fixer]") {
  if (!engine()) return;
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model, repair::FixOptions{});
  text::Segmenter segmenter;
  std::size_t strong = 0;
  const double spun = fixer.document_bias(segmenter.segment(kSpunContext), &strong);
  CHECK(spun > 0.0);
  CHECK(spun <= fixer.options().prior_weight * std::log10(fixer.options().max_share) + 1e-9);
  CHECK(strong >= 5);
  std::string clean;
  for (int i = 0; i < 40; ++i) clean += "The soldiers were sent to the front, officials said on Tuesday.\n";
  CHECK(fixer.document_bias(segmenter.segment(clean), &strong) < -1.0);
  CHECK(strong == 0);
}

TEST_CASE("a spun form used throughout a document, with its original scarce, is trusted more", "[fixer]") {
  if (!engine()) return;
  text::Segmenter segmenter;
  // "stated" for "said" in every sentence, "said" nowhere: the spinner's signature.
  std::string consistent = kSpunContext;
  for (const char* who : {"The mayor", "A spokesman", "The minister", "Her lawyer"}) {
    consistent += std::string(who) + " stated that the plan would go ahead.\n";
  }
  // The same sentences in a document that otherwise says "said", as clean writing does.
  std::string mixed = kSpunContext;
  for (const char* who : {"The mayor", "A spokesman", "The minister", "Her lawyer"}) {
    mixed += std::string(who) + " said that the plan would go ahead, and others said so too.\n";
  }
  mixed += "The mayor stated that the plan would go ahead.\n";
  auto stated_edits = [&](const std::string& text, double weight) {
    repair::FixOptions options;
    options.consistency_weight = weight;
    const repair::Fixer fixer(*engine()->lexicon, *engine()->model, options);
    const text::Document doc = segmenter.segment(text);
    std::vector<repair::Edit> out;
    for (repair::Edit& e : fixer.fix(doc).edits) {
      if (doc.bytes().substr(e.begin, e.end - e.begin) == "stated") out.push_back(std::move(e));
    }
    return out;
  };
  const auto with = stated_edits(consistent, 1.0);
  const auto without = stated_edits(consistent, 0.0);
  REQUIRE(!with.empty());
  CHECK(with.size() >= without.size());
  // Every such edit says how the document's ratio compares with clean text's.
  for (const repair::Edit& e : with) {
    CHECK(e.reason.find("“said” to “stated” is 0:4 here") != std::string::npos);
  }
  // Where "said" is common, the bonus is smaller, and the evidence says why.
  auto bonus = [](const repair::Edit& e) {
    const std::size_t at = e.reason.find("in clean text (");
    return at == std::string::npos ? -99.0 : std::stod(e.reason.substr(at + 15));
  };
  for (const repair::Edit& e : stated_edits(mixed, 1.0)) {
    CHECK(e.reason.find("is 8:1 here") != std::string::npos);
    CHECK(bonus(e) < bonus(with.front()) - 0.5);
  }
  CHECK(bonus(with.front()) == Approx(1.0));
  // And confidence is higher with the bonus than without it.
  if (!without.empty()) CHECK(with.front().confidence > without.front().confidence);
}

TEST_CASE("rare words (--rare-words): a rare word the model rejects takes its far more frequent synonym", "[fixer][frequency]") {
  if (!engine()) return;
  // "noways" for "never" (a Moby synonym); "rial" is rare too, but fits where it stands.
  const std::string text = "He said that he would noways give up the fight.\nThe price of bread rose by one rial last week.\n";
  repair::FixOptions options;
  options.calibration = repair::Calibration::load(dictionary_path("repair.tsv"));
  CHECK(fix(text, options) == text);  // off by default
  options.frequency_gain = repair::kFrequencyRepairGain;
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model, options);
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(text);
  const std::vector<repair::Edit> edits = fixer.fix(doc).edits;
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].replacement == "never");
  CHECK(edits[0].source == repair::EditSource::Thesaurus);
  CHECK_THAT(edits[0].reason, Catch::Contains("rare word"));
  CHECK(edits[0].confidence >= options.threshold);
  CHECK(edits[0].confidence < 1.0);
  // Clean text stays as it is.
  const std::string clean = "The mayor said that the plan would go ahead, and the council agreed.\n";
  CHECK(fix(clean, options) == clean);
}

TEST_CASE("neighbouring edits that one entry spells are decided together, not left half restored", "[fixer]") {
  if (!engine()) return;
  // In a document thick with spin, "heat" -> "warm" and "phrases" -> "words" each carry the
  // document's prior, so the search takes them one by one; judged alone, "heat" -> "warm" falls
  // short of the threshold and "heat words" would remain. The entry "heat phrases" -> "warm
  // words" decides the pair as one edit.
  const std::string input = kSpunContext + "After months of heat phrases from both capitals, the talks began.\n";
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model, repair::FixOptions{});
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(input);
  const repair::FixResult result = fixer.fix(doc);
  const std::string output = repair::apply_edits(doc.bytes(), result.edits);
  CHECK(output.find("months of warm words from") != std::string::npos);
  const auto pair = std::find_if(result.edits.begin(), result.edits.end(), [&](const repair::Edit& e) {
    return doc.bytes().substr(e.begin, e.end - e.begin) == "heat phrases";
  });
  REQUIRE(pair != result.edits.end());
  CHECK(pair->replacement == "warm words");
  CHECK(pair->confidence >= fixer.options().threshold);
  CHECK(pair->reason.find("spinner form of “warm words”") != std::string::npos);
  // Without the document's spin the pair is still one edit, as before.
  const text::Document alone = segmenter.segment("After months of heat phrases from both capitals, the talks began.\n");
  const std::string plain = repair::apply_edits(alone.bytes(), fixer.fix(alone).edits);
  CHECK(plain.find("heat words") == std::string::npos);
}

TEST_CASE("number garble takes the document's prior where the document shows spin, never a penalty", "[fixer]") {
  if (!engine()) return;
  const std::string sentence = "It gave his soldiers Twenty first-century combat experience.\n";
  repair::FixOptions options;
  options.threshold = 0.01;  // see every candidate edit
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model, options);
  text::Segmenter segmenter;
  auto century = [&](const std::string& input) {
    const text::Document doc = segmenter.segment(input);
    for (const repair::Edit& e : fixer.fix(doc).edits) {
      if (doc.bytes().substr(e.begin, e.end - e.begin) == "Twenty first") return e;
    }
    FAIL("no edit of “Twenty first” in: " << input);
    return repair::Edit{};
  };
  const repair::Edit spun = century(kSpunContext + sentence);
  CHECK(spun.replacement == "21st");
  CHECK(spun.source == repair::EditSource::Number);
  CHECK(spun.confidence >= repair::FixOptions{}.threshold);  // made at the default threshold
  // A document without other spin neither lifts nor lowers it.
  std::string plain;
  for (int i = 0; i < 20; ++i) plain += "The soldiers were sent to the front, officials said on Tuesday.\n";
  std::size_t strong = 0;
  CHECK(fixer.document_bias(segmenter.segment(plain + sentence), &strong) < 0);
  CHECK(century(plain + sentence).confidence == Approx(century(sentence).confidence).margin(0.02));
  CHECK(century(plain + sentence).confidence < spun.confidence);
}

TEST_CASE("commas the language model cannot see: \"However,\" is not spun \"But,\"", "[fixer][commas]") {
  if (!engine()) return;
  // The language models drop punctuation, so without the comma model "However, the plan" and
  // "But, the plan" look alike to them, and in a spun document "However" is taken for "but".
  const std::string input = kSpunContext + "However, the plan failed.\nThe plan failed, however the troops stayed.\n";
  repair::FixOptions options;
  const std::string without = fix(input, options);
  CHECK(without.find("But, the plan failed.") != std::string::npos);
  options.commas = std::make_shared<const lm::CommaModel>(lm::CommaModel::from_text(
      "# unspin comma model 1\nhowever\t1000\t900\t500\nbut\t1000\t10\t400\n", "test-commas.tsv"));
  const std::string with = fix(input, options);
  CHECK(with.find("However, the plan failed.") != std::string::npos);
  // No comma after it: "however" joining two clauses is still read as spun "but", and more surely.
  CHECK(with.find("The plan failed, but the troops stayed.") != std::string::npos);
  options.comma_weight = 0;
  CHECK(fix(input, options) == without);
  // The reason says what the commas did.
  options.comma_weight = 2;
  const repair::Fixer fixer(*engine()->lexicon, *engine()->model, options);
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(input);
  const auto edits = fixer.fix(doc).edits;
  const auto but = std::find_if(edits.begin(), edits.end(), [](const repair::Edit& e) { return e.replacement == "but"; });
  REQUIRE(but != edits.end());
  CHECK_THAT(but->reason, Catch::Contains("the commas around it suit the original (+"));
}

TEST_CASE("commas that speak against an edit take its calibrated confidence down with its margin", "[fixer][commas]") {
  if (!engine()) return;
  // Seed 000's "However, others strike a cautionary observe...": the commas say -2.53 against
  // "But,", but counted in the channel alone the calibration, which weighs the language model's
  // part of the margin on its own, still gave 0.83 and made the edit. The counts are those of
  // the clean training text.
  repair::FixOptions options;
  options.calibration = repair::Calibration::load(dictionary_path("repair.tsv"));
  options.commas = std::make_shared<const lm::CommaModel>(lm::CommaModel::from_text(
      "# unspin comma model 1\nhowever\t1167\t1041\t950\nbut\t8159\t130\t3538\n", "test-commas.tsv"));
  const std::string input =
      kSpunContext + "However, others strike a cautionary observe about leaping to conclusions on the premise of restricted battlefield contact.\n";
  const std::string output = fix(input, options);
  CHECK(output.find("However, others strike a cautionary note about jumping") != std::string::npos);
}
