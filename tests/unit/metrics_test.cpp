#include "eval/metrics.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "errors.hpp"
#include "detect/detector.hpp"
#include "eval/align.hpp"

using unspin::eval::align;
using unspin::eval::binary_metrics;
using unspin::eval::boundary_map;
using unspin::eval::Evaluation;
using unspin::eval::EvalOptions;
using unspin::eval::Hunk;
using unspin::eval::Outcome;
using unspin::eval::Scored;
using unspin::eval::UnitMode;

namespace {

// Space-separated words, with views into storage the struct owns.
struct Words {
  std::vector<std::string> storage;
  std::vector<std::string_view> views;
};

Words words(const std::string& s) {
  Words w;
  std::size_t at = 0;
  while (at < s.size()) {
    const std::size_t end = std::min(s.find(' ', at), s.size());
    w.storage.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  for (const std::string& x : w.storage) w.views.push_back(x);
  return w;
}

// "a[1,3)b[1,2)" per hunk.
std::string dump(const std::vector<Hunk>& hunks) {
  std::string out;
  for (const Hunk& h : hunks) {
    out += "a[" + std::to_string(h.a_begin) + "," + std::to_string(h.a_end) + ")b[" +
           std::to_string(h.b_begin) + "," + std::to_string(h.b_end) + ")";
  }
  return out;
}

struct Triple {
  unspin::text::Document spun, original, output;
};

Triple docs(const std::string& s, const std::string& o, const std::string& r) {
  unspin::text::Segmenter seg;
  return {seg.segment(s), seg.segment(o), seg.segment(r)};
}

// The repair counts of one spun, original and output text, in lines mode.
unspin::eval::RepairCounts repair_of(const std::string& s, const std::string& o, const std::string& r) {
  const Triple t = docs(s, o, r);
  Evaluation e;
  e.add("t", t.spun, t.original, t.output, nullptr);
  return e.repair();
}

}  // namespace

TEST_CASE("align finds hunks of consecutive edits", "[align]") {
  struct Row {
    std::string a, b, hunks;
    std::size_t distance;
  };
  const Row rows[] = {
      {"they were here", "they were here", "", 0},
      {"they had been here", "they were here", "a[1,3)b[1,2)", 2},
      {"heat phrases again", "warm words again", "a[0,2)b[0,2)", 2},
      {"a b c d", "a x c y", "a[1,2)b[1,2)a[3,4)b[3,4)", 2},
      {"a b", "a b c", "a[2,2)b[2,3)", 1},
      {"x a b", "a b", "a[0,1)b[0,0)", 1},
  };
  for (const Row& row : rows) {
    CAPTURE(row.a, row.b);
    const Words a = words(row.a);
    const Words b = words(row.b);
    const auto result = align(a.views, b.views);
    CHECK(dump(result.hunks) == row.hunks);
    CHECK(result.distance == row.distance);
  }
}

TEST_CASE("boundary_map maps positions through hunks", "[align]") {
  // a = [x had been y], b = [x were y]: hunk a[1,3) -> b[1,2).
  const std::vector<Hunk> hunks = {{1, 3, 1, 2}};
  const auto map = boundary_map(4, hunks);
  CHECK(map.first == std::vector<std::uint32_t>{0, 1, 1, 2, 3});
  CHECK(map.last == std::vector<std::uint32_t>{0, 1, 1, 2, 3});
  // An insertion at 1: b has one token more there.
  const std::vector<Hunk> insertion = {{1, 1, 1, 2}};
  const auto ins = boundary_map(2, insertion);
  CHECK(ins.first == std::vector<std::uint32_t>{0, 1, 3});
  CHECK(ins.last == std::vector<std::uint32_t>{0, 2, 3});
}

TEST_CASE("evaluation counts fixed, wrong, missed and damage", "[metrics]") {
  // Spun: "stated" (for said), "by no means" (for never), "primary" (for first).
  // Output: fixes "stated", wrongly rewrites "by no means", misses "primary", damages "wall".
  const auto t = docs("They stated the wall would by no means fail at the primary try.\n",
                      "They said the wall would never fail at the first try.\n",
                      "They said the barrier would not fail at the primary try.\n");
  Evaluation e(EvalOptions{UnitMode::Lines, 10, 0.35, {}});
  e.add("t", t.spun, t.original, t.output, nullptr);
  const auto& r = e.repair();
  CHECK(r.spun_edits == 3);
  CHECK(r.fixed == 1);
  CHECK(r.wrong == 1);
  CHECK(r.missed == 1);
  CHECK(r.damage == 1);
  CHECK(r.damaged_tokens == 1);
  CHECK(r.precision() == Approx(1.0 / 3));
  CHECK(r.recall() == Approx(1.0 / 3));
  CHECK(r.distance_before == 5);  // stated, by no means (3 vs 1), primary
  CHECK(r.distance_after == 3);   // barrier for wall, not for never, primary for first
  REQUIRE(e.examples().size() == 4);
  CHECK(e.examples()[0].outcome == Outcome::Fixed);
  CHECK(e.examples()[0].spun == "stated");
  CHECK(e.examples()[0].original == "said");
}

TEST_CASE("a fix spanning two spun words counts both", "[metrics]") {
  const auto t = docs("Warm phrases and heat words.\n", "Warm words and warm words.\n",
                      "Warm words and warm words.\n");
  Evaluation e;
  e.add("t", t.spun, t.original, t.output, nullptr);
  CHECK(e.repair().spun_edits == 2);
  CHECK(e.repair().fixed == 2);
  CHECK(e.repair().error_reduction() == Approx(1.0));
}

TEST_CASE("a half-restored pair of neighbours is wrong, and counted as nearer", "[metrics]") {
  // "every year" spun to "each yr": restoring "year" alone is wrong for the pair, but nearer to
  // the original; "many yrs" is wrong and no nearer.
  const auto half = repair_of("He came each yr.\n", "He came every year.\n", "He came each year.\n");
  CHECK(half.spun_edits == 1);
  CHECK(half.wrong == 1);
  CHECK(half.wrong_closer == 1);
  CHECK(half.fixed == 0);

  const auto worse = repair_of("He came each yr.\n", "He came every year.\n", "He came many yrs.\n");
  CHECK(worse.wrong == 1);
  CHECK(worse.wrong_closer == 0);
}

TEST_CASE("clean text measures damage alone; quotes compare equal", "[metrics]") {
  const auto t = docs("“Fine,” she said.\n", "\"Fine,\" she said.\n", "“Fine,” she stated.\n");
  Evaluation e;
  e.add("t", t.spun, t.original, t.output, nullptr);
  CHECK(e.repair().spun_edits == 0);
  CHECK(e.repair().damage == 1);
  CHECK(e.repair().damage_per_10k_words() == Approx(10000.0 / 3));
}

TEST_CASE("line mismatch is an error in lines mode; sentence mode pairs by similarity", "[metrics]") {
  const auto t = docs("Intro line.\nThey stated the plan would by no means work.\n",
                      "They said the plan would never work. Unrelated words follow here.\n",
                      "Intro line.\nThey stated the plan would by no means work.\n");
  Evaluation lines;
  CHECK_THROWS_AS(lines.add("t", t.spun, t.original, t.output, nullptr), unspin::InputError);
  Evaluation sentences(EvalOptions{UnitMode::Sentences, 5, 0.35, {}});
  sentences.add("t", t.spun, t.original, t.output, nullptr);
  CHECK(sentences.units() == 1);
  CHECK(sentences.repair().spun_edits == 2);
  CHECK(sentences.repair().missed == 2);
}

TEST_CASE("binary metrics: AUC with ties, precision, recall, F1", "[metrics]") {
  const std::vector<Scored> perfect = {{0.9, true}, {0.8, true}, {0.2, false}, {0.1, false}};
  CHECK(binary_metrics(perfect, 0.5).auc == Approx(1.0));
  CHECK(binary_metrics(perfect, 0.5).f1 == Approx(1.0));
  const std::vector<Scored> ties = {{0.0, true}, {0.0, false}};
  CHECK(binary_metrics(ties, 0.5).auc == Approx(0.5));
  CHECK(binary_metrics(ties, 0.5).precision == 0.0);
  const std::vector<Scored> mixed = {{0.9, true}, {0.6, false}, {0.4, true}, {0.1, false}};
  const auto m = binary_metrics(mixed, 0.5);
  CHECK(m.auc == Approx(0.75));
  CHECK(m.precision == Approx(0.5));
  CHECK(m.recall == Approx(0.5));
}

TEST_CASE("paragraphs are labelled by their own change, and again by their document", "[metrics]") {
  // Two paragraphs; the spinner changed only the first.
  const std::string original = "They said it would work.\nThe rest was left alone.\n";
  const std::string spun = "They stated it would work.\nThe rest was left alone.\n";
  const auto t = docs(spun, original, spun);
  const auto c = docs(original, original, original);
  auto scores = [](const unspin::text::Document& d, double first, double second) {
    unspin::detect::DocumentScore s;
    const auto& p = d.paragraphs();
    REQUIRE(p.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      unspin::detect::PassageScore x;
      x.begin = p[i].begin;
      x.end = p[i].end;
      x.score = i == 0 ? first : second;
      s.passages.push_back(x);
    }
    s.score = (first + second) / 2;
    return s;
  };
  const auto spun_scores = scores(t.spun, 0.9, 0.7);
  const auto clean_scores = scores(c.spun, 0.2, 0.1);
  Evaluation e;
  e.add("spun", t.spun, t.original, t.output, &spun_scores);
  e.add("clean", c.spun, c.original, c.output, &clean_scores);
  const auto& d = e.detection();
  REQUIRE(d.paragraphs.size() == 4);
  REQUIRE(d.paragraphs_by_document.size() == 4);
  // By change: only the first paragraph of the spun document is spun.
  CHECK(d.paragraphs[0].spun);
  CHECK_FALSE(d.paragraphs[1].spun);
  CHECK_FALSE(d.paragraphs[2].spun);
  // By document: both paragraphs of the spun document are, none of the clean one's.
  CHECK(d.paragraphs_by_document[0].spun);
  CHECK(d.paragraphs_by_document[1].spun);
  CHECK_FALSE(d.paragraphs_by_document[2].spun);
  CHECK_FALSE(d.paragraphs_by_document[3].spun);
  CHECK(d.paragraphs_by_document[1].score == Approx(0.7));
  // The untouched paragraph scored 0.7 is a false positive by change, a true one by document.
  CHECK(binary_metrics(d.paragraphs, 0.5).precision == Approx(0.5));
  CHECK(binary_metrics(d.paragraphs_by_document, 0.5).precision == Approx(1.0));
}
