#include "repair/leftovers.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/algorithm/string/trim_all.hpp>

#include "lattice/sentence.hpp"

namespace unspin::repair {
namespace {

using text::CaseShape;
using text::TokenKind;

constexpr std::size_t kMaxNavigationWords = 4;
constexpr std::size_t kMinSentenceWords = 8;
constexpr std::size_t kMinRepeatWords = 3;
constexpr std::size_t kMaxCreditWords = 3;

constexpr double kNavigationConfidence = 0.9;
constexpr double kRepeatConfidence = 0.95;
constexpr double kCaptionConfidence = 0.95;

// The paragraph's text without closing quotes and brackets at its end.
std::string_view without_closers(std::string_view text) {
  for (;;) {
    bool cut = false;
    for (std::string_view closer : {"”", "’", "\"", "'", ")", "]", "»"}) {
      if (text.size() > closer.size() && text.ends_with(closer)) {
        text.remove_suffix(closer.size());
        cut = true;
      }
    }
    if (!cut) return text;
  }
}

bool ends_sentence(std::string_view text) {
  text = without_closers(text);
  return text.ends_with(".") || text.ends_with("!") || text.ends_with("?") || text.ends_with("…");
}

bool ends_clause(std::string_view text) {
  text = without_closers(text);
  return ends_sentence(text) || text.ends_with(":") || text.ends_with(";");
}

struct Shape {
  std::span<const text::Token> tokens;  // the paragraph's tokens
  std::size_t words = 0;                // words and numbers
  bool untouchable = false;             // holds invalid bytes (--lenient), a URL, an address, code
};

Shape shape_of(const text::Document& doc, const text::Paragraph& p) {
  Shape s;
  const auto sentences = doc.sentences(p);
  if (sentences.empty()) return s;
  const std::uint32_t first = sentences.front().first_token, end = sentences.back().end_token;
  s.tokens = doc.tokens().subspan(first, end - first);
  for (const text::Token& t : s.tokens) {
    s.words += t.kind == TokenKind::Word || t.kind == TokenKind::Number;
    s.untouchable = s.untouchable || t.kind == TokenKind::Invalid;
  }
  s.untouchable = s.untouchable || !lattice::protected_chunks(doc, first, end).empty();
  return s;
}

// The credit a caption starts with, when the same words end it glued to the caption's last word.
std::optional<std::string_view> framing_credit(const text::Document& doc, const text::Paragraph& p, const Shape& s) {
  const std::string_view text = doc.text(p);
  std::size_t words = 0;
  for (std::size_t i = 0; i < s.tokens.size() && words < kMaxCreditWords; ++i) {
    const text::Token& t = s.tokens[i];
    if (t.kind == TokenKind::Space && words > 0 && doc.text(t) == " ") continue;
    if (t.kind != TokenKind::Word || (t.shape != CaseShape::Title && t.shape != CaseShape::Upper)) break;
    ++words;
    const std::string_view credit = text.substr(0, t.end - p.begin);
    if (credit.size() < 3 || text.size() < 2 * credit.size() + 10 || !text.ends_with(credit)) continue;
    // Glued to a letter or digit ("2018Getty Images"), not spaced or hyphenated ("Covid-A").
    const auto before = static_cast<unsigned char>(text[text.size() - credit.size() - 1]);
    if (std::isalnum(before) || before >= 0x80) return credit;
  }
  return std::nullopt;
}

struct Cut {
  std::size_t paragraph;
  double confidence;
  std::string reason;
};

}  // namespace

std::vector<Edit> scrape_leftovers(const text::Document& doc) {
  const auto paragraphs = doc.paragraphs();
  std::vector<Shape> shapes;
  shapes.reserve(paragraphs.size());
  std::optional<std::size_t> first_sentence, last_sentence;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    shapes.push_back(shape_of(doc, paragraphs[i]));
    if (shapes.back().words >= kMinSentenceWords && ends_sentence(doc.text(paragraphs[i]))) {
      if (!first_sentence) first_sentence = i;
      last_sentence = i;
    }
  }
  std::vector<Cut> cuts;
  // Paragraph with its whitespace runs squeezed to one space (spacing hides no repeat) -> its line.
  std::unordered_map<std::string, std::uint32_t> seen;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    const text::Paragraph& p = paragraphs[i];
    const Shape& s = shapes[i];
    const std::string_view text = doc.text(p);
    if (s.untouchable) continue;  // never edited, as inside a sentence (but still a sentence above)
    const bool outside = first_sentence && (i < *first_sentence || i > *last_sentence);
    if (outside && s.words > 0 && s.words <= kMaxNavigationWords && s.tokens.front().kind == TokenKind::Word &&
        s.tokens.front().shape == CaseShape::Lower && !ends_clause(text)) {
      cuts.push_back({i, kNavigationConfidence,
                      "scraping leftover: “" + std::string(text) + "” is a short lowercase line without punctuation " +
                          (i < *first_sentence ? "before the article's first sentence" : "after the article's last sentence") +
                          " (navigation)"});
      continue;
    }
    if (s.words >= kMinRepeatWords) {
      const auto [at, fresh] = seen.emplace(boost::algorithm::trim_fill_copy(std::string(text), " "), p.line);
      if (!fresh) {
        cuts.push_back({i, kRepeatConfidence,
                        "scraping leftover: repeats line " + std::to_string(at->second) + " word for word"});
        continue;
      }
    }
    if (const auto credit = framing_credit(doc, p, s)) {
      cuts.push_back({i, kCaptionConfidence,
                      "scraping leftover: an image caption framed by its credit “" + std::string(*credit) + "”"});
    }
  }

  // Each cut deletes its line with the blank lines before it, so that the text keeps the
  // separator that followed the line; cuts at the very start of the text instead take the blank
  // lines after them, so that the text does not begin with a blank line.
  std::vector<Edit> edits;
  edits.reserve(cuts.size());
  for (std::size_t c = 0; c < cuts.size(); ++c) {
    const std::size_t i = cuts[c].paragraph;
    Edit e;
    if (c == i) {  // every paragraph before this one is cut too
      e.begin = doc.line_begin(paragraphs[i].line);
      e.end = i + 1 < paragraphs.size() ? doc.line_begin(paragraphs[i + 1].line) : doc.bytes().size();
    } else {
      e.begin = doc.line_begin(paragraphs[i - 1].line + 1);
      e.end = doc.line_begin(paragraphs[i].line + 1);
    }
    e.confidence = cuts[c].confidence;
    e.source = EditSource::Scrape;
    e.reason = std::move(cuts[c].reason);
    edits.push_back(std::move(e));
  }
  return edits;
}

std::vector<long> merge_cuts(std::vector<Edit>& edits, std::vector<Edit> cuts) {
  std::vector<Edit> merged;
  std::vector<long> origin;
  merged.reserve(edits.size() + cuts.size());
  std::size_t c = 0;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    while (c < cuts.size() && cuts[c].end <= edits[i].begin) {
      merged.push_back(std::move(cuts[c++]));
      origin.push_back(-1);
    }
    const bool inside = c < cuts.size() && cuts[c].begin < edits[i].end;
    if (inside) continue;  // deleted with its line
    merged.push_back(std::move(edits[i]));
    origin.push_back(static_cast<long>(i));
  }
  for (; c < cuts.size(); ++c) {
    merged.push_back(std::move(cuts[c]));
    origin.push_back(-1);
  }
  edits = std::move(merged);
  return origin;
}

}  // namespace unspin::repair
