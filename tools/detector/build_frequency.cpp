// unspin-build-frequency: precomputes the detector's frequency-guided information for every rare
// word of the default language models' vocabularies (src/detect/frequency_table.hpp).
//
//   unspin-build-frequency -o build/data/frequency.idx
//
// Run by the build after the language model and the thesaurus index (tools/CMakeLists.txt); the
// table is generated, never committed. It uses the default lexicon, model and detector options,
// and records their fingerprint, so `check` ignores it when any of them differ.
#include <chrono>
#include <iostream>
#include <string>
#include <unordered_set>

#include "detect/frequency_table.hpp"
#include "errors.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/cmu_model.hpp"
#include "lm/default_model.hpp"
#include "lm/kneser_ney.hpp"
#include "resources.hpp"

using namespace unspin;

namespace {

// The words the detector may look up: lowercase letters and apostrophes, three or more.
bool lookup_shape(const std::string& w) {
  if (w.size() < 3) return false;
  for (const char c : w) {
    if (!((c >= 'a' && c <= 'z') || c == '\'')) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "-o") out = argv[i + 1];
  }
  if (out.empty()) {
    std::cerr << "usage: unspin-build-frequency -o OUT\n";
    return 2;
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    const lexicon::Lexicon lexicon = lexicon::Lexicon::load({});
    const auto model = lm::load_default_model({});
    const detect::DetectOptions options;
    std::unordered_set<std::string> vocabulary;
    for (std::string& w : lm::KneserNeyModel::open(data_path("news.kn3")).words()) {
      if (lookup_shape(w)) vocabulary.insert(std::move(w));
    }
    for (std::string& w : lm::CmuModel::open(lm::CmuModel::default_path()).words()) {
      if (lookup_shape(w)) vocabulary.insert(std::move(w));
    }
    std::vector<detect::FrequencyEntry> entries;
    std::size_t with_synonyms = 0;
    for (const std::string& w : vocabulary) {
      const float unigram = detect::word_unigram(*model, w, model->lookup(w));
      if (unigram >= options.rare_word) continue;  // the detector never asks about common words
      entries.push_back({w, detect::frequent_synonyms(lexicon, *model, options, w, unigram)});
      with_synonyms += !entries.back().synonyms.empty();
    }
    const std::size_t rare = entries.size();
    detect::write_frequency_table(out, std::move(entries), detect::frequency_fingerprint(lexicon, *model), options);
    const auto table = detect::FrequencyTable::open(out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "unspin-build-frequency: " << out << ": " << table.words() << " rare words of " << vocabulary.size()
              << ", " << with_synonyms << " with a frequent synonym, " << seconds << " s\n";
    return rare == table.words() ? 0 : 2;
  } catch (const Error& e) {
    std::cerr << "unspin-build-frequency: " << e.what() << '\n';
    return 2;
  }
}
