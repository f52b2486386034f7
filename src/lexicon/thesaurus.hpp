// The reverse thesaurus: for a word (or phrase) seen in spun text, the words a spinner may have
// replaced with it, each with a prior.
//
//   Thesaurus th = Thesaurus::open("build/data/thesaurus.idx");   // memory-mapped: ~1 ms
//   for (const ThesaurusCandidate& c : th.candidates("combat")) use(c.word, c.prior, c.sources);
//
// Built from thesauri that list synonyms one way (root -> synonyms). A spinner that met the
// original O picked one of O's n synonyms, so the candidate O for an observed S gets the prior
// 1/n, taking the largest over the sources that link them (Moby, WordNet, MyThes).
//
// File format (little-endian; version 1), written by ThesaurusBuilder::write:
//   Header (see thesaurus.cpp) with magic "UNSPNTHS", version, sizes and a description;
//   a string pool of all words, sorted; (words + 1) u32 offsets into it;
//   (words + 1) u32 offsets into the entries; entries {u32 candidate id | sources << 24, f32 prior},
//   each word's entries sorted by prior, highest first.
// open() checks the magic, version, size and every offset table, so a truncated or foreign
// file is a ResourceError naming the file, never a crash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/binary_header.hpp"
#include "io/mapped_file.hpp"

namespace unspin::lexicon {

enum ThesaurusSource : std::uint8_t {
  kMoby = 1,
  kWordNet = 2,
  kMyThes = 4,
};
std::string sources_to_string(std::uint8_t sources);  // "moby+wordnet"

struct ThesaurusCandidate {
  std::string_view word;  // valid while the Thesaurus lives
  float prior;
  std::uint8_t sources;
};

class Thesaurus {
 public:
  static Thesaurus open(const std::string& path);
  Thesaurus() = default;

  // Candidate originals for a lowercase word or phrase, highest prior first; empty if unknown.
  std::vector<ThesaurusCandidate> candidates(std::string_view observed) const;
  // Whether the index knows `word` at all (as an observed word or as a candidate).
  bool contains(std::string_view word) const { return find(word) != kMissing; }

  std::size_t words() const { return word_count_; }
  std::size_t entries() const { return entry_count_; }
  std::string_view description() const { return description_; }

 private:
  static constexpr std::uint32_t kMissing = 0xffffffffu;
  std::uint32_t find(std::string_view word) const;
  std::string_view word(std::uint32_t id) const;

  io::MappedFile file_;
  io::SortedStrings words_;
  const std::uint32_t* entry_offsets_ = nullptr;
  const char* entries_ = nullptr;  // 8-byte records, read with memcpy
  std::uint32_t word_count_ = 0;
  std::uint64_t entry_count_ = 0;
  std::string_view description_;
};

// Collects one-way synonym lists and writes the reverse index.
class ThesaurusBuilder {
 public:
  // `root`'s synonyms in one source; words are lowercased, duplicates and `root` itself dropped.
  void add(ThesaurusSource source, std::string_view root, const std::vector<std::string>& synonyms);

  // Readers for the three sources. Each throws ResourceError on an unreadable file and returns
  // the number of roots read.
  std::size_t load_moby(const std::string& words_txt);
  std::size_t load_wordnet(const std::string& dir);   // data.noun, data.verb, data.adj, data.adv
  std::size_t load_mythes(const std::string& dat);    // th_en_US_v2.dat

  // Writes the index atomically. `description` (at most 239 bytes) says what made it.
  void write(const std::string& path, std::string_view description) const;

 private:
  std::uint32_t intern(std::string word);
  std::vector<std::string> words_;
  struct Link {
    std::uint32_t observed;
    std::uint32_t original;
    float prior;
    std::uint8_t sources;
  };
  std::vector<Link> links_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

}  // namespace unspin::lexicon
