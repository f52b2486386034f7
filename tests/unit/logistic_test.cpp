#include "learn/logistic.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace unspin;

namespace {

// Samples drawn from a known logistic model with intercept -1 and weights 2 and 0 (the second
// input is noise), from a fixed seed.
std::vector<learn::Sample> known_model(std::size_t n) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform;
  std::vector<learn::Sample> out;
  for (std::size_t i = 0; i < n; ++i) {
    learn::Sample s{{1.0, normal(rng), normal(rng)}, false, 1.0};
    s.positive = uniform(rng) < 1.0 / (1.0 + std::exp(-(-1.0 + 2.0 * s.x[1])));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

TEST_CASE("logistic regression recovers the model that generated its samples", "[learn]") {
  const auto samples = known_model(20000);
  const std::vector<double> w = learn::fit(samples, {.l2 = 0.01, .fixed_zero = {}});
  REQUIRE(w.size() == 3);
  CHECK(w[0] == Approx(-1.0).margin(0.1));
  CHECK(w[1] == Approx(2.0).margin(0.15));
  CHECK(w[2] == Approx(0.0).margin(0.1));
  CHECK(learn::auc(samples, w) > 0.8);
  // A held input stays at 0; a strong penalty shrinks the others towards it.
  const std::vector<double> held = learn::fit(samples, {.l2 = 0.01, .fixed_zero = {false, true, false}});
  CHECK(held[1] == 0.0);
  const std::vector<double> shrunk = learn::fit(samples, {.l2 = 1e5, .fixed_zero = {}});
  CHECK(std::fabs(shrunk[1]) < 0.5);
}

TEST_CASE("a sample's weight counts it that many times", "[learn]") {
  auto samples = known_model(2000);
  auto doubled = samples;
  for (learn::Sample& s : doubled) s.weight = 2;
  auto repeated = samples;
  repeated.insert(repeated.end(), samples.begin(), samples.end());
  const std::vector<double> a = learn::fit(doubled, {.l2 = 1.0, .fixed_zero = {}});
  const std::vector<double> b = learn::fit(repeated, {.l2 = 1.0, .fixed_zero = {}});
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i] == Approx(b[i]).epsilon(1e-6));
}

TEST_CASE("AUC: 1 for a perfect ranking, 0 reversed, 0.5 with one class or ties", "[learn]") {
  const std::vector<learn::Sample> samples = {
      {{1.0, 3.0}, true, 1.0}, {{1.0, 2.0}, true, 1.0}, {{1.0, 1.0}, false, 1.0}, {{1.0, 0.0}, false, 1.0}};
  CHECK(learn::auc(samples, std::vector<double>{0.0, 1.0}) == 1.0);
  CHECK(learn::auc(samples, std::vector<double>{0.0, -1.0}) == 0.0);
  CHECK(learn::auc(samples, std::vector<double>{0.0, 0.0}) == 0.5);
  const std::vector<learn::Sample> one_class(samples.begin(), samples.begin() + 2);
  CHECK(learn::auc(one_class, std::vector<double>{0.0, 1.0}) == 0.5);
  CHECK(learn::probability(std::vector<double>{0.0, 1.0}, samples[3].x) == 0.5);
}
