// unspin-perplexity: compares language models on held-out clean text.
//
//   unspin-perplexity --text build/data/clean/dev --kn build/data/news.kn3 [--cmu build/data/cmu.kn3]
//
// Prints, for the project's Kneser-Ney model alone, CMU's model alone and their linear
// interpolations, the perplexity over every token (with </s>) and over the tokens both models
// know (a fair comparison: each model treats unknown words differently), and each model's
// out-of-vocabulary rate. Used for docs/LM.md.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "errors.hpp"
#include "lm/cmu_model.hpp"
#include "lm/kneser_ney.hpp"

namespace fs = std::filesystem;
using namespace unspin;

int main(int argc, char** argv) {
  std::string text_dir, kn_path, cmu_path = lm::CmuModel::default_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--text") text_dir = argv[i + 1];
    else if (flag == "--kn") kn_path = argv[i + 1];
    else if (flag == "--cmu") cmu_path = argv[i + 1];
  }
  if (text_dir.empty() || kn_path.empty()) {
    std::cerr << "usage: unspin-perplexity --text DIR --kn MODEL [--cmu PATH]\n";
    return 2;
  }
  try {
    const lm::KneserNeyModel kn = lm::KneserNeyModel::open(kn_path);
    const lm::CmuModel cmu = lm::CmuModel::open(cmu_path);
    std::vector<std::vector<std::string>> sentences;
    text::Segmenter segmenter;
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(text_dir)) {
      if (e.path().extension() == ".txt") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      for (auto& sentence : lm::lm_sentences(segmenter.segment(s.str()))) {
        sentences.push_back(std::move(sentence));
      }
    }

    struct Row {
      std::string name;
      std::unique_ptr<lm::InterpolatedModel> mix;
      const lm::LanguageModel* model;
    };
    std::vector<Row> rows;
    rows.push_back({"Kneser-Ney (project, trained on train part)", nullptr, &kn});
    rows.push_back({"CMU US-English", nullptr, &cmu});
    for (const double lambda : {0.25, 0.5, 0.75}) {
      char name[96];
      std::snprintf(name, sizeof name, "interpolated, %.2f Kneser-Ney + %.2f CMU", lambda, 1 - lambda);
      auto mix = std::make_unique<lm::InterpolatedModel>(kn, cmu, lambda);
      const lm::LanguageModel* model = mix.get();
      rows.push_back({name, std::move(mix), model});
    }
    std::size_t tokens = 0, kn_oov = 0, cmu_oov = 0;
    for (const auto& s : sentences) {
      for (const auto& w : s) {
        ++tokens;
        kn_oov += kn.lookup(w) == kn.unknown();
        cmu_oov += cmu.lookup(w) == cmu.unknown();
      }
    }
    std::printf("Text: %zu sentences, %zu words (%zu files). OOV rate: Kneser-Ney %.2f%%, CMU %.2f%%.\n\n",
                sentences.size(), tokens, files.size(), 100.0 * static_cast<double>(kn_oov) / static_cast<double>(tokens),
                100.0 * static_cast<double>(cmu_oov) / static_cast<double>(tokens));
    std::printf("| model | perplexity, all tokens | perplexity, tokens both models know |\n|---|---:|---:|\n");
    for (const Row& row : rows) {
      const lm::LanguageModel& m = *row.model;
      double all = 0, known = 0;
      std::size_t n_all = 0, n_known = 0;
      for (const auto& s : sentences) {
        lm::WordId u = m.begin_sentence(), v = m.begin_sentence();
        for (std::size_t i = 0; i <= s.size(); ++i) {
          const bool end = i == s.size();
          const lm::WordId w = end ? m.end_sentence() : m.lookup(s[i]);
          const float score = m.score(u, v, w);
          all += score;
          ++n_all;
          if (end || (kn.lookup(s[i]) != kn.unknown() && cmu.lookup(s[i]) != cmu.unknown())) {
            known += score;
            ++n_known;
          }
          u = v;
          v = w;
        }
      }
      std::printf("| %s | %.1f | %.1f |\n", row.name.c_str(), std::pow(10.0, -all / static_cast<double>(n_all)),
                  std::pow(10.0, -known / static_cast<double>(n_known)));
    }
    return 0;
  } catch (const unspin::Error& e) {
    std::cerr << "unspin-perplexity: " << e.what() << '\n';
    return 2;
  }
}
