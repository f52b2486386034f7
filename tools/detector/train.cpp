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

#include <boost/algorithm/string/trim_all.hpp>

#include "detect/detector.hpp"
#include "errors.hpp"
#include "io/input.hpp"
#include "learn/logistic.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/commas.hpp"
#include "lm/default_model.hpp"
#include "resources.hpp"

using namespace unspin;
using detect::Design;
using detect::kDesignSize;

namespace {

learn::Sample sample(const detect::Features& f, bool spun) {
  const Design x = detect::design(f);
  return {std::vector<double>(x.begin(), x.end()), spun};
}

// Whitespace runs squeezed to one space, none at the ends: spacing does not make a unit spun.
std::string squeeze(std::string_view s) { return boost::algorithm::trim_fill_copy(std::string(s), " "); }

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
    options.commas = std::make_shared<const lm::CommaModel>(lm::CommaModel::load(data_path("commas.tsv")));
    const detect::Detector detector(lexicon, *model, zero, options);
    text::Segmenter segmenter;
    std::vector<learn::Sample> samples[2];
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
          samples[1].push_back(sample(scores.passages[p].features, spun_paragraph));
          record("paragraph", spun_paragraph, list, scores.passages[p].features);
          for (const text::Sentence& s : spun.sentences(sp[p])) {
            const std::string text = squeeze(spun.bytes().substr(s.begin, s.end - s.begin));
            const bool spun_sentence = o.find(text) == std::string::npos;
            samples[0].push_back(sample(scores.sentences[sentence].features, spun_sentence));
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
      for (const learn::Sample& s : samples[level]) positives += s.positive;
      // Evidence may only raise a score: an evidence input fitted negative (for example number
      // garble, which the synthetic spinners never produce but clean text occasionally shows)
      // is removed and the rest refitted.
      learn::FitOptions fit{.l2 = l2, .fixed_zero = std::vector<bool>(kDesignSize, false)};
      std::vector<double> w;
      for (;;) {
        w = learn::fit(samples[level], fit);
        bool changed = false;
        for (const std::size_t f : {detect::kPhraseWeight, detect::kPhraseGain, detect::kNumbers, detect::kFrequencyGain, detect::kFrequencyHits,
                                  detect::kFrequencyDensity}) {
          if (!fit.fixed_zero[f + 1] && w[f + 1] < 0) {
            fit.fixed_zero[f + 1] = true;
            changed = true;
          }
        }
        if (!changed) break;
      }
      std::copy(w.begin(), w.end(), weights.coefficients[level].begin());
      std::fprintf(stderr, "%-9s %7zu units (%zu spun), training AUC %.4f\n", detect::to_string(static_cast<detect::Level>(level)),
                   samples[level].size(), positives, learn::auc(samples[level], w));
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
