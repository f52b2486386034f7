#include "lexicon/thesaurus.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "errors.hpp"
#include "io/binary_header.hpp"
#include "io/input.hpp"
#include "io/output.hpp"

namespace unspin::lexicon {
namespace {

constexpr char kMagic[8] = {'U', 'N', 'S', 'P', 'N', 'T', 'H', 'S'};
constexpr std::uint32_t kVersion = 1;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t word_count;
  std::uint64_t file_size;
  std::uint64_t pool_offset;
  std::uint64_t pool_size;
  std::uint64_t word_offsets_offset;   // (word_count + 1) u32
  std::uint64_t entry_offsets_offset;  // (word_count + 1) u32
  std::uint64_t entries_offset;        // entry_count records of 8 bytes
  std::uint64_t entry_count;
  char description[240];
};
static_assert(sizeof(Header) == 312, "the on-disk header layout is fixed");

constexpr std::size_t kEntrySize = 8;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::string sources_to_string(std::uint8_t sources) {
  std::string out;
  const std::pair<std::uint8_t, const char*> names[] = {{kMoby, "moby"}, {kWordNet, "wordnet"}, {kMyThes, "mythes"}};
  for (const auto& [bit, name] : names) {
    if (!(sources & bit)) continue;
    if (!out.empty()) out += '+';
    out += name;
  }
  return out;
}

// ---- reader ----

Thesaurus Thesaurus::open(const std::string& path) {
  Thesaurus t;
  t.file_ = io::MappedFile::open(path);
  const std::string_view bytes = t.file_.bytes();
  auto corrupt = [&path](const std::string& why) {
    return ResourceError(path + ": not a valid thesaurus index (" + why + "); rebuild it with tools/build");
  };
  const Header h = io::read_header<Header>(bytes, kMagic, kVersion, "an unspin thesaurus", corrupt);
  const std::uint64_t table_bytes = (static_cast<std::uint64_t>(h.word_count) + 1) * 4;
  auto inside = [&](std::uint64_t offset, std::uint64_t size) {
    return offset <= bytes.size() && size <= bytes.size() - offset && offset % 4 == 0;
  };
  if (!inside(h.pool_offset, h.pool_size) || !inside(h.word_offsets_offset, table_bytes) ||
      !inside(h.entry_offsets_offset, table_bytes) || !inside(h.entries_offset, h.entry_count * kEntrySize)) {
    throw corrupt("a section lies outside the file");
  }
  t.words_ = {bytes.data() + h.pool_offset, reinterpret_cast<const std::uint32_t*>(bytes.data() + h.word_offsets_offset),
              h.word_count};
  t.entry_offsets_ = reinterpret_cast<const std::uint32_t*>(bytes.data() + h.entry_offsets_offset);
  t.entries_ = bytes.data() + h.entries_offset;
  t.word_count_ = h.word_count;
  t.entry_count_ = h.entry_count;
  // Offset tables must be monotonic and end at their section's size: then every look-up stays
  // inside the file. Checking them costs about a millisecond.
  if (!io::offsets_ordered(t.words_.offsets, h.word_count) || !io::offsets_ordered(t.entry_offsets_, h.word_count)) {
    throw corrupt("offset table out of order");
  }
  if (t.words_.offsets[h.word_count] != h.pool_size || t.entry_offsets_[h.word_count] != h.entry_count) {
    throw corrupt("offset tables do not match the section sizes");
  }
  // The description points into the mapping (the local header copy dies with this function).
  t.description_ = std::string_view(bytes.data() + offsetof(Header, description),
                                    strnlen(h.description, sizeof h.description));
  return t;
}

std::string_view Thesaurus::word(std::uint32_t id) const { return words_.at(id); }

std::uint32_t Thesaurus::find(std::string_view w) const {
  const std::uint32_t id = words_.find(w);
  return id == io::SortedStrings::npos ? kMissing : id;
}

std::vector<ThesaurusCandidate> Thesaurus::candidates(std::string_view observed) const {
  std::vector<ThesaurusCandidate> out;
  const std::uint32_t id = find(observed);
  if (id == kMissing) return out;
  out.reserve(entry_offsets_[id + 1] - entry_offsets_[id]);
  for (std::uint32_t e = entry_offsets_[id]; e < entry_offsets_[id + 1]; ++e) {
    std::uint32_t packed;
    float prior;
    std::memcpy(&packed, entries_ + e * kEntrySize, 4);
    std::memcpy(&prior, entries_ + e * kEntrySize + 4, 4);
    const std::uint32_t candidate = packed & 0xffffffu;
    if (candidate >= word_count_) continue;  // never produced by the builder; ignore, not crash
    out.push_back({word(candidate), prior, static_cast<std::uint8_t>(packed >> 24)});
  }
  return out;
}

// ---- builder ----

std::uint32_t ThesaurusBuilder::intern(std::string word) {
  const auto [it, inserted] = index_.try_emplace(word, static_cast<std::uint32_t>(words_.size()));
  if (inserted) words_.push_back(std::move(word));
  return it->second;
}

void ThesaurusBuilder::add(ThesaurusSource source, std::string_view root, const std::vector<std::string>& synonyms) {
  const std::string r = lower_ascii(trim(root));
  if (r.empty()) return;
  std::unordered_set<std::string> unique;
  for (const std::string& s : synonyms) {
    std::string w = lower_ascii(trim(s));
    if (!w.empty() && w != r) unique.insert(std::move(w));
  }
  if (unique.empty()) return;
  const std::uint32_t original = intern(r);
  const float prior = 1.0f / static_cast<float>(unique.size());
  for (const std::string& w : unique) links_.push_back({intern(w), original, prior, source});
}

std::size_t ThesaurusBuilder::load_moby(const std::string& path) {
  const std::string data = io::read_resource(path, "Moby thesaurus (tools/setup fetches it)");
  std::size_t roots = 0;
  std::istringstream in(data);
  std::string line;
  std::vector<std::string> fields;
  while (std::getline(in, line)) {
    fields.clear();
    std::size_t at = 0;
    while (at <= line.size()) {
      const std::size_t comma = std::min(line.find(',', at), line.size());
      fields.push_back(line.substr(at, comma - at));
      at = comma + 1;
    }
    if (fields.size() < 2) continue;
    const std::string root = fields.front();
    fields.erase(fields.begin());
    add(kMoby, root, fields);
    ++roots;
  }
  return roots;
}

std::size_t ThesaurusBuilder::load_wordnet(const std::string& dir) {
  std::unordered_map<std::string, std::unordered_set<std::string>> synonyms;
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    const std::string data = io::read_resource(dir + "/data." + pos, "WordNet database (install wordnet-base)");
    std::istringstream in(data);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header lines start with spaces
      std::istringstream f(line);
      std::string offset, lexfile, type, count_hex;
      if (!(f >> offset >> lexfile >> type >> count_hex)) continue;
      const unsigned long count = std::stoul(count_hex, nullptr, 16);
      std::vector<std::string> members;
      for (unsigned long i = 0; i < count; ++i) {
        std::string w, lex_id;
        if (!(f >> w >> lex_id)) break;
        if (const auto paren = w.find('('); paren != std::string::npos) w.resize(paren);  // "galore(ip)"
        std::replace(w.begin(), w.end(), '_', ' ');
        members.push_back(lower_ascii(w));
      }
      for (const std::string& a : members) {
        for (const std::string& b : members) {
          if (a != b) synonyms[a].insert(b);
        }
      }
    }
  }
  for (const auto& [root, set] : synonyms) add(kWordNet, root, std::vector<std::string>(set.begin(), set.end()));
  return synonyms.size();
}

std::size_t ThesaurusBuilder::load_mythes(const std::string& path) {
  const std::string data = io::read_resource(path, "MyThes thesaurus (install mythes-en-us)");
  std::istringstream in(data);
  std::string line;
  std::getline(in, line);  // encoding line
  std::size_t roots = 0;
  while (std::getline(in, line)) {
    const std::size_t bar = line.find('|');
    if (bar == std::string::npos) continue;
    const std::string root = line.substr(0, bar);
    const int senses = std::atoi(line.c_str() + bar + 1);
    std::vector<std::string> synonyms;
    for (int i = 0; i < senses && std::getline(in, line); ++i) {
      std::size_t at = line.find('|');  // skip "(pos)"
      while (at != std::string::npos) {
        const std::size_t next = line.find('|', at + 1);
        std::string term = line.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
        at = next;
        // Plain synonyms and "similar terms" only: generic, related terms and antonyms are not
        // what a spinner swaps in.
        if (const auto note = term.find(" ("); note != std::string::npos) {
          if (term.compare(note, std::string::npos, " (similar term)") != 0) continue;
          term.resize(note);
        }
        synonyms.push_back(term);
      }
    }
    add(kMyThes, root, synonyms);
    ++roots;
  }
  return roots;
}

void ThesaurusBuilder::write(const std::string& path, std::string_view description) const {
  if (words_.size() >= (1u << 24)) throw ResourceError(path + ": too many words for a version-1 index");
  // Words sorted, so that readers can binary-search the pool.
  std::vector<std::uint32_t> order(words_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) { return words_[a] < words_[b]; });
  std::vector<std::uint32_t> rank(words_.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;

  // Merge links per (observed, original): largest prior, union of sources.
  std::vector<Link> links = links_;
  for (Link& l : links) {
    l.observed = rank[l.observed];
    l.original = rank[l.original];
  }
  std::sort(links.begin(), links.end(), [](const Link& a, const Link& b) {
    return a.observed != b.observed ? a.observed < b.observed : a.original < b.original;
  });
  std::vector<Link> merged;
  for (const Link& l : links) {
    if (!merged.empty() && merged.back().observed == l.observed && merged.back().original == l.original) {
      merged.back().prior = std::max(merged.back().prior, l.prior);
      merged.back().sources |= l.sources;
    } else {
      merged.push_back(l);
    }
  }
  // Within each observed word, highest prior first (ties by word order, for stable output).
  std::stable_sort(merged.begin(), merged.end(), [](const Link& a, const Link& b) {
    return a.observed != b.observed ? a.observed < b.observed : a.prior > b.prior;
  });

  std::string pool;
  std::vector<std::uint32_t> word_offsets, entry_offsets;
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    word_offsets.push_back(static_cast<std::uint32_t>(pool.size()));
    pool += words_[order[r]];
  }
  word_offsets.push_back(static_cast<std::uint32_t>(pool.size()));
  std::size_t e = 0;
  for (std::uint32_t r = 0; r <= order.size(); ++r) {
    while (e < merged.size() && merged[e].observed < r) ++e;
    entry_offsets.push_back(static_cast<std::uint32_t>(e));
  }
  while (pool.size() % 4) pool += '\0';

  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.word_count = static_cast<std::uint32_t>(order.size());
  h.pool_offset = sizeof(Header);
  h.pool_size = word_offsets.back();
  h.word_offsets_offset = h.pool_offset + pool.size();
  h.entry_offsets_offset = h.word_offsets_offset + word_offsets.size() * 4;
  h.entries_offset = h.entry_offsets_offset + entry_offsets.size() * 4;
  h.entry_count = merged.size();
  h.file_size = h.entries_offset + merged.size() * kEntrySize;
  std::memcpy(h.description, description.data(), std::min(description.size(), sizeof h.description - 1));

  io::AtomicFile out(path);
  out.writer().write(std::string_view(reinterpret_cast<const char*>(&h), sizeof h));
  out.writer().write(pool);
  out.writer().write(std::string_view(reinterpret_cast<const char*>(word_offsets.data()), word_offsets.size() * 4));
  out.writer().write(std::string_view(reinterpret_cast<const char*>(entry_offsets.data()), entry_offsets.size() * 4));
  std::string entries(merged.size() * kEntrySize, '\0');
  for (std::size_t i = 0; i < merged.size(); ++i) {
    const std::uint32_t packed = merged[i].original | (static_cast<std::uint32_t>(merged[i].sources) << 24);
    std::memcpy(entries.data() + i * kEntrySize, &packed, 4);
    std::memcpy(entries.data() + i * kEntrySize + 4, &merged[i].prior, 4);
  }
  out.writer().write(entries);
  out.commit();
}

}  // namespace unspin::lexicon
