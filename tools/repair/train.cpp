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
// ranks edits against the uncalibrated posterior on documents it was not fitted on. The opt-in
// frequency-guided edits (--rare-words) get their own one-input regression on their margin, fitted
// on the same documents spun by the thesaurus profile (rate 0.15), the news spin and the clean ones.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "detect/frequency_table.hpp"
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
    options.commas = std::make_shared<const lm::CommaModel>(lm::CommaModel::load(data_path("commas.tsv")));
    const auto frequent = detect::Detector::new_cache(detect::default_frequency_table());
    const repair::Fixer fixer(lexicon, *model, options, frequent);
    // Frequency-guided edits (--rare-words, off by default) are fitted with a second engine, so
    // the phrase edits are fitted on the paths the default engine takes.
    repair::FixOptions rare_words = options;
    rare_words.frequency_gain = repair::kFrequencyRepairGain;
    const repair::Fixer frequency_fixer(lexicon, *model, rare_words, frequent);
    const eval::SpinTable table = eval::SpinTable::load_news(dictionary_path("spinner-news.tsv"));
    const eval::SpinTable moby = eval::SpinTable::load_moby(cache_path("moby-1.1.2/package/words.txt"));
    text::Segmenter segmenter;
    std::vector<Labelled> samples;
    std::vector<learn::Sample> frequency;  // frequency-guided edits: intercept and margin
    std::size_t spun_edits = 0, thesaurus_edits = 0;
    for (std::size_t d = 0; d < inputs.size(); ++d) {
      const std::string clean = io::read_input(inputs[d]);
      const std::uint64_t name = std::hash<std::string>{}(std::filesystem::path(inputs[d]).filename().string());
      const eval::SpinResult spin =
          eval::Spinner(table, {.rate = 0.8, .seed = seed ^ name, .split = eval::SpinSplit::Seen}).spin(segmenter.segment(clean));
      spun_edits += spin.edits.size();
      // Frequency-guided edits are fitted on thesaurus spin (the profile's rate), on the news spin
      // and on the clean documents.
      const eval::SpinResult thesaurus = eval::Spinner(moby, {.rate = 0.15, .seed = seed ^ name}).spin(segmenter.segment(clean));
      thesaurus_edits += thesaurus.edits.size();
      const repair::FixResult t = frequency_fixer.fix(segmenter.segment(thesaurus.text));
      for (std::size_t k = 0; k < t.edits.size(); ++k) {
        if (t.edits[k].source != repair::EditSource::Thesaurus) continue;
        frequency.push_back({{1.0, t.features[k][repair::kMargin]}, restores(t.edits[k], thesaurus, clean), 1.0});
      }
      for (const bool is_spun : {true, false}) {
        const text::Document doc = segmenter.segment(is_spun ? spin.text : clean);
        const repair::FixResult guided = frequency_fixer.fix(doc);
        for (std::size_t k = 0; k < guided.edits.size(); ++k) {
          if (guided.edits[k].source != repair::EditSource::Thesaurus) continue;
          frequency.push_back({{1.0, guided.features[k][repair::kMargin]}, is_spun && restores(guided.edits[k], spin, clean),
                               is_spun ? 1.0 : clean_weight});
        }
        const repair::FixResult r = fixer.fix(doc);
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
    // Frequency-guided edits: one input, the margin; shown by margin with what the fit makes of it.
    const std::vector<double> wf = learn::fit(frequency, {.l2 = l2, .fixed_zero = {}});
    std::copy(wf.begin(), wf.end(), calibration.frequency.begin());
    std::fprintf(stderr, "%zu thesaurus spinner edits; frequency-guided edits on best paths (weighted as fitted):\n",
                 thesaurus_edits);
    std::fprintf(stderr, "margin   edits  right  share right  mean calibrated\n");
    for (const double lo : {5.0, 5.5, 6.0, 6.5, 7.0, 8.0}) {
      const double hi = lo == 8.0 ? 1e9 : lo == 7.0 ? 8.0 : lo + 0.5;
      double n = 0, right = 0, p = 0;
      for (const learn::Sample& f : frequency) {
        if (f.x[1] < lo || f.x[1] >= hi) continue;
        n += f.weight;
        right += f.positive ? f.weight : 0;
        p += f.weight * learn::probability(wf, f.x);
      }
      if (n > 0) std::fprintf(stderr, "%4.1f+   %5.0f  %5.0f  %.3f        %.3f\n", lo, n, right, right / n, p / n);
    }
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
