// L2-regularised logistic regression, fitted by Newton's method: the learner behind the
// detector's weights (tools/detector/train.cpp) and the repair engine's edit calibration
// (tools/repair/train.cpp).
//
//   std::vector<learn::Sample> samples = ...;        // x[0] must be 1 (the intercept)
//   std::vector<double> w = learn::fit(samples, {.l2 = 1.0});
//   double p = learn::probability(w, samples[0].x);
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::learn {

struct Sample {
  std::vector<double> x;  // inputs; x[0] = 1 for the intercept
  bool positive = false;
  double weight = 1;  // how many samples this one counts for
};

struct FitOptions {
  double l2 = 1.0;  // penalty on every weight but the intercept's
  // Inputs held at weight 0 (removed from the model), by index; empty: none.
  std::vector<bool> fixed_zero;
  int max_iterations = 50;
};

// The weights maximising the penalised log-likelihood. All samples must have the same size.
std::vector<double> fit(std::span<const Sample> samples, const FitOptions& options);

double logit(std::span<const double> w, std::span<const double> x);
double probability(std::span<const double> w, std::span<const double> x);

// Weight files (dictionaries/detector.tsv, repair.tsv) name each input and give its weight.
// The input called `name`: 0 for "bias", f + 1 for names[f]. Throws ResourceError, prefixed by
// `where` ("FILE:LINE: "), for any other name.
std::size_t weight_input(std::string_view name, std::span<const char* const> names, const std::string& where);
// A weight as written in such a file. Throws ResourceError at `where` unless it is a finite number.
double parse_weight(const std::string& text, const std::string& where);
// A weight as written to such a file ("%.6g").
std::string format_weight(double weight);

// Area under the ROC curve of `w`'s scores on `samples` (ties count half); 0.5 with one class.
double auc(std::span<const Sample> samples, std::span<const double> w);

}  // namespace unspin::learn
