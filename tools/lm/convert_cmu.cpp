// unspin-convert-cmu: converts CMU's US-English trigram model from libsphinxbase's trie format
// into the project's memory-mapped format (src/lm/cmu_model.hpp), scores kept in its units.
//
//   unspin-convert-cmu -o build/data/cmu.kn3 /usr/share/pocketsphinx/model/en-us/en-us.lm.bin
//
// Run by the build (tools/CMakeLists.txt); the file is generated, never committed.
#include <chrono>
#include <iostream>
#include <string>

#include "errors.hpp"
#include "lm/cmu_model.hpp"

using namespace unspin;

int main(int argc, char** argv) {
  std::string out, in = lm::CmuModel::source_path();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-o" && i + 1 < argc) {
      out = argv[++i];
    } else {
      in = arg;
    }
  }
  if (out.empty()) {
    std::cerr << "usage: unspin-convert-cmu -o OUT [MODEL.lm.bin]\n";
    return 2;
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    const lm::BackoffTables tables = lm::read_sphinx_trie(in);
    lm::write_backoff_model(out, "converted from " + in, tables, lm::Units::Sphinx);
    const lm::CmuModel model = lm::CmuModel::open(out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "unspin-convert-cmu: " << out << ": " << model.describe() << ", " << tables.bi_words.size()
              << " bigrams, " << tables.tri_words.size() << " trigrams, in " << seconds << " s\n";
    return 0;
  } catch (const ResourceError& e) {
    std::cerr << "unspin-convert-cmu: " << e.what() << '\n';
    return 2;
  }
}
