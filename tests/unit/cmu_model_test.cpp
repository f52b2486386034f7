#include "lm/cmu_model.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "errors.hpp"
#include "lm/sphinx_model.hpp"
#include "temp_path.hpp"

namespace fs = std::filesystem;
using namespace unspin::lm;

namespace {

bool have_cmu() {
  if (fs::exists(CmuModel::source_path())) return true;
  WARN("skipped: " << CmuModel::source_path() << " is absent (tools/setup installs pocketsphinx-en-us)");
  return false;
}

std::string bytes_of_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("CMU's model converted gives libsphinxbase's scores exactly", "[lm][cmu]") {
  if (!have_cmu()) return;
  const BackoffTables tables = read_sphinx_trie(CmuModel::source_path());
  REQUIRE(tables.vocab.size() > 70000);
  REQUIRE(tables.tri_words.size() > 1000000);
  const fs::path path = unspin::testing::temp_path("cmu.kn3");
  write_backoff_model(path.string(), "converted for a test", tables, Units::Sphinx);
  const CmuModel mine = CmuModel::open(path.string());
  const SphinxModel theirs = SphinxModel::open(CmuModel::source_path());

  // Queries by words, so that each model uses its own ids: the model's own trigrams, its
  // bigrams after a random word (a back-off from the trigram), random triples (back-off to the
  // unigram), and each rule for unknown words and the sentence start.
  std::mt19937 random(7);
  auto any_word = [&] { return tables.vocab[random() % tables.vocab.size()]; };
  std::size_t checked = 0, differ = 0;
  auto check = [&](const std::string& u, const std::string& v, const std::string& w) {
    const float a = mine.score(mine.lookup(u), mine.lookup(v), mine.lookup(w));
    const float b = theirs.score(theirs.lookup(u), theirs.lookup(v), theirs.lookup(w));
    if (a != b && differ++ < 5) UNSCOPED_INFO(u << ' ' << v << ' ' << w << ": " << a << " against " << b);
    ++checked;
  };
  for (std::size_t b = 0; b < tables.bi_words.size(); b += 997) {
    const auto v = static_cast<std::size_t>(std::upper_bound(tables.bi_offsets.begin(), tables.bi_offsets.end(), b) - tables.bi_offsets.begin() - 1);
    const std::string& first = tables.vocab[v];
    const std::string& second = tables.vocab[tables.bi_words[b]];
    check(any_word(), first, second);  // a bigram, mostly without its trigram
    check("<s>", first, second);
    check("qqqunknown", first, second);
    for (std::uint32_t t = tables.tri_offsets[b]; t < tables.tri_offsets[b + 1] && t < tables.tri_offsets[b] + 3; ++t) {
      check(first, second, tables.vocab[tables.tri_words[t]]);  // a trigram of the model
      check(first, second, any_word());
    }
    check(any_word(), any_word(), any_word());
    check(any_word(), "qqqunknown", second);
    check("<s>", "<s>", second);
  }
  check("the", "troops", "qqqunknown");
  CHECK(checked > 10000);
  CHECK(differ == 0);
  for (const char* w : {"the", "troops", "zygote", "qqqunknown", "</s>"}) {
    CHECK(mine.unigram(mine.lookup(w)) == theirs.unigram(theirs.lookup(w)));
  }
  CHECK(mine.words() == theirs.words());
  CHECK(mine.lookup("<unk>") == mine.unknown());
}

TEST_CASE("a file that is not a libsphinxbase trie model is a clear error", "[lm][cmu]") {
  if (!have_cmu()) return;
  const std::string real = bytes_of_file(CmuModel::source_path());
  const fs::path bad = unspin::testing::temp_path("bad.lm.bin");
  auto fails_with = [&](const std::string& bytes, const std::string& why) {
    std::ofstream(bad, std::ios::binary) << bytes;
    CHECK_THROWS_WITH(read_sphinx_trie(bad.string()), Catch::Contains(why) && Catch::Contains(bad.string()));
  };
  fails_with("", "no \"Trie Language Model\" header");
  fails_with("Darpa Trigram LM and more bytes", "no \"Trie Language Model\" header");
  fails_with(real.substr(0, 1000), "file truncated in the quantiser");
  fails_with(real.substr(0, real.size() / 2), "file truncated in the");
  fails_with(real.substr(0, real.size() - 10), "vocabulary size does not match the file");
  std::string four = real;
  four[19] = 4;
  fails_with(four, "order 4; unspin reads trigram models");
  CHECK_THROWS_AS(read_sphinx_trie("/nonexistent.lm.bin"), unspin::ResourceError);
}

TEST_CASE("each reader of the model format accepts only its own units", "[lm][cmu]") {
  BackoffTables t;
  t.vocab = {"</s>", "<s>", "<unk>", "a"};
  t.eos = 0;
  t.bos = 1;
  t.unk = 2;
  t.uni_prob = {-1, -99, -99, -0.5f};
  t.uni_backoff = {0, 0, 0, 0};
  t.bi_offsets = {0, 0, 1, 1, 1};
  t.bi_words = {3};
  t.bi_prob = {-20000.5f};  // units: truncated to -20000
  t.bi_backoff = {0};
  t.tri_offsets = {0, 0};
  const fs::path cmu = unspin::testing::temp_path("units-cmu.kn3");
  const fs::path own = unspin::testing::temp_path("units-own.kn3");
  write_backoff_model(cmu.string(), "test", t, Units::Sphinx);
  t.bi_prob = {-0.25f};  // log10
  write_backoff_model(own.string(), "test", t, Units::Log10);
  CHECK_THROWS_WITH(KneserNeyModel::open(cmu.string()), Catch::Contains("CMU's model converted by the build"));
  CHECK_THROWS_WITH(CmuModel::open(own.string()), Catch::Contains("not in the units expected here"));
  CHECK(KneserNeyModel::open(own.string()).score(1, 1, 3) == -0.25f);
  const CmuModel m = CmuModel::open(cmu.string());
  CHECK(m.score(m.begin_sentence(), m.begin_sentence(), m.lookup("a")) == static_cast<float>(-20000 * std::log10(1.0001)));
  CHECK(m.score(m.begin_sentence(), m.begin_sentence(), m.lookup("zzz")) == kUnknownLog10);
  t.vocab = {"b", "a", "c", "d"};  // not sorted
  CHECK_THROWS_AS(write_backoff_model(own.string(), "test", t, Units::Log10), std::invalid_argument);
}
