#include "text/document.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include "errors.hpp"
#include "text/ascii_words.hpp"

namespace unspin::text {
namespace {

enum class CharClass : std::uint8_t { Letter, Digit, Space, Punct, Symbol };

CharClass classify_code_point(UChar32 c) {
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return CharClass::Letter;
  if (u_isdigit(c)) return CharClass::Digit;
  if (u_isUWhiteSpace(c)) return CharClass::Space;
  if (u_ispunct(c)) return CharClass::Punct;
  return CharClass::Symbol;
}

// ASCII classes come from the same ICU properties, computed once.
const std::array<CharClass, 128>& ascii_classes() {
  static const std::array<CharClass, 128> table = [] {
    std::array<CharClass, 128> t{};
    for (UChar32 c = 0; c < 128; ++c) t[static_cast<std::size_t>(c)] = classify_code_point(c);
    return t;
  }();
  return table;
}

// A token with a letter is a word ("21st" too); digits without letters make a number; otherwise
// the first code point decides between space, punctuation and symbol.
TokenKind classify_token(std::string_view s) {
  const auto& ascii = ascii_classes();
  bool has_digit = false;
  bool have_first = false;
  CharClass first = CharClass::Symbol;
  for (std::size_t i = 0; i < s.size();) {
    const auto byte = static_cast<unsigned char>(s[i]);
    CharClass cls;
    if (byte < 0x80) {
      cls = ascii[byte];
      ++i;
    } else {
      const Decoded d = decode(s, i);
      i = d.next;
      cls = d.code_point < 0 ? CharClass::Symbol : classify_code_point(d.code_point);
    }
    if (!have_first) {
      first = cls;
      have_first = true;
    }
    if (cls == CharClass::Letter) return TokenKind::Word;
    if (cls == CharClass::Digit) has_digit = true;
  }
  if (has_digit) return TokenKind::Number;
  switch (first) {
    case CharClass::Space: return TokenKind::Space;
    case CharClass::Punct: return TokenKind::Punct;
    default: return TokenKind::Symbol;
  }
}

// Per ASCII byte: its class (the low bits) and whether it is an upper-case letter.
constexpr std::uint8_t kClassMask = 0x0f;
constexpr std::uint8_t kUpperBit = 0x10;

using AsciiFlags = std::array<std::uint8_t, 128>;

const AsciiFlags& ascii_flags() {
  static const AsciiFlags table = [] {
    AsciiFlags t{};
    for (std::size_t c = 0; c < 128; ++c) {
      t[c] = static_cast<std::uint8_t>(ascii_classes()[c]);
      if (c >= 'A' && c <= 'Z') t[c] |= kUpperBit;
    }
    return t;
  }();
  return table;
}

struct AsciiTokenInfo {
  TokenKind kind;
  CaseShape shape;
};

// What classify_token() and case_shape() say of an ASCII token, in one pass over its bytes: the
// per-token cost of segmenting most news text. ICU's alphabetic ASCII characters are exactly
// A-Z and a-z, the only cased ones. A word is a title when its one upper-case letter is its
// first letter, upper case when it has two or more and no lower-case letter.
AsciiTokenInfo ascii_token_info(std::string_view s, const AsciiFlags& flags) {
  unsigned seen = 0;  // one bit per CharClass present
  unsigned upper = 0;
  for (const char ch : s) {
    const std::uint8_t f = flags[static_cast<unsigned char>(ch) & 0x7f];
    seen |= 1u << (f & kClassMask);
    upper += (f & kUpperBit) != 0 ? 1u : 0u;
  }
  const auto has = [seen](CharClass c) { return (seen & (1u << static_cast<unsigned>(c))) != 0; };
  if (has(CharClass::Letter)) {
    if (upper == 0) return {TokenKind::Word, CaseShape::Lower};
    if (upper == 1) {
      const auto letter = std::find_if(s.begin(), s.end(), [&flags](char c) {
        return (flags[static_cast<unsigned char>(c) & 0x7f] & kClassMask) ==
               static_cast<std::uint8_t>(CharClass::Letter);
      });
      if (*letter >= 'A' && *letter <= 'Z') return {TokenKind::Word, CaseShape::Title};
      return {TokenKind::Word, CaseShape::Mixed};
    }
    const bool lower = std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return {TokenKind::Word, lower ? CaseShape::Mixed : CaseShape::Upper};
  }
  if (has(CharClass::Digit)) return {TokenKind::Number, CaseShape::None};
  switch (static_cast<CharClass>(flags[static_cast<unsigned char>(s.front()) & 0x7f] & kClassMask)) {
    case CharClass::Space: return {TokenKind::Space, CaseShape::None};
    case CharClass::Punct: return {TokenKind::Punct, CaseShape::None};
    default: return {TokenKind::Symbol, CaseShape::None};
  }
}

// Appends a token. Runs of whitespace (ICU splits some, such as tabs) and of invalid bytes
// become one token.
void append_token(std::vector<Token>& tokens, Offset b, Offset e, TokenKind kind, CaseShape shape) {
  if (!tokens.empty() && tokens.back().end == b && tokens.back().kind == kind &&
      (kind == TokenKind::Space || kind == TokenKind::Invalid)) {
    tokens.back().end = e;
    return;
  }
  tokens.push_back({b, e, kind, shape});
}

bool is_space(UChar32 c) {
  if (c == ' ' || c == '\t' || c == '\v' || c == '\f') return true;
  return c >= 0x80 && u_isUWhiteSpace(c);
}

// Offset of the first non-space code point in [b, e), or e.
std::size_t skip_space_forward(std::string_view s, std::size_t b, std::size_t e) {
  while (b < e) {
    const Decoded d = decode(s.substr(0, e), b);
    if (d.code_point < 0 || !is_space(d.code_point)) break;
    b = d.next;
  }
  return b;
}

// Offset just past the last non-space code point in [b, e), or b.
std::size_t skip_space_backward(std::string_view s, std::size_t b, std::size_t e) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  while (e > b) {
    auto at = static_cast<int32_t>(e);
    UChar32 c;
    U8_PREV(bytes, static_cast<int32_t>(b), at, c);
    if (c < 0 || !is_space(c)) break;
    e = static_cast<std::size_t>(at);
  }
  return e;
}

// Finds the line terminator at or after `from`: returns {content end, terminator end}.
std::pair<std::size_t, std::size_t> find_line_end(std::string_view s, std::size_t from) {
  const char* base = s.data();
  const std::size_t n = s.size();
  const void* lf = std::memchr(base + from, '\n', n - from);
  const std::size_t lf_at = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - base) : n;
  const void* cr = std::memchr(base + from, '\r', lf_at - from);
  if (cr) {
    const auto cr_at = static_cast<std::size_t>(static_cast<const char*>(cr) - base);
    if (cr_at + 1 == lf_at) return {cr_at, lf_at + 1};  // CRLF
    return {cr_at, cr_at + 1};                          // a lone CR ends a line too
  }
  if (lf_at == n) return {n, n};
  return {lf_at, lf_at + 1};
}

void append_visible(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '\n') out += "⏎";
    else if (c == '\r') out += "␍";
    else if (c == '\t') out += "⇥";
    else out += c;
  }
}

}  // namespace

const char* to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::Word: return "word";
    case TokenKind::Number: return "number";
    case TokenKind::Punct: return "punct";
    case TokenKind::Symbol: return "symbol";
    case TokenKind::Space: return "space";
    case TokenKind::LineBreak: return "linebreak";
    case TokenKind::Invalid: return "invalid";
  }
  return "?";
}

std::span<const Token> Document::tokens(const Sentence& s) const {
  return std::span<const Token>(tokens_).subspan(s.first_token, s.end_token - s.first_token);
}

std::span<const Sentence> Document::sentences(const Paragraph& p) const {
  return std::span<const Sentence>(sentences_)
      .subspan(p.first_sentence, p.end_sentence - p.first_sentence);
}

LineColumn Document::position(std::size_t offset) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const Offset start = line == 0 ? 0 : line_starts_[line - 1];
  return {std::max<std::uint32_t>(line, 1), static_cast<std::uint32_t>(offset - start + 1)};
}

Offset Document::line_begin(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return static_cast<Offset>(bytes_.size());
  if (line == 1 && bytes_.starts_with("\xEF\xBB\xBF")) return 3;
  return line_starts_[line - 1];
}

std::string Document::dump() const {
  std::string out;
  std::size_t p = 0;
  std::size_t s = 0;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (i > 0) out += '|';
    if (p < paragraphs_.size() && paragraphs_[p].begin == t.begin) out += '{';
    if (s < sentences_.size() && sentences_[s].first_token == i) out += '[';
    append_visible(out, text(t));
    if (s < sentences_.size() && sentences_[s].end_token == i + 1) {
      out += ']';
      ++s;
    }
    if (p < paragraphs_.size() && paragraphs_[p].end == t.end) {
      out += '}';
      ++p;
    }
  }
  return out;
}

std::string Document::dump_kinds() const {
  std::string out;
  out.reserve(tokens_.size());
  for (const Token& t : tokens_) out += "WNPYSLX"[static_cast<int>(t.kind)];
  return out;
}

Segmenter::Segmenter(SegmentOptions options)
    : options_(options),
      words_(BreakFinder::Unit::Word),
      sentences_(BreakFinder::Unit::Sentence) {}

Document Segmenter::segment(std::string bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
    throw InputError("input is larger than 2 GiB; split it into smaller documents");
  }
  if (const std::size_t nul = find_nul(bytes); nul != std::string::npos) {
    throw InputError("binary file (NUL byte at offset " + std::to_string(nul) + ")");
  }
  Document doc;
  if (options_.lenient) {
    doc.invalid_ = invalid_utf8_ranges(bytes);
  } else if (const std::size_t bad = find_invalid_utf8(bytes); bad != std::string::npos) {
    throw InvalidUtf8Error(bad);
  }
  doc.bytes_ = std::move(bytes);
  next_invalid_ = 0;
  const std::string_view s = doc.bytes_;
  // English runs at about one token per 3 bytes (words, spaces and punctuation); reserving for
  // one per 2 avoids a doubling that would briefly hold two copies of the token array.
  doc.tokens_.reserve(s.size() / 2 + 16);

  std::size_t at = 0;
  if (s.starts_with("\xEF\xBB\xBF")) {
    push_token(doc, 0, 3);  // the byte-order mark is kept as a Space-kind token
    at = 3;
  }
  doc.line_starts_.push_back(0);
  std::uint32_t line = 1;
  while (at < s.size()) {
    const auto [content_end, line_end] = find_line_end(s, at);
    const std::size_t text_begin = skip_space_forward(s, at, content_end);
    const std::size_t text_end = skip_space_backward(s, text_begin, content_end);
    if (text_begin > at) push_token(doc, static_cast<Offset>(at), static_cast<Offset>(text_begin));
    if (text_begin < text_end) {
      const auto first_sentence = static_cast<std::uint32_t>(doc.sentences_.size());
      segment_paragraph(doc, static_cast<Offset>(text_begin), static_cast<Offset>(text_end));
      doc.paragraphs_.push_back({static_cast<Offset>(text_begin), static_cast<Offset>(text_end),
                                 line, first_sentence,
                                 static_cast<std::uint32_t>(doc.sentences_.size())});
    }
    if (content_end > text_end) {
      push_token(doc, static_cast<Offset>(text_end), static_cast<Offset>(content_end));
    }
    if (line_end > content_end) {
      doc.tokens_.push_back({static_cast<Offset>(content_end), static_cast<Offset>(line_end),
                             TokenKind::LineBreak, CaseShape::None});
      doc.line_starts_.push_back(static_cast<Offset>(line_end));
      ++line;
    }
    at = line_end;
  }
  return doc;
}

void Segmenter::segment_paragraph(Document& doc, Offset begin, Offset end) {
  const std::string_view text = std::string_view(doc.bytes_).substr(begin, end - begin);
  // Pure ASCII text (most news) takes the same rules without ICU's rule engine.
  const bool ascii = is_ascii(text);
  if (ascii && ascii_sentences_.usable()) ascii_sentences_.boundaries(text, sentence_cuts_);
  else sentences_.boundaries(text, sentence_cuts_);

  const std::size_t first = doc.tokens_.size();
  if (ascii) {
    ascii_word_boundaries(text, word_cuts_);
    const AsciiFlags& flags = ascii_flags();
    for (std::size_t k = 1; k < word_cuts_.size(); ++k) {
      const std::size_t b = word_cuts_[k - 1];
      const AsciiTokenInfo info = ascii_token_info(text.substr(b, word_cuts_[k] - b), flags);
      append_token(doc.tokens_, begin + static_cast<Offset>(b), begin + static_cast<Offset>(word_cuts_[k]),
                   info.kind, info.shape);
    }
  } else {
    words_.boundaries(text, word_cuts_);
    for (std::size_t k = 1; k < word_cuts_.size(); ++k) {
      push_token(doc, begin + static_cast<Offset>(word_cuts_[k - 1]),
                 begin + static_cast<Offset>(word_cuts_[k]));
    }
  }
  const std::size_t last = doc.tokens_.size();

  // A token belongs to the sentence in which it begins; sentences drop their edge whitespace.
  std::size_t t = first;
  for (std::size_t k = 1; k < sentence_cuts_.size(); ++k) {
    const Offset sentence_end = begin + static_cast<Offset>(sentence_cuts_[k]);
    std::size_t a = t;
    while (t < last && doc.tokens_[t].begin < sentence_end) ++t;
    std::size_t z = t;
    while (a < z && doc.tokens_[a].kind == TokenKind::Space) ++a;
    while (z > a && doc.tokens_[z - 1].kind == TokenKind::Space) --z;
    push_sentence(doc, a, z);
  }
}

void Segmenter::push_sentence(Document& doc, std::size_t a, std::size_t z) {
  const auto& tokens = doc.tokens_;
  while (z - a > kMaxSentenceTokens) {
    // The last space that leaves a piece of at most the maximum, else a cut between tokens.
    std::size_t cut = a + kMaxSentenceTokens;
    while (cut > a + 1 && tokens[cut - 1].kind != TokenKind::Space) --cut;
    std::size_t piece_end = cut;
    if (cut == a + 1) {
      piece_end = cut = a + kMaxSentenceTokens;
    } else {
      while (piece_end > a && tokens[piece_end - 1].kind == TokenKind::Space) --piece_end;
    }
    doc.sentences_.push_back({tokens[a].begin, tokens[piece_end - 1].end, static_cast<std::uint32_t>(a),
                              static_cast<std::uint32_t>(piece_end)});
    a = cut;
    while (a < z && tokens[a].kind == TokenKind::Space) ++a;
  }
  if (a < z) {
    doc.sentences_.push_back({tokens[a].begin, tokens[z - 1].end, static_cast<std::uint32_t>(a),
                              static_cast<std::uint32_t>(z)});
  }
}

void Segmenter::push_token(Document& doc, Offset begin, Offset end) {
  auto append = [&doc](Offset b, Offset e, TokenKind kind) {
    const CaseShape shape = kind == TokenKind::Word
                                ? case_shape(std::string_view(doc.bytes_).substr(b, e - b))
                                : CaseShape::None;
    append_token(doc.tokens_, b, e, kind, shape);
  };
  auto append_valid = [&](Offset b, Offset e) {
    append(b, e, classify_token(std::string_view(doc.bytes_).substr(b, e - b)));
  };

  const auto& invalid = doc.invalid_;
  while (next_invalid_ < invalid.size() && invalid[next_invalid_].end <= begin) ++next_invalid_;
  while (begin < end && next_invalid_ < invalid.size() && invalid[next_invalid_].begin < end) {
    const ByteRange bad = invalid[next_invalid_];
    if (bad.begin > begin) append_valid(begin, static_cast<Offset>(bad.begin));
    const auto bad_end = static_cast<Offset>(std::min<std::size_t>(bad.end, end));
    append(static_cast<Offset>(std::max<std::size_t>(begin, bad.begin)), bad_end,
           TokenKind::Invalid);
    begin = bad_end;
    if (bad.end <= end) ++next_invalid_;
  }
  if (begin < end) append_valid(begin, end);
}

}  // namespace unspin::text
