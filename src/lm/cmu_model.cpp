#include "lm/cmu_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <tuple>

#include "errors.hpp"
#include "io/mapped_file.hpp"
#include "resources.hpp"

namespace unspin::lm {
namespace {

// libsphinxbase's logmath base for CMU's model (SphinxModel opens it with 1.0001).
const double kLog10OfBase = std::log10(1.0001);

// The layout of libsphinxbase's trie format (ngram_model_trie.c and lm_trie.c, sphinxbase
// 5prealpha), as Debian's en-us.lm.bin is written:
//   "Trie Language Model" (19 bytes), order (u8), one u32 count per order;
//   a u32 the reader skips, then the quantiser's tables of f32 centres: for each middle order a
//   probability table and a back-off table of 2^16 each, then the top order's probability table;
//   count[0] + 1 unigrams {f32 prob, f32 back-off, u32 first bigram};
//   the bigram array, then the trigram array, bit-packed;
//   a u32 byte count and the vocabulary as NUL-terminated strings.
// The n-grams are stored by their last word: the bigram "v w" sits under unigram w and records
// v, and the trigram "u v w" under that bigram records u. A bigram entry holds v (word bits),
// a back-off code and a probability code (16 bits each), and the index of its first trigram; a
// trigram entry holds u and a probability code. Fields are read as libsphinxbase reads them: a
// little-endian u32 at the field's byte, shifted by its bit offset within that byte.
constexpr std::string_view kTrieMagic = "Trie Language Model";
constexpr std::uint32_t kQuantBins = 1u << 16;

std::uint8_t required_bits(std::uint32_t max_value) {
  std::uint8_t bits = 0;
  while (max_value >> bits) ++bits;
  return bits;
}

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& path) : bytes_(bytes), path_(path) {}

  ResourceError corrupt(const std::string& why) const {
    return ResourceError(path_ + ": not a libsphinxbase trie language model that unspin can read (" + why + ")");
  }
  std::string_view take(std::size_t n, const char* what) {
    if (n > bytes_.size() - at_) throw corrupt(std::string("file truncated in ") + what);
    const std::string_view out = bytes_.substr(at_, n);
    at_ += n;
    return out;
  }
  template <typename T>
  T value(const char* what) {
    T v;
    std::memcpy(&v, take(sizeof v, what).data(), sizeof v);
    return v;
  }
  template <typename T>
  std::vector<T> array(std::size_t n, const char* what) {
    if (n > (bytes_.size() - at_) / sizeof(T)) throw corrupt(std::string("file truncated in ") + what);
    std::vector<T> out(n);
    std::memcpy(out.data(), take(n * sizeof(T), what).data(), n * sizeof(T));
    return out;
  }
  std::size_t remaining() const { return bytes_.size() - at_; }

 private:
  std::string_view bytes_;
  const std::string& path_;
  std::size_t at_ = 0;
};

// One bit-packed array of fixed-width entries.
struct Packed {
  std::string_view bytes;
  std::uint32_t total_bits = 0;
  std::uint32_t field(std::uint64_t entry, std::uint32_t bit, std::uint32_t mask) const {
    const std::uint64_t offset = entry * total_bits + bit;
    std::uint32_t word = 0;
    std::memcpy(&word, bytes.data() + offset / 8, sizeof word);  // in range: see read_sphinx_trie
    return (word >> (offset % 8)) & mask;
  }
};

}  // namespace

BackoffTables read_sphinx_trie(const std::string& path) {
  const io::MappedFile file = io::MappedFile::open(path);
  Reader in(file.bytes(), path);
  if (in.remaining() < kTrieMagic.size() || in.take(kTrieMagic.size(), "the header") != kTrieMagic) {
    throw in.corrupt("no \"Trie Language Model\" header");
  }
  const auto order = in.value<std::uint8_t>("the header");
  if (order != 3) throw in.corrupt("order " + std::to_string(order) + "; unspin reads trigram models");
  const auto counts = in.array<std::uint32_t>(3, "the header");
  const std::uint32_t n1 = counts[0], n2 = counts[1], n3 = counts[2];
  if (n1 == 0 || n1 >= (1u << 25) || n2 >= (1u << 25) || n3 >= (1u << 25)) throw in.corrupt("implausible n-gram counts");
  in.value<std::uint32_t>("the quantiser");
  const auto bigram_probs = in.array<float>(kQuantBins, "the quantiser");
  const auto bigram_backoffs = in.array<float>(kQuantBins, "the quantiser");
  const auto trigram_probs = in.array<float>(kQuantBins, "the quantiser");
  struct Unigram {
    float prob, backoff;
    std::uint32_t next;
  };
  static_assert(sizeof(Unigram) == 12);
  const auto unigrams = in.array<Unigram>(std::size_t{n1} + 1, "the unigrams");

  const std::uint8_t word_bits = required_bits(n1), next_bits = required_bits(n3);
  const std::uint32_t word_mask = (1u << word_bits) - 1, next_mask = (1u << next_bits) - 1, code_mask = kQuantBins - 1;
  Packed bigrams{{}, word_bits + 32u + next_bits};
  Packed trigrams{{}, word_bits + 16u};
  // Each array has room for one entry past its count and 8 bytes of slack, so that every read
  // of 4 bytes at an entry's field stays inside it.
  auto size = [](std::uint64_t entries, std::uint32_t bits) { return ((entries + 1) * bits + 7) / 8 + 8; };
  bigrams.bytes = in.take(size(n2, bigrams.total_bits), "the bigrams");
  trigrams.bytes = in.take(size(n3, trigrams.total_bits), "the trigrams");

  const auto pool_size = in.value<std::int32_t>("the vocabulary");
  if (pool_size < 0 || static_cast<std::size_t>(pool_size) != in.remaining()) throw in.corrupt("vocabulary size does not match the file");
  const std::string_view pool = in.take(static_cast<std::size_t>(pool_size), "the vocabulary");
  std::vector<std::string> words;
  for (std::size_t at = 0; at < pool.size();) {
    const std::size_t end = pool.find('\0', at);
    if (end == std::string_view::npos) throw in.corrupt("vocabulary not NUL-terminated");
    words.emplace_back(pool.substr(at, end - at));
    at = end + 1;
  }
  if (words.size() != n1) throw in.corrupt(std::to_string(words.size()) + " words for " + std::to_string(n1) + " unigrams");
  if (std::find(words.begin(), words.end(), "<unk>") == words.end()) words.emplace_back("<unk>");

  // Ids are ranks by spelling.
  const auto V = static_cast<std::uint32_t>(words.size());
  std::vector<std::uint32_t> by_spelling(V);
  std::iota(by_spelling.begin(), by_spelling.end(), 0u);
  std::sort(by_spelling.begin(), by_spelling.end(), [&](std::uint32_t a, std::uint32_t b) { return words[a] < words[b]; });
  std::vector<std::uint32_t> rank(V);
  BackoffTables t;
  for (std::uint32_t r = 0; r < V; ++r) {
    rank[by_spelling[r]] = r;
    t.vocab.push_back(words[by_spelling[r]]);
    if (r > 0 && t.vocab[r] == t.vocab[r - 1]) throw in.corrupt("the word \"" + t.vocab[r] + "\" twice");
  }
  auto id_of = [&](std::string_view w) {
    const auto it = std::lower_bound(t.vocab.begin(), t.vocab.end(), w);
    if (it == t.vocab.end() || *it != w) throw in.corrupt("no " + std::string(w) + " in the vocabulary");
    return static_cast<std::uint32_t>(it - t.vocab.begin());
  };
  t.bos = id_of("<s>");
  t.eos = id_of("</s>");
  t.unk = id_of("<unk>");
  t.uni_prob.assign(V, static_cast<float>(-99 / kLog10OfBase));
  t.uni_backoff.assign(V, 0.0f);
  for (std::uint32_t w = 0; w < n1; ++w) {
    t.uni_prob[rank[w]] = unigrams[w].prob;
    t.uni_backoff[rank[w]] = unigrams[w].backoff;
  }

  // Walk the suffix-ordered trie into forward n-grams.
  struct Bigram {
    std::uint32_t v, w;
    float prob, backoff;
  };
  struct Trigram {
    std::uint32_t u, v, w;
    float prob;
  };
  std::vector<Bigram> bi;
  std::vector<Trigram> tri;
  bi.reserve(n2);
  tri.reserve(n3);
  for (std::uint32_t w = 0; w < n1; ++w) {
    const std::uint32_t begin = unigrams[w].next, end = unigrams[w + 1].next;
    if (begin > end || end > n2) throw in.corrupt("unigram " + words[w] + " points outside the bigrams");
    for (std::uint32_t i = begin; i < end; ++i) {
      const std::uint32_t v = bigrams.field(i, 0, word_mask);
      if (v >= n1) throw in.corrupt("a bigram names word " + std::to_string(v));
      const float backoff = bigram_backoffs[bigrams.field(i, word_bits, code_mask)];
      const float prob = bigram_probs[bigrams.field(i, word_bits + 16u, code_mask)];
      bi.push_back({rank[v], rank[w], prob, backoff});
      const std::uint32_t first = bigrams.field(i, word_bits + 32u, next_mask);
      const std::uint32_t last = bigrams.field(i + 1, word_bits + 32u, next_mask);
      if (first > last || last > n3) throw in.corrupt("a bigram points outside the trigrams");
      for (std::uint32_t j = first; j < last; ++j) {
        const std::uint32_t u = trigrams.field(j, 0, word_mask);
        if (u >= n1) throw in.corrupt("a trigram names word " + std::to_string(u));
        tri.push_back({rank[u], rank[v], rank[w], trigram_probs[trigrams.field(j, word_bits, code_mask)]});
      }
    }
  }

  // Forward order: bigrams by (v, w); trigrams by (u, v, w), each under its context, the bigram
  // (u, v), which an ARPA model always has.
  std::sort(bi.begin(), bi.end(), [](const Bigram& a, const Bigram& b) { return std::tie(a.v, a.w) < std::tie(b.v, b.w); });
  std::sort(tri.begin(), tri.end(), [](const Trigram& a, const Trigram& b) { return std::tie(a.u, a.v, a.w) < std::tie(b.u, b.v, b.w); });
  t.bi_offsets.assign(std::size_t{V} + 1, 0);
  t.tri_offsets.assign(bi.size() + 1, 0);
  std::size_t k = 0;  // the next trigram: both lists are sorted by context
  for (std::size_t b = 0; b < bi.size(); ++b) {
    if (b > 0 && bi[b].v == bi[b - 1].v && bi[b].w == bi[b - 1].w) throw in.corrupt("a bigram twice");
    if (k < tri.size() && std::tie(tri[k].u, tri[k].v) < std::tie(bi[b].v, bi[b].w)) {
      throw in.corrupt("a trigram whose first two words are not a bigram");
    }
    ++t.bi_offsets[bi[b].v + 1];
    t.bi_words.push_back(bi[b].w);
    t.bi_prob.push_back(bi[b].prob);
    t.bi_backoff.push_back(bi[b].backoff);
    const std::size_t first = k;
    while (k < tri.size() && tri[k].u == bi[b].v && tri[k].v == bi[b].w) {
      if (k > first && tri[k].w == tri[k - 1].w) throw in.corrupt("a trigram twice");
      t.tri_words.push_back(tri[k].w);
      t.tri_prob.push_back(tri[k].prob);
      ++k;
    }
    t.tri_offsets[b + 1] = static_cast<std::uint32_t>(k - first);
  }
  if (k < tri.size()) throw in.corrupt("a trigram whose first two words are not a bigram");
  for (std::uint32_t v = 0; v < V; ++v) t.bi_offsets[v + 1] += t.bi_offsets[v];
  for (std::size_t b = 0; b < bi.size(); ++b) t.tri_offsets[b + 1] += t.tri_offsets[b];
  return t;
}

std::string CmuModel::default_path() { return data_path("cmu.kn3"); }

CmuModel CmuModel::open(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    throw ResourceError(path + ": CMU's language model is missing; the build converts it from " + source_path() +
                        " (tools/setup installs pocketsphinx-en-us, then tools/build)");
  }
  CmuModel m;
  m.tables_ = KneserNeyModel::open(path, Units::Sphinx);
  m.path_ = path;
  return m;
}

namespace {

// libsphinxbase truncates a score to whole units before converting it.
float to_log10(float units) {
  const double log10 = static_cast<double>(static_cast<std::int32_t>(units)) * kLog10OfBase;
  return static_cast<float>(std::max(log10, static_cast<double>(kUnknownLog10)));
}

}  // namespace

// The additions are libsphinxbase's, in its order (lm_trie_score), so that the float sums, and
// so the truncated scores, are the same.
float CmuModel::score(WordId u, WordId v, WordId w) const {
  const KneserNeyModel& t = tables_;
  if (w == t.unk_ || w >= t.vocab_ || v >= t.vocab_ || u >= t.vocab_) return kUnknownLog10;
  if (v == t.unk_) return to_log10(t.uni_prob_[w]);
  const std::uint32_t b = t.find_bigram(v, w);
  if (u == t.unk_ || v == t.bos_) {
    return to_log10(b != 0xffffffffu ? t.bi_prob_[b] : t.uni_prob_[w] + t.uni_backoff_[v]);
  }
  const std::uint32_t context = t.find_bigram(u, v);
  const float context_backoff = context != 0xffffffffu ? t.bi_backoff_[context] : 0.0f;
  if (b == 0xffffffffu) return to_log10(t.uni_prob_[w] + t.uni_backoff_[v] + context_backoff);
  if (context != 0xffffffffu) {
    const std::uint32_t* it = detail::find_id(t.tri_words_ + t.tri_offsets_[context], t.tri_words_ + t.tri_offsets_[context + 1],
                                              static_cast<std::uint32_t>(w));
    if (it) return to_log10(t.tri_prob_[it - t.tri_words_]);
  }
  return to_log10(t.bi_prob_[b] + context_backoff);
}

float CmuModel::unigram(WordId w) const {
  if (w == tables_.unk_ || w >= tables_.vocab_) return kUnknownLog10;
  return to_log10(tables_.uni_prob_[w]);
}

std::string CmuModel::describe() const {
  return "CMU US-English trigram model " + path_ + " (" + std::to_string(tables_.vocab_ - 1) + " words, " +
         std::string(tables_.description_) + ")";
}

std::vector<std::string> CmuModel::words() const {
  std::vector<std::string> out = tables_.words();
  out.erase(out.begin() + tables_.unk_);
  return out;
}

}  // namespace unspin::lm
