#include "lm/kneser_ney.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "errors.hpp"
#include "lm/cmu_model.hpp"
#include "lm/score_cache.hpp"
#include "lm/sphinx_model.hpp"
#include "temp_path.hpp"

namespace fs = std::filesystem;
using namespace unspin::lm;

namespace {

const fs::path& small_model() {
  static const fs::path path = [] {
    KneserNeyTrainer trainer;
    const char* sentences[] = {
        "the troops were sent to the front", "the troops were never told",
        "the soldiers were sent home",       "they said the troops were tired",
        "the army said the soldiers were fine", "we were told the war was over",
        "the front was quiet",               "they were sent to the war",
    };
    for (const char* s : sentences) {
      std::vector<std::string> words;
      std::string w;
      for (const char* c = s;; ++c) {
        if (*c == ' ' || *c == '\0') {
          words.push_back(w);
          w.clear();
          if (*c == '\0') break;
        } else {
          w += *c;
        }
      }
      trainer.add_sentence(words);
    }
    const fs::path p = unspin::testing::temp_path("small.kn3");
    trainer.write(p.string(), "test model");
    return p;
  }();
  return path;
}

double total_probability(const LanguageModel& m, WordId u, WordId v, const std::vector<std::string>& vocab) {
  double sum = 0;
  for (const std::string& w : vocab) {
    if (w == "<s>") continue;
    sum += std::pow(10.0, m.score(u, v, m.lookup(w)));
  }
  return sum;
}

}  // namespace

TEST_CASE("Kneser-Ney distributions sum to one in every kind of context", "[lm]") {
  const KneserNeyModel m = KneserNeyModel::open(small_model().string());
  const std::vector<std::string> vocab = {"</s>", "<unk>", "army", "fine", "front", "home", "never", "over",
                                          "quiet", "said", "sent", "soldiers", "the", "they", "tired", "to",
                                          "told", "troops", "war", "was", "we", "were"};
  REQUIRE(m.vocabulary() == vocab.size() + 1);  // plus <s>
  const WordId bos = m.begin_sentence();
  CHECK(total_probability(m, bos, bos, vocab) == Approx(1.0).epsilon(1e-4));                       // sentence start
  CHECK(total_probability(m, m.lookup("the"), m.lookup("troops"), vocab) == Approx(1.0).epsilon(1e-4));  // seen
  CHECK(total_probability(m, m.lookup("war"), m.lookup("troops"), vocab) == Approx(1.0).epsilon(1e-4));  // unseen pair
  CHECK(total_probability(m, m.lookup("fine"), m.lookup("home"), vocab) == Approx(1.0).epsilon(1e-4));   // unseen context
}

TEST_CASE("Kneser-Ney prefers what it has seen", "[lm]") {
  const KneserNeyModel m = KneserNeyModel::open(small_model().string());
  const WordId the = m.lookup("the"), troops = m.lookup("troops");
  CHECK(m.score(the, troops, m.lookup("were")) > m.score(the, troops, m.lookup("army")));
  CHECK(m.lookup("zebra") == m.unknown());
  CHECK(m.score(the, troops, m.unknown()) < m.score(the, troops, m.lookup("told")));
  CHECK(m.describe().find("test model") == 0);
}

TEST_CASE("a corrupt model file is a clear error", "[lm]") {
  std::string bytes;
  {
    std::ifstream in(small_model(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const fs::path bad = unspin::testing::temp_path("bad.kn3");
  std::ofstream(bad, std::ios::binary) << bytes.substr(0, bytes.size() - 8);
  CHECK_THROWS_WITH(KneserNeyModel::open(bad.string()), Catch::Contains("file truncated"));
  std::ofstream(bad, std::ios::binary) << std::string(600, 'z');
  CHECK_THROWS_WITH(KneserNeyModel::open(bad.string()), Catch::Contains("not an unspin model"));
  CHECK_THROWS_AS(KneserNeyModel::open("/nonexistent.kn3"), unspin::ResourceError);
  KneserNeyTrainer empty;
  CHECK_THROWS_WITH(empty.write(bad.string(), ""), Catch::Contains("no training text"));
}

TEST_CASE("the CMU model and interpolation", "[lm]") {
  if (!fs::exists(CmuModel::source_path())) {
    WARN("skipped: " << CmuModel::source_path() << " is absent (tools/setup installs it)");
    return;
  }
  const SphinxModel cmu = SphinxModel::open(CmuModel::source_path());
  const WordId bos = cmu.begin_sentence();
  CHECK(cmu.score(bos, cmu.lookup("the"), cmu.lookup("troops")) > cmu.score(bos, cmu.lookup("the"), cmu.lookup("troopers")));
  CHECK(cmu.lookup("qqqzzz") == cmu.unknown());
  CHECK(cmu.score(bos, cmu.lookup("the"), cmu.unknown()) == kUnknownLog10);
  CHECK_THROWS_AS(SphinxModel::open("/nonexistent.lm.bin"), unspin::ResourceError);

  const KneserNeyModel kn = KneserNeyModel::open(small_model().string());
  const InterpolatedModel mix(kn, cmu, 0.5);
  const WordId the = mix.lookup("the"), troops = mix.lookup("troops"), were = mix.lookup("were");
  const double expected = std::log10(0.5 * std::pow(10.0, kn.score(kn.lookup("the"), kn.lookup("troops"), kn.lookup("were"))) +
                                     0.5 * std::pow(10.0, cmu.score(cmu.lookup("the"), cmu.lookup("troops"), cmu.lookup("were"))));
  CHECK(mix.score(the, troops, were) == Approx(expected).epsilon(1e-5));
  CHECK(mix.lookup("qqqzzzunlisted") == mix.unknown());
}

TEST_CASE("the score cache answers exactly what its model answers, through collisions", "[lm]") {
  const KneserNeyModel m = KneserNeyModel::open(small_model().string());
  const ScoreCache cached(m);
  CHECK(cached.begin_sentence() == m.begin_sentence());
  CHECK(cached.end_sentence() == m.end_sentence());
  CHECK(cached.unknown() == m.unknown());
  CHECK(cached.lookup("troops") == m.lookup("troops"));
  // Every trigram over the model's ids (23^3 = 12,167 of them, more than the cache holds), three
  // times over in different orders, so that slots are reused by other trigrams between repeats.
  const WordId n = m.vocabulary();
  REQUIRE(n * n * n > 4096);
  std::size_t checked = 0, differ = 0;
  for (int round = 0; round < 3; ++round) {
    for (WordId a = 0; a < n; ++a) {
      for (WordId b = 0; b < n; ++b) {
        for (WordId c = 0; c < n; ++c) {
          const WordId u = round == 1 ? c : a, v = b, w = round == 1 ? a : c;
          differ += cached.score(u, v, w) != m.score(u, v, w);
          ++checked;
        }
      }
    }
  }
  CHECK(checked == 3 * n * n * n);
  CHECK(differ == 0);
}

TEST_CASE("sorted-id search finds what bisection finds", "[lm]") {
  // Even spreads, clumps (many small ids, a long tail) and repeated ids, every key in and
  // around each list.
  std::mt19937 random(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<std::uint32_t> ids;
    const int n = std::uniform_int_distribution<int>(0, 400)(random);
    const int shape = trial % 3;
    for (int i = 0; i < n; ++i) {
      std::uint32_t id = std::uniform_int_distribution<std::uint32_t>(0, 100000)(random);
      if (shape == 1) id = id % 7 == 0 ? id : id % 300;  // clumped at the start
      if (shape == 2) id = id % 50;                     // many repeats
      ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    if (shape != 2) ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const std::uint32_t* begin = ids.data();
    const std::uint32_t* end = ids.data() + ids.size();
    for (std::uint32_t key = 0; key <= 100001; key += (key < 400 ? 1 : 97)) {
      const std::uint32_t* expected = std::lower_bound(begin, end, key);
      const std::uint32_t* got = unspin::lm::detail::find_id(begin, end, key);
      if (expected != end && *expected == key) {
        REQUIRE(got != nullptr);
        CHECK(*got == key);
        if (shape != 2) CHECK(got == expected);
      } else {
        CHECK(got == nullptr);
      }
    }
  }
}

TEST_CASE("the vocabulary's hash index finds what binary search finds", "[lm]") {
  // A sorted table with near neighbours, prefixes and the empty string.
  std::vector<std::string> words = {"", "a", "aa", "ab", "army", "armys", "troop", "trooper", "troopers", "troops"};
  for (int i = 0; i < 3000; ++i) words.push_back("w" + std::to_string(i * 7919 % 10007));
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string pool;
  std::vector<std::uint32_t> offsets;
  for (const std::string& w : words) {
    offsets.push_back(static_cast<std::uint32_t>(pool.size()));
    pool += w;
  }
  offsets.push_back(static_cast<std::uint32_t>(pool.size()));
  const unspin::io::SortedStrings strings{pool.data(), offsets.data(), static_cast<std::uint32_t>(words.size())};
  const unspin::io::StringIndex index(strings);
  for (std::uint32_t id = 0; id < words.size(); ++id) {
    REQUIRE(strings.find(words[id]) == id);
    CHECK(index.find(words[id]) == id);
  }
  for (const char* absent : {"b", "troo", "troopss", "w10008", "A", "army "}) {
    CHECK(strings.find(absent) == unspin::io::SortedStrings::npos);
    CHECK(index.find(absent) == unspin::io::SortedStrings::npos);
  }
  CHECK(unspin::io::StringIndex().find("a") == unspin::io::SortedStrings::npos);
  // A model looks its whole vocabulary up through it.
  const KneserNeyModel model = KneserNeyModel::open(small_model().string());
  const std::vector<std::string> vocabulary = model.words();
  for (std::size_t id = 0; id < vocabulary.size(); ++id) CHECK(model.lookup(vocabulary[id]) == id);
  CHECK(model.lookup("zebra") == model.unknown());
}
