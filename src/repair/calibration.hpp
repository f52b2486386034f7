// Calibrated confidence for phrase-dictionary edits: a logistic regression over what the decoder
// knows about an edit (its language-model and channel margin, its rivals, the entry's weight, the
// document's prior and consistency evidence), fitted on synthetic spin by unspin-train-repair
// (tools/train-repair) so that an edit's confidence estimates the chance that it is right. The
// frequency-guided edits of --rare-words have their own one-input regression, on their margin.
//
//   FixOptions options;
//   options.calibration = Calibration::load(dictionary_path("repair.tsv"));
//   double p = options.calibration.probability(features);   // the features of one edit
#pragma once

#include <array>
#include <cstddef>
#include <string>

namespace unspin::repair {

// What the decoder knows about one proposed edit; every input is log10-scaled or 0/1.
enum EditFeature : std::size_t {
  kMargin,       // log10 odds of the edit against keeping the span (language model + channel)
  kPosterior,    // log10 odds of the edit among keeping and every rival: the uncalibrated confidence
  kLanguage,     // the language model's part of the margin alone
  kWeight,       // log10 of the phrase entry's weight
  kPrior,        // the document prior (log10; 0 for clearly spun text)
  kConsistency,  // the document-consistency bonus (log10)
  kWritten,      // log10(1 + matches of the spun form in the document)
  kOriginals,    // log10(1 + occurrences of the original in the document)
  kCleanRatio,   // log10 of how many times more often clean text has the original than the spun form
  kCapitalised,  // 1 when the span starts with a capital letter
  kMultiword,    // 1 when the spun form has more than one word
  kEditFeatures
};
using EditFeatures = std::array<double, kEditFeatures>;
const char* feature_name(std::size_t feature);

// The features with a leading 1 for the intercept: the inputs of the regression, in training
// (learn::Sample::x) and in use alike.
std::array<double, kEditFeatures + 1> design(const EditFeatures& x);

struct Calibration {
  // coefficients[0] is the intercept; coefficients[1 + f] the weight of feature f.
  std::array<double, kEditFeatures + 1> coefficients{};
  // Frequency-guided edits (a rare word's far more frequent synonym, FixOptions::frequency_gain):
  // intercept and weight of the edit's margin (log10 odds against keeping the word).
  std::array<double, 2> frequency{};
  bool fitted = false;  // false: confidence stays the uncalibrated posterior

  // Reads a TSV of "input<TAB>weight" lines (inputs: "bias", every feature name, and
  // "frequency_bias" and "frequency_margin"). Throws
  // ResourceError naming the file and line for a missing, malformed or incomplete file.
  static Calibration load(const std::string& path);
  std::string to_tsv(const std::string& comment) const;
  double probability(const EditFeatures& x) const;
  double frequency_probability(double margin) const;
};

}  // namespace unspin::repair
