#include "lm/commas.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "errors.hpp"
#include "temp_path.hpp"

using namespace unspin;
using lm::CommaModel;
using lm::Side;

namespace {

const std::string kHeader = "# unspin comma model 1\n";

std::string load_error(const std::string& name, const std::string& content) {
  return testing::resource_error([&] { CommaModel::load(testing::write_temp_file("commas-" + name, content).string()); });
}

}  // namespace

TEST_CASE("comma model: probabilities and what favours an original", "[commas]") {
  const CommaModel m = CommaModel::from_text(kHeader +
                                                 "# word\toccurrences\tcomma after\tcomma before\n"
                                                 "however\t1000\t900\t500\n"
                                                 "but\t1000\t10\t400\n"
                                                 "rare\t19\t0\t0\n",
                                             "test.tsv");
  CHECK(m.words() == 3);
  REQUIRE(m.probability("however", Side::After, true));
  CHECK(*m.probability("however", Side::After, true) == Approx(std::log10(900.5 / 1001)));
  CHECK(*m.probability("however", Side::After, false) == Approx(std::log10(1 - 900.5 / 1001)));
  CHECK(*m.probability("but", Side::Before, true) == Approx(std::log10(400.5 / 1001)));
  CHECK_FALSE(m.probability("rare", Side::After, true));     // below kMinOccurrences
  CHECK_FALSE(m.probability("unknown", Side::After, true));
  // "However," is not "But,": the comma after speaks for the written word...
  CHECK(m.favour("but", "however", Side::After, true) < -1.5);
  // ... and "however the" without one for "but".
  CHECK(m.favour("but", "however", Side::After, false) > 0.9);
  CHECK(m.favour("but", "rare", Side::After, true) == 0);  // unknown on either side: no say
  CHECK(m.favour("unknown", "but", Side::After, true) == 0);
  CHECK(CommaModel().favour("but", "however", Side::After, true) == 0);
}

TEST_CASE("comma model: a missing, foreign or malformed file is a ResourceError naming it", "[commas]") {
  CHECK_THAT(testing::resource_error([] { CommaModel::load("/nonexistent/commas.tsv"); }),
             Catch::Contains("/nonexistent/commas.tsv") && Catch::Contains("tools/setup"));
  CHECK_THAT(load_error("foreign.tsv", "however\t1000\t900\t500\n"), Catch::Contains("not an unspin comma model"));
  CHECK_THAT(load_error("empty.tsv", ""), Catch::Contains("not an unspin comma model"));
  CHECK_THAT(load_error("version.tsv", "# unspin comma model 12\n"), Catch::Contains("not an unspin comma model"));
  CHECK_THAT(load_error("fields.tsv", kHeader + "however\t1000\t900\n"), Catch::Contains(":2: expected 4"));
  CHECK_THAT(load_error("five.tsv", kHeader + "however\t1000\t900\t5\t1\n"), Catch::Contains(":2: expected 4"));
  CHECK_THAT(load_error("trailing.tsv", kHeader + "# c\n\nhowever\t1000\t900\t5\t\n"), Catch::Contains(":4: expected 4"));
  CHECK_THAT(load_error("word.tsv", kHeader + "\t1000\t900\t5\n"), Catch::Contains(":2: an empty word"));
  CHECK_THAT(load_error("blank.tsv", kHeader + "however\t\t900\t5\n"), Catch::Contains("expected a count, found \"\""));
  CHECK_THAT(load_error("count.tsv", kHeader + "however\t1000\tmany\t5\n"), Catch::Contains("expected a count"));
  CHECK_THAT(load_error("negative.tsv", kHeader + "however\t-1\t0\t0\n"), Catch::Contains("expected a count"));
  CHECK_THAT(load_error("more.tsv", kHeader + "however\t10\t11\t0\n"), Catch::Contains("more commas than occurrences"));
  CHECK_THAT(load_error("twice.tsv", kHeader + "but\t30\t1\t1\nbut\t30\t1\t1\n"), Catch::Contains(":3: \"but\" twice"));
  CHECK(load_error("ok.tsv", kHeader + "but\t30\t1\t1\r\n") == "");
}

TEST_CASE("comma model: counted from documents, written and read back", "[commas]") {
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment("However , the troops\u00a0came, but slowly.\nBut it’s fine, however.\n");
  // Tokens: However| |,| |the| |troops|NBSP|came|,| |but| |slowly|.
  CHECK(lm::comma_beside(doc, 0, 1, Side::After));       // across a space
  CHECK_FALSE(lm::comma_beside(doc, 0, 1, Side::Before));  // the start of the text
  CHECK(lm::comma_beside(doc, 4, 5, Side::Before));       // "the"
  CHECK(lm::comma_beside(doc, 6, 9, Side::After));        // "troops came," across NBSP
  CHECK_FALSE(lm::comma_beside(doc, 6, 7, Side::After));
  lm::CommaCounter counter;
  for (int i = 0; i < 10; ++i) counter.add_document(doc);
  const std::string path = testing::temp_path("counted.tsv").string();
  counter.write(path, "a test");
  // Each word occurs 10 or 20 times; only those seen 20 times (kMinOccurrences) are written.
  const CommaModel m = CommaModel::load(path);
  CHECK(m.words() == 2);  // "however" and "but", each twice a document
  CHECK(*m.probability("however", Side::After, true) == Approx(std::log10(10.5 / 21)));
  CHECK(*m.probability("however", Side::Before, true) == Approx(std::log10(10.5 / 21)));
  CHECK(*m.probability("but", Side::Before, true) == Approx(std::log10(10.5 / 21)));
  CHECK(*m.probability("but", Side::After, true) == Approx(std::log10(0.5 / 21)));
  CHECK_FALSE(m.probability("troops", Side::After, true));
  CHECK_FALSE(m.probability("it's", Side::After, true));
}
