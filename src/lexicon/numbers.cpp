#include "lexicon/numbers.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/case.hpp"

namespace unspin::lexicon {
namespace {

using text::TokenKind;

constexpr std::array<std::string_view, 10> kDigits = {"zero", "one", "two", "three", "four",
                                                      "five", "six", "seven", "eight", "nine"};
constexpr std::array<std::string_view, 10> kOrdinals = {"", "first", "second", "third", "fourth",
                                                        "fifth", "sixth", "seventh", "eighth", "ninth"};
constexpr std::array<std::string_view, 10> kTens = {"", "", "twenty", "thirty", "forty",
                                                    "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 10> kTeenOrdinals = {"tenth", "eleventh", "twelfth", "thirteenth",
                                                            "fourteenth", "fifteenth", "sixteenth",
                                                            "seventeenth", "eighteenth", "nineteenth"};

// A word lowercased into a small buffer when it could be one of the number words above (ASCII
// letters, 3 to 11 of them, with one of their initials); otherwise empty. Nearly every word
// fails this without allocating.
class NumberWord {
 public:
  explicit NumberWord(std::string_view w) {
    if (w.size() < 3 || w.size() > sizeof buf_) return;
    switch (w.front() | 0x20) {  // the initials of the words above
      case 'e': case 'f': case 'n': case 'o': case 's': case 't': case 'z': break;
      default: return;
    }
    for (std::size_t i = 0; i < w.size(); ++i) {
      const char c = static_cast<char>(w[i] | 0x20);  // ASCII lowercase
      if (c < 'a' || c > 'z') return;
      buf_[i] = c;
    }
    size_ = w.size();
  }
  std::string_view view() const { return {buf_, size_}; }

 private:
  char buf_[11];
  std::size_t size_ = 0;
};

// Which number word a lowercased word is, if any: {table, index in it}. Most words that pass
// NumberWord are common ("the", "that", "some"), so the names are found by a binary search on
// their first seven letters and their length packed into an integer.
constexpr int kDigitTable = 0, kOrdinalTable = 1, kTeenOrdinalTable = 2, kTensTable = 3;  // order below

struct NumberName {
  int table = -1;
  int index = -1;
};

std::uint64_t packed(std::string_view w) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 7; ++i) key = key << 8 | (i < w.size() ? static_cast<unsigned char>(w[i]) : 0u);
  return key << 8 | w.size();  // NumberWord keeps words of at most 11 letters
}

NumberName number_name(std::string_view w) {
  struct Entry {
    std::uint64_t key;
    std::string_view word;
    NumberName name;
  };
  static const std::vector<Entry> entries = [] {
    std::vector<Entry> out;
    int table = 0;
    for (const auto* names : {&kDigits, &kOrdinals, &kTeenOrdinals, &kTens}) {
      for (std::size_t i = 0; i < names->size(); ++i) {
        if (!(*names)[i].empty()) out.push_back({packed((*names)[i]), (*names)[i], {table, static_cast<int>(i)}});
      }
      ++table;
    }
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
    return out;
  }();
  const std::uint64_t key = packed(w);
  const auto it = std::lower_bound(entries.begin(), entries.end(), key,
                                   [](const Entry& e, std::uint64_t k) { return e.key < k; });
  if (it == entries.end() || it->key != key || it->word != w) return {};
  return it->name;
}

std::string ordinal_suffix(int n) {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
  }
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A number of 1-99 spelled as an ordinal: "eighth", "twenty first" (tokens start at i, whose word
// is `name`). Returns {value, end token} or {0, i}.
std::pair<int, std::size_t> spelled_ordinal(const text::Document& doc, std::size_t i, NumberName name) {
  const auto tokens = doc.tokens();
  if (name.table == kOrdinalTable) return {name.index, i + 1};
  if (name.table == kTeenOrdinalTable) return {10 + name.index, i + 1};
  if (name.table == kTensTable && i + 2 < tokens.size() && tokens[i + 1].kind == TokenKind::Space &&
      tokens[i + 2].kind == TokenKind::Word) {
    if (const NumberName o = number_name(NumberWord(doc.text(tokens[i + 2])).view()); o.table == kOrdinalTable) {
      return {name.index * 10 + o.index, i + 3};
    }
  }
  return {0, i};
}

}  // namespace

std::vector<NumberFix> number_fixes(const text::Document& doc) {
  const auto tokens = doc.tokens();
  // Does the document write ordinals in digits ("11th", "1st")? Then a spelled ordinal before a
  // name is likely garble.
  bool digit_ordinals = false;
  for (const text::Token& t : tokens) {
    const std::string_view w = doc.text(t);
    if (t.kind == TokenKind::Word && w.size() >= 3 && w[0] >= '0' && w[0] <= '9' &&
        (w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th")) &&
        all_digits(w.substr(0, w.size() - 2))) {
      digit_ordinals = true;
      break;
    }
  }

  std::vector<NumberFix> fixes;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::Word) continue;
    const NumberWord word(doc.text(tokens[i]));
    const std::string_view w = word.view();
    if (w.empty()) continue;
    const NumberName name = number_name(w);
    if (name.table < 0) continue;
    // "seven.6" -> "7.6"
    if (const int d = name.table == kDigitTable ? name.index : -1; d >= 0 && i + 2 < tokens.size() &&
        doc.text(tokens[i + 1]) == "." && tokens[i + 2].kind == TokenKind::Number &&
        all_digits(doc.text(tokens[i + 2]))) {
      fixes.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 3),
                       std::to_string(d) + "." + std::string(doc.text(tokens[i + 2])), 0.97f,
                       "number garble: a spinner spelled out the digit of \"" + std::to_string(d) + "." +
                           std::string(doc.text(tokens[i + 2])) + "\""});
      i += 2;
      continue;
    }
    const auto [value, end] = spelled_ordinal(doc, i, name);
    if (value == 0) continue;
    // "Twenty first-century" -> "21st-century"
    if (end + 1 < tokens.size() && doc.text(tokens[end]) == "-" &&
        text::to_lower(doc.text(tokens[end + 1])) == "century") {
      fixes.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end),
                       std::to_string(value) + ordinal_suffix(value), 0.9f,
                       "number garble: \"" + std::to_string(value) + ordinal_suffix(value) +
                           "-century\" spelled out by a spinner"});
      i = end;
      continue;
    }
    // "the eighth Special Forces" -> "the 8th Special Forces", where the text uses digit ordinals.
    if (digit_ordinals && end + 1 < tokens.size() && tokens[end].kind == TokenKind::Space &&
        tokens[end + 1].kind == TokenKind::Word && tokens[end + 1].shape == text::CaseShape::Title &&
        tokens[i].shape == text::CaseShape::Lower) {
      fixes.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end),
                       std::to_string(value) + ordinal_suffix(value), 0.6f,
                       "number style: the document writes ordinals in digits elsewhere"});
      i = end;
    }
  }
  return fixes;
}

}  // namespace unspin::lexicon
