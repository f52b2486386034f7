// unspin-train-repair: fits the calibration of the repair engine's phrase edits
// (dictionaries/repair.tsv, src/repair/calibration.hpp) on synthetic spin.
//
//   unspin-train-repair -o dictionaries/repair.tsv [--seed N] [--folds K] CLEAN...
//
// Each clean file is spun with the news spinner's *seen* entries (held-out entries stay unseen
// by every part of unspin); `unspin fix` runs on the spun text and on the clean file itself with
// every best-path edit kept, and each built-in phrase edit is labelled by the spinner's own
// record: right when it restores exactly the original bytes of its span, wrong otherwise (every
// edit on a clean file is wrong). One L2-regularised logistic regression maps the edit's
// features to the chance that it is right. With --folds K, the documents are also split K ways
// and each fold scored by weights fitted on the others, to show how the calibrated confidence
// ranks edits against the uncalibrated posterior on documents it was not fitted on.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "errors.hpp"
#include "io/input.hpp"
#include "learn/logistic.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/default_model.hpp"
#include "eval/spinner.hpp"
#include "repair/fixer.hpp"
#include "resources.hpp"
#include "text/case.hpp"

using namespace unspin;

namespace {

struct Labelled {
  learn::Sample sample;
  double posterior;       // the uncalibrated confidence
  std::size_t document;
  bool clean;  // an edit on a clean document
};

// True when the edit restores exactly the original text of its span.
bool restores(const repair::Edit& edit, const eval::SpinResult& spin, std::string_view original) {
  const auto b = eval::original_offset(spin, edit.begin), e = eval::original_offset(spin, edit.end);
  if (!b || !e || *e < *b) return false;
  return text::to_lower(original.substr(*b, *e - *b)) == text::to_lower(edit.replacement);
}

// Kept edits and right ones, over all samples, at confidence >= threshold by `score`.
template <typename Score>
std::pair<std::size_t, std::size_t> at_threshold(const std::vector<Labelled>& samples, double threshold, Score&& score) {
  std::size_t kept = 0, right = 0;
  for (const Labelled& s : samples) {
    if (score(s) >= threshold) {
      ++kept;
      right += s.sample.positive;
    }
  }
  return {kept, right};
}

}  // namespace

int main(int argc, char** argv) {
  std::string output;
  std::vector<std::string> inputs;
  double l2 = 1.0;
  std::uint64_t seed = 7;
  std::size_t folds = 0;
  double clean_weight = 1;  // how much an edit on a clean document counts
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "-o" || a == "--output") && i + 1 < argc) output = argv[++i];
    else if (a == "--l2" && i + 1 < argc) l2 = std::stod(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
    else if (a == "--folds" && i + 1 < argc) folds = std::stoul(argv[++i]);
    else if (a == "--clean-weight" && i + 1 < argc) clean_weight = std::stod(argv[++i]);
    else inputs.push_back(a);
  }
  if (output.empty() || inputs.empty()) {
    std::cerr << "usage: unspin-train-repair -o WEIGHTS.tsv [--l2 X] [--seed N] [--folds K] CLEAN...\n";
    return 2;
  }
  try {
    lexicon::Lexicon lexicon = lexicon::Lexicon::load({});
    const auto model = lm::load_default_model({});
    repair::FixOptions options;
    options.keep_all = true;
    const repair::Fixer fixer(lexicon, *model, options);
    const eval::SpinTable table = eval::SpinTable::load_news(dictionary_path("spinner-news.tsv"));
    text::Segmenter segmenter;
    std::vector<Labelled> samples;
    std::size_t spun_edits = 0;
    for (std::size_t d = 0; d < inputs.size(); ++d) {
      const std::string clean = io::read_input(inputs[d]);
      const std::uint64_t name = std::hash<std::string>{}(std::filesystem::path(inputs[d]).filename().string());
      const eval::SpinResult spin =
          eval::Spinner(table, {.rate = 0.8, .seed = seed ^ name, .split = eval::SpinSplit::Seen}).spin(segmenter.segment(clean));
      spun_edits += spin.edits.size();
      for (const bool is_spun : {true, false}) {
        const repair::FixResult r = fixer.fix(segmenter.segment(is_spun ? spin.text : clean));
        for (std::size_t k = 0; k < r.edits.size(); ++k) {
          const repair::Edit& edit = r.edits[k];
          if (edit.source != repair::EditSource::Phrase) continue;
          const repair::EditFeatures& f = r.features[k];
          Labelled s;
          const auto x = repair::design(f);
          s.sample.x.assign(x.begin(), x.end());
          s.sample.positive = is_spun && restores(edit, spin, clean);
          s.sample.weight = is_spun ? 1.0 : clean_weight;
          s.clean = !is_spun;
          s.posterior = 1.0 / (1.0 + std::pow(10.0, -f[repair::kPosterior]));
          s.document = d;
          samples.push_back(std::move(s));
        }
      }
    }
    std::vector<learn::Sample> all;
    for (const Labelled& s : samples) all.push_back(s.sample);
    const std::vector<double> w = learn::fit(all, {.l2 = l2, .fixed_zero = {}});
    std::size_t positives = 0;
    for (const Labelled& s : samples) positives += s.sample.positive;
    std::size_t on_clean = 0;
    for (const Labelled& s : samples) on_clean += s.clean;
    std::fprintf(stderr, "%zu edits on clean documents\n", on_clean);
    std::fprintf(stderr, "%zu documents, %zu spinner edits; %zu phrase edits on best paths, %zu right; training AUC %.4f\n",
                 inputs.size(), spun_edits, samples.size(), positives, learn::auc(all, w));
    if (folds >= 2) {
      // Cross-validated scores: each document's edits scored by weights fitted without it.
      std::vector<double> calibrated(samples.size());
      for (std::size_t fold = 0; fold < folds; ++fold) {
        std::vector<learn::Sample> rest;
        for (const Labelled& s : samples) if (s.document % folds != fold) rest.push_back(s.sample);
        const std::vector<double> wf = learn::fit(rest, {.l2 = l2, .fixed_zero = {}});
        for (std::size_t i = 0; i < samples.size(); ++i) {
          if (samples[i].document % folds == fold) calibrated[i] = learn::probability(wf, samples[i].sample.x);
        }
      }
      std::fprintf(stderr, "threshold  posterior: kept right precision recall | calibrated (%zu-fold): kept right precision recall\n", folds);
      for (const double t : {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99}) {
        const auto [pk, pr] = at_threshold(samples, t, [](const Labelled& s) { return s.posterior; });
        const auto [ck, cr] = at_threshold(samples, t, [&](const Labelled& s) { return calibrated[static_cast<std::size_t>(&s - samples.data())]; });
        auto share = [](std::size_t a, std::size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; };
        std::fprintf(stderr, "%9.2f  %6zu %6zu %.4f %.4f | %6zu %6zu %.4f %.4f\n", t, pk, pr, share(pr, pk), share(pr, spun_edits), ck,
                     cr, share(cr, ck), share(cr, spun_edits));
      }
    }
    repair::Calibration calibration;
    std::copy(w.begin(), w.end(), calibration.coefficients.begin());
    std::ofstream out(output);
    out << calibration.to_tsv("# unspin repair calibration: logistic-regression weights of a phrase edit's features\n"
                              "# (src/repair/calibration.hpp). Fitted by unspin-train-repair (tools/train-repair) on " +
                              std::to_string(inputs.size()) + " dev documents;\n# do not edit by hand.\n");
    if (!out) throw OutputError(output + ": cannot write");
    return 0;
  } catch (const Error& e) {
    std::cerr << "unspin-train-repair: " << e.what() << '\n';
    return 2;
  }
}
