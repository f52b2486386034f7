// Sentence boundaries of ASCII text without ICU's rule engine: the rules of Unicode's sentence
// segmentation (UAX #29) for the characters below U+0080, followed by the same abbreviation
// filter that ICU puts in front of its English sentence iterator ("Mr. Smith" is one sentence).
// ICU's iterator costs about 100 instructions a byte; this costs a few.
//
//   const AsciiSentences sentences;                    // reads ICU's English abbreviations
//   std::vector<std::size_t> cuts;
//   if (sentences.usable()) sentences.boundaries("Mr. Lee left. He ran.", cuts);  // {0, 14, 21}
//
// Gives exactly what BreakFinder(BreakFinder::Unit::Sentence).boundaries() gives for the same
// ASCII text without line breaks (tests/unit/ascii_sentences_test.cpp compares the two on every
// string of up to 5 characters over the sentence-break classes, on random strings built from the
// abbreviations, and on the corpus).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::text {

class AsciiSentences {
 public:
  // Reads the abbreviations ICU's English sentence iterator suppresses breaks after, from ICU's
  // own data (so the two agree whatever ICU version is installed). Throws ResourceError when ICU
  // cannot open its data.
  AsciiSentences();
  // For tests: the filter built from `exceptions` instead of ICU's list.
  explicit AsciiSentences(std::vector<std::string> exceptions);

  // False when ICU's list holds a non-ASCII abbreviation (none does in ICU 72): the filter
  // could then differ from ICU's on ASCII text, so callers use ICU.
  bool usable() const { return usable_; }

  // Replaces `out` with the sentence boundaries of `text`, starting with 0 and ending with
  // text.size() ({0} for ""). `text` must be ASCII without CR or LF (one paragraph).
  void boundaries(std::string_view text, std::vector<std::size_t>& out) const;

 private:
  // A set of strings walked one character at a time as ICU walks its UCharsTrie: after each
  // character the walk has no match, a prefix with or without a value, or a final value.
  class Trie {
   public:
    struct Step {
      bool match = false;     // some string starts with the characters read so far
      bool has_value = false; // ... and one of them ends here
      bool has_next = false;  // ... and one of them goes on
      int value = 0;
    };
    void add(std::string s, int value);
    void finish();  // sorts; call once after the last add()
    bool empty() const { return entries_.empty(); }
    Step step(std::string_view read) const;

   private:
    std::vector<std::pair<std::string, int>> entries_;
  };

  bool exception_at(std::string_view text, std::size_t at) const;

  Trie backward_;  // abbreviations, or their part up to the first full stop, reversed
  Trie forward_;   // abbreviations with a full stop inside ("U.S."), as written
  bool usable_ = true;
};

}  // namespace unspin::text
