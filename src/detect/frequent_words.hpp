// The frequency-guided signal, shared by the detector (evidence) and the repair engine (edits):
// a rare word whose reverse-thesaurus candidate is far more frequent, and which the language
// model prefers in context by a wide margin, is likely a spinner's substitute for that candidate.
//
//   auto words = std::make_shared<FrequentWords>(default_frequency_table());  // shared by threads
//   const FrequencyTable* table = words->table_for(lexicon, model, options);  // once
//   const FrequentWord& w = words->get(lexicon, model, options, table, slot.lm, slot.id);
//   lattice::WrittenScores written(model, slots);           // one per sentence
//   if (FrequentGain g = best_frequent(written, i, w); g.candidate && g.gain >= 4.5) ...
//
// Working out a word's frequent synonyms (reverse thesaurus, Hunspell re-inflection, unigram
// look-ups) is costly, so each spelling is worked out once and kept; the build's precomputed
// table (frequency_table.hpp) answers for the words it holds when it fits the lexicon, model and
// options.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detector.hpp"
#include "lattice/sentence.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/model.hpp"
#include "text/string_map.hpp"

namespace unspin::detect {

class FrequencyTable;

// A candidate original much more frequent than the rare word written.
struct FrequentCandidate {
  std::string text;
  lm::WordId id;
  float unigram;  // log10 unigram probability
};

struct FrequentWord {
  float unigram = 0;                         // the word's own (British spellings as American)
  std::vector<FrequentCandidate> frequent;   // only for rare words; most frequent first
};

// Thread-safe for concurrent get() calls. Users on the same lexicon and the same model files may
// share one (batch workers, each with its own copy of the model, do).
class FrequentWords {
 public:
  explicit FrequentWords(std::shared_ptr<const FrequencyTable> table = nullptr);
  ~FrequentWords();
  FrequentWords(const FrequentWords&) = delete;
  FrequentWords& operator=(const FrequentWords&) = delete;

  // The table, when it was built for this lexicon, model and options; otherwise nullptr. Callers
  // ask once and pass the answer to get().
  const FrequencyTable* table_for(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model,
                                  const DetectOptions& options) const;
  // The information of a language-model word (`id` its id in `model`), worked out on first use.
  // The reference stays valid for the object's lifetime.
  const FrequentWord& get(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model, const DetectOptions& options,
                          const FrequencyTable* table, std::string_view word, lm::WordId id);

 private:
  std::shared_ptr<const FrequencyTable> table_;
  std::shared_mutex mutex_;
  text::StringMap<FrequentWord> words_;
};

// One document's view of a FrequentWords: each of the document's word types asks the shared
// cache once (slots carry their type, lattice/sentence.hpp).
class DocumentFrequentWords {
 public:
  DocumentFrequentWords(FrequentWords& words, const lexicon::Lexicon& lexicon, const lm::LanguageModel& model,
                        const DetectOptions& options, const FrequencyTable* table, std::size_t type_count)
      : words_(words), lexicon_(lexicon), model_(model), options_(options), table_(table), type_count_(type_count) {}
  const FrequentWord& operator()(const lattice::Slot& s) {
    if (by_type_.empty()) by_type_.assign(type_count_, nullptr);  // on first use: the fixer rarely asks
    const FrequentWord*& info = by_type_[s.type];
    if (!info) info = &words_.get(lexicon_, model_, options_, table_, s.lm, s.id);
    return *info;
  }

 private:
  FrequentWords& words_;
  const lexicon::Lexicon& lexicon_;
  const lm::LanguageModel& model_;
  const DetectOptions& options_;
  const FrequencyTable* table_;
  std::size_t type_count_;
  std::vector<const FrequentWord*> by_type_;
};

// The frequent candidate the language model prefers most at slot `at`, and by how much (log10,
// over the trigram window the change affects); no candidate for a word without any. Callers that
// only want gains of at least `needed` get the same answer when the best candidate gains that
// much, and no candidate otherwise, for fewer questions to the model: none about candidates when
// the written words' window scores above -needed (no candidate could gain that much), and none
// about the rest of a candidate's window once its first trigrams fall short.
struct FrequentGain {
  const FrequentCandidate* candidate = nullptr;
  double gain = -1e9;
};
FrequentGain best_frequent(lattice::WrittenScores& written, std::uint32_t at, const FrequentWord& word,
                           double needed = -1e9);

}  // namespace unspin::detect
