// The project's own trigram model: interpolated modified Kneser-Ney (Chen & Goodman), trained
// on clean text, stored in a compact memory-mapped file.
//
//   KneserNeyTrainer trainer;
//   trainer.add_sentence({"the", "troops", "were", "here"});   // or add_document(doc)
//   trainer.write("news.kn3", "trained on ...");
//   KneserNeyModel model = KneserNeyModel::open("news.kn3");    // ResourceError if corrupt
//
// Probabilities: the top order uses raw counts, lower orders continuation counts (the number of
// distinct words seen before), except after <s>; three discounts per order (for counts 1, 2 and
// 3+) from the count-of-counts. The interpolated form is stored in back-off form: seen n-grams
// keep their interpolated probability and each context its interpolation weight, so a query is
// at most three look-ups.
//
// File (little-endian, version 1): header "UNSPNLM3"; a sorted string pool and offsets for the
// vocabulary (id = rank); unigram log10 prob and back-off; bigrams in CSR form (per first word,
// sorted second words, with prob and back-off); trigrams in CSR form per bigram. The same file
// format holds CMU's model converted at build time (lm/cmu_model.hpp), whose scores stay in
// libsphinxbase's own units; the header says which, and each reader accepts only its own.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/binary_header.hpp"
#include "io/mapped_file.hpp"
#include "lm/model.hpp"

namespace unspin::lm {

// The units a model file's scores are in.
enum class Units : std::uint32_t {
  Log10 = 0,   // log10 probabilities: the project's own models
  Sphinx = 1,  // libsphinxbase's log base 1.0001, as stored in CMU's model
};

// A trigram back-off model's tables, as the file stores them. The vocabulary is sorted by
// spelling and a word's id is its rank. bi_offsets has vocab.size() + 1 entries: the bigrams
// whose first word is v are bi_words[bi_offsets[v] .. bi_offsets[v + 1]), sorted. tri_offsets
// has one entry per bigram plus one: the trigrams with that bigram as context. A bigram that
// exists only as a context has probability -99.
struct BackoffTables {
  std::vector<std::string> vocab;
  std::uint32_t bos = 0, eos = 0, unk = 0;
  std::vector<float> uni_prob, uni_backoff;
  std::vector<std::uint32_t> bi_offsets, bi_words;
  std::vector<float> bi_prob, bi_backoff;
  std::vector<std::uint32_t> tri_offsets, tri_words;
  std::vector<float> tri_prob;
};

// Writes the tables atomically. Throws std::invalid_argument if they are inconsistent.
void write_backoff_model(const std::string& path, std::string_view description, const BackoffTables& tables,
                         Units units);

class KneserNeyTrainer {
 public:
  void add_sentence(const std::vector<std::string>& words);
  void add_document(const text::Document& doc);
  std::size_t tokens() const { return tokens_; }
  // Estimates the model and writes it atomically. Throws ResourceError if there is no text.
  void write(const std::string& path, std::string_view description) const;

 private:
  std::uint32_t intern(const std::string& word);
  std::vector<std::string> words_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::unordered_map<std::uint64_t, std::uint32_t> trigrams_;  // packed (u, v, w), 21 bits each
  std::size_t tokens_ = 0;
};

class KneserNeyModel final : public LanguageModel {
 public:
  static KneserNeyModel open(const std::string& path);
  // Opens a file whose scores are in `units`; ResourceError if they are in others.
  static KneserNeyModel open(const std::string& path, Units units);
  KneserNeyModel() = default;

  WordId lookup(std::string_view word) const override;
  WordId begin_sentence() const override { return bos_; }
  WordId end_sentence() const override { return eos_; }
  WordId unknown() const override { return unk_; }
  float score(WordId u, WordId v, WordId w) const override;
  float unigram(WordId w) const override;
  std::string describe() const override;
  std::size_t vocabulary() const { return vocab_; }
  std::vector<std::string> words() const;  // the vocabulary, by id
  std::size_t bigrams() const { return bigram_count_; }
  std::size_t trigrams() const { return trigram_count_; }

 private:
  friend class CmuModel;  // scores the same tables by libsphinxbase's rules
  std::string_view word(std::uint32_t id) const;
  // Index of the bigram (v, w), or npos.
  std::uint32_t find_bigram(WordId v, WordId w) const;

  io::MappedFile file_;
  std::string_view description_;
  std::uint32_t vocab_ = 0;
  std::uint64_t bigram_count_ = 0, trigram_count_ = 0;
  io::SortedStrings words_;
  io::StringIndex index_;  // over words_
  const float* uni_prob_ = nullptr;
  const float* uni_backoff_ = nullptr;
  const std::uint32_t* bi_offsets_ = nullptr;  // per first word
  const std::uint32_t* bi_words_ = nullptr;
  const float* bi_prob_ = nullptr;
  const float* bi_backoff_ = nullptr;
  const std::uint32_t* tri_offsets_ = nullptr;  // per bigram
  const std::uint32_t* tri_words_ = nullptr;
  const float* tri_prob_ = nullptr;
  WordId bos_ = 0, eos_ = 0, unk_ = 0;
};

namespace detail {
// Where `key` is in the sorted ids [begin, end), or nullptr: interpolation steps, then bisection.
// Exposed for its test.
const std::uint32_t* find_id(const std::uint32_t* begin, const std::uint32_t* end, std::uint32_t key);
}  // namespace detail

}  // namespace unspin::lm
