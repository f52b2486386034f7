#include "repair/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "errors.hpp"
#include "io/input.hpp"
#include "learn/logistic.hpp"

namespace unspin::repair {
namespace {

constexpr const char* kNames[kEditFeatures] = {"margin",      "posterior",   "language",    "weight",
                                               "prior",       "consistency", "written",     "originals",
                                               "clean_ratio", "capitalised", "multiword"};
constexpr const char* kFrequencyNames[2] = {"frequency_bias", "frequency_margin"};

}  // namespace

const char* feature_name(std::size_t feature) { return feature < kEditFeatures ? kNames[feature] : "?"; }

Calibration Calibration::load(const std::string& path) {
  const std::string data = io::read_resource(path, "repair calibration");
  Calibration c;
  std::array<bool, kEditFeatures + 1> seen{};
  std::array<bool, 2> seen_frequency{};
  io::for_each_tsv_row(data, path, [&](const io::TsvRow& row) {
    if (row.fields.size() != 2) throw ResourceError(row.where + "expected 2 tab-separated fields (input, weight)");
    const auto frequency = std::find(std::begin(kFrequencyNames), std::end(kFrequencyNames), row.fields[0]);
    if (frequency != std::end(kFrequencyNames)) {
      const auto k = static_cast<std::size_t>(frequency - std::begin(kFrequencyNames));
      c.frequency[k] = learn::parse_weight(row.fields[1], row.where);
      seen_frequency[k] = true;
      return;
    }
    const std::size_t input = learn::weight_input(row.fields[0], kNames, row.where);
    c.coefficients[input] = learn::parse_weight(row.fields[1], row.where);
    seen[input] = true;
  });
  for (std::size_t input = 0; input <= kEditFeatures; ++input) {
    if (!seen[input]) throw ResourceError(path + ": no weight for " + (input == 0 ? "bias" : kNames[input - 1]));
  }
  for (std::size_t k = 0; k < seen_frequency.size(); ++k) {
    if (!seen_frequency[k]) throw ResourceError(path + ": no weight for " + kFrequencyNames[k]);
  }
  c.fitted = true;
  return c;
}

std::string Calibration::to_tsv(const std::string& comment) const {
  std::string out = comment;
  for (std::size_t input = 0; input <= kEditFeatures; ++input) {
    out += std::string(input == 0 ? "bias" : kNames[input - 1]) + "\t" + learn::format_weight(coefficients[input]) + "\n";
  }
  for (std::size_t k = 0; k < frequency.size(); ++k) {
    out += std::string(kFrequencyNames[k]) + "\t" + learn::format_weight(frequency[k]) + "\n";
  }
  return out;
}

std::array<double, kEditFeatures + 1> design(const EditFeatures& x) {
  std::array<double, kEditFeatures + 1> out{1.0};
  std::copy(x.begin(), x.end(), out.begin() + 1);
  return out;
}

double Calibration::probability(const EditFeatures& x) const { return learn::probability(coefficients, design(x)); }

double Calibration::frequency_probability(double margin) const {
  return learn::probability(frequency, std::array<double, 2>{1.0, std::clamp(margin, -10.0, 20.0)});
}

}  // namespace unspin::repair
