#include "repair/calibration.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "errors.hpp"
#include "repair/fixer.hpp"
#include "resources.hpp"
#include "test_engine.hpp"
#include "temp_path.hpp"

using namespace unspin;
using repair::Calibration;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  return testing::write_temp_file("calibration-" + name, content).string();
}

// A complete weights file: intercept `bias`, every feature weight 0.
std::string weights_tsv(double bias) {
  std::string out = "# test\nbias\t" + std::to_string(bias) + "\n";
  for (std::size_t f = 0; f < repair::kEditFeatures; ++f) out += std::string(repair::feature_name(f)) + "\t0\n";
  return out + "frequency_bias\t" + std::to_string(bias) + "\nfrequency_margin\t0\n";
}

std::string load_error(const std::string& content) {
  return testing::resource_error([&] { Calibration::load(write_temp("bad.tsv", content)); });
}

// Spun prose thick with spinner forms, and one number garble.
const std::string kSpun =
    "The troopers had been combating in opposition to the rebels. They would by no means find yourself "
    "as cannon fodder, in line with officers. It is prone to be one in every of the largest attacks. "
    "The minister stated that seven.6 million people had been displaced.\n";

repair::FixResult fix(const repair::FixOptions& options, const text::Document& doc) {
  return repair::Fixer(*testing::test_engine()->lexicon, *testing::test_engine()->model, options).fix(doc);
}

}  // namespace

TEST_CASE("calibration weights load, round-trip, and bad files name the file and line", "[calibration]") {
  const Calibration c = Calibration::load(write_temp("ok.tsv", weights_tsv(-2.5)));
  CHECK(c.fitted);
  CHECK(c.probability(repair::EditFeatures{}) == Approx(1 / (1 + std::exp(2.5))));
  CHECK_THAT(load_error("bias\n"), Catch::Contains("bad.tsv:1: expected 2 tab-separated fields"));
  CHECK_THAT(load_error("# c\ncolour\t1\n"), Catch::Contains("bad.tsv:2: unknown input “colour”"));
  CHECK_THAT(load_error("bias\tlots\n"), Catch::Contains("weight is not a number"));
  CHECK_THAT(load_error("bias\tinf\n"), Catch::Contains("weight is not a number"));
  CHECK_THAT(load_error("bias\t1\n"), Catch::Contains("no weight for margin"));
  std::string no_frequency = weights_tsv(0);
  no_frequency.resize(no_frequency.find("frequency_margin"));
  CHECK_THAT(load_error(no_frequency), Catch::Contains("no weight for frequency_margin"));
  CHECK_THAT(load_error(weights_tsv(0) + "frequency_bias\tx\n"), Catch::Contains("weight is not a number"));
  CHECK(c.frequency_probability(3.0) == Approx(1 / (1 + std::exp(2.5))));
  CHECK_THROWS_AS(Calibration::load("/nonexistent/repair.tsv"), ResourceError);
  CHECK_FALSE(Calibration{}.fitted);
  const Calibration built_in = Calibration::load(dictionary_path("repair.tsv"));
  const Calibration again = Calibration::load(write_temp("again.tsv", built_in.to_tsv("# again\n")));
  for (std::size_t i = 0; i <= repair::kEditFeatures; ++i) {
    CHECK(again.coefficients[i] == Approx(built_in.coefficients[i]).epsilon(1e-5));
  }
  for (std::size_t i = 0; i < built_in.frequency.size(); ++i) {
    CHECK(again.frequency[i] == Approx(built_in.frequency[i]).epsilon(1e-5));
  }
  // The fitted model trusts the posterior: more of it never lowers the confidence.
  CHECK(built_in.coefficients[1 + repair::kPosterior] > 0);
  // Frequency-guided edits: a wider margin is more trusted, and the measured floor of their gain
  // (most below it were wrong) is not trusted.
  CHECK(built_in.frequency_probability(8.0) > built_in.frequency_probability(6.0));
  CHECK(built_in.frequency_probability(repair::kFrequencyRepairGain) < 0.8);
}

TEST_CASE("phrase edits take the calibrated confidence; other edits the discounted posterior", "[calibration]") {
  if (!testing::test_engine()) {
    WARN("skipped: no thesaurus index or language model (tools/build makes them after tools/setup)");
    return;
  }
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(kSpun);
  repair::FixOptions options;
  options.calibration = Calibration::load(dictionary_path("repair.tsv"));
  options.keep_all = true;
  const repair::FixResult all = fix(options, doc);
  REQUIRE(all.features.size() == all.edits.size());
  std::size_t phrases = 0, numbers = 0;
  for (std::size_t k = 0; k < all.edits.size(); ++k) {
    const repair::Edit& e = all.edits[k];
    const repair::EditFeatures& x = all.features[k];
    CAPTURE(e.replacement, e.reason);
    if (e.source == repair::EditSource::Phrase) {
      ++phrases;
      CHECK(e.confidence == Approx(options.calibration.probability(x)));
      CHECK(x[repair::kMultiword] == (doc.bytes().substr(e.begin, e.end - e.begin).find(' ') != std::string_view::npos ? 1 : 0));
    } else {
      ++numbers;
      CHECK(e.source == repair::EditSource::Number);
      CHECK(x == repair::EditFeatures{});  // outside the calibration
    }
  }
  CHECK(phrases >= 6);
  CHECK(numbers == 1);

  // Without weights, every confidence is the posterior less the discount.
  repair::FixOptions plain;
  plain.keep_all = true;
  const repair::FixResult uncalibrated = fix(plain, doc);
  REQUIRE(uncalibrated.edits.size() == all.edits.size());  // the same best path
  for (std::size_t k = 0; k < uncalibrated.edits.size(); ++k) {
    if (uncalibrated.edits[k].source != repair::EditSource::Phrase) continue;
    const double posterior = uncalibrated.features[k][repair::kPosterior];
    CHECK(uncalibrated.edits[k].confidence == Approx(1 / (1 + std::pow(10.0, plain.posterior_discount - posterior))));
  }

  // Weights that distrust every phrase edit leave only the number fix; weights that trust every
  // one make each edit on the best path.
  repair::FixOptions none;
  none.calibration = Calibration::load(write_temp("none.tsv", weights_tsv(-50)));
  const repair::FixResult only_numbers = fix(none, doc);
  REQUIRE(only_numbers.edits.size() == 1);
  CHECK(only_numbers.edits[0].replacement == "7.6");
  CHECK(only_numbers.features.empty());  // filled only with keep_all
  repair::FixOptions every;
  every.calibration = Calibration::load(write_temp("every.tsv", weights_tsv(50)));
  std::size_t made = 0;
  for (const repair::Edit& e : fix(every, doc).edits) made += e.source == repair::EditSource::Phrase;
  CHECK(made == phrases);
}
