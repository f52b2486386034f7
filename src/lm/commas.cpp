#include "lm/commas.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "errors.hpp"
#include "io/input.hpp"
#include "io/output.hpp"
#include "lm/model.hpp"

namespace unspin::lm {
namespace {

constexpr std::string_view kMagic = "# unspin comma model 1";

// The error prefix "PATH:LINE: ", made only when there is an error to report.
std::string where(const std::string& path, std::size_t line) { return path + ":" + std::to_string(line) + ": "; }

// Parsed by hand rather than with io::for_each_tsv_row, which builds strings for every row: the
// file has thousands of rows and is read at every start-up (38M instructions against 7M).
std::uint32_t parse_count(std::string_view field, const std::string& path, std::size_t line) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size() || field.empty()) {
    throw ResourceError(where(path, line) + "expected a count, found \"" + std::string(field) + "\"");
  }
  return value;
}

}  // namespace

CommaModel CommaModel::load(const std::string& path) {
  return from_text(io::read_resource(path, "comma model (built from the clean corpus by the build; run tools/setup)"), path);
}

CommaModel CommaModel::from_text(const std::string& data, const std::string& path) {
  if (data.compare(0, kMagic.size(), kMagic) != 0 || (data.size() > kMagic.size() && data[kMagic.size()] != '\n')) {
    throw ResourceError(path + ": not an unspin comma model (its first line is not \"" + std::string(kMagic) + "\")");
  }
  CommaModel model;
  model.counts_.reserve(data.size() / 16);
  std::string_view rest = data;
  for (std::size_t line = 1; !rest.empty(); ++line) {
    std::string_view text = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(rest.size(), text.size() + 1));
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty() || text.front() == '#') continue;
    std::string_view fields[4];
    std::size_t n = 0;
    for (std::size_t from = 0;; ++n) {
      const std::size_t tab = text.find('\t', from);
      if (n < 4) fields[n] = text.substr(from, tab == std::string_view::npos ? tab : tab - from);
      if (tab == std::string_view::npos) break;
      from = tab + 1;
    }
    if (n != 3) {
      throw ResourceError(where(path, line) + "expected 4 tab-separated fields (word, occurrences, comma after, comma before)");
    }
    const CommaCounts c{parse_count(fields[1], path, line), parse_count(fields[2], path, line),
                        parse_count(fields[3], path, line)};
    if (fields[0].empty()) throw ResourceError(where(path, line) + "an empty word");
    if (c.after > c.occurrences || c.before > c.occurrences) {
      throw ResourceError(where(path, line) + "a word with more commas than occurrences");
    }
    if (!model.counts_.emplace(std::string(fields[0]), c).second) {
      throw ResourceError(where(path, line) + "\"" + std::string(fields[0]) + "\" twice");
    }
  }
  return model;
}

std::optional<double> CommaModel::probability(std::string_view word, Side side, bool comma) const {
  const auto it = counts_.find(word);
  if (it == counts_.end() || it->second.occurrences < kMinOccurrences) return std::nullopt;
  const CommaCounts& c = it->second;
  // Add-half smoothing: a word never seen beside a comma still may be.
  const double p = ((side == Side::After ? c.after : c.before) + 0.5) / (c.occurrences + 1.0);
  return std::log10(comma ? p : 1 - p);
}

double CommaModel::favour(std::string_view original, std::string_view written, Side side, bool comma) const {
  const std::optional<double> o = probability(original, side, comma);
  const std::optional<double> w = o ? probability(written, side, comma) : std::nullopt;
  return o && w ? *o - *w : 0.0;
}

double CommaModel::span_favour(const text::Document& doc, std::uint32_t first, std::uint32_t end,
                               const std::vector<std::string>& original, std::string_view written_first,
                               std::string_view written_last) const {
  if (original.empty()) return 0.0;
  const double f = favour(original.front(), written_first, Side::Before, comma_beside(doc, first, end, Side::Before)) +
                   favour(original.back(), written_last, Side::After, comma_beside(doc, first, end, Side::After));
  return std::clamp(f, -kMaxFavour, kMaxFavour);
}

void CommaCounter::add_document(const text::Document& doc) {
  const auto tokens = doc.tokens();
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != text::TokenKind::Word) continue;
    CommaCounts& c = counts_[lm_token(doc.text(tokens[i]), tokens[i].kind)];
    ++c.occurrences;
    c.after += comma_beside(doc, i, i + 1, Side::After) ? 1 : 0;
    c.before += comma_beside(doc, i, i + 1, Side::Before) ? 1 : 0;
  }
}

void CommaCounter::write(const std::string& path, std::string_view description) const {
  std::vector<std::pair<std::string_view, CommaCounts>> rows;
  for (const auto& [word, c] : counts_) {
    if (c.occurrences >= CommaModel::kMinOccurrences) rows.emplace_back(word, c);
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out = std::string(kMagic) + "\n# generated by tools/lm/commas.cpp from " + std::string(description) +
                    "; do not edit\n# word\toccurrences\tcomma after\tcomma before\n";
  for (const auto& [word, c] : rows) {
    out += std::string(word) + "\t" + std::to_string(c.occurrences) + "\t" + std::to_string(c.after) + "\t" +
           std::to_string(c.before) + "\n";
  }
  io::AtomicFile file(path);
  file.writer().write(out);
  file.commit();
}

bool comma_beside(const text::Document& doc, std::uint32_t first, std::uint32_t end, Side side) {
  const auto tokens = doc.tokens();
  if (side == Side::After) {
    std::uint32_t t = end;
    while (t < tokens.size() && tokens[t].kind == text::TokenKind::Space) ++t;
    return t < tokens.size() && doc.text(tokens[t]) == ",";
  }
  std::uint32_t t = first;
  while (t > 0 && tokens[t - 1].kind == text::TokenKind::Space) --t;
  return t > 0 && doc.text(tokens[t - 1]) == ",";
}

}  // namespace unspin::lm
