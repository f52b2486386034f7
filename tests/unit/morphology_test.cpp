#include "lexicon/morphology.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>
#include <vector>

#include "errors.hpp"

using unspin::lexicon::Analysis;
using unspin::lexicon::Inflection;
using unspin::lexicon::Morphology;
using unspin::lexicon::MorphologyPaths;

namespace {

const Morphology& morphology() {
  static const Morphology m = Morphology::load(MorphologyPaths{});
  return m;
}

bool has(const std::vector<Analysis>& analyses, const std::string& lemma, Inflection inflection) {
  return std::find(analyses.begin(), analyses.end(), Analysis{lemma, inflection}) != analyses.end();
}

}  // namespace

TEST_CASE("analyze finds lemma and inflection", "[morphology]") {
  struct Row {
    const char* word;
    const char* lemma;
    Inflection inflection;
  };
  const Row rows[] = {
      {"troopers", "trooper", Inflection::S},   {"combating", "combat", Inflection::Ing},
      {"fighting", "fight", Inflection::Ing},   {"stated", "state", Inflection::Ed},
      {"studies", "study", Inflection::S},      {"stopped", "stop", Inflection::Ed},
      {"told", "tell", Inflection::Ed},         {"ran", "run", Inflection::Ed},
      {"men", "man", Inflection::S},            {"better", "good", Inflection::Er},
      {"heaviest", "heavy", Inflection::Est},   {"country's", "country", Inflection::Possessive},
      {"phrases", "phrase", Inflection::S},     {"folks", "folk", Inflection::S},
  };
  for (const Row& row : rows) {
    CAPTURE(row.word);
    CHECK(has(morphology().analyze(row.word), row.lemma, row.inflection));
  }
  CHECK(has(morphology().analyze("troops"), "troops", Inflection::None));
  CHECK(morphology().analyze("xqzvb").empty());
}

TEST_CASE("inflect re-inflects a candidate into the observed form", "[morphology]") {
  struct Row {
    const char* lemma;
    Inflection inflection;
    const char* form;
  };
  const Row rows[] = {
      {"soldier", Inflection::S, "soldiers"},   {"fight", Inflection::Ing, "fighting"},
      {"say", Inflection::Ed, "said"},          {"tell", Inflection::Ed, "told"},
      {"report", Inflection::S, "reports"},     {"study", Inflection::S, "studies"},
      {"stop", Inflection::Ing, "stopping"},    {"use", Inflection::Ing, "using"},
      {"large", Inflection::Er, "larger"},      {"happy", Inflection::Est, "happiest"},
      {"country", Inflection::Possessive, "country's"}, {"end up", Inflection::Ing, "ending up"},
      {"go", Inflection::Ed, "went"},           {"box", Inflection::S, "boxes"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.lemma, unspin::lexicon::to_string(row.inflection));
    const auto forms = morphology().inflect(row.lemma, row.inflection);
    CHECK(std::find(forms.begin(), forms.end(), row.form) != forms.end());
  }
  CHECK(morphology().inflect("fight", Inflection::None) == std::vector<std::string>{"fight"});
  // Generated forms must be real words: no "runed", no "goed".
  const auto run = morphology().inflect("run", Inflection::Ed);
  CHECK(std::find(run.begin(), run.end(), "runed") == run.end());
}

TEST_CASE("a missing dictionary is a clear resource error", "[morphology]") {
  MorphologyPaths paths;
  paths.hunspell = "/nonexistent/en_US";
  CHECK_THROWS_WITH(Morphology::load(paths), Catch::Contains("/nonexistent/en_US.aff: cannot read"));
}

TEST_CASE("Hunspell loads on first use, or in the background after preload, from any thread", "[morphology]") {
  using unspin::lexicon::Speller;
  const Speller lazy = Speller::open(MorphologyPaths{}.hunspell);
  CHECK(lazy.spell("troopers"));  // no preload: the first call starts the load and waits for it
  CHECK_FALSE(lazy.spell("soldierstheir"));
  const Speller early = Speller::open(MorphologyPaths{}.hunspell);
  early.preload();
  early.preload();  // at most one load
  std::vector<std::thread> threads;
  std::vector<int> known(4, 0);
  for (std::size_t t = 0; t < known.size(); ++t) {
    threads.emplace_back([&, t] { known[t] = early.spell("combating") && !early.spell("combatingg"); });
  }
  for (std::thread& t : threads) t.join();
  CHECK(known == std::vector<int>(4, 1));
}
