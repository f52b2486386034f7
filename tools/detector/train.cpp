// unspin-train-detector: fits the detector's logistic regressions on spun/original pairs.
//
//   unspin-train-detector -o dictionaries/detector.tsv PAIRS...
//
// Each PAIRS file has lines "spun<TAB>original" (a clean document paired with itself is a
// negative example). Every document is scored for its raw features by the detector; a paragraph
// is spun when its line differs from the original's, a sentence when its text is not in the
// original paragraph, a document when any paragraph is. One L2-regularised logistic regression
// per level is fitted by Newton's method and written as TSV. tools/train-detector runs this on
// the dev sets that tools/quality spins (never on test, never on held-out spinner entries).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "detect/detector.hpp"
#include "errors.hpp"
#include "io/input.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/default_model.hpp"

using namespace unspin;
using detect::Design;
using detect::kDesignSize;

namespace {

struct Sample {
  Design x;
  bool spun;
};

// Solves A x = b (A symmetric positive definite, small) by Gaussian elimination.
std::array<double, kDesignSize> solve(std::array<std::array<double, kDesignSize>, kDesignSize> a,
                                      std::array<double, kDesignSize> b) {
  const std::size_t n = kDesignSize;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r) if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    std::swap(a[c], a[pivot]);
    std::swap(b[c], b[pivot]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || a[c][c] == 0) continue;
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  std::array<double, kDesignSize> x{};
  for (std::size_t i = 0; i < n; ++i) x[i] = a[i][i] != 0 ? b[i] / a[i][i] : 0;
  return x;
}

// Newton's method on the L2-penalised log-likelihood (the intercept is not penalised). Inputs
// that are constant zero at a level get weight 0.
Design fit(const std::vector<Sample>& samples, double l2, const std::array<bool, kDesignSize>& fixed_zero) {
  Design w{};
  for (int iteration = 0; iteration < 50; ++iteration) {
    std::array<std::array<double, kDesignSize>, kDesignSize> h{};
    std::array<double, kDesignSize> g{};
    for (const Sample& s : samples) {
      double z = 0;
      for (std::size_t i = 0; i < kDesignSize; ++i) z += w[i] * s.x[i];
      const double p = 1.0 / (1.0 + std::exp(-z));
      const double r = (s.spun ? 1.0 : 0.0) - p;
      const double v = std::max(p * (1 - p), 1e-9);
      for (std::size_t i = 0; i < kDesignSize; ++i) {
        g[i] += r * s.x[i];
        for (std::size_t j = 0; j < kDesignSize; ++j) h[i][j] += v * s.x[i] * s.x[j];
      }
    }
    for (std::size_t i = 1; i < kDesignSize; ++i) {
      g[i] -= l2 * w[i];
      h[i][i] += l2;
      if (fixed_zero[i]) {  // removed from the model: no gradient, no coupling
        g[i] = 0;
        for (std::size_t j = 0; j < kDesignSize; ++j) h[i][j] = h[j][i] = 0;
        h[i][i] = 1;
      }
    }
    h[0][0] += 1e-9;
    const auto step = solve(h, g);
    double change = 0;
    for (std::size_t i = 0; i < kDesignSize; ++i) {
      w[i] += step[i];
      change = std::max(change, std::fabs(step[i]));
    }
    if (change < 1e-7) break;
  }
  return w;
}

double training_auc(const std::vector<Sample>& samples, const Design& w) {
  std::vector<std::pair<double, bool>> scored;
  for (const Sample& s : samples) {
    double z = 0;
    for (std::size_t i = 0; i < kDesignSize; ++i) z += w[i] * s.x[i];
    scored.push_back({z, s.spun});
  }
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

std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string output;
  std::vector<std::string> pairs;
  double l2 = 1.0;
  detect::DetectOptions options;  // --rare-word, --frequency-gain: for experiments
  std::string dump_path;  // --dump FILE: every unit's level, label, source and raw features (TSV)
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "-o" || a == "--output") && i + 1 < argc) output = argv[++i];
    else if (a == "--l2" && i + 1 < argc) l2 = std::stod(argv[++i]);
    else if (a == "--dump" && i + 1 < argc) dump_path = argv[++i];
    else if (a == "--rare-word" && i + 1 < argc) options.rare_word = std::stod(argv[++i]);
    else if (a == "--frequency-gain" && i + 1 < argc) options.frequency_gain = std::stod(argv[++i]);
    else pairs.push_back(a);
  }
  if (output.empty() || pairs.empty()) {
    std::cerr << "usage: unspin-train-detector -o WEIGHTS.tsv [--l2 X] PAIRS...\n";
    return 2;
  }
  try {
    lexicon::Lexicon lexicon = lexicon::Lexicon::load({});
    const auto model = lm::load_default_model({});
    detect::DetectorWeights zero;
    const detect::Detector detector(lexicon, *model, zero, options);
    text::Segmenter segmenter;
    std::vector<Sample> samples[2];
    std::size_t documents = 0;
    std::ofstream dump;
    if (!dump_path.empty()) dump.open(dump_path);
    auto record = [&](const char* level, bool spun, const std::string& source, const detect::Features& f) {
      if (!dump.is_open()) return;
      dump << level << '\t' << spun << '\t' << source;
      for (double v : detect::design(f)) {
        dump << '\t' << v;
      }
      dump << '\n';
    };
    for (const std::string& list : pairs) {
      std::istringstream lines(io::read_resource(list, "pairs list"));
      std::string line;
      while (std::getline(lines, line)) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        const text::Document spun = segmenter.segment(io::read_input(line.substr(0, tab)));
        const text::Document original = segmenter.segment(io::read_input(line.substr(tab + 1)));
        const detect::DocumentScore scores = detector.score(spun);
        const auto sp = spun.paragraphs(), op = original.paragraphs();
        if (sp.size() != op.size()) {
          std::cerr << "unspin-train-detector: " << line << ": paragraphs differ; skipped\n";
          continue;
        }
        std::size_t sentence = 0;
        for (std::size_t p = 0; p < sp.size(); ++p) {
          const std::string o = squeeze(original.bytes().substr(op[p].begin, op[p].end - op[p].begin));
          const bool spun_paragraph = squeeze(spun.bytes().substr(sp[p].begin, sp[p].end - sp[p].begin)) != o;
          samples[1].push_back({detect::design(scores.passages[p].features), spun_paragraph});
          record("paragraph", spun_paragraph, list, scores.passages[p].features);
          for (const text::Sentence& s : spun.sentences(sp[p])) {
            const std::string text = squeeze(spun.bytes().substr(s.begin, s.end - s.begin));
            const bool spun_sentence = o.find(text) == std::string::npos;
            samples[0].push_back({detect::design(scores.sentences[sentence].features), spun_sentence});
            record("sentence", spun_sentence, list, scores.sentences[sentence].features);
            ++sentence;
          }
        }

        if (dump.is_open()) {
          const bool document_spun = spun.bytes() != original.bytes();
          for (const detect::PassageScore& p : scores.passages) {
            for (const detect::Evidence& e : p.evidence) {
              dump << "hit\t" << document_spun << '\t' << list << '\t' << detect::to_string(e.kind) << '\t' << e.strength
                   << '\t' << e.gain << '\t' << spun.bytes().substr(e.begin, e.end - e.begin) << '\t' << e.original << '\t'
                   << documents << '\t' << (&p - scores.passages.data()) << '\n';
            }
          }
          dump << "document\t" << document_spun << '\t' << list << '\t' << documents << '\t' << scores.words << '\n';
        }
        ++documents;
      }
    }
    detect::DetectorWeights weights;
    for (int level = 0; level < 2; ++level) {
      std::size_t positives = 0;
      for (const Sample& s : samples[level]) positives += s.spun;
      // Evidence may only raise a score: an evidence input fitted negative (for example number
      // garble, which the synthetic spinners never produce but clean text occasionally shows)
      // is removed and the rest refitted.
      std::array<bool, kDesignSize> fixed_zero{};
      for (;;) {
        weights.coefficients[level] = fit(samples[level], l2, fixed_zero);
        bool changed = false;
        for (const std::size_t f : {detect::kPhraseWeight, detect::kPhraseGain, detect::kNumbers, detect::kFrequencyGain, detect::kFrequencyHits,
                                  detect::kFrequencyDensity}) {
          if (!fixed_zero[f + 1] && weights.coefficients[level][f + 1] < 0) {
            fixed_zero[f + 1] = true;
            changed = true;
          }
        }
        if (!changed) break;
      }
      std::fprintf(stderr, "%-9s %7zu units (%zu spun), training AUC %.4f\n", detect::to_string(static_cast<detect::Level>(level)),
                   samples[level].size(), positives, training_auc(samples[level], weights.coefficients[level]));
    }
    std::ofstream out(output);
    out << weights.to_tsv("# unspin detector: logistic-regression weights per level (docs/DETECTION.md).\n"
                          "# Fitted by unspin-train-detector (tools/train-detector) on " +
                          std::to_string(documents) + " dev documents; do not edit by hand.\n");
    if (!out) throw OutputError(output + ": cannot write");
    return 0;
  } catch (const Error& e) {
    std::cerr << "unspin-train-detector: " << e.what() << '\n';
    return 2;
  }
}
