#include "lexicon/phrases.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <boost/algorithm/string.hpp>

#include "errors.hpp"
#include "io/input.hpp"
#include "text/case.hpp"

namespace unspin::lexicon {
namespace {

constexpr float kTorturedWeight = 0.9f;

// RFC 4180 CSV: commas, double-quoted fields with "" for a quote, newlines inside quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& data) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string clean_space(std::string s) {
  boost::algorithm::replace_all(s, "\u00a0", " ");
  boost::algorithm::trim(s);
  return s;
}

// The quoted phrases and bare words of a screener query clause: "\"a b\"~10" -> {"a b"}.
std::vector<std::string> clause_terms(const std::string& clause) {
  std::vector<std::string> terms;
  std::string s = clause;
  const std::size_t tilde = s.find("\"~");
  if (tilde != std::string::npos) s.resize(tilde + 1);
  boost::algorithm::trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  if (!s.empty()) terms.push_back(text::to_lower(s));
  return terms;
}

}  // namespace

const char* to_string(PhraseSource source) {
  switch (source) {
    case PhraseSource::BuiltIn: return "phrase";
    case PhraseSource::User: return "user";
    case PhraseSource::Tortured: return "tortured";
  }
  return "?";
}

std::size_t ImportSummary::skipped_total() const {
  std::size_t n = 0;
  for (const auto& [reason, count] : skipped) n += count;
  return n;
}

std::string ImportSummary::describe() const {
  std::string out = std::to_string(phrases) + " phrases, " + std::to_string(rules) +
                    " document-level conditions (AND/NOT/~N), " + std::to_string(skipped_total()) + " rows skipped";
  if (!skipped.empty()) {
    out += " (";
    bool first = true;
    for (const auto& [reason, count] : skipped) {
      out += (first ? "" : ", ") + std::to_string(count) + " " + reason;
      first = false;
    }
    out += ")";
  }
  return out;
}

void PhraseTable::add(std::string spun, std::string original, float weight, PhraseSource source, std::string origin) {
  PhraseEntry e;
  const text::Document doc = segmenter_.segment(spun);
  bool space = false;
  for (const text::Token& t : doc.tokens()) {
    if (t.kind == text::TokenKind::Space || t.kind == text::TokenKind::LineBreak) {
      space = true;
      continue;
    }
    e.tokens.push_back(text::to_lower(doc.text(t)));
    e.space_before.push_back(space && e.tokens.size() > 1);
    space = false;
  }
  if (e.tokens.empty()) return;
  e.spun = std::move(spun);
  e.original = std::move(original);
  e.weight = weight;
  e.source = source;
  e.origin = std::move(origin);
  const auto index = static_cast<std::uint32_t>(entries_.size());
  auto& list = by_first_[e.tokens.front()];
  by_spun_[e.spun].push_back(index);
  entries_.push_back(std::move(e));
  list.push_back(index);
  std::stable_sort(list.begin(), list.end(), [this](std::uint32_t a, std::uint32_t b) {
    return entries_[a].tokens.size() > entries_[b].tokens.size();
  });
}

ImportSummary PhraseTable::load(const std::string& path, PhraseSource tsv_source) {
  const std::string data = io::read_resource(path, "phrase dictionary");
  const std::string first_line = text::to_lower(data.substr(0, data.find('\n')));
  if (first_line.find("tortured") != std::string::npos && first_line.find(',') != std::string::npos) {
    return load_csv(path, data);
  }
  load_tsv(path, data, tsv_source);
  return {};
}

void PhraseTable::load_tsv(const std::string& path, const std::string& data, PhraseSource source) {
  const std::string name = path.substr(path.rfind('/') + 1);
  io::for_each_tsv_row(data, path, [&](const io::TsvRow& row) {
    const std::vector<std::string>& fields = row.fields;
    const std::string& where = row.where;
    if (fields.size() < 2 || fields.size() > 3) {
      throw ResourceError(where + "expected 2 or 3 tab-separated fields (spun, original, weight)");
    }
    std::string spun = clean_space(fields[0]);
    std::string original = clean_space(fields[1]);
    if (spun.empty() || original.empty()) throw ResourceError(where + "empty spun form or original");
    float weight = 0.8f;
    if (fields.size() == 3) {
      try {
        std::size_t used = 0;
        weight = std::stof(fields[2], &used);
        if (used != fields[2].size()) throw std::invalid_argument("trailing text");
      } catch (const std::exception&) {
        throw ResourceError(where + "weight '" + fields[2] + "' is not a number");
      }
      if (!(weight > 0 && weight <= 1)) throw ResourceError(where + "weight must be in (0, 1]");
    }
    add(text::to_lower(spun), std::move(original), weight, source, name + ":" + std::to_string(row.line));
  });
}

ImportSummary PhraseTable::load_csv(const std::string& path, const std::string& data) {
  const std::string name = path.substr(path.rfind('/') + 1);
  const auto rows = parse_csv(data);
  ImportSummary summary;
  if (rows.empty()) return summary;
  int tortured_column = -1, expected_column = -1;
  for (std::size_t c = 0; c < rows[0].size(); ++c) {
    const std::string h = text::to_lower(rows[0][c]);
    if (h.find("tortured") != std::string::npos && tortured_column < 0) tortured_column = static_cast<int>(c);
    if (h.find("expected") != std::string::npos && expected_column < 0) expected_column = static_cast<int>(c);
  }
  if (tortured_column < 0 || expected_column < 0) {
    throw ResourceError(path + ":1: a tortured-phrase CSV needs 'tortured' and 'expected' columns");
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const std::string origin = name + ":" + std::to_string(r + 1);
    auto skip = [&summary](const char* reason) { ++summary.skipped[reason]; };
    if (row.size() <= static_cast<std::size_t>(std::max(tortured_column, expected_column))) {
      skip("with missing columns");
      continue;
    }
    const std::string query = clean_space(row[static_cast<std::size_t>(tortured_column)]);
    std::string expected = clean_space(row[static_cast<std::size_t>(expected_column)]);
    if (expected.empty()) {
      skip("with an empty expected phrase");
      continue;
    }
    if (expected.find('?') != std::string::npos) {
      skip("with an uncertain expected phrase (?)");
      continue;
    }
    if (expected.find('/') != std::string::npos) {
      skip("with alternatives in the expected phrase (a/b)");
      continue;
    }
    if (expected.find('"') != std::string::npos) {
      skip("with notes or quotes in the expected phrase");
      continue;
    }
    // A trailing note or acronym in parentheses: "business intelligence (BI)".
    while (expected.size() > 2 && expected.back() == ')') {
      const std::size_t open = expected.rfind('(');
      if (open == std::string::npos || open == 0) break;
      expected = clean_space(expected.substr(0, open));
    }
    const bool is_rule = query.find(" AND ") != std::string::npos || query.find(" NOT ") != std::string::npos ||
                         query.find("\"~") != std::string::npos;
    if (is_rule) {
      DocumentRule rule;
      rule.expected = expected;
      rule.origin = origin;
      std::string rest = query;
      bool negate = false;
      while (!rest.empty()) {
        const std::size_t and_at = rest.find(" AND ");
        const std::size_t not_at = rest.find(" NOT ");
        const std::size_t cut = std::min(and_at, not_at);
        const std::string clause = rest.substr(0, cut);
        for (std::string& t : clause_terms(clause)) (negate ? rule.excluded : rule.required).push_back(std::move(t));
        if (cut == std::string::npos) break;
        negate = cut == not_at;
        rest = rest.substr(cut + 5);
      }
      if (rule.required.empty()) {
        skip("with an unrecognised query");
        continue;
      }
      rules_.push_back(std::move(rule));
      ++summary.rules;
      continue;
    }
    std::vector<std::string> alternatives;
    for (std::size_t at = 0;;) {
      const std::size_t cut = query.find(" OR ", at);
      alternatives.push_back(query.substr(at, cut == std::string::npos ? std::string::npos : cut - at));
      if (cut == std::string::npos) break;
      at = cut + 4;
    }
    bool ok = true;
    for (std::string& a : alternatives) {
      boost::algorithm::trim(a);
      if (a.size() < 3 || a.front() != '"' || a.back() != '"' ||
          std::count(a.begin(), a.end(), '"') != 2) {
        ok = false;
        break;
      }
      a = a.substr(1, a.size() - 2);
    }
    if (!ok) {
      skip("with an unrecognised query");
      continue;
    }
    for (const std::string& a : alternatives) {
      if (text::to_lower(a) == text::to_lower(expected)) {
        skip("whose tortured phrase equals the expected one");
        continue;
      }
      add(text::to_lower(a), expected, kTorturedWeight, PhraseSource::Tortured, origin);
      ++summary.phrases;
    }
  }
  return summary;
}

namespace {

// Whether entry `e` matches at document token `first`; sets `end` one past its last token. Each
// later token needs the same spacing before it and the same lowercase text.
template <typename Lowered>
bool matches_at(const PhraseEntry& e, std::span<const text::Token> tokens, std::size_t first, const Lowered& lowered,
                std::size_t& end) {
  std::size_t at = first;
  for (std::size_t k = 1; k < e.tokens.size(); ++k) {
    std::size_t next = at + 1;
    const bool space = next < tokens.size() && tokens[next].kind == text::TokenKind::Space;
    if (space) ++next;
    if (space != e.space_before[k] || next >= tokens.size() || tokens[next].kind == text::TokenKind::Space ||
        tokens[next].kind == text::TokenKind::LineBreak || tokens[next].kind == text::TokenKind::Invalid ||
        lowered(next) != e.tokens[k]) {
      return false;
    }
    at = next;
  }
  end = at + 1;
  return true;
}

// Appends the entries of `starts` that match at token `first`, longest first.
template <typename Lowered>
void append_matches(const std::vector<PhraseEntry>& entries, std::span<const text::Token> tokens, std::size_t first,
                    const Lowered& lowered, const PhraseTable::Starts& starts, std::vector<PhraseMatch>& out) {
  for (const std::uint32_t index : starts) {
    std::size_t end = 0;
    if (matches_at(entries[index], tokens, first, lowered, end)) out.push_back({&entries[index], static_cast<std::uint32_t>(end)});
  }
}

}  // namespace

std::vector<PhraseMatch> PhraseTable::match(const text::Document& doc, std::size_t first,
                                            const LowerTokens* lower) const {
  std::vector<PhraseMatch> out;
  const auto tokens = doc.tokens();
  std::string scratch;  // a token lowercased here; each result is compared before the next
  auto lowered = [&](std::size_t i) -> std::string_view {
    if (lower) return (*lower)[i];
    scratch = text::to_lower(doc.text(tokens[i]));
    return scratch;
  };
  if (const Starts* list = starts(lowered(first))) append_matches(entries_, tokens, first, lowered, *list, out);
  return out;
}

void PhraseTable::match(const text::Document& doc, std::size_t first, const LowerTokens& lower, const Starts& starts,
                        std::vector<PhraseMatch>& out) const {
  append_matches(entries_, doc.tokens(), first, [&lower](std::size_t i) { return lower[i]; }, starts, out);
}

std::vector<const PhraseEntry*> PhraseTable::lookup(std::string_view spun) const {
  std::vector<const PhraseEntry*> out;
  const auto it = by_spun_.find(spun);
  if (it == by_spun_.end()) return out;
  for (const std::uint32_t index : it->second) out.push_back(&entries_[index]);
  return out;
}

}  // namespace unspin::lexicon
