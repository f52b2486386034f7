#include "detect/detector.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "errors.hpp"
#include "io/input.hpp"
#include "resources.hpp"
#include "test_engine.hpp"
#include "temp_path.hpp"

namespace fs = std::filesystem;
using namespace unspin;
using detect::DetectorWeights;

namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  return testing::write_temp_file("detector-" + name, content).string();
}

// A complete weights file with every weight 0 except the ones given.
std::string weights_tsv(const std::string& extra = "") {
  std::string out = "# test\n";
  for (const char* level : {"sentence", "paragraph"}) {
    out += std::string(level) + "\tbias\t0\n";
    for (std::size_t f = 0; f < detect::kFeatureCount; ++f) out += std::string(level) + "\t" + detect::feature_name(f) + "\t0\n";
  }
  return out + extra;
}

std::string load_error(const std::string& content) {
  return testing::resource_error([&] { DetectorWeights::load(write_temp("bad.tsv", content)); });
}

const detect::Detector& detector() {
  static const detect::Detector d(*testing::test_engine()->lexicon, *testing::test_engine()->model,
                                  DetectorWeights::load(dictionary_path("detector.tsv")));
  return d;
}

detect::DocumentScore score(const std::string& text) {
  text::Segmenter segmenter;
  return detector().score(segmenter.segment(text));
}

// Clean news-like prose (written for this test).
const std::string kClean =
    "The council met on Tuesday to discuss the new flood barriers along the river. Officials said the "
    "work would start in the spring and take about two years. Residents asked whether the roads would "
    "stay open during the building work, and the council said most of them would.\n";

// The same prose as a news spinner would leave it.
const std::string kSpun =
    "The council met on Tuesday to debate the brand new flood obstacles alongside the river. Officers "
    "stated the work would begin within the spring and take about two years. Residents requested whether "
    "or not the roads would keep open throughout the constructing work, and the council stated most of "
    "them would by no means shut.\n";

}  // namespace

TEST_CASE("detector weights load, and bad files name the file and line", "[detector]") {
  const DetectorWeights w = DetectorWeights::load(write_temp("ok.tsv", weights_tsv("paragraph\tbias\t-2.5\n")));
  CHECK(w.coefficients[1][0] == -2.5);
  detect::Features raw{};
  CHECK(w.logit(detect::Level::Paragraph, raw) == -2.5);

  CHECK_THAT(load_error("sentence\tbias\n"), Catch::Contains("bad.tsv:1: expected 3 tab-separated fields"));
  CHECK_THAT(load_error("# c\nchapter\tbias\t1\n"), Catch::Contains("bad.tsv:2: unknown level “chapter”"));
  CHECK_THAT(load_error("sentence\tcolour\t1\n"), Catch::Contains("unknown input “colour”"));
  CHECK_THAT(load_error("sentence\tbias\tlots\n"), Catch::Contains("weight is not a number"));
  CHECK_THAT(load_error("sentence\tbias\tnan\n"), Catch::Contains("weight is not a number"));
  CHECK_THAT(load_error("sentence\tbias\t1\n"), Catch::Contains("no weight for sentence phrase_weight"));
  CHECK_THROWS_AS(DetectorWeights::load("/nonexistent/detector.tsv"), ResourceError);
  // The built-in weights are complete and round-trip through to_tsv().
  const DetectorWeights built_in = DetectorWeights::load(dictionary_path("detector.tsv"));
  const DetectorWeights again = DetectorWeights::load(write_temp("again.tsv", built_in.to_tsv("# again\n")));
  for (int level = 0; level < 2; ++level) {
    for (std::size_t i = 0; i < detect::kDesignSize; ++i) {
      CHECK(again.coefficients[level][i] == Approx(built_in.coefficients[level][i]).epsilon(1e-5));
    }
  }
}

TEST_CASE("the model's inputs: an intercept, feature sums, log length and log density", "[detector]") {
  detect::Features raw{};
  raw[detect::kPhraseWeight] = 2;
  raw[detect::kWords] = 500;
  raw[detect::kDocumentDensity] = 9;
  raw[detect::kFrequencyDensity] = 3;
  const detect::Design p = detect::design(raw);
  CHECK(p[0] == 1);
  CHECK(p[1 + detect::kPhraseWeight] == 2);
  CHECK(p[1 + detect::kNumbers] == 0);
  CHECK(p[1 + detect::kWords] == Approx(std::log1p(500.0)));
  CHECK(p[1 + detect::kDocumentDensity] == Approx(std::log1p(9.0)));
  CHECK(p[1 + detect::kFrequencyDensity] == Approx(std::log1p(3.0)));
}

TEST_CASE("the frequency density counts the document's frequency hits with a large gain", "[detector]") {
  if (!testing::test_engine()) return;
  // "aforesaid" for "said": a thesaurus swap the language model rejects by a wide margin.
  const std::string swapped = "The mayor aforesaid that the plan would go ahead.\n";
  double previous_density = 0;
  for (std::size_t copies = 0; copies <= 2; ++copies) {
    std::string text;
    for (std::size_t k = 0; k < copies; ++k) text += swapped;
    const detect::DocumentScore s = score(text + kClean);
    std::size_t large = 0;
    for (const detect::PassageScore& p : s.passages) {
      for (const detect::Evidence& e : p.evidence) large += e.kind == detect::EvidenceKind::Frequency && e.gain >= 4.5;
    }
    CHECK(large == copies);
    const double expected = 1000.0 * (static_cast<double>(large) + 0.2) / (static_cast<double>(s.words) + 500.0);
    CHECK(s.features[detect::kFrequencyDensity] == Approx(expected));
    CHECK(s.features[detect::kFrequencyDensity] > previous_density);
    previous_density = s.features[detect::kFrequencyDensity];
    for (const detect::PassageScore& p : s.passages) CHECK(p.features[detect::kFrequencyDensity] == Approx(expected));
    for (const detect::PassageScore& p : s.sentences) CHECK(p.features[detect::kFrequencyDensity] == Approx(expected));
  }
}

TEST_CASE("one form used throughout counts at most three times towards the densities", "[detector]") {
  if (!testing::test_engine()) return;
  const std::string swapped = "The mayor aforesaid that the plan would go ahead.\n";
  auto large_hits = [](const detect::DocumentScore& s) {
    std::size_t n = 0;
    for (const detect::PassageScore& p : s.passages) {
      for (const detect::Evidence& e : p.evidence) n += e.kind == detect::EvidenceKind::Frequency && e.gain >= 4.5;
    }
    return n;
  };
  std::string text;
  for (int k = 0; k < 6; ++k) text += swapped;
  const detect::DocumentScore s = score(text + kClean);
  REQUIRE(large_hits(s) == 6);
  // The evidence lists all six, and the reported hits count them; the density counts three.
  CHECK(s.hits >= 6);
  const double capped = 1000.0 * (3 + 0.2) / (static_cast<double>(s.words) + 500.0);
  CHECK(s.features[detect::kFrequencyDensity] == Approx(capped));
  // Without the cap, all six count.
  detect::DetectOptions every;
  every.density_per_form = 0;
  const detect::Detector uncapped(*testing::test_engine()->lexicon, *testing::test_engine()->model,
                                  DetectorWeights::load(dictionary_path("detector.tsv")), every);
  text::Segmenter segmenter;
  const detect::DocumentScore u = uncapped.score(segmenter.segment(text + kClean));
  CHECK(u.features[detect::kFrequencyDensity] == Approx(1000.0 * (6 + 0.2) / (static_cast<double>(u.words) + 500.0)));
  CHECK(u.score > s.score);
}

TEST_CASE("spun prose scores high with its evidence; clean prose scores low", "[detector]") {
  if (!testing::test_engine()) {
    WARN("skipped: no thesaurus index or language model (tools/build makes them after tools/setup)");
    return;
  }
  const detect::DocumentScore spun = score(kSpun);
  const detect::DocumentScore clean = score(kClean);
  REQUIRE(spun.passages.size() == 1);
  REQUIRE(clean.passages.size() == 1);
  CHECK(spun.passages[0].label == detect::Label::Spun);
  CHECK(clean.passages[0].label == detect::Label::Clean);
  CHECK(spun.passages[0].score > clean.passages[0].score + 0.5);
  CHECK(spun.label == detect::Label::Spun);
  CHECK(clean.label == detect::Label::Clean);
  CHECK(spun.score == Approx(spun.passages[0].score));  // one passage: the document is that passage
  CHECK(spun.sentences.size() == 3);
  // The evidence names the spun forms, their originals and offsets into the input.
  bool never = false;
  for (const detect::Evidence& e : spun.passages[0].evidence) {
    if (kSpun.substr(e.begin, e.end - e.begin) == "by no means") {
      never = true;
      CHECK(e.kind == detect::EvidenceKind::Phrase);
      CHECK(e.original == "never");
      CHECK(e.gain > 0);
      CHECK(e.weight > 0);
    }
  }
  CHECK(never);
  for (std::size_t k = 1; k < spun.passages[0].evidence.size(); ++k) {
    CHECK(spun.passages[0].evidence[k - 1].weight >= spun.passages[0].evidence[k].weight);
  }
  CHECK(spun.hits_per_1000_words > clean.hits_per_1000_words);
}

TEST_CASE("a single odd word does not condemn a clean paragraph", "[detector]") {
  if (!testing::test_engine()) return;
  // "utilizing" and "whereas" are spinner favourites, but also ordinary English.
  const detect::DocumentScore s =
      score("The council is utilizing the old depot for storage, whereas the new one is still being built. " + kClean);
  CHECK(s.passages[0].label == detect::Label::Clean);
  CHECK(s.label == detect::Label::Clean);
}

TEST_CASE("score reports its progress sentence by sentence", "[detector]") {
  if (!testing::test_engine()) return;
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(kSpun + kClean);
  std::vector<std::size_t> calls;
  const detect::DocumentScore s = detector().score(doc, [&calls](std::size_t bytes) { calls.push_back(bytes); });
  REQUIRE(calls.size() == doc.sentences().size());
  for (std::size_t k = 1; k < calls.size(); ++k) CHECK(calls[k] > calls[k - 1]);
  CHECK(calls.back() == doc.sentences().back().end);
  CHECK(s.score == detector().score(doc).score);
}

TEST_CASE("scores are the same from concurrent threads", "[detector]") {
  if (!testing::test_engine()) return;
  const detect::DocumentScore reference = score(kSpun + kClean);
  std::vector<double> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&results, t] { results[t] = score(kSpun + kClean).passages[0].score; });
  }
  for (std::thread& t : threads) t.join();
  for (double r : results) CHECK(r == reference.passages[0].score);
}

TEST_CASE("document verdicts on the seed articles", "[detector][seeds]") {
  if (!testing::test_engine()) return;
  const fs::path seeds = fs::path(UNSPIN_SHARED_DIR) / "seeds";
  if (!fs::exists(seeds)) {
    WARN("skipped: ../shared/seeds is absent");
    return;
  }
  const std::pair<const char*, detect::Label> expected[] = {
      {"000_87a5f8c24b8f5d40.txt", detect::Label::Spun},
      {"001_3ac09adc4176e191.txt", detect::Label::Clean},
      {"002_49cb134a66880ea5.txt", detect::Label::Clean},
      {"004_f02d75b0bcb657a2.txt", detect::Label::Clean},
  };
  for (const auto& [name, label] : expected) {
    INFO(name);
    CHECK(score(io::read_input((seeds / name).string())).label == label);
  }
}
