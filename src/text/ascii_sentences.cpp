#include "text/ascii_sentences.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "text/icu_break.hpp"

namespace unspin::text {
namespace {

// Sentence_Break property values that occur in ASCII without line breaks. There is no OLetter,
// Extend or Format below U+0080.
enum class Sb : std::uint8_t {
  Other,
  Sp,         // tab, vertical tab, form feed, space
  Lower,      // a-z
  Upper,      // A-Z
  Numeric,    // 0-9
  ATerm,      // .
  STerm,      // ! ?
  SContinue,  // , - :
  Close,      // " ' ( ) [ ] { }
};

constexpr std::array<Sb, 128> make_classes() {
  std::array<Sb, 128> c{};
  for (char x : {'\t', '\v', '\f', ' '}) c[static_cast<unsigned char>(x)] = Sb::Sp;
  for (int i = 'a'; i <= 'z'; ++i) c[i] = Sb::Lower;
  for (int i = 'A'; i <= 'Z'; ++i) c[i] = Sb::Upper;
  for (int i = '0'; i <= '9'; ++i) c[i] = Sb::Numeric;
  c['.'] = Sb::ATerm;
  c['!'] = Sb::STerm;
  c['?'] = Sb::STerm;
  for (char x : {',', '-', ':'}) c[static_cast<unsigned char>(x)] = Sb::SContinue;
  for (char x : {'"', '\'', '(', ')', '[', ']', '{', '}'}) c[static_cast<unsigned char>(x)] = Sb::Close;
  return c;
}

constexpr std::array<Sb, 128> kClasses = make_classes();

Sb sb(char c) { return kClasses[static_cast<unsigned char>(c) & 0x7F]; }
bool terminator(Sb c) { return c == Sb::ATerm || c == Sb::STerm; }

// The values ICU's filter stores in its tries.
constexpr int kPartial = 1;  // the part of an abbreviation up to its first full stop: look forward
constexpr int kMatch = 2;    // a whole abbreviation

}  // namespace

void AsciiSentences::Trie::add(std::string s, int value) { entries_.emplace_back(std::move(s), value); }

void AsciiSentences::Trie::finish() { std::sort(entries_.begin(), entries_.end()); }

AsciiSentences::Trie::Step AsciiSentences::Trie::step(std::string_view read) const {
  Step out;
  auto it = std::lower_bound(entries_.begin(), entries_.end(), read,
                             [](const auto& e, std::string_view r) { return std::string_view(e.first) < r; });
  if (it == entries_.end() || !std::string_view(it->first).starts_with(read)) return out;
  out.match = true;
  if (it->first.size() == read.size()) {
    out.has_value = true;
    out.value = it->second;
    ++it;
    out.has_next = it != entries_.end() && std::string_view(it->first).starts_with(read);
  } else {
    out.has_next = true;
  }
  return out;
}

AsciiSentences::AsciiSentences() : AsciiSentences(sentence_abbreviations()) {}

AsciiSentences::AsciiSentences(std::vector<std::string> exceptions) {
  // Built as ICU's FilteredBreakIteratorBuilder builds its tries, in the same order (its set is
  // sorted by UTF-16 code units, which for ASCII is byte order), because which abbreviations go
  // to which trie depends on that order.
  for (const std::string& s : exceptions) {
    if (!std::all_of(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; })) {
      usable_ = false;
    }
  }
  std::sort(exceptions.begin(), exceptions.end());
  exceptions.erase(std::unique(exceptions.begin(), exceptions.end()), exceptions.end());
  const std::size_t n = exceptions.size();
  std::vector<bool> partial(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& s = exceptions[i];
    const std::size_t stop = s.find('.');
    if (stop == std::string::npos || stop + 1 == s.size()) continue;
    // "U.S.": entries that share "U." are all looked up forward; "U." goes backward once.
    bool same_as_earlier = false;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i || exceptions[j].compare(0, stop + 1, s, 0, stop + 1) != 0) continue;
      if (!partial[j]) partial[j] = true;
      else same_as_earlier = true;
    }
    if (!same_as_earlier && !partial[i]) {
      backward_.add(std::string(s.rbegin() + static_cast<std::ptrdiff_t>(s.size() - stop - 1), s.rend()), kPartial);
      partial[i] = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (partial[i]) forward_.add(exceptions[i], kMatch);
    else backward_.add(std::string(exceptions[i].rbegin(), exceptions[i].rend()), kMatch);
  }
  backward_.finish();
  forward_.finish();
}

// Whether ICU's filter drops the break at `at`: the text before it (after one space, if there is
// one) ends with an abbreviation, read backwards; for the part of a dotted abbreviation, the text
// from there must spell the whole of one.
bool AsciiSentences::exception_at(std::string_view text, std::size_t at) const {
  if (backward_.empty()) return false;
  std::size_t k = at;
  if (k > 0 && text[k - 1] == ' ') --k;
  std::string read;
  Trie::Step r;
  r.match = r.has_value = r.has_next = true;
  bool found = false;
  int value = 0;
  std::size_t found_at = 0;
  while (k > 0) {
    --k;
    read.push_back(text[k]);
    r = backward_.step(read);
    if (!r.has_next) break;
    if (r.has_value) {
      found = true;
      found_at = k;
      value = r.value;
    }
  }
  if (r.match && r.has_value) {
    found = true;
    found_at = k;
    value = r.value;
  }
  if (!found) return false;
  if (value == kMatch) return true;
  if (value != kPartial || forward_.empty()) return false;
  read.clear();
  Trie::Step f;
  f.match = f.has_value = f.has_next = true;
  for (std::size_t m = found_at; m < text.size(); ++m) {
    read.push_back(text[m]);
    f = forward_.step(read);
    if (!f.has_next) break;
  }
  return f.match && f.has_value;
}

void AsciiSentences::boundaries(std::string_view text, std::vector<std::size_t>& out) const {
  out.clear();
  out.push_back(0);
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const Sb term = sb(text[i]);
    if (!terminator(term)) {
      ++i;
      continue;
    }
    // A terminator, then Close* Sp*: the only place a sentence can end inside a paragraph.
    std::size_t j = i + 1;
    while (j < n && sb(text[j]) == Sb::Close) ++j;
    while (j < n && sb(text[j]) == Sb::Sp) ++j;
    if (j == n) break;
    const Sb next = sb(text[j]);
    bool joined = next == Sb::SContinue || terminator(next);  // SB8a: "etc., and", "?!"
    if (!joined && term == Sb::ATerm) {
      if (j == i + 1) {
        // SB6: "3.5"; SB7: "U.S" (a letter, the full stop, a capital).
        const Sb before = i > 0 ? sb(text[i - 1]) : Sb::Other;
        joined = next == Sb::Numeric || (next == Sb::Upper && (before == Sb::Upper || before == Sb::Lower));
      }
      if (!joined) {
        // SB8: a lower-case letter comes before any letter or terminator ("e.g. the", "5. and").
        std::size_t k = j;
        while (k < n) {
          const Sb c = sb(text[k]);
          if (c == Sb::Lower || c == Sb::Upper || terminator(c)) break;
          ++k;
        }
        joined = k < n && sb(text[k]) == Sb::Lower;
      }
    }
    if (!joined && !exception_at(text, j)) out.push_back(j);
    i = j;
  }
  if (n > 0) out.push_back(n);
}

}  // namespace unspin::text
