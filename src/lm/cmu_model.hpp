// CMU's US-English trigram model (Debian's pocketsphinx-en-us), converted at build time from
// libsphinxbase's trie format into the project's memory-mapped format and scored by the
// project's own code, with the same results as libsphinxbase.
//
//   write_backoff_model("cmu.kn3", "CMU ...", read_sphinx_trie(CmuModel::source_path()), Units::Sphinx);
//   CmuModel cmu = CmuModel::open("cmu.kn3");                        // ResourceError if corrupt
//   cmu.score(cmu.begin_sentence(), cmu.lookup("the"), cmu.lookup("troops"));
//
// Why: through libsphinxbase every query took a mutex (its scorer keeps a cache in the model),
// walked a bit-packed trie and was 40% of `check`'s model time; the file was also read into
// every process's memory at start-up. The converted file is mapped, shared between processes and
// needs no lock. Scores stay in libsphinxbase's units (log base 1.0001) and are summed in its
// order, then truncated to whole units as it does, so every score equals SphinxModel's
// (tests/unit/cmu_model_test.cpp checks this on real text). docs/LM.md has the format notes.
#pragma once

#include <string>
#include <vector>

#include "lm/kneser_ney.hpp"
#include "lm/model.hpp"

namespace unspin::lm {

// Reads a libsphinxbase trie-format trigram model ("Trie Language Model" header: quantised
// bigram and trigram tables in bit-packed arrays, suffix-ordered) into forward back-off tables,
// scores in libsphinxbase's units. Adds "<unk>" to the vocabulary, with no n-grams. Throws
// ResourceError naming the file and what is wrong with it.
BackoffTables read_sphinx_trie(const std::string& path);

class CmuModel final : public LanguageModel {
 public:
  // Where Debian's pocketsphinx-en-us installs the model the build converts.
  static std::string source_path() { return "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"; }
  // The converted model: data_path("cmu.kn3").
  static std::string default_path();
  // Throws ResourceError when the file is missing, corrupt, or not a converted CMU model.
  static CmuModel open(const std::string& path);

  WordId lookup(std::string_view word) const override { return tables_.lookup(word); }
  WordId begin_sentence() const override { return tables_.begin_sentence(); }
  WordId end_sentence() const override { return tables_.end_sentence(); }
  WordId unknown() const override { return tables_.unknown(); }
  // log10 P(w | u v) as libsphinxbase gives it: kUnknownLog10 for an unknown w, an unknown v
  // leaves no context, an unknown u or a v of <s> leaves one word; never below kUnknownLog10.
  float score(WordId u, WordId v, WordId w) const override;
  float unigram(WordId w) const override;
  std::string describe() const override;
  // The vocabulary without "<unk>", by id order (for building joint vocabularies).
  std::vector<std::string> words() const;

 private:
  KneserNeyModel tables_;
  std::string path_;
};

}  // namespace unspin::lm
