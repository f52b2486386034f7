// Quality metrics: how well a repaired text R restores the original O from the spun text S, and
// how well passage scores separate spun from clean text.
//
//   Evaluation evaluation(EvalOptions{});
//   evaluation.add("doc1", spun_doc, original_doc, repaired_doc, &detector.score(spun_doc));
//   evaluation.repair().precision(); evaluation.detection().paragraphs;   // ...
//
// S is the pivot. S is aligned with O (where the spinner changed the text) and with R (where the
// fixer changed it), token by token (words, numbers, punctuation; whitespace ignored). Each
// spinner edit is then: fixed (R equals O there), wrong (R changed it, but not to O), or missed
// (R left it). A fixer edit where S already equalled O is damage. Adjacent spinner edits that a
// fixer edit touches are judged together, so restoring one of two neighbours ("each yr" ->
// "each year" for "every year") is wrong; such an edit is also counted as `wrong_closer` when
// R is nearer to O there than S was (token edit distance).
//
// Units: by default S, O and R must have the same lines (spinners and the fixer keep lines), and
// line i is compared with line i. With UnitMode::Sentences, each sentence of O is compared with
// the most similar sentence of S instead (for real pairs such as the seed articles, where only
// some sentences of one are the originals of the other); only matched sentences count.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "detect/detector.hpp"
#include "text/document.hpp"

namespace unspin::eval {

struct RepairCounts {
  std::size_t spun_edits = 0;       // places where S differs from O
  std::size_t fixed = 0;
  std::size_t wrong = 0;
  std::size_t wrong_closer = 0;     // of those, left closer to O than S was (half restored)
  std::size_t missed = 0;
  std::size_t damage = 0;           // fixer edits where S already equalled O
  std::size_t damaged_tokens = 0;   // S tokens inside those edits (at least 1 each)
  std::size_t words = 0;            // word and number tokens of the evaluated S
  std::size_t distance_before = 0;  // token edit distance S to O
  std::size_t distance_after = 0;   // token edit distance R to O
  std::size_t covered = 0;          // spun edits whose original the lexicon proposes (if measured)

  void add(const RepairCounts& other);
  double precision() const;        // fixed / (fixed + wrong + damage); 1 when the fixer did nothing
  double recall() const;           // fixed / spun_edits; 1 when nothing was spun
  double error_reduction() const;  // 1 - distance_after / distance_before; NaN when nothing was spun
  double damage_per_10k_words() const;  // damaged_tokens per 10,000 words of S
};

enum class Outcome { Fixed, Wrong, Missed, Damage };
const char* to_string(Outcome outcome);

struct Example {
  Outcome outcome;
  std::string where;     // "NAME:LINE"
  std::string spun;      // the text of S at that place
  std::string original;  // what O has there
  std::string output;    // what R has there
};

// One scored unit with its true label.
struct Scored {
  double score;
  bool spun;
};

struct BinaryMetrics {
  std::size_t positives = 0;
  std::size_t negatives = 0;
  double auc = 0.5;        // ROC AUC (Mann-Whitney, ties count half); 0.5 if one class is empty
  double precision = 0;    // at the threshold; 0 when nothing is predicted spun
  double recall = 0;
  double f1 = 0;
};

BinaryMetrics binary_metrics(std::span<const Scored> items, double threshold);

// Calibration: units grouped by score into `bins` equal-width bins over [0, 1]; for each, how
// many units, their mean score and the share truly spun. A calibrated detector has
// mean_score close to spun_rate in every bin with enough units.
struct ReliabilityBin {
  double low = 0, high = 0;
  std::size_t count = 0;
  double mean_score = 0;
  double spun_rate = 0;
};
std::vector<ReliabilityBin> reliability(std::span<const Scored> items, std::size_t bins = 10);

struct Detection {
  std::vector<Scored> sentences;
  std::vector<Scored> paragraphs;  // spun when the spinner changed something inside
  std::vector<Scored> documents;
  // The same paragraphs, spun when their document is: paragraphs of spun text against
  // paragraphs of clean text. A paragraph the spinner happened to leave alone counts as spun
  // here and as clean above (docs/DETECTION.md).
  std::vector<Scored> paragraphs_by_document;
};

enum class UnitMode { Lines, Sentences };

struct EvalOptions {
  UnitMode mode = UnitMode::Lines;
  std::size_t max_examples = 5;     // examples kept per outcome
  // Sentences mode: minimum word overlap (Jaccard) to pair two sentences. On the seed articles,
  // true original/spun pairs score 0.38 to 0.68 and the best false pair 0.31.
  double sentence_match = 0.35;
  // Candidate coverage: given a spun span and its original, does the lexicon propose it?
  // Unset: coverage is not measured.
  std::function<bool(std::string_view spun, std::string_view original)> covered;
};

class Evaluation {
 public:
  explicit Evaluation(EvalOptions options = {});

  // Adds one (spun, original, repaired) triple. `scores` (the detector's scores of `spun`) may
  // be null; detection is measured in Lines mode only. Throws InputError when the documents'
  // lines do not correspond.
  void add(const std::string& name, const text::Document& spun, const text::Document& original,
           const text::Document& output, const detect::DocumentScore* scores);

  const RepairCounts& repair() const { return counts_; }
  const Detection& detection() const { return detection_; }
  const std::vector<Example>& examples() const { return examples_; }
  std::size_t documents() const { return documents_; }
  std::size_t units() const { return units_; }  // lines, or matched sentences
  bool measures_coverage() const { return static_cast<bool>(options_.covered); }

 private:
  EvalOptions options_;
  RepairCounts counts_;
  Detection detection_;
  std::vector<Example> examples_;
  std::size_t per_outcome_[4] = {0, 0, 0, 0};
  std::size_t documents_ = 0;
  std::size_t units_ = 0;
};

}  // namespace unspin::eval
