// The spin detector: a calibrated score in [0, 1] for each sentence, paragraph and document, with
// the evidence that raised it.
//
//   Detector detector(lexicon, model, DetectorWeights::load(dictionary_path("detector.tsv")));
//   DocumentScore scores = detector.score(doc);
//   for (const PassageScore& p : scores.passages) if (p.label == Label::Spun) review(p);
//
// Evidence, found on the same sentence view the repair engine decodes (src/lattice):
//   - phrase-dictionary hits (built-in, user and tortured-phrase lists), with the entry's weight
//     (which encodes how rare the spun form is in clean text) and how much the language model
//     gains from the original in context;
//   - number garble ("seven.6 million");
//   - the frequency-guided signal: a rare word whose reverse-thesaurus candidate is at least ten
//     times more frequent and fits the context better (the language-model gain is the evidence);
//   - the length of the unit and the density of evidence in the whole document.
// A logistic regression per level (sentence, paragraph), fitted on dev data by
// `unspin-train-detector` (tools/detector), turns these into probabilities (docs/DETECTION.md).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lexicon/lexicon.hpp"
#include "lm/commas.hpp"
#include "lm/model.hpp"
#include "text/document.hpp"

namespace unspin::lattice {
class TypeCaches;
}

namespace unspin::detect {

class FrequencyTable;
class FrequentWords;

enum class Label : std::uint8_t { Clean, Spun };
const char* to_string(Label label);

enum class EvidenceKind : std::uint8_t { Phrase, Tortured, Number, Frequency };
const char* to_string(EvidenceKind kind);

// One observation that raised (or lowered) a score: a span of the input and why it looks spun.
struct Evidence {
  std::size_t begin = 0;  // byte offsets in the input
  std::size_t end = 0;
  EvidenceKind kind = EvidenceKind::Phrase;
  std::string original;   // what the span likely was
  double strength = 0;    // phrase: the entry's weight; number: 1; frequency: 0
  double gain = 0;        // log10 language-model gain of the original over the written text
  std::string reason;     // "phrase: “by no means” is a spinner form of “never” (weight 0.95)"
  double weight = 0;      // contribution to the score of the unit it is listed in, in log-odds
};

// The raw features of a unit; the model's inputs are transforms of these (see design()).
enum Feature : std::size_t {
  kPhraseWeight,   // sum of phrase-entry weights of the hits
  kPhraseGain,     // sum of their language-model gains, each clipped to [-2, 3]
  kNumbers,        // number-garble hits
  kFrequencyGain,  // sum of frequency-guided gains' excess over 2, each clipped to [0, 4]
  kFrequencyHits,  // frequency-guided hits
  kWords,          // words in the unit
  kDocumentDensity,  // strong hits per 1,000 words in the whole document, smoothed (see detector.cpp)
  kFrequencyDensity,  // frequency-guided hits with gain >= 4.5 per 1,000 words in the document, smoothed
  kFeatureCount
};
using Features = std::array<double, kFeatureCount>;
const char* feature_name(std::size_t feature);

enum class Level : std::uint8_t { Sentence, Paragraph };
const char* to_string(Level level);
inline constexpr std::size_t kDesignSize = kFeatureCount + 1;  // with the intercept
using Design = std::array<double, kDesignSize>;
// The model's inputs for a sentence or paragraph: an intercept, the feature sums, and the logs of
// the length and of the document densities.
Design design(const Features& raw);

struct PassageScore {
  std::size_t begin = 0;  // byte offsets of the unit
  std::size_t end = 0;
  std::uint32_t line = 0;  // 1-based
  double score = 0;        // in [0, 1]
  Label label = Label::Clean;
  Features features{};     // raw features (for --explain and for training)
  std::vector<Evidence> evidence;  // strongest first
};

struct DocumentScore {
  double score = 0;  // the passages' scores weighted by their words: the expected share of spun text
  Label label = Label::Clean;
  Features features{};
  std::size_t words = 0;
  std::size_t hits = 0;           // strong hits: number garble, phrase hits whose original the
                                  // language model prefers by 10x, frequency hits with gain >= 3
  std::size_t tortured_hits = 0;  // hits from tortured-phrase lists (5 or more: suspicious)
  double hits_per_1000_words = 0;
  std::vector<PassageScore> passages;   // one per paragraph, in order
  std::vector<PassageScore> sentences;  // one per sentence, in order
};

// Logistic-regression coefficients per level, read from a TSV of "level<TAB>input<TAB>weight".
struct DetectorWeights {
  std::array<Design, 2> coefficients{};  // by Level
  std::string origin;                    // the file they came from
  // Throws ResourceError naming the file and line for a missing, malformed or incomplete file.
  static DetectorWeights load(const std::string& path);
  std::string to_tsv(const std::string& comment) const;
  double logit(Level level, const Features& raw) const;
};

struct DetectOptions {
  // A score at or above this is labelled spun. Default 0.5: scores are calibrated probabilities.
  double threshold = 0.5;
  // Frequency-guided signal: only words rarer than this (log10 unigram probability) are looked
  // at, and only candidates at least `frequency_ratio` (log10) more frequent count.
  double rare_word = -4.0;
  double frequency_ratio = 1.0;
  std::size_t frequency_candidates = 3;  // the most frequent qualifying candidates tried per word
  // A frequency-guided hit needs the candidate to gain at least this much (log10) in context.
  double frequency_gain = 0.5;
  // The document's densities count each written form with its original at most this many times
  // (0: every time).
  std::size_t density_per_form = 3;
  // A phrase hit's language-model gain also counts comma_weight times the comma context's favour
  // (lm/commas.hpp), as the fixer's channel does: "However," is no sign of a spun "But,", and
  // "however the" is one. The command line loads the build's model; none (the default here): off.
  std::shared_ptr<const lm::CommaModel> commas;
  double comma_weight = 2.0;
};

// Thread-safe for concurrent score() calls once constructed. The lexicon and the model must
// outlive the detector.
class Detector {
 public:
  // Frequency information per word type, filled as words are met (frequent_words.hpp). Detectors
  // and fixers on the same lexicon and the same model files may share one (batch workers do), so
  // each type is looked up once. A precomputed table (frequency_table.hpp) answers for the words it
  // holds, if it was built for the detector's lexicon, model and options; otherwise it is ignored.
  static std::shared_ptr<FrequentWords> new_cache(std::shared_ptr<const FrequencyTable> table = nullptr);

  Detector(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model, DetectorWeights weights,
           DetectOptions options = {}, std::shared_ptr<FrequentWords> cache = nullptr);
  ~Detector();
  Detector(const Detector&) = delete;  // holds a cache shared by threads
  Detector& operator=(const Detector&) = delete;

  // `progress`, when given, is called after each sentence with the bytes of `doc` done so far.
  DocumentScore score(const text::Document& doc, const std::function<void(std::size_t)>& progress = {}) const;
  const DetectorWeights& weights() const { return weights_; }
  const DetectOptions& options() const { return options_; }

 private:
  const lexicon::Lexicon& lexicon_;
  const lm::LanguageModel& model_;
  DetectorWeights weights_;
  DetectOptions options_;
  std::shared_ptr<FrequentWords> cache_;
  const FrequencyTable* table_ = nullptr;  // the cache's table, when it fits
  std::unique_ptr<lattice::TypeCaches> types_;  // word types kept from document to document
};

}  // namespace unspin::detect
