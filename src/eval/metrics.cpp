#include "eval/metrics.hpp"

#include <algorithm>
#include <limits>
#include <deque>
#include <unordered_set>

#include "errors.hpp"
#include "eval/align.hpp"
#include "text/case.hpp"

namespace unspin::eval {
namespace {

constexpr auto kNone = static_cast<std::uint32_t>(-1);

// Typographic quotes and apostrophes compare equal to straight ones: scrapers and editors
// change quote style, and that is not spin.
std::string normalize_quotes(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kQuotes[] = {
      {"\u201C", "\""}, {"\u201D", "\""}, {"\u201E", "\""}, {"\u201F", "\""}, {"\u00AB", "\""},
      {"\u00BB", "\""}, {"\u2018", "'"},  {"\u2019", "'"},  {"\u201A", "'"},  {"\u201B", "'"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kQuotes) {
      if (s.substr(i).starts_with(from)) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

// The comparable tokens of a document (everything but whitespace and line breaks), with the
// index where each line starts.
struct TokenView {
  const text::Document* doc = nullptr;
  std::vector<std::string_view> text;
  std::vector<std::uint32_t> token;       // index into doc->tokens()
  std::vector<std::uint32_t> line_begin;  // first view index of each line, then an end sentinel
  std::vector<std::uint32_t> of_token;    // doc token -> view index, or kNone
  std::vector<bool> is_word;
  std::deque<std::string> normalized;  // storage for tokens whose quotes were normalised

  std::size_t lines() const { return line_begin.size() - 1; }
  std::size_t line_of(std::uint32_t v) const {
    return static_cast<std::size_t>(std::upper_bound(line_begin.begin(), line_begin.end() - 1, v) -
                                    line_begin.begin()) - 1;
  }
  std::size_t begin_byte(std::uint32_t v) const { return doc->tokens()[token[v]].begin; }
  std::string bytes(std::uint32_t a, std::uint32_t b) const {
    if (a >= b) return "";
    const auto tokens = doc->tokens();
    return std::string(doc->bytes().substr(tokens[token[a]].begin,
                                           tokens[token[b - 1]].end - tokens[token[a]].begin));
  }
};

TokenView view_of(const text::Document& doc) {
  TokenView v;
  v.doc = &doc;
  v.line_begin.push_back(0);
  const auto tokens = doc.tokens();
  v.of_token.assign(tokens.size(), kNone);
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind == text::TokenKind::LineBreak) {
      v.line_begin.push_back(static_cast<std::uint32_t>(v.text.size()));
      continue;
    }
    if (t.kind == text::TokenKind::Space) continue;
    v.of_token[i] = static_cast<std::uint32_t>(v.text.size());
    std::string_view token_text = doc.text(t);
    if (token_text.find("\xE2\x80") != std::string_view::npos || token_text.find("\xC2\xAB") != std::string_view::npos ||
        token_text.find("\xC2\xBB") != std::string_view::npos) {
      v.normalized.push_back(normalize_quotes(token_text));
      token_text = v.normalized.back();
    }
    v.text.push_back(token_text);
    v.token.push_back(i);
    v.is_word.push_back(t.kind == text::TokenKind::Word || t.kind == text::TokenKind::Number);
  }
  v.line_begin.push_back(static_cast<std::uint32_t>(v.text.size()));
  return v;
}

// View range [begin, end) of a sentence.
std::pair<std::uint32_t, std::uint32_t> sentence_range(const TokenView& v, const text::Sentence& s) {
  std::uint32_t b = kNone, e = 0;
  for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
    if (v.of_token[i] == kNone) continue;
    b = std::min(b, v.of_token[i]);
    e = std::max(e, v.of_token[i] + 1);
  }
  return b == kNone ? std::pair<std::uint32_t, std::uint32_t>{0, 0} : std::pair{b, e};
}

struct Unit {
  std::uint32_t s_begin, s_end;  // view range in S
  std::uint32_t o_begin, o_end;  // view range in O
  std::size_t line;              // line of S (and R) that holds the unit
};

std::unordered_set<std::string> word_set(const TokenView& v, std::uint32_t b, std::uint32_t e) {
  std::unordered_set<std::string> set;
  for (std::uint32_t i = b; i < e; ++i) {
    if (v.is_word[i]) set.insert(text::to_lower(v.text[i]));
  }
  return set;
}

double jaccard(const std::unordered_set<std::string>& a, const std::unordered_set<std::string>& b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

// Each O sentence paired with the most similar unused S sentence, best pairs first.
std::vector<Unit> match_sentences(const TokenView& s, const TokenView& o, double threshold) {
  struct Candidate {
    double similarity;
    std::size_t si, oi;
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> s_ranges, o_ranges;
  for (const auto& x : s.doc->sentences()) s_ranges.push_back(sentence_range(s, x));
  for (const auto& x : o.doc->sentences()) o_ranges.push_back(sentence_range(o, x));
  std::vector<std::unordered_set<std::string>> s_sets, o_sets;
  for (const auto& [b, e] : s_ranges) s_sets.push_back(word_set(s, b, e));
  for (const auto& [b, e] : o_ranges) o_sets.push_back(word_set(o, b, e));
  std::vector<Candidate> candidates;
  for (std::size_t oi = 0; oi < o_sets.size(); ++oi) {
    for (std::size_t si = 0; si < s_sets.size(); ++si) {
      const double sim = jaccard(s_sets[si], o_sets[oi]);
      if (sim >= threshold) candidates.push_back({sim, si, oi});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.similarity > b.similarity; });
  std::vector<bool> s_used(s_sets.size()), o_used(o_sets.size());
  std::vector<Unit> units;
  for (const Candidate& c : candidates) {
    if (s_used[c.si] || o_used[c.oi]) continue;
    s_used[c.si] = o_used[c.oi] = true;
    const auto [sb, se] = s_ranges[c.si];
    const auto [ob, oe] = o_ranges[c.oi];
    units.push_back({sb, se, ob, oe, s.line_of(sb)});
  }
  std::sort(units.begin(), units.end(),
            [](const Unit& a, const Unit& b) { return a.s_begin < b.s_begin; });
  return units;
}

bool overlaps(std::uint32_t h0, std::uint32_t h1, std::uint32_t a, std::uint32_t b) {
  if (h0 == h1) return a <= h0 && h0 <= b;
  if (a == b) return h0 <= a && a <= h1;
  return h0 < b && a < h1;
}

// S-to-R alignment of one line, computed once and shared by the units on that line.
struct LineAlignment {
  bool done = false;
  std::vector<Hunk> hunks;
  BoundaryMap map;
};

}  // namespace

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Fixed: return "fixed";
    case Outcome::Wrong: return "wrong";
    case Outcome::Missed: return "missed";
    case Outcome::Damage: return "damage";
  }
  return "?";
}

void RepairCounts::add(const RepairCounts& o) {
  spun_edits += o.spun_edits;
  fixed += o.fixed;
  wrong += o.wrong;
  wrong_closer += o.wrong_closer;
  missed += o.missed;
  damage += o.damage;
  damaged_tokens += o.damaged_tokens;
  words += o.words;
  distance_before += o.distance_before;
  distance_after += o.distance_after;
  covered += o.covered;
}

double RepairCounts::precision() const {
  const std::size_t made = fixed + wrong + damage;
  return made == 0 ? 1.0 : static_cast<double>(fixed) / static_cast<double>(made);
}

double RepairCounts::recall() const {
  return spun_edits == 0 ? 1.0 : static_cast<double>(fixed) / static_cast<double>(spun_edits);
}

double RepairCounts::error_reduction() const {
  if (distance_before == 0) return std::numeric_limits<double>::quiet_NaN();  // nothing to reduce
  return 1.0 - static_cast<double>(distance_after) / static_cast<double>(distance_before);
}

double RepairCounts::damage_per_10k_words() const {
  return words == 0 ? 0.0 : 10000.0 * static_cast<double>(damaged_tokens) / static_cast<double>(words);
}

std::vector<ReliabilityBin> reliability(std::span<const Scored> items, std::size_t bins) {
  std::vector<ReliabilityBin> out(bins);
  for (std::size_t b = 0; b < bins; ++b) {
    out[b].low = static_cast<double>(b) / static_cast<double>(bins);
    out[b].high = static_cast<double>(b + 1) / static_cast<double>(bins);
  }
  for (const Scored& s : items) {
    const double clamped = std::min(1.0, std::max(0.0, s.score));
    const std::size_t b = std::min(bins - 1, static_cast<std::size_t>(clamped * static_cast<double>(bins)));
    out[b].count += 1;
    out[b].mean_score += clamped;
    out[b].spun_rate += s.spun ? 1.0 : 0.0;
  }
  for (ReliabilityBin& b : out) {
    if (b.count == 0) continue;
    b.mean_score /= static_cast<double>(b.count);
    b.spun_rate /= static_cast<double>(b.count);
  }
  return out;
}

BinaryMetrics binary_metrics(std::span<const Scored> items, double threshold) {
  BinaryMetrics m;
  std::size_t true_positive = 0, predicted = 0;
  for (const Scored& s : items) {
    (s.spun ? m.positives : m.negatives) += 1;
    const bool flagged = s.score >= threshold;
    predicted += flagged;
    true_positive += flagged && s.spun;
  }
  if (m.positives > 0 && m.negatives > 0) {
    std::vector<Scored> sorted(items.begin(), items.end());
    std::sort(sorted.begin(), sorted.end(), [](const Scored& a, const Scored& b) { return a.score < b.score; });
    double positive_rank_sum = 0;
    for (std::size_t i = 0; i < sorted.size();) {
      std::size_t j = i;
      while (j < sorted.size() && sorted[j].score == sorted[i].score) ++j;
      const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
      for (std::size_t k = i; k < j; ++k) {
        if (sorted[k].spun) positive_rank_sum += average_rank;
      }
      i = j;
    }
    const auto p = static_cast<double>(m.positives);
    const auto n = static_cast<double>(m.negatives);
    m.auc = (positive_rank_sum - p * (p + 1) / 2.0) / (p * n);
  }
  m.precision = predicted == 0 ? 0.0 : static_cast<double>(true_positive) / static_cast<double>(predicted);
  m.recall = m.positives == 0 ? 0.0 : static_cast<double>(true_positive) / static_cast<double>(m.positives);
  m.f1 = m.precision + m.recall == 0 ? 0.0 : 2 * m.precision * m.recall / (m.precision + m.recall);
  return m;
}

Evaluation::Evaluation(EvalOptions options) : options_(options) {}

void Evaluation::add(const std::string& name, const text::Document& spun,
                     const text::Document& original, const text::Document& output,
                     const detect::DocumentScore* scores) {
  const TokenView s = view_of(spun);
  const TokenView o = view_of(original);
  const TokenView r = view_of(output);
  if (r.lines() != s.lines()) {
    throw InputError("the repaired text has " + std::to_string(r.lines()) + " lines, the spun text " +
                     std::to_string(s.lines()) + "; the fixer must keep lines");
  }
  std::vector<Unit> units;
  if (options_.mode == UnitMode::Lines) {
    if (o.lines() != s.lines()) {
      throw InputError("the spun text has " + std::to_string(s.lines()) + " lines and the original " +
                       std::to_string(o.lines()) + "; use --match-sentences for texts whose lines differ");
    }
    for (std::size_t l = 0; l < s.lines(); ++l) {
      units.push_back({s.line_begin[l], s.line_begin[l + 1], o.line_begin[l], o.line_begin[l + 1], l});
    }
  } else {
    units = match_sentences(s, o, options_.sentence_match);
  }

  RepairCounts counts;
  std::vector<bool> spun_mark(s.text.size(), false);
  std::vector<LineAlignment> lines(s.lines());

  auto record = [&](Outcome outcome, std::size_t line, std::string sp, std::string orig, std::string out) {
    auto& seen = per_outcome_[static_cast<int>(outcome)];
    if (seen >= options_.max_examples) return;
    ++seen;
    examples_.push_back({outcome, name + ":" + std::to_string(line + 1), std::move(sp), std::move(orig), std::move(out)});
  };

  for (const Unit& u : units) {
    LineAlignment& la = lines[u.line];
    const std::uint32_t s_line = s.line_begin[u.line];
    const std::uint32_t r_line = r.line_begin[u.line];
    if (!la.done) {
      const std::span<const std::string_view> s_text(s.text.data() + s_line, s.line_begin[u.line + 1] - s_line);
      const std::span<const std::string_view> r_text(r.text.data() + r_line, r.line_begin[u.line + 1] - r_line);
      la.hunks = align(s_text, r_text).hunks;
      la.map = boundary_map(s_text.size(), la.hunks);
      la.done = true;
    }
    const std::uint32_t len = u.s_end - u.s_begin;
    const std::uint32_t shift = u.s_begin - s_line;  // unit-local to line-local in S
    const std::span<const std::string_view> s_unit(s.text.data() + u.s_begin, len);
    const std::span<const std::string_view> o_unit(o.text.data() + u.o_begin, u.o_end - u.o_begin);
    const Alignment so = align(s_unit, o_unit);
    const BoundaryMap so_map = boundary_map(len, so.hunks);

    // The fixer's hunks that touch this unit, in unit-local S coordinates.
    std::vector<Hunk> sr;
    for (const Hunk& h : la.hunks) {
      if (!overlaps(h.a_begin, h.a_end, shift, shift + len)) continue;
      Hunk local = h;
      local.a_begin = std::clamp(h.a_begin, shift, shift + len) - shift;
      local.a_end = std::clamp(h.a_end, shift, shift + len) - shift;
      sr.push_back(local);
    }
    auto r_first = [&](std::uint32_t p) { return r_line + la.map.first[p + shift]; };
    auto r_last = [&](std::uint32_t p) { return r_line + la.map.last[p + shift]; };

    counts.spun_edits += so.hunks.size();
    counts.distance_before += so.distance;
    {
      const std::span<const std::string_view> r_unit(r.text.data() + r_first(0), r_last(len) - r_first(0));
      counts.distance_after += align(r_unit, o_unit).distance;
    }
    for (std::uint32_t i = u.s_begin; i < u.s_end; ++i) counts.words += s.is_word[i];

    std::vector<bool> sr_used(sr.size(), false);
    for (std::size_t i = 0; i < so.hunks.size();) {
      std::uint32_t a = so.hunks[i].a_begin, b = so.hunks[i].a_end;
      std::size_t j = i + 1;  // so.hunks[i, j) are in the region
      bool any_fix = false;
      for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t k = 0; k < sr.size(); ++k) {
          if (sr_used[k] || !overlaps(sr[k].a_begin, sr[k].a_end, a, b)) continue;
          sr_used[k] = true;
          any_fix = grew = true;
          a = std::min(a, sr[k].a_begin);
          b = std::max(b, sr[k].a_end);
        }
        while (j < so.hunks.size() && overlaps(so.hunks[j].a_begin, so.hunks[j].a_end, a, b)) {
          b = std::max(b, so.hunks[j].a_end);
          ++j;
          grew = true;
        }
      }
      for (std::size_t k = i; k < j; ++k) {
        const Hunk& h = so.hunks[k];
        if (options_.covered) {
          // The span alone, or with one unchanged token of context on either side ("within the"
          // -> "in the" covers the span "within" -> "in").
          bool covered = false;
          for (std::uint32_t before = 0; before <= 1 && !covered; ++before) {
            for (std::uint32_t after = 0; after <= 1 && !covered; ++after) {
              if (h.a_begin < before || h.b_begin < before || h.a_end + after > len ||
                  h.b_end + after > u.o_end - u.o_begin) {
                continue;
              }
              covered = options_.covered(s.bytes(u.s_begin + h.a_begin - before, u.s_begin + h.a_end + after),
                                         o.bytes(u.o_begin + h.b_begin - before, u.o_begin + h.b_end + after));
            }
          }
          counts.covered += covered;
        }
        const std::uint32_t mark = h.a_begin < h.a_end ? h.a_begin : (h.a_begin < len ? h.a_begin : h.a_begin - 1);
        for (std::uint32_t t = mark; t < std::max(h.a_end, mark + 1) && t < len; ++t) spun_mark[u.s_begin + t] = true;
      }
      const std::uint32_t ob = u.o_begin + so_map.first[a], oe = u.o_begin + so_map.last[b];
      Outcome outcome = Outcome::Missed;
      if (any_fix) {
        const std::uint32_t rb = r_first(a), re = r_last(b);
        const bool same = std::equal(o.text.begin() + ob, o.text.begin() + oe, r.text.begin() + rb, r.text.begin() + re);
        outcome = same ? Outcome::Fixed : Outcome::Wrong;
        if (!same) {
          const std::span<const std::string_view> s_span(s.text.data() + u.s_begin + a, b - a);
          const std::span<const std::string_view> o_span(o.text.data() + ob, oe - ob);
          const std::span<const std::string_view> r_span(r.text.data() + rb, re - rb);
          if (align(r_span, o_span).distance < align(s_span, o_span).distance) counts.wrong_closer += j - i;
        }
        record(outcome, u.line, s.bytes(u.s_begin + a, u.s_begin + b), o.bytes(ob, oe), r.bytes(rb, re));
      } else {
        record(outcome, u.line, s.bytes(u.s_begin + a, u.s_begin + b), o.bytes(ob, oe), s.bytes(u.s_begin + a, u.s_begin + b));
      }
      const std::size_t n = j - i;
      (outcome == Outcome::Fixed ? counts.fixed : outcome == Outcome::Wrong ? counts.wrong : counts.missed) += n;
      i = j;
    }
    for (std::size_t k = 0; k < sr.size(); ++k) {
      if (sr_used[k]) continue;
      const Hunk& h = sr[k];
      ++counts.damage;
      counts.damaged_tokens += std::max<std::uint32_t>(1, h.a_end - h.a_begin);
      const std::string here = s.bytes(u.s_begin + h.a_begin, u.s_begin + h.a_end);
      record(Outcome::Damage, u.line, here, here, r.bytes(r_line + h.b_begin, r_line + h.b_end));
    }
  }
  counts_.add(counts);
  units_ += units.size();
  ++documents_;

  if (scores && options_.mode == UnitMode::Lines) {
    std::vector<std::size_t> begins(s.text.size());
    for (std::uint32_t i = 0; i < s.text.size(); ++i) begins[i] = s.begin_byte(i);
    auto any_spun = [&](std::size_t b, std::size_t e) {
      auto it = std::lower_bound(begins.begin(), begins.end(), b);
      for (; it != begins.end() && *it < e; ++it) {
        if (spun_mark[static_cast<std::size_t>(it - begins.begin())]) return true;
      }
      return false;
    };
    bool document_spun = false;
    for (const auto& p : scores->passages) {
      const bool label = any_spun(p.begin, p.end);
      document_spun = document_spun || label;
      detection_.paragraphs.push_back({p.score, label});
    }
    for (const auto& x : scores->sentences) detection_.sentences.push_back({x.score, any_spun(x.begin, x.end)});
    detection_.documents.push_back({scores->score, document_spun});
    for (const auto& p : scores->passages) detection_.paragraphs_by_document.push_back({p.score, document_spun});
  }
}

}  // namespace unspin::eval
