#include "detect/frequency_table.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "errors.hpp"
#include "io/fnv.hpp"
#include "io/output.hpp"
#include "resources.hpp"

namespace unspin::detect {
namespace {

constexpr char kMagic[8] = {'U', 'N', 'S', 'P', 'N', 'F', 'R', 'Q'};
constexpr std::uint32_t kVersion = 1;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t word_count;
  std::uint64_t file_size;
  std::uint64_t fingerprint;
  double rare_word;
  double frequency_ratio;
  std::uint32_t candidates;
  std::uint32_t synonym_count;
  std::uint64_t pool_size;
};
static_assert(sizeof(Header) == 64, "the on-disk header layout is fixed");

constexpr std::size_t kSynonymSize = 12;

}  // namespace

float word_unigram(const lm::LanguageModel& model, std::string_view word, lm::WordId id) {
  float unigram = model.unigram(id);
  if (const std::string us = lexicon::american_spelling(word); us != word) {
    unigram = std::max(unigram, model.unigram(model.lookup(us)));
  }
  return unigram;
}

std::vector<FrequentSynonym> frequent_synonyms(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model,
                                               const DetectOptions& options, std::string_view word, float unigram) {
  std::vector<FrequentSynonym> out;
  // Only words much more frequent than this one can qualify; judging the uninflected word first
  // (half a decade of slack) saves inflecting the rest.
  const double floor = unigram + options.frequency_ratio - 0.5;
  auto frequent_enough = [&](std::string_view base) { return model.unigram(model.lookup(base)) >= floor; };
  for (lexicon::WordCandidate& c : lexicon.word_candidates(word, 24, frequent_enough)) {
    if (c.text.find_first_of(" -") != std::string::npos) continue;
    // An abbreviation of its candidate ("apr" of "april", "info" of "information") is how
    // people write, not what a spinner picks; in a table of dates it would flag every line.
    if (c.text.starts_with(word)) continue;
    const float u = model.unigram(model.lookup(c.text));
    if (u - unigram >= options.frequency_ratio) out.push_back({std::move(c.text), u});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const FrequentSynonym& a, const FrequentSynonym& b) { return a.unigram > b.unigram; });
  if (out.size() > options.frequency_candidates) out.resize(options.frequency_candidates);
  return out;
}

std::uint64_t frequency_fingerprint(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model) {
  const lexicon::Thesaurus& th = lexicon.thesaurus();
  return io::fnv1a(model.describe() + "\n" + std::string(th.description()) + "\n" + std::to_string(th.words()) + " " +
               std::to_string(th.entries()));
}

FrequencyTable FrequencyTable::open(const std::string& path) {
  FrequencyTable t;
  t.file_ = io::MappedFile::open(path);
  const std::string_view bytes = t.file_.bytes();
  auto corrupt = [&path](const std::string& why) {
    return ResourceError(path + ": not a valid frequency table (" + why + "); rebuild it with tools/build");
  };
  const Header h = io::read_header<Header>(bytes, kMagic, kVersion, "an unspin frequency table", corrupt);
  const std::uint64_t offsets_size = (static_cast<std::uint64_t>(h.word_count) + 1) * 4;
  const std::uint64_t keys_at = sizeof(Header);
  const std::uint64_t synonym_offsets_at = keys_at + offsets_size;
  const std::uint64_t synonyms_at = synonym_offsets_at + offsets_size;
  const std::uint64_t pool_at = synonyms_at + static_cast<std::uint64_t>(h.synonym_count) * kSynonymSize;
  if (pool_at > bytes.size() || h.pool_size != bytes.size() - pool_at) throw corrupt("sections do not fit the file");
  t.keys_ = {bytes.data() + pool_at, reinterpret_cast<const std::uint32_t*>(bytes.data() + keys_at), h.word_count};
  t.synonym_offsets_ = reinterpret_cast<const std::uint32_t*>(bytes.data() + synonym_offsets_at);
  t.synonyms_ = bytes.data() + synonyms_at;
  if (!io::offsets_ordered(t.keys_.offsets, h.word_count) || !io::offsets_ordered(t.synonym_offsets_, h.word_count)) {
    throw corrupt("offset table out of order");
  }
  if (t.keys_.offsets[h.word_count] > h.pool_size || t.synonym_offsets_[h.word_count] != h.synonym_count) {
    throw corrupt("offset tables do not match the section sizes");
  }
  for (std::uint32_t s = 0; s < h.synonym_count; ++s) {
    std::uint32_t at[2];
    std::memcpy(at, t.synonyms_ + s * kSynonymSize, sizeof at);
    if (at[0] > h.pool_size || at[1] > h.pool_size - at[0]) throw corrupt("a synonym lies outside the string pool");
  }
  t.fingerprint_ = h.fingerprint;
  t.rare_word_ = h.rare_word;
  t.frequency_ratio_ = h.frequency_ratio;
  t.candidates_ = h.candidates;
  return t;
}

bool FrequencyTable::built_for(std::uint64_t fingerprint, const DetectOptions& options) const {
  return file_.bytes().size() > 0 && fingerprint == fingerprint_ && options.rare_word == rare_word_ &&
         options.frequency_ratio == frequency_ratio_ && options.frequency_candidates == candidates_;
}

std::optional<std::vector<FrequentSynonym>> FrequencyTable::find(std::string_view word) const {
  const std::uint32_t id = keys_.find(word);
  if (id == io::SortedStrings::npos) return std::nullopt;
  std::vector<FrequentSynonym> out;
  out.reserve(synonym_offsets_[id + 1] - synonym_offsets_[id]);
  for (std::uint32_t s = synonym_offsets_[id]; s < synonym_offsets_[id + 1]; ++s) {
    std::uint32_t at[2];
    float unigram;
    std::memcpy(at, synonyms_ + s * kSynonymSize, sizeof at);
    std::memcpy(&unigram, synonyms_ + s * kSynonymSize + sizeof at, sizeof unigram);
    out.push_back({std::string(keys_.pool + at[0], at[1]), unigram});
  }
  return out;
}

std::shared_ptr<const FrequencyTable> default_frequency_table() {
  const std::string path = data_path("frequency.idx");
  if (!std::filesystem::exists(path)) return nullptr;
  return std::make_shared<const FrequencyTable>(FrequencyTable::open(path));
}

void write_frequency_table(const std::string& path, std::vector<FrequencyEntry> entries, std::uint64_t fingerprint,
                           const DetectOptions& options) {
  std::sort(entries.begin(), entries.end(),
            [](const FrequencyEntry& a, const FrequencyEntry& b) { return a.word < b.word; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const FrequencyEntry& a, const FrequencyEntry& b) { return a.word == b.word; }),
                entries.end());
  std::string pool;
  std::vector<std::uint32_t> key_offsets, synonym_offsets;
  for (const FrequencyEntry& e : entries) {
    key_offsets.push_back(static_cast<std::uint32_t>(pool.size()));
    pool += e.word;
  }
  key_offsets.push_back(static_cast<std::uint32_t>(pool.size()));
  std::string records;
  std::uint32_t count = 0;
  for (const FrequencyEntry& e : entries) {
    synonym_offsets.push_back(count);
    for (const FrequentSynonym& s : e.synonyms) {
      const std::uint32_t at[2] = {static_cast<std::uint32_t>(pool.size()), static_cast<std::uint32_t>(s.text.size())};
      pool += s.text;
      records.append(reinterpret_cast<const char*>(at), sizeof at);
      records.append(reinterpret_cast<const char*>(&s.unigram), sizeof s.unigram);
      ++count;
    }
  }
  synonym_offsets.push_back(count);
  if (pool.size() >= 0xffffffffu) throw ResourceError(path + ": too much text for a version-1 frequency table");

  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.word_count = static_cast<std::uint32_t>(entries.size());
  h.fingerprint = fingerprint;
  h.rare_word = options.rare_word;
  h.frequency_ratio = options.frequency_ratio;
  h.candidates = static_cast<std::uint32_t>(options.frequency_candidates);
  h.synonym_count = count;
  h.pool_size = pool.size();
  h.file_size = sizeof h + 4 * (key_offsets.size() + synonym_offsets.size()) + records.size() + pool.size();
  io::AtomicFile out(path);
  out.writer().write(std::string_view(reinterpret_cast<const char*>(&h), sizeof h));
  out.writer().write(std::string_view(reinterpret_cast<const char*>(key_offsets.data()), 4 * key_offsets.size()));
  out.writer().write(
      std::string_view(reinterpret_cast<const char*>(synonym_offsets.data()), 4 * synonym_offsets.size()));
  out.writer().write(records);
  out.writer().write(pool);
  out.commit();
}

}  // namespace unspin::detect
