// The text model: a UTF-8 document segmented into paragraphs, sentences and tokens.
//
//   Segmenter segmenter;                                  // one per thread; reuse it
//   Document doc = segmenter.segment(std::move(bytes));   // throws InputError on bad input
//   for (const Sentence& s : doc.sentences()) for (const Token& t : doc.tokens(s)) use(doc.text(t));
//
// Every unit carries byte offsets into doc.bytes(). Tokens tile the whole buffer: concatenating
// doc.text(t) over doc.tokens() gives back the input byte for byte (CRLF, BOM, NBSP and invalid
// bytes included). Paragraphs and sentences cover only their trimmed text; the whitespace and
// line breaks between them are tokens that belong to no sentence.
//
// A paragraph is one line of text, as in scraped news; blank (or whitespace-only) lines separate
// paragraphs but are not paragraphs. Lines end at "\n", "\r\n" or a lone "\r".
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/ascii_sentences.hpp"
#include "text/case.hpp"
#include "text/icu_break.hpp"
#include "text/utf8.hpp"

namespace unspin::text {

// Byte offset into a document. Documents are limited to 2 GiB - 1 (ICU's index range).
using Offset = std::uint32_t;

enum class TokenKind : std::uint8_t {
  Word,       // contains a letter: "troops", "don't", "21st", "Kim"
  Number,     // digits and separators without letters: "7.6", "11,000"
  Punct,      // Unicode punctuation: . , “ ” – — ( )
  Symbol,     // symbols, emoji, control and format characters: $ + € 🙂
  Space,      // horizontal whitespace, including NBSP; also a leading byte-order mark
  LineBreak,  // one line terminator: "\n", "\r\n" or "\r"
  Invalid,    // bytes that are not valid UTF-8 (only with lenient segmentation); never edited
};

const char* to_string(TokenKind kind);

struct Token {
  Offset begin;
  Offset end;
  TokenKind kind;
  CaseShape shape;  // CaseShape::None for everything but words
};

struct Sentence {
  Offset begin;
  Offset end;
  std::uint32_t first_token;  // index into Document::tokens()
  std::uint32_t end_token;    // one past the last token
};

struct Paragraph {
  Offset begin;
  Offset end;
  std::uint32_t line;            // 1-based line number of the paragraph
  std::uint32_t first_sentence;  // index into Document::sentences()
  std::uint32_t end_sentence;
};

struct LineColumn {
  std::uint32_t line;    // 1-based
  std::uint32_t column;  // 1-based, in bytes, as grep -b and most editors' byte columns count
};

class Document {
 public:
  Document() = default;

  std::string_view bytes() const { return bytes_; }
  std::string_view text(const Token& t) const { return slice(t.begin, t.end); }
  std::string_view text(const Sentence& s) const { return slice(s.begin, s.end); }
  std::string_view text(const Paragraph& p) const { return slice(p.begin, p.end); }

  std::span<const Token> tokens() const { return tokens_; }
  std::span<const Sentence> sentences() const { return sentences_; }
  std::span<const Paragraph> paragraphs() const { return paragraphs_; }
  std::span<const Token> tokens(const Sentence& s) const;
  std::span<const Sentence> sentences(const Paragraph& p) const;

  // Runs of invalid UTF-8; empty unless the document was segmented leniently.
  std::span<const ByteRange> invalid_ranges() const { return invalid_; }

  // Line and column of a byte offset (offset <= bytes().size()).
  LineColumn position(std::size_t offset) const;
  // Offset of the first byte of 1-based `line` (after a byte-order mark on line 1), or
  // bytes().size() for a line past the last: the line after `line` begins at line_begin(line + 1).
  Offset line_begin(std::uint32_t line) const;

  // Compact structure for tests: {paragraph}, [sentence], tokens joined by '|', a line break
  // shown as ⏎. "Hi. Yo\n" -> "{[Hi|.]| |[Yo]}|⏎".
  std::string dump() const;
  // One letter per token: W word, N number, P punct, Y symbol, S space, L line break, X invalid.
  std::string dump_kinds() const;

 private:
  friend class Segmenter;
  std::string_view slice(Offset b, Offset e) const { return std::string_view(bytes_).substr(b, e - b); }

  std::string bytes_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  std::vector<Paragraph> paragraphs_;
  std::vector<ByteRange> invalid_;
  std::vector<Offset> line_starts_;
};

struct SegmentOptions {
  // false (default): invalid UTF-8 throws InvalidUtf8Error with the byte offset.
  // true: invalid bytes become TokenKind::Invalid tokens, kept byte for byte and never edited.
  bool lenient = false;
};

// Turns bytes into Documents. Holds ICU iterators, so it is not thread-safe; make one per thread.
class Segmenter {
 public:
  explicit Segmenter(SegmentOptions options = {});

  // Throws InputError for binary input (a NUL byte) or input over 2 GiB, and InvalidUtf8Error
  // for invalid UTF-8 unless options.lenient.
  Document segment(std::string bytes);

  // A run of text the sentence rules leave whole beyond this many tokens (about 1,000 words: a
  // list without full stops, a scraped blob, a line of a million words) is cut into pieces of at
  // most this many, at a space where there is one. The engine's work on a sentence grows with
  // its length, and no English sentence comes near.
  static constexpr std::size_t kMaxSentenceTokens = 2048;

 private:
  void segment_paragraph(Document& doc, Offset begin, Offset end);
  void push_token(Document& doc, Offset begin, Offset end);
  static void push_sentence(Document& doc, std::size_t a, std::size_t z);

  SegmentOptions options_;
  BreakFinder words_;
  BreakFinder sentences_;
  AsciiSentences ascii_sentences_;  // ICU's sentence rules for ASCII paragraphs, without ICU
  std::vector<std::size_t> sentence_cuts_;
  std::vector<std::size_t> word_cuts_;
  std::size_t next_invalid_ = 0;  // cursor into Document::invalid_ during segment()
};

}  // namespace unspin::text
