#include "detect/frequency_table.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "detect/frequent_words.hpp"
#include "errors.hpp"
#include "lattice/sentence.hpp"
#include "resources.hpp"
#include "test_engine.hpp"
#include "temp_path.hpp"

namespace fs = std::filesystem;
using namespace unspin;

namespace {

std::string temp_path(const std::string& name) {
  return testing::temp_path("frequency-" + name).string();
}

std::string open_error(const std::string& path) {
  return testing::resource_error([&] { detect::FrequencyTable::open(path); });
}

const detect::DetectorWeights& weights() {
  static const detect::DetectorWeights w = detect::DetectorWeights::load(dictionary_path("detector.tsv"));
  return w;
}

// Thesaurus-style swaps (written for this test): "aforesaid" for "said", "chiefly" for "mainly".
const std::string kText =
    "The mayor aforesaid that the plan would go ahead. The council met chiefly to discuss the new "
    "flood barriers, and residents asked whether the roads would stay open.\n";

std::vector<detect::Evidence> frequency_evidence(const detect::DocumentScore& s) {
  std::vector<detect::Evidence> out;
  for (const detect::PassageScore& p : s.passages) {
    for (const detect::Evidence& e : p.evidence) {
      if (e.kind == detect::EvidenceKind::Frequency) out.push_back(e);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a frequency table round-trips, sorted, with words that have no synonym", "[frequency]") {
  const std::string path = temp_path("roundtrip.idx");
  detect::DetectOptions options;
  detect::write_frequency_table(path,
                                {{"zebra", {}},
                                 {"aforesaid", {{"said", -2.5f}, {"stated", -3.9f}}},
                                 {"chiefly", {{"mainly", -3.7f}}}},
                                42, options);
  const detect::FrequencyTable table = detect::FrequencyTable::open(path);
  CHECK(table.words() == 3);
  const auto aforesaid = table.find("aforesaid");
  REQUIRE(aforesaid);
  REQUIRE(aforesaid->size() == 2);
  CHECK((*aforesaid)[0].text == "said");
  CHECK((*aforesaid)[0].unigram == -2.5f);
  CHECK((*aforesaid)[1].text == "stated");
  const auto zebra = table.find("zebra");
  REQUIRE(zebra);
  CHECK(zebra->empty());
  CHECK_FALSE(table.find("mainly"));  // a synonym is not a key
  CHECK_FALSE(table.find("aardvark"));
  // Only for the fingerprint and the options it was built with.
  CHECK(table.built_for(42, options));
  CHECK_FALSE(table.built_for(43, options));
  detect::DetectOptions other = options;
  other.frequency_candidates = options.frequency_candidates + 1;
  CHECK_FALSE(table.built_for(42, other));
  other = options;
  other.rare_word = options.rare_word - 1;
  CHECK_FALSE(table.built_for(42, other));
}

TEST_CASE("a truncated, foreign or tampered frequency table is a clear error", "[frequency]") {
  const std::string path = temp_path("good.idx");
  detect::write_frequency_table(path, {{"aforesaid", {{"said", -2.5f}}}, {"chiefly", {{"mainly", -3.7f}}}}, 1, {});
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto write = [](const std::string& p, const std::string& b) {
    std::ofstream(p, std::ios::binary) << b;
    return p;
  };
  CHECK_THAT(open_error(write(temp_path("short.idx"), bytes.substr(0, bytes.size() - 3))),
             Catch::Contains("not a valid frequency table") && Catch::Contains("truncated"));
  CHECK_THAT(open_error(write(temp_path("foreign.idx"), "UNSPNTHS" + bytes.substr(8))), Catch::Contains("wrong magic"));
  std::string tampered = bytes;
  tampered[64] = '\x7f';  // the first key offset, past the end of the pool
  CHECK_THAT(open_error(write(temp_path("tampered.idx"), tampered)), Catch::Contains("not a valid frequency table"));
  CHECK_THAT(open_error(temp_path("missing.idx")), Catch::Contains("missing.idx"));
}

TEST_CASE("the detector answers the same with the build's table as without it", "[frequency][detector]") {
  if (!testing::test_engine()) return;
  const auto& engine = *testing::test_engine();
  const auto built = detect::default_frequency_table();
  if (!built) {
    WARN("skipped: no build/data/frequency.idx (tools/build makes it)");
    return;
  }
  REQUIRE(built->built_for(detect::frequency_fingerprint(*engine.lexicon, *engine.model), {}));
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(kText);
  const detect::Detector with(*engine.lexicon, *engine.model, weights(), {}, detect::Detector::new_cache(built));
  const detect::Detector without(*engine.lexicon, *engine.model, weights(), {}, detect::Detector::new_cache());
  const detect::DocumentScore a = with.score(doc);
  const detect::DocumentScore b = without.score(doc);
  CHECK(a.score == b.score);
  const auto ea = frequency_evidence(a), eb = frequency_evidence(b);
  REQUIRE(ea.size() == eb.size());
  CHECK(!ea.empty());
  for (std::size_t i = 0; i < ea.size(); ++i) {
    CHECK(ea[i].original == eb[i].original);
    CHECK(ea[i].gain == eb[i].gain);
  }
  // Each rare word's entry is what frequent_synonyms() works out at run time.
  for (const char* word : {"aforesaid", "chiefly"}) {
    const float unigram = detect::word_unigram(*engine.model, word, engine.model->lookup(word));
    const auto stored = built->find(word);
    REQUIRE(stored);
    const auto computed = detect::frequent_synonyms(*engine.lexicon, *engine.model, {}, word, unigram);
    REQUIRE(stored->size() == computed.size());
    for (std::size_t i = 0; i < computed.size(); ++i) CHECK((*stored)[i].text == computed[i].text);
  }
}

TEST_CASE("the detector uses a table only when it was built for its model and options", "[frequency][detector]") {
  if (!testing::test_engine()) return;
  const auto& engine = *testing::test_engine();
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(kText);
  // A table that says "aforesaid" has no frequent synonym: used, the hit on it disappears.
  const std::string path = temp_path("fitting.idx");
  const std::uint64_t fingerprint = detect::frequency_fingerprint(*engine.lexicon, *engine.model);
  detect::write_frequency_table(path, {{"aforesaid", {}}}, fingerprint, {});
  const auto fitting = std::make_shared<const detect::FrequencyTable>(detect::FrequencyTable::open(path));
  auto names_said = [](const std::vector<detect::Evidence>& evidence) {
    for (const detect::Evidence& e : evidence) {
      if (e.original == "said") return true;
    }
    return false;
  };
  const detect::Detector plain(*engine.lexicon, *engine.model, weights(), {}, detect::Detector::new_cache());
  CHECK(names_said(frequency_evidence(plain.score(doc))));
  const detect::Detector with_fitting(*engine.lexicon, *engine.model, weights(), {}, detect::Detector::new_cache(fitting));
  CHECK_FALSE(names_said(frequency_evidence(with_fitting.score(doc))));
  // The same table under another fingerprint is ignored.
  detect::write_frequency_table(temp_path("stale.idx"), {{"aforesaid", {}}}, fingerprint + 1, {});
  const auto stale = std::make_shared<const detect::FrequencyTable>(detect::FrequencyTable::open(temp_path("stale.idx")));
  const detect::Detector with_stale(*engine.lexicon, *engine.model, weights(), {}, detect::Detector::new_cache(stale));
  CHECK(names_said(frequency_evidence(with_stale.score(doc))));
}

TEST_CASE("best_frequent with a floor finds exactly the candidates that reach it", "[frequency]") {
  if (!testing::test_engine()) return;
  const auto& engine = *testing::test_engine();
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(kText);
  lattice::WordIds ids(*engine.model);
  const lattice::DocumentWords types(doc, ids, engine.lexicon->phrases());
  detect::FrequentWords words;
  const detect::DetectOptions options;
  detect::DocumentFrequentWords frequent(words, *engine.lexicon, *engine.model, options, nullptr, types.type_count());
  std::size_t with_candidates = 0, pruned = 0;
  for (const text::Sentence& sentence : doc.sentences()) {
    const lattice::SentenceView view(types, sentence);
    const std::vector<lattice::Slot>& slots = view.slots();
    lattice::WrittenScores written(*engine.model, slots);
    for (std::uint32_t i = 0; i < slots.size(); ++i) {
      if (!lattice::editable_word(slots[i])) continue;
      const detect::FrequentWord& w = frequent(slots[i]);
      CHECK(&w == &words.get(*engine.lexicon, *engine.model, options, nullptr, slots[i].lm, slots[i].id));  // kept once
      const detect::FrequentGain all = detect::best_frequent(written, i, w);
      if (!all.candidate) continue;
      ++with_candidates;
      for (const double needed : {0.5, 2.0, 5.0, 20.0}) {
        const detect::FrequentGain floor = detect::best_frequent(written, i, w, needed);
        if (all.gain >= needed) {
          REQUIRE(floor.candidate == all.candidate);
          CHECK(floor.gain == all.gain);
        } else if (!floor.candidate) {
          ++pruned;
        }
      }
    }
  }
  CHECK(with_candidates >= 1);  // "aforesaid" at least
  CHECK(pruned > 0);
}

TEST_CASE("an abbreviation is not a rare word standing for its expansion", "[frequency]") {
  if (!testing::test_engine()) return;
  const auto& engine = *testing::test_engine();
  auto synonyms = [&](const char* word) {
    const float unigram = detect::word_unigram(*engine.model, word, engine.model->lookup(word));
    std::vector<std::string> out;
    for (const auto& s : detect::frequent_synonyms(*engine.lexicon, *engine.model, {}, word, unigram)) out.push_back(s.text);
    return out;
  };
  // "Apr 08, 2022: libarchive 3.6.1 released" on every line of a NEWS file made it look spun.
  for (const char* word : {"apr", "aug"}) {
    CAPTURE(word);
    for (const std::string& s : synonyms(word)) CHECK_FALSE(s.starts_with(word));
  }
  CHECK_FALSE(synonyms("aforesaid").empty());  // other rare words keep their frequent synonyms
}
