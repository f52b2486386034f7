// unspin-build-commas: counts where clean text puts commas around each word (src/lm/commas.hpp).
//
//   unspin-build-commas -o build/data/commas.tsv build/data/clean/train
//
// Run by the build after the clean corpus is prepared (tools/CMakeLists.txt), on the same
// training text as the default Kneser-Ney model; the file is generated, never committed. The
// arguments are files or folders of .txt files, as for `unspin train-lm`.
#include <iostream>
#include <string>
#include <vector>

#include "errors.hpp"
#include "io/input.hpp"
#include "lm/commas.hpp"
#include "text/document.hpp"

using namespace unspin;

int main(int argc, char** argv) {
  std::string out;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-o" && i + 1 < argc) {
      out = argv[++i];
    } else {
      inputs.push_back(arg);
    }
  }
  if (out.empty() || inputs.empty()) {
    std::cerr << "usage: unspin-build-commas -o OUT CORPUS...\n";
    return 2;
  }
  try {
    const std::vector<std::string> files = io::corpus_files(inputs);
    text::Segmenter segmenter;
    lm::CommaCounter counter;
    for (const std::string& path : files) {
      try {
        counter.add_document(segmenter.segment(io::read_input(path)));
      } catch (const Error& e) {
        throw ResourceError(path + ": " + e.what());
      }
    }
    counter.write(out, std::to_string(files.size()) + " files");
    std::cerr << "unspin-build-commas: " << out << ": " << lm::CommaModel::load(out).words() << " words from "
              << files.size() << " files\n";
    return 0;
  } catch (const Error& e) {
    std::cerr << "unspin-build-commas: " << e.what() << '\n';
    return 2;
  }
}
