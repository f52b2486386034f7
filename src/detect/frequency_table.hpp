// The frequency-guided signal's word information, precomputed at build time.
//
//   auto table = FrequencyTable::open(data_path("frequency.idx"));     // memory-mapped
//   if (table.built_for(frequency_fingerprint(lexicon, model), options))
//     if (auto synonyms = table.find("combating")) for (FrequentSynonym s : *synonyms) ...
//
// For a rare word, the detector asks the reverse thesaurus for its candidates, re-inflects them
// with Hunspell's morphology and keeps those much more frequent in the language model
// (frequent_synonyms()). On text it has not seen, that was about 40% of `check`'s time. The
// table holds the answer for every rare word of the two default models' vocabularies, so at
// run time only words outside them are worked out. The answers are the same either way: the
// builder calls frequent_synonyms() itself, and the table is only used with the lexicon, model
// and options it was built for (its fingerprint and recorded options must match).
//
// File (little-endian; version 1), written by write_frequency_table:
//   Header (see frequency_table.cpp) with magic "UNSPNFRQ", version, size, fingerprint, options;
//   (words + 1) u32 offsets of the sorted keys in the string pool; (words + 1) u32 offsets into
//   the synonym records; synonym records {u32 text offset, u32 text length, f32 unigram};
//   the string pool (keys, then synonym texts).
// open() checks every section and offset, so a truncated or foreign file is a ResourceError
// naming the file, never a crash.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detector.hpp"
#include "io/binary_header.hpp"
#include "io/mapped_file.hpp"

namespace unspin::detect {

// A candidate original much more frequent than the rare word written.
struct FrequentSynonym {
  std::string text;
  float unigram = 0;  // log10 unigram probability
};

// The language model's unigram log10 probability of a lowercase word; a British spelling counts
// as common as its American twin (the models are mostly American).
float word_unigram(const lm::LanguageModel& model, std::string_view word, lm::WordId id);

// The candidates for `word` (whose unigram is `unigram`) at least options.frequency_ratio more
// frequent, most frequent first, at most options.frequency_candidates.
std::vector<FrequentSynonym> frequent_synonyms(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model,
                                               const DetectOptions& options, std::string_view word, float unigram);

// What frequent_synonyms() depends on besides the options: the model and the thesaurus.
std::uint64_t frequency_fingerprint(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model);

class FrequencyTable {
 public:
  static FrequencyTable open(const std::string& path);  // ResourceError if unreadable or corrupt
  FrequencyTable() = default;

  bool built_for(std::uint64_t fingerprint, const DetectOptions& options) const;
  // The frequent synonyms of a word the table holds; nullopt for a word it does not hold.
  std::optional<std::vector<FrequentSynonym>> find(std::string_view word) const;
  std::size_t words() const { return keys_.count; }

 private:
  io::MappedFile file_;
  io::SortedStrings keys_;
  const std::uint32_t* synonym_offsets_ = nullptr;
  const char* synonyms_ = nullptr;  // 12-byte records, read with memcpy
  std::uint64_t fingerprint_ = 0;
  double rare_word_ = 0, frequency_ratio_ = 0;
  std::uint32_t candidates_ = 0;
};

// The table the build made (data_path("frequency.idx")), or nullptr when there is none: the
// detector then works every word out at run time. A corrupt table is a ResourceError.
std::shared_ptr<const FrequencyTable> default_frequency_table();

// Writes a table atomically: each word with its frequent synonyms (possibly none).
struct FrequencyEntry {
  std::string word;
  std::vector<FrequentSynonym> synonyms;
};
void write_frequency_table(const std::string& path, std::vector<FrequencyEntry> entries, std::uint64_t fingerprint,
                           const DetectOptions& options);

}  // namespace unspin::detect
