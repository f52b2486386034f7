#include "lattice/sentence.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_set>

#include "text/case.hpp"

namespace unspin::lattice {

using text::CaseShape;
using text::TokenKind;

std::vector<lm::WordId> WordIds::operator()(const std::vector<std::string>& words) const {
  std::vector<lm::WordId> out;
  out.reserve(words.size());
  for (const std::string& w : words) out.push_back((*this)(w));
  return out;
}

namespace {

// Everything code_like() looks for needs one of these characters; most chunks ("word", "word,")
// have none.
bool has_special(std::string_view text) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    for (const char c : std::string_view("./=(@#_\\:$`")) t[static_cast<unsigned char>(c)] = true;
    return t;
  }();
  return std::any_of(text.begin(), text.end(), [](char c) { return kSpecial[static_cast<unsigned char>(c)]; });
}

// Words with digits ("mp3", "COVID19") are code-like, except ordinals ("21st").
bool digits_not_ordinal(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         !(w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th"));
}

}  // namespace

bool code_like(std::string_view chunk) {
  if (!has_special(chunk)) return false;
  if (chunk.find("://") != std::string_view::npos || chunk.find("www.") != std::string_view::npos) return true;
  if (chunk.find('@') != std::string_view::npos || chunk.front() == '#') return true;
  if (chunk.find('_') != std::string_view::npos || chunk.find('\\') != std::string_view::npos) return true;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (chunk.find("::") != std::string_view::npos) return true;
  if (std::count(chunk.begin(), chunk.end(), '`') >= 2) return true;  // Markdown's `INFO`, not `goodness'
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  if (chunk.size() >= 2 && chunk.front() == '$' && letter(chunk[1])) return true;  // "$index", not "$5"
  for (std::size_t i = 1; i < chunk.size(); ++i) {
    if (chunk[i] == '(' && letter(chunk[i - 1])) return true;  // a call: "f()", "f(x)", "INFO(\"msg\""
  }
  for (std::size_t i = 1; i + 1 < chunk.size(); ++i) {
    // "example.com", "a/b", "foo=bar" between letters
    if ((chunk[i] == '.' || chunk[i] == '/' || chunk[i] == '=') && letter(chunk[i - 1]) &&
        letter(chunk[i + 1])) {
      if (chunk[i] != '.') return true;
      // A host name's next label is lowercase and at least two letters long; abbreviations
      // ("p.c", "e.g.", "U.S.") have one letter between dots.
      std::size_t label = i + 1;
      while (label < chunk.size() && letter(chunk[label])) ++label;
      if (label - (i + 1) >= 2 && std::islower(static_cast<unsigned char>(chunk[i + 1]))) return true;
      // A file name with a one-letter extension ("queue.c", "config.h"); not "e.g" or "i.e".
      if (label == i + 2 && lower(chunk[i + 1]) && (label == chunk.size() || chunk[label] != '.') && i >= 2 &&
          lower(chunk[i - 1]) && lower(chunk[i - 2])) {
        return true;
      }
    }
  }
  return false;
}

bool function_word(std::string_view lm_word) {
  static const std::unordered_set<std::string_view> words = {
      "the", "and", "for", "are", "was", "were", "been", "being", "have", "has", "had", "not", "but", "you",
      "his", "her", "its", "our", "their", "they", "them", "this", "that", "these", "those", "with", "from",
      "into", "than", "then", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why",
      "how", "all", "any", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "does",
      "did", "doing", "done", "also", "very", "just", "only", "over", "some", "such", "more", "most", "other"};
  return words.count(lm_word) > 0;
}

bool editable_form(std::string_view lm) {
  return lm.size() >= 3 && lm != "<num>" &&
         std::all_of(lm.begin(), lm.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; }) &&
         !function_word(lm);
}

std::vector<std::string> lm_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    const bool number = std::all_of(word.begin(), word.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
    out.push_back(number ? "<num>" : text::to_lower(word));
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '-') flush();
    else word += c;
  }
  flush();
  return out;
}

namespace {

// A hash of a spelling and its token kind for the document's interning table: eight bytes at a
// time, so that the common short word costs one multiplication.
std::uint64_t spelling_hash(std::string_view s, unsigned kind) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull * (s.size() * 4 + kind + 1);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  if (i < s.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  }
  return h ^ (h >> 29);
}

// The two open-addressing tables of spellings (a document's, a TypeCache's) hold 1-based
// positions in a list their owner keeps, 0 for an empty slot, and stay at most half full.
// probe() gives the slot holding the key that `same(position)` accepts, or the empty slot where
// it would go.
template <typename Same>
std::uint32_t& probe(std::vector<std::uint32_t>& table, std::uint64_t hash, Same same) {
  const std::size_t mask = table.size() - 1;
  std::size_t at = static_cast<std::size_t>(hash) & mask;
  while (table[at] != 0 && !same(table[at])) at = (at + 1) & mask;
  return table[at];
}

// After a position was stored: doubles the table once it is more than half full, placing
// positions 1 .. count again by `hash_of(position)`.
template <typename HashOf>
void grow(std::vector<std::uint32_t>& table, std::size_t count, HashOf hash_of) {
  if (count * 2 <= table.size()) return;
  std::vector<std::uint32_t> bigger(table.size() * 2, 0);
  for (std::uint32_t position = 1; position <= count; ++position) {
    probe(bigger, hash_of(position), [](std::uint32_t) { return false; }) = position;
  }
  table.swap(bigger);
}

// Words, numbers and the rest are interned apart: the same text maps to a different
// language-model token by kind ("<num>", or none for punctuation).
unsigned kind_class(TokenKind kind) { return kind == TokenKind::Word ? 0 : kind == TokenKind::Number ? 1 : 2; }

WordType make_type(std::string_view text, TokenKind kind, const lm::LanguageModel& model,
                   const lexicon::PhraseTable& phrases) {
  WordType type;
  type.lower = text::to_lower(text);
  type.lm = lm::lm_token(text, kind);
  type.id = type.lm.empty() ? model.unknown() : model.lookup(type.lm);
  type.phrase_starts = kind == TokenKind::Word ? phrases.starts(type.lower) : nullptr;
  type.content_form = editable_form(type.lm);
  type.special = has_special(text);
  type.digits = kind == TokenKind::Word && digits_not_ordinal(text);
  return type;
}

}  // namespace

TypeCache::TypeCache(const lm::LanguageModel& model, const lexicon::PhraseTable& phrases)
    : model_(model), phrases_(phrases), table_(1024, 0) {}

const WordType& TypeCache::get(std::string_view text, TokenKind kind) {
  const unsigned key_kind = kind_class(kind);
  std::uint32_t& slot = probe(table_, spelling_hash(text, key_kind), [&](std::uint32_t position) {
    const Entry& e = *entries_[position - 1];
    return e.kind == key_kind && e.text == text;
  });
  if (slot != 0) return entries_[slot - 1]->type;
  entries_.push_back(std::make_unique<Entry>(Entry{std::string(text), key_kind, make_type(text, kind, model_, phrases_)}));
  slot = static_cast<std::uint32_t>(entries_.size());
  grow(table_, entries_.size(), [this](std::uint32_t position) {
    const Entry& e = *entries_[position - 1];
    return spelling_hash(e.text, e.kind);
  });
  return entries_.back()->type;
}

void TypeCache::clear() {
  entries_.clear();
  std::fill(table_.begin(), table_.end(), 0);
}

TypeCaches::TypeCaches(const lm::LanguageModel& model, const lexicon::PhraseTable& phrases, std::size_t max_types)
    : model_(model), phrases_(phrases), max_types_(max_types) {}

TypeCaches::~TypeCaches() = default;

TypeCaches::Lease::Lease(const TypeCaches& owner, std::unique_ptr<TypeCache> cache)
    : owner_(owner), cache_(std::move(cache)) {}

TypeCaches::Lease::~Lease() {
  const std::lock_guard lock(owner_.mutex_);
  owner_.idle_.push_back(std::move(cache_));
}

TypeCaches::Lease TypeCaches::lease() const {
  std::unique_ptr<TypeCache> cache;
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      cache = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++count_;
    }
  }
  if (!cache) cache = std::make_unique<TypeCache>(model_, phrases_);
  else if (cache->size() > max_types_) cache->clear();
  return Lease(*this, std::move(cache));
}

std::size_t TypeCaches::count() const {
  const std::lock_guard lock(mutex_);
  return count_;
}

DocumentWords::DocumentWords(const text::Document& doc, WordIds& ids, const lexicon::PhraseTable& phrases,
                             TypeCache* cache)
    : doc_(doc), ids_(ids), phrases_(phrases) {
  const auto tokens = doc.tokens();
  type_of_.resize(tokens.size());
  types_.push_back({"", "", ids.model().unknown(), nullptr, false, false, false});  // type 0: spaces, line breaks, invalid bytes
  // An open-addressing table of type indexes (probe(); 0: empty), keyed by the first occurrence's
  // text and kind_class().
  struct Key {
    std::string_view text;
    unsigned kind;
  };
  std::vector<Key> keys{{"", 3}};  // by type
  std::vector<std::uint32_t> table(64, 0);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind == TokenKind::Space || t.kind == TokenKind::LineBreak || t.kind == TokenKind::Invalid) {
      type_of_[i] = 0;
      continue;
    }
    const unsigned kind = kind_class(t.kind);
    const std::string_view text = doc.text(t);
    std::uint32_t& slot = probe(table, spelling_hash(text, kind), [&](std::uint32_t type_index) {
      return keys[type_index].kind == kind && keys[type_index].text == text;
    });
    if (slot == 0) {
      if (cache) types_.push_back(cache->get(text, t.kind));
      else types_.push_back(make_type(text, t.kind, ids.model(), phrases));
      keys.push_back({text, kind});
      const auto index = static_cast<std::uint32_t>(types_.size() - 1);
      slot = index;
      grow(table, index, [&keys](std::uint32_t type_index) {
        return spelling_hash(keys[type_index].text, keys[type_index].kind);
      });
      type_of_[i] = index;
    } else {
      type_of_[i] = slot;
    }
  }
  // types_ is complete: its strings stay where they are from here on.
  lower_by_type_.reserve(types_.size());
  for (const WordType& type : types_) lower_by_type_.push_back(type.lower);
  lower_ = {type_of_, lower_by_type_};
  find_markup();
  find_code();
}

void DocumentWords::find_markup() {
  // An HTML or XML tag: "<" directly followed by a letter, "/" or "!", up to the first ">" on the
  // same line, at most kLongestTag tokens on ("a < b" in prose has a space after the "<").
  constexpr std::uint32_t kLongestTag = 400;
  const auto tokens = doc_.tokens();
  const std::string_view bytes = doc_.bytes();
  for (std::uint32_t i = 0; i + 1 < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind != TokenKind::Punct && t.kind != TokenKind::Symbol) continue;
    if (bytes[t.end - 1] != '<') continue;
    const char next = bytes[tokens[i + 1].begin];
    const bool opens = tokens[i + 1].kind == TokenKind::Word || next == '/' || next == '!';
    if (!opens) continue;
    std::uint32_t j = i + 1;
    bool closed = false;
    for (; j < tokens.size() && j - i <= kLongestTag && tokens[j].kind != TokenKind::LineBreak; ++j) {
      if (bytes.substr(tokens[j].begin, tokens[j].end - tokens[j].begin).find('>') != std::string_view::npos) {
        closed = true;
        break;
      }
    }
    if (!closed) continue;
    markup_.emplace_back(i, j + 1);
    i = j;
  }
}

bool DocumentWords::in_markup(std::uint32_t token) const {
  const auto it = std::upper_bound(markup_.begin(), markup_.end(), token,
                                   [](std::uint32_t t, const std::pair<std::uint32_t, std::uint32_t>& r) { return t < r.first; });
  return it != markup_.begin() && token < std::prev(it)->second;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> protected_chunks(const text::Document& doc, std::uint32_t first,
                                                                      std::uint32_t end) {
  const auto tokens = doc.tokens();
  auto blank = [&tokens](std::uint32_t k) {
    return tokens[k].kind == TokenKind::Space || tokens[k].kind == TokenKind::LineBreak;
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> protect;
  for (std::uint32_t i = first; i < end;) {
    if (blank(i)) {
      ++i;
      continue;
    }
    // A chunk is judged whole even where a sentence boundary falls inside it: ICU's rules end a
    // sentence at the "?" of "example.com/forum/?fromgroups#!forum", and the part after it is a
    // URL all the same.
    std::uint32_t b = i, j = i;
    while (b > 0 && !blank(b - 1)) --b;
    while (j < tokens.size() && !blank(j)) ++j;
    const std::string_view chunk = doc.bytes().substr(tokens[b].begin, tokens[j - 1].end - tokens[b].begin);
    if (code_like(chunk)) protect.emplace_back(i, std::min(j, end));
    i = std::min(j, end);
  }
  return protect;
}

void DocumentWords::find_code() {
  // protected_chunks() over the whole document in one pass, asking code_like() only about the
  // chunks with a special character.
  const auto tokens = doc_.tokens();
  const auto n = static_cast<std::uint32_t>(tokens.size());
  std::uint32_t chunk_begin = 0;
  bool special = false;
  for (std::uint32_t k = 0; k <= n; ++k) {
    if (k < n && tokens[k].kind != TokenKind::Space && tokens[k].kind != TokenKind::LineBreak) {
      special = special || types_[type_of_[k]].special;
      continue;
    }
    if (special && code_like(doc_.bytes().substr(tokens[chunk_begin].begin, tokens[k - 1].end - tokens[chunk_begin].begin))) {
      code_.emplace_back(chunk_begin, k);
    }
    special = false;
    chunk_begin = k + 1;
  }
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> DocumentWords::protected_chunks(std::uint32_t first,
                                                                                     std::uint32_t end) const {
  // The document's code-like chunks that overlap [first, end), cut to it.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  auto it = std::upper_bound(code_.begin(), code_.end(), first,
                             [](std::uint32_t t, const std::pair<std::uint32_t, std::uint32_t>& r) { return t < r.second; });
  for (; it != code_.end() && it->first < end; ++it) out.emplace_back(std::max(it->first, first), std::min(it->second, end));
  return out;
}

SentenceView::SentenceView(const DocumentWords& words, const text::Sentence& sentence)
    : doc_(words.doc()), sentence_(sentence) {
  const auto tokens = doc_.tokens();
  const std::size_t n = sentence.end_token - sentence.first_token;
  // Few sentences have a protected chunk, so their token ranges are listed, in order.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> protect = words.protected_chunks(sentence.first_token, sentence.end_token);
  auto next_protected = protect.begin();
  slots_.reserve(n / 2 + 1);  // about every other token is a word in English
  match_begin_.reserve(n / 2 + 2);
  bool first_word = true;
  for (std::uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
    const text::Token& t = tokens[i];
    if (t.kind != TokenKind::Word && t.kind != TokenKind::Number) continue;
    const WordType& type = words.type(i);
    const bool name = !first_word && t.kind == TokenKind::Word && t.shape != CaseShape::Lower && t.shape != CaseShape::None;
    while (next_protected != protect.end() && next_protected->second <= i) ++next_protected;
    const bool in_code = (next_protected != protect.end() && next_protected->first <= i) ||
                         (words.has_markup() && words.in_markup(i));
    slots_.push_back({i, words.type_index(i), type.lm, type.id, in_code || type.digits, name, type.content_form});
    first_word = false;
    // Phrase matches at every word that can start one, restricted to the sentence.
    match_begin_.push_back(static_cast<std::uint32_t>(matches_.size()));
    if (type.phrase_starts) {
      const std::size_t before = matches_.size();
      words.phrases().match(doc_, i, words.lower(), *type.phrase_starts, matches_);
      const auto past_end = [&](const lexicon::PhraseMatch& m) { return m.end_token > sentence.end_token; };
      matches_.erase(std::remove_if(matches_.begin() + static_cast<std::ptrdiff_t>(before), matches_.end(), past_end),
                     matches_.end());
    }
  }
  match_begin_.push_back(static_cast<std::uint32_t>(matches_.size()));
}

std::uint32_t SentenceView::slot_at(std::uint32_t token) const {
  const auto it = std::lower_bound(slots_.begin(), slots_.end(), token,
                                   [](const Slot& s, std::uint32_t t) { return s.token < t; });
  return static_cast<std::uint32_t>(it - slots_.begin());
}

bool SentenceView::usable(std::uint32_t i, const lexicon::PhraseMatch& m) const {
  const std::uint32_t end = slot_at(m.end_token);
  if (end <= i) return false;
  for (std::uint32_t k = i; k < end; ++k) {
    if (slots_[k].protect) return false;
  }
  return !(slots_[i].name && m.entry->weight < 0.85f);
}

double window_score(const lm::LanguageModel& model, const std::vector<Slot>& slots, std::uint32_t at,
                    std::uint32_t resume, const lm::WordId* words, std::size_t count, double floor) {
  lm::WordId u = model.begin_sentence(), v = model.begin_sentence();
  if (at >= 1) v = slots[at - 1].id;
  if (at >= 2) u = slots[at - 2].id;
  double score = 0;
  auto push = [&](lm::WordId w) {
    score += model.score(u, v, w);
    u = v;
    v = w;
    return score >= floor;
  };
  for (std::size_t k = 0; k < count; ++k) {
    if (!push(words[k])) return score;
  }
  const std::size_t n = slots.size();
  for (std::size_t j = resume; j < resume + 2 && j < n; ++j) {
    if (!push(slots[j].id)) return score;
  }
  if (n - resume < 2) push(model.end_sentence());
  return score;
}

WrittenScores::WrittenScores(const lm::LanguageModel& model, const std::vector<Slot>& slots)
    : model_(model), slots_(slots), scores_(slots.size() + 1, std::numeric_limits<float>::quiet_NaN()) {}

double WrittenScores::window(std::uint32_t at, std::uint32_t resume) {
  // window_score() asks for the trigrams ending at slots at .. resume + 1, or at </s> (position
  // n) when the sentence ends within them.
  const auto n = static_cast<std::uint32_t>(slots_.size());
  const std::uint32_t last = std::min(resume + 1, n);
  double score = 0;
  for (std::uint32_t j = at; j <= last; ++j) score += trigram(j);
  return score;
}

float WrittenScores::trigram(std::uint32_t j) {
  float& s = scores_[j];
  if (std::isnan(s)) {
    const auto n = static_cast<std::uint32_t>(slots_.size());
    const lm::WordId u = j >= 2 ? slots_[j - 2].id : model_.begin_sentence();
    const lm::WordId v = j >= 1 ? slots_[j - 1].id : model_.begin_sentence();
    s = model_.score(u, v, j < n ? slots_[j].id : model_.end_sentence());
  }
  return s;
}

}  // namespace unspin::lattice
