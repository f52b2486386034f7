#include "eval/spinner.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include <boost/algorithm/string.hpp>

#include "errors.hpp"
#include "io/input.hpp"
#include "text/case.hpp"

namespace unspin::eval {
namespace {

std::vector<std::string> split_words(std::string_view phrase) {
  std::vector<std::string> words;
  boost::algorithm::split(words, phrase, boost::algorithm::is_space(),
                          boost::algorithm::token_compress_on);
  words.erase(std::remove(words.begin(), words.end(), std::string()), words.end());
  return words;
}

bool is_lower_alpha(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Function words are spun by stock phrases (the news table), not by thesaurus look-up.
const std::unordered_set<std::string>& function_words() {
  static const std::unordered_set<std::string> words = {
      "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
      "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do",
      "does", "did", "have", "has", "had", "it", "its", "he", "she", "they", "we", "you", "i",
      "me", "him", "her", "them", "us", "his", "their", "our", "your", "my", "this", "that",
      "these", "those", "not", "no", "so", "than", "then", "there", "here", "what", "which",
      "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "can", "could",
      "will", "would", "shall", "should", "may", "might", "must", "up", "out", "about"};
  return words;
}

// splitmix64: a small, fully specified generator step, so that results do not depend on the
// standard library's distributions.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t next() { return mix(state_++); }
  std::uint64_t state_;
};

}  // namespace

void SpinTable::add(SpinEntry entry) {
  auto& list = by_first_word_[entry.words.front()];
  list.push_back(std::move(entry));
  std::stable_sort(list.begin(), list.end(), [](const SpinEntry& a, const SpinEntry& b) {
    return a.words.size() > b.words.size();
  });
  ++size_;
}

SpinTable SpinTable::load_news(const std::string& path) {
  SpinTable table;
  io::for_each_tsv_row(io::read_resource(path, "spinner table"), path, [&](const io::TsvRow& row) {
    const std::vector<std::string>& fields = row.fields;
    const std::string& where = row.where;
    if (fields.size() != 3) throw ResourceError(where + "expected 3 tab-separated fields");
    if (fields[2] != "seen" && fields[2] != "heldout") {
      throw ResourceError(where + "split must be 'seen' or 'heldout'");
    }
    SpinEntry entry;
    entry.words = split_words(fields[0]);
    entry.heldout = fields[2] == "heldout";
    std::vector<std::string> alternatives;
    boost::algorithm::split(alternatives, fields[1], boost::algorithm::is_any_of("|"));
    for (std::string& a : alternatives) {
      boost::algorithm::trim(a);
      if (!a.empty()) entry.spun.push_back(a);
    }
    if (entry.words.empty() || entry.spun.empty()) {
      throw ResourceError(where + "empty original or replacement");
    }
    table.add(std::move(entry));
  });
  if (table.size() == 0) throw ResourceError(path + ": no entries");
  return table;
}

SpinTable SpinTable::load_moby(const std::string& path) {
  SpinTable table;
  const std::string data = io::read_resource(path, "Moby thesaurus (tools/setup fetches it)");
  std::size_t at = 0;
  const auto& skip = function_words();
  std::vector<std::string> fields;
  while (at < data.size()) {
    std::size_t end = data.find('\n', at);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t comma = line.find(',');
    if (comma == std::string_view::npos) continue;
    const std::string root(line.substr(0, comma));
    if (!is_lower_alpha(root) || root.size() < 3 || skip.count(root)) continue;
    boost::algorithm::split(fields, line.substr(comma + 1), boost::algorithm::is_any_of(","));
    SpinEntry entry;
    entry.words = {root};
    for (const std::string& f : fields) {
      if (is_lower_alpha(f) && f != root) entry.spun.push_back(f);
    }
    if (!entry.spun.empty()) table.add(std::move(entry));
  }
  if (table.size() == 0) throw ResourceError(path + ": no usable thesaurus entries");
  return table;
}

const std::vector<SpinEntry>* SpinTable::find(std::string_view first_word) const {
  const auto it = by_first_word_.find(std::string(first_word));
  return it == by_first_word_.end() ? nullptr : &it->second;
}

Spinner::Spinner(const SpinTable& table, SpinOptions options) : table_(table), options_(options) {}

SpinResult Spinner::spin(const text::Document& doc) const {
  using text::TokenKind;
  SpinResult result;
  Random random(mix(options_.seed));
  const std::string_view bytes = doc.bytes();
  const auto tokens = doc.tokens();
  std::size_t copied = 0;  // bytes of the original already copied to result.text

  for (const text::Sentence& sentence : doc.sentences()) {
    const std::size_t end = sentence.end_token;
    for (std::size_t i = sentence.first_token; i < end; ++i) {
      if (tokens[i].kind != TokenKind::Word) continue;
      // Proper nouns are left alone: capitalised words other than the sentence's first.
      if (i != sentence.first_token && tokens[i].shape != text::CaseShape::Lower) continue;
      const auto* entries = table_.find(text::to_lower(doc.text(tokens[i])));
      if (!entries) continue;
      for (const SpinEntry& entry : *entries) {
        if ((options_.split == SpinSplit::Seen && entry.heldout) ||
            (options_.split == SpinSplit::Heldout && !entry.heldout)) {
          continue;
        }
        // Match the remaining words, each after exactly one space token.
        std::size_t j = i;
        bool matched = true;
        for (std::size_t w = 1; w < entry.words.size() && matched; ++w) {
          matched = j + 2 < end && tokens[j + 1].kind == TokenKind::Space &&
                    doc.text(tokens[j + 1]) == " " && tokens[j + 2].kind == TokenKind::Word &&
                    text::to_lower(doc.text(tokens[j + 2])) == entry.words[w];
          j += 2;
        }
        if (!matched) continue;
        // The coin is tossed once per eligible span, as a spinner decides per match.
        if (random.uniform() >= options_.rate) break;
        const std::string& choice = entry.spun[random.below(entry.spun.size())];
        SpinEdit edit;
        edit.original_begin = tokens[i].begin;
        edit.original_end = tokens[j].end;
        edit.original = std::string(bytes.substr(edit.original_begin, edit.original_end - edit.original_begin));
        edit.replacement = text::apply_case_shape(choice, tokens[i].shape);
        edit.heldout = entry.heldout;
        result.text.append(bytes.substr(copied, edit.original_begin - copied));
        edit.spun_begin = result.text.size();
        result.text.append(edit.replacement);
        edit.spun_end = result.text.size();
        copied = edit.original_end;
        result.edits.push_back(std::move(edit));
        i = j;
        break;
      }
    }
  }
  result.text.append(bytes.substr(copied));
  return result;
}

std::optional<std::size_t> original_offset(const SpinResult& spin, std::size_t p) {
  std::ptrdiff_t shift = 0;
  for (const SpinEdit& e : spin.edits) {
    if (e.spun_end <= p) {
      shift += static_cast<std::ptrdiff_t>(e.original_end - e.original_begin) - static_cast<std::ptrdiff_t>(e.spun_end - e.spun_begin);
    } else if (e.spun_begin < p) {
      return std::nullopt;
    } else {
      break;
    }
  }
  return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(p) + shift);
}

}  // namespace unspin::eval
