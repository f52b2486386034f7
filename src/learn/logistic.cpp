#include "learn/logistic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "errors.hpp"

namespace unspin::learn {
namespace {

// Solves A x = b for a small symmetric positive definite A by Gaussian elimination with partial
// pivoting; a zero pivot leaves its unknown at 0.
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    }
    std::swap(a[c], a[pivot]);
    std::swap(b[c], b[pivot]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || a[c][c] == 0) continue;
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) x[i] = a[i][i] != 0 ? b[i] / a[i][i] : 0;
  return x;
}

}  // namespace

double logit(std::span<const double> w, std::span<const double> x) {
  double z = 0;
  for (std::size_t i = 0; i < w.size() && i < x.size(); ++i) z += w[i] * x[i];
  return z;
}

double probability(std::span<const double> w, std::span<const double> x) { return 1.0 / (1.0 + std::exp(-logit(w, x))); }

std::vector<double> fit(std::span<const Sample> samples, const FitOptions& options) {
  if (samples.empty()) return {};
  const std::size_t n = samples.front().x.size();
  std::vector<double> w(n, 0.0);
  auto fixed = [&](std::size_t i) { return i < options.fixed_zero.size() && options.fixed_zero[i]; };
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    std::vector<std::vector<double>> h(n, std::vector<double>(n, 0.0));
    std::vector<double> g(n, 0.0);
    for (const Sample& s : samples) {
      const double p = probability(w, s.x);
      const double r = s.weight * ((s.positive ? 1.0 : 0.0) - p);
      const double v = s.weight * std::max(p * (1 - p), 1e-9);
      for (std::size_t i = 0; i < n; ++i) {
        g[i] += r * s.x[i];
        for (std::size_t j = 0; j < n; ++j) h[i][j] += v * s.x[i] * s.x[j];
      }
    }
    for (std::size_t i = 1; i < n; ++i) {
      g[i] -= options.l2 * w[i];
      h[i][i] += options.l2;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!fixed(i)) continue;  // removed from the model: no gradient, no coupling
      g[i] = 0;
      for (std::size_t j = 0; j < n; ++j) h[i][j] = h[j][i] = 0;
      h[i][i] = 1;
    }
    h[0][0] += 1e-9;
    const std::vector<double> step = solve(std::move(h), std::move(g));
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) {
      w[i] += step[i];
      change = std::max(change, std::fabs(step[i]));
    }
    if (change < 1e-7) break;
  }
  return w;
}

double auc(std::span<const Sample> samples, std::span<const double> w) {
  std::vector<std::pair<double, bool>> scored;
  scored.reserve(samples.size());
  for (const Sample& s : samples) scored.emplace_back(logit(w, s.x), s.positive);
  std::sort(scored.begin(), scored.end());
  double rank_sum = 0, positives = 0;
  for (std::size_t i = 0; i < scored.size();) {
    std::size_t j = i;
    while (j < scored.size() && scored[j].first == scored[i].first) ++j;
    const double rank = (static_cast<double>(i + j) + 1) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (scored[k].second) {
        rank_sum += rank;
        ++positives;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(scored.size()) - positives;
  if (positives == 0 || negatives == 0) return 0.5;
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

std::size_t weight_input(std::string_view name, std::span<const char* const> names, const std::string& where) {
  if (name == "bias") return 0;
  for (std::size_t f = 0; f < names.size(); ++f) {
    if (name == names[f]) return f + 1;
  }
  throw ResourceError(where + "unknown input “" + std::string(name) + "”");
}

double parse_weight(const std::string& text, const std::string& where) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value)) throw ResourceError(where + "weight is not a number");
  return value;
}

std::string format_weight(double weight) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", weight);
  return buf;
}

}  // namespace unspin::learn
