#include "lm/kneser_ney.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <map>
#include <stdexcept>

#include "errors.hpp"
#include "io/binary_header.hpp"
#include "io/output.hpp"

namespace unspin::lm {
namespace {

constexpr char kMagic[8] = {'U', 'N', 'S', 'P', 'N', 'L', 'M', '3'};
constexpr std::uint32_t kVersion = 1;
constexpr float kNever = -99.0f;  // log10 probability of events the model never predicts
constexpr std::uint32_t kIdBits = 21;
constexpr std::uint64_t kIdMask = (1u << kIdBits) - 1;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t vocab;
  std::uint64_t bigrams;
  std::uint64_t trigrams;
  std::uint64_t file_size;
  std::uint32_t bos, eos, unk;
  std::uint32_t units;  // Units: 0 log10 (the project's own models), 1 libsphinxbase's (CMU's, converted)
  std::uint64_t pool_offset, pool_size;
  std::uint64_t word_offsets_offset;  // vocab + 1 u32
  std::uint64_t uni_prob_offset;      // vocab f32
  std::uint64_t uni_backoff_offset;   // vocab f32
  std::uint64_t bi_offsets_offset;    // vocab + 1 u32
  std::uint64_t bi_words_offset;      // bigrams u32
  std::uint64_t bi_prob_offset;       // bigrams f32
  std::uint64_t bi_backoff_offset;    // bigrams f32
  std::uint64_t tri_offsets_offset;   // bigrams + 1 u32
  std::uint64_t tri_words_offset;     // trigrams u32
  std::uint64_t tri_prob_offset;      // trigrams f32
  char description[200];
};

std::uint64_t pack(std::uint64_t u, std::uint64_t v, std::uint64_t w) {
  return (u << (2 * kIdBits)) | (v << kIdBits) | w;
}

// Modified Kneser-Ney discounts for counts 1, 2 and 3+ from the count-of-counts n1..n4.
std::array<double, 4> discounts(const std::array<double, 5>& n) {
  std::array<double, 4> d = {0, 0.5, 1.0, 1.5};  // fallback for tiny corpora
  if (n[1] > 0 && n[2] > 0 && n[3] > 0 && n[4] > 0) {
    const double y = n[1] / (n[1] + 2 * n[2]);
    d[1] = std::clamp(1 - 2 * y * n[2] / n[1], 0.05, 1.0);
    d[2] = std::clamp(2 - 3 * y * n[3] / n[2], 0.05, 2.0);
    d[3] = std::clamp(3 - 4 * y * n[4] / n[3], 0.05, 3.0);
  }
  return d;
}

double discount_for(const std::array<double, 4>& d, std::uint32_t count) { return d[std::min<std::uint32_t>(count, 3)]; }

void count_of_counts(std::array<double, 5>& n, std::uint32_t count) {
  if (count >= 1 && count <= 4) n[count] += 1;
}

template <typename T>
std::string_view bytes_of(const std::vector<T>& v) {
  return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)};
}

}  // namespace

// ---- trainer ----

std::uint32_t KneserNeyTrainer::intern(const std::string& word) {
  const auto [it, inserted] = ids_.try_emplace(word, static_cast<std::uint32_t>(words_.size()));
  if (inserted) {
    if (words_.size() >= kIdMask) throw ResourceError("language model vocabulary over 2M words");
    words_.push_back(word);
  }
  return it->second;
}

void KneserNeyTrainer::add_sentence(const std::vector<std::string>& words) {
  if (words.empty()) return;
  const std::uint32_t bos = intern("<s>");
  std::uint32_t u = bos, v = bos;
  for (const std::string& word : words) {
    const std::uint32_t w = intern(word);
    ++trigrams_[pack(u, v, w)];
    u = v;
    v = w;
  }
  ++trigrams_[pack(u, v, intern("</s>"))];
  tokens_ += words.size() + 1;
}

void KneserNeyTrainer::add_document(const text::Document& doc) {
  for (const auto& sentence : lm_sentences(doc)) add_sentence(sentence);
}

void KneserNeyTrainer::write(const std::string& path, std::string_view description) const {
  if (trigrams_.empty()) throw ResourceError(path + ": no training text");
  // Vocabulary sorted by spelling; ids are ranks. <unk> is added with no counts.
  std::vector<std::string> vocab = words_;
  if (!ids_.count("<unk>")) vocab.push_back("<unk>");
  std::vector<std::uint32_t> order(vocab.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return vocab[a] < vocab[b]; });
  std::vector<std::uint32_t> rank(vocab.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  const auto V = static_cast<std::uint32_t>(vocab.size());
  auto id_of = [&](const std::string& w) {
    for (std::uint32_t r = 0; r < V; ++r) {
      if (vocab[order[r]] == w) return r;
    }
    return V;
  };
  const std::uint32_t bos = id_of("<s>"), eos = id_of("</s>"), unk = id_of("<unk>");

  // Trigram counts c3(u, v, w), sorted by (u, v, w).
  struct Tri {
    std::uint32_t u, v, w, c;
  };
  std::vector<Tri> tri;
  tri.reserve(trigrams_.size());
  for (const auto& [key, c] : trigrams_) {
    tri.push_back({rank[(key >> (2 * kIdBits)) & kIdMask], rank[(key >> kIdBits) & kIdMask], rank[key & kIdMask], c});
  }
  std::sort(tri.begin(), tri.end(), [](const Tri& a, const Tri& b) {
    return a.u != b.u ? a.u < b.u : a.v != b.v ? a.v < b.v : a.w < b.w;
  });

  // Bigram-level counts c2'(v, w): raw counts after <s> (nothing precedes it), otherwise the
  // number of distinct words u seen before (v, w).
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> bi;
  for (const Tri& t : tri) bi[{t.v, t.w}] += t.v == bos ? t.c : 1;
  // Unigram-level counts c1'(w): the number of distinct v seen before w.
  std::vector<std::uint32_t> uni(V, 0);
  for (const auto& [vw, c] : bi) ++uni[vw.second];

  // Discounts per order.
  std::array<double, 5> n1{}, n2{}, n3{};
  for (std::uint32_t w = 0; w < V; ++w) count_of_counts(n1, uni[w]);
  for (const auto& [vw, c] : bi) count_of_counts(n2, c);
  for (const Tri& t : tri) count_of_counts(n3, t.c);
  const auto d1 = discounts(n1), d2 = discounts(n2), d3 = discounts(n3);

  // Unigrams: p1(w) = max(c1' - D, 0) / S1 + gamma1 / |V|, uniform over the predictable words.
  double s1 = 0, mass1 = 0;
  for (std::uint32_t w = 0; w < V; ++w) {
    if (w == bos) continue;
    s1 += uni[w];
    if (uni[w] > 0) mass1 += discount_for(d1, uni[w]);
  }
  const double gamma1 = mass1 / s1;
  std::vector<double> p1(V, 0);
  std::vector<float> uni_prob(V, kNever), uni_backoff(V, 0);
  for (std::uint32_t w = 0; w < V; ++w) {
    if (w == bos) continue;
    p1[w] = std::max(uni[w] - discount_for(d1, uni[w]), 0.0) / s1 + gamma1 / static_cast<double>(V - 1);
    uni_prob[w] = static_cast<float>(std::log10(p1[w]));
  }

  // Bigrams: p2(w|v) = max(c2' - D, 0) / S2(v) + gamma2(v) p1(w); gamma2(v) is v's back-off.
  std::vector<double> s2(V, 0), mass2(V, 0);
  for (const auto& [vw, c] : bi) {
    s2[vw.first] += c;
    mass2[vw.first] += discount_for(d2, c);
  }
  for (std::uint32_t v = 0; v < V; ++v) {
    if (s2[v] > 0) uni_backoff[v] = static_cast<float>(std::log10(mass2[v] / s2[v]));
  }
  auto p2 = [&](std::uint32_t v, std::uint32_t w, std::uint32_t c) {
    const double gamma = s2[v] > 0 ? mass2[v] / s2[v] : 1.0;
    return (s2[v] > 0 ? std::max(c - discount_for(d2, c), 0.0) / s2[v] : 0.0) + gamma * p1[w];
  };

  // Every trigram context (u, v) needs a bigram entry to carry its back-off weight; (<s>, <s>)
  // is one that never occurs as a bigram event.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> entries = bi;
  for (const Tri& t : tri) entries.try_emplace({t.u, t.v}, 0);

  std::vector<std::uint32_t> bi_offsets(V + 1, 0), bi_words, tri_offsets, tri_words;
  std::vector<float> bi_prob, bi_backoff, tri_prob;
  bi_words.reserve(entries.size());
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> bigram_index;
  for (const auto& [vw, c] : entries) {
    bigram_index[vw] = static_cast<std::uint32_t>(bi_words.size());
    ++bi_offsets[vw.first + 1];
    bi_words.push_back(vw.second);
    bi_prob.push_back(c > 0 ? static_cast<float>(std::log10(p2(vw.first, vw.second, c))) : kNever);
    bi_backoff.push_back(0);
  }
  for (std::uint32_t v = 0; v < V; ++v) bi_offsets[v + 1] += bi_offsets[v];

  // Trigrams: p3(w|u v) = max(c3 - D, 0) / S3(uv) + gamma3(uv) p2(w|v); gamma3 on bigram (u, v).
  tri_offsets.assign(bi_words.size() + 1, 0);
  for (std::size_t i = 0; i < tri.size();) {
    std::size_t j = i;
    double s3 = 0, mass3 = 0;
    while (j < tri.size() && tri[j].u == tri[i].u && tri[j].v == tri[i].v) {
      s3 += tri[j].c;
      mass3 += discount_for(d3, tri[j].c);
      ++j;
    }
    const double gamma3 = mass3 / s3;
    const std::uint32_t context = bigram_index.at({tri[i].u, tri[i].v});
    bi_backoff[context] = static_cast<float>(std::log10(gamma3));
    tri_offsets[context + 1] = static_cast<std::uint32_t>(j - i);
    for (std::size_t k = i; k < j; ++k) {
      const Tri& t = tri[k];
      const auto found = bi.find({t.v, t.w});
      const double lower = p2(t.v, t.w, found == bi.end() ? 0 : found->second);
      tri_words.push_back(t.w);
      tri_prob.push_back(static_cast<float>(std::log10(std::max(t.c - discount_for(d3, t.c), 0.0) / s3 + gamma3 * lower)));
    }
    i = j;
  }
  for (std::size_t b = 0; b < bi_words.size(); ++b) tri_offsets[b + 1] += tri_offsets[b];

  BackoffTables tables;
  tables.vocab.reserve(V);
  for (std::uint32_t r = 0; r < V; ++r) tables.vocab.push_back(vocab[order[r]]);
  tables.bos = bos;
  tables.eos = eos;
  tables.unk = unk;
  tables.uni_prob = std::move(uni_prob);
  tables.uni_backoff = std::move(uni_backoff);
  tables.bi_offsets = std::move(bi_offsets);
  tables.bi_words = std::move(bi_words);
  tables.bi_prob = std::move(bi_prob);
  tables.bi_backoff = std::move(bi_backoff);
  tables.tri_offsets = std::move(tri_offsets);
  tables.tri_words = std::move(tri_words);
  tables.tri_prob = std::move(tri_prob);
  write_backoff_model(path, description, tables, Units::Log10);
}

void write_backoff_model(const std::string& path, std::string_view description, const BackoffTables& t, Units units) {
  const auto V = static_cast<std::uint32_t>(t.vocab.size());
  const std::uint64_t B = t.bi_words.size(), T = t.tri_words.size();
  if (V == 0 || t.uni_prob.size() != V || t.uni_backoff.size() != V || t.bi_offsets.size() != V + std::size_t{1} ||
      t.bi_prob.size() != B || t.bi_backoff.size() != B || t.tri_offsets.size() != B + 1 || t.tri_prob.size() != T ||
      t.bos >= V || t.eos >= V || t.unk >= V || !std::is_sorted(t.vocab.begin(), t.vocab.end())) {
    throw std::invalid_argument(path + ": inconsistent language model tables");  // a bug in the caller
  }
  std::string pool;
  std::vector<std::uint32_t> word_offsets;
  for (const std::string& word : t.vocab) {
    word_offsets.push_back(static_cast<std::uint32_t>(pool.size()));
    pool += word;
  }
  word_offsets.push_back(static_cast<std::uint32_t>(pool.size()));
  while (pool.size() % 4) pool += '\0';

  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.vocab = V;
  h.bigrams = B;
  h.trigrams = T;
  h.bos = t.bos;
  h.eos = t.eos;
  h.unk = t.unk;
  h.units = static_cast<std::uint32_t>(units);
  std::uint64_t at = sizeof(Header);
  auto place = [&at](std::uint64_t& field, std::size_t size) {
    field = at;
    at += (size + 3) / 4 * 4;
  };
  place(h.pool_offset, pool.size());
  h.pool_size = word_offsets.back();
  place(h.word_offsets_offset, word_offsets.size() * 4);
  place(h.uni_prob_offset, std::size_t{V} * 4);
  place(h.uni_backoff_offset, std::size_t{V} * 4);
  place(h.bi_offsets_offset, (V + std::size_t{1}) * 4);
  place(h.bi_words_offset, B * 4);
  place(h.bi_prob_offset, B * 4);
  place(h.bi_backoff_offset, B * 4);
  place(h.tri_offsets_offset, (B + 1) * 4);
  place(h.tri_words_offset, T * 4);
  place(h.tri_prob_offset, T * 4);
  h.file_size = at;
  std::memcpy(h.description, description.data(), std::min(description.size(), sizeof h.description - 1));

  io::AtomicFile out(path);
  io::FdWriter& w = out.writer();
  w.write(std::string_view(reinterpret_cast<const char*>(&h), sizeof h));
  w.write(pool);
  for (const std::string_view part : {bytes_of(word_offsets), bytes_of(t.uni_prob), bytes_of(t.uni_backoff),
                                      bytes_of(t.bi_offsets), bytes_of(t.bi_words), bytes_of(t.bi_prob),
                                      bytes_of(t.bi_backoff), bytes_of(t.tri_offsets), bytes_of(t.tri_words),
                                      bytes_of(t.tri_prob)}) {
    w.write(part);
  }
  out.commit();
}

// ---- model ----

KneserNeyModel KneserNeyModel::open(const std::string& path) { return open(path, Units::Log10); }

KneserNeyModel KneserNeyModel::open(const std::string& path, Units units) {
  KneserNeyModel m;
  m.file_ = io::MappedFile::open(path);
  const std::string_view bytes = m.file_.bytes();
  auto corrupt = [&path](const std::string& why) {
    return ResourceError(path + ": not a valid unspin language model (" + why + ")");
  };
  const Header h = io::read_header<Header>(bytes, kMagic, kVersion, "an unspin model", corrupt);
  auto section = [&](std::uint64_t offset, std::uint64_t size) {
    if (offset % 4 || offset > bytes.size() || size > bytes.size() - offset) throw corrupt("a section lies outside the file");
    return bytes.data() + offset;
  };
  const std::uint64_t V = h.vocab, B = h.bigrams, T = h.trigrams;
  if (V == 0 || h.bos >= V || h.eos >= V || h.unk >= V) throw corrupt("bad vocabulary header");
  if (h.units != static_cast<std::uint32_t>(units)) {
    throw corrupt(h.units == static_cast<std::uint32_t>(Units::Sphinx)
                      ? "this is CMU's model converted by the build, which unspin reads by itself"
                      : "its scores are not in the units expected here");
  }
  m.words_ = {section(h.pool_offset, h.pool_size),
              reinterpret_cast<const std::uint32_t*>(section(h.word_offsets_offset, (V + 1) * 4)), h.vocab};
  m.uni_prob_ = reinterpret_cast<const float*>(section(h.uni_prob_offset, V * 4));
  m.uni_backoff_ = reinterpret_cast<const float*>(section(h.uni_backoff_offset, V * 4));
  m.bi_offsets_ = reinterpret_cast<const std::uint32_t*>(section(h.bi_offsets_offset, (V + 1) * 4));
  m.bi_words_ = reinterpret_cast<const std::uint32_t*>(section(h.bi_words_offset, B * 4));
  m.bi_prob_ = reinterpret_cast<const float*>(section(h.bi_prob_offset, B * 4));
  m.bi_backoff_ = reinterpret_cast<const float*>(section(h.bi_backoff_offset, B * 4));
  m.tri_offsets_ = reinterpret_cast<const std::uint32_t*>(section(h.tri_offsets_offset, (B + 1) * 4));
  m.tri_words_ = reinterpret_cast<const std::uint32_t*>(section(h.tri_words_offset, T * 4));
  m.tri_prob_ = reinterpret_cast<const float*>(section(h.tri_prob_offset, T * 4));
  if (!io::offsets_ordered(m.words_.offsets, V) || !io::offsets_ordered(m.bi_offsets_, V)) {
    throw corrupt("offset table out of order");
  }
  if (m.words_.offsets[V] != h.pool_size || m.bi_offsets_[V] != B) throw corrupt("offset tables do not match sizes");
  if (!io::offsets_ordered(m.tri_offsets_, B) || std::any_of(m.bi_words_, m.bi_words_ + B, [V](std::uint32_t w) { return w >= V; })) {
    throw corrupt("bigram table corrupt");
  }
  if (m.tri_offsets_[B] != T) throw corrupt("trigram offsets do not match the count");
  m.vocab_ = h.vocab;
  m.bigram_count_ = B;
  m.trigram_count_ = T;
  m.bos_ = h.bos;
  m.eos_ = h.eos;
  m.unk_ = h.unk;
  m.description_ = std::string_view(bytes.data() + offsetof(Header, description), strnlen(h.description, sizeof h.description));
  m.index_ = io::StringIndex(m.words_);
  return m;
}

std::string_view KneserNeyModel::word(std::uint32_t id) const { return words_.at(id); }

WordId KneserNeyModel::lookup(std::string_view w) const {
  const std::uint32_t id = index_.find(w);
  return id == io::SortedStrings::npos ? unk_ : id;
}

namespace detail {

// Where `key` is in the sorted ids [begin, end), or nullptr. Ids are ranks in spelling order, so
// the followers of a context spread fairly evenly over their range: a few interpolation steps
// narrow a long list (the followers of "the") with far fewer cache misses than bisection, which
// finishes. The result is the one std::lower_bound gives.
const std::uint32_t* find_id(const std::uint32_t* begin, const std::uint32_t* end, std::uint32_t key) {
  for (int step = 0; step < 3 && end - begin > 16; ++step) {
    const std::uint32_t low = begin[0], high = end[-1];
    if (key < low || key > high) return nullptr;
    if (high == low) break;
    const auto span = static_cast<std::uint64_t>(end - begin - 1);
    const std::uint32_t* guess = begin + static_cast<std::ptrdiff_t>(span * (key - low) / (high - low));
    if (*guess == key) return guess;
    if (*guess < key) begin = guess + 1;
    else end = guess;
  }
  const std::uint32_t* it = std::lower_bound(begin, end, key);
  return it != end && *it == key ? it : nullptr;
}

}  // namespace detail

using detail::find_id;

std::uint32_t KneserNeyModel::find_bigram(WordId v, WordId w) const {
  const std::uint32_t* it = find_id(bi_words_ + bi_offsets_[v], bi_words_ + bi_offsets_[v + 1], static_cast<std::uint32_t>(w));
  return it ? static_cast<std::uint32_t>(it - bi_words_) : 0xffffffffu;
}

float KneserNeyModel::score(WordId u, WordId v, WordId w) const {
  if (u >= vocab_ || v >= vocab_ || w >= vocab_) return kNever;
  float backoff = 0;
  if (const std::uint32_t context = find_bigram(u, v); context != 0xffffffffu) {
    const std::uint32_t* it = find_id(tri_words_ + tri_offsets_[context], tri_words_ + tri_offsets_[context + 1],
                                      static_cast<std::uint32_t>(w));
    if (it) return tri_prob_[it - tri_words_];
    backoff = bi_backoff_[context];
  }
  if (const std::uint32_t b = find_bigram(v, w); b != 0xffffffffu && bi_prob_[b] > kNever) return backoff + bi_prob_[b];
  return backoff + uni_backoff_[v] + uni_prob_[w];
}

float KneserNeyModel::unigram(WordId w) const { return w < vocab_ ? uni_prob_[w] : kNever; }

std::vector<std::string> KneserNeyModel::words() const {
  std::vector<std::string> out;
  out.reserve(vocab_);
  for (std::uint32_t i = 0; i < vocab_; ++i) out.emplace_back(word(i));
  return out;
}

std::string KneserNeyModel::describe() const {
  return std::string(description_) + " (" + std::to_string(vocab_) + " words, " + std::to_string(bigram_count_) +
         " bigrams, " + std::to_string(trigram_count_) + " trigrams)";
}

}  // namespace unspin::lm
