// What fix and check both see of a sentence: its words as language-model slots, which of them may
// be edited, and the phrase-dictionary matches at each word.
//
//   WordIds ids(model);                                      // one per document (or thread)
//   DocumentWords words(doc, ids, lexicon.phrases());        // one per document
//   SentenceView view(words, sentence);
//   for (const Slot& s : view.slots()) if (editable_word(s)) look_up(s.lm);
//
// The repair engine builds its lattice on top of this view; the detector scores the same arcs'
// evidence. Keeping one definition means check flags exactly what fix may change.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexicon/phrases.hpp"
#include "lm/model.hpp"
#include "text/document.hpp"
#include "text/string_map.hpp"

namespace unspin::lattice {

// Maps words to a model's ids. (It kept a memo of them while the models' vocabularies were
// binary-searched; with their hash indexes the memo's insertions cost more than the look-ups.)
class WordIds {
 public:
  explicit WordIds(const lm::LanguageModel& model) : model_(model) {}
  lm::WordId operator()(std::string_view word) const { return model_.lookup(word); }
  std::vector<lm::WordId> operator()(const std::vector<std::string>& words) const;
  const lm::LanguageModel& model() const { return model_; }

 private:
  const lm::LanguageModel& model_;
};

// What every token spelled the same way shares.
struct WordType {
  std::string lower;  // the text lowercased
  std::string lm;     // its language-model token ("" for punctuation and symbols)
  lm::WordId id;      // and that token's id in the model
  // The phrase-dictionary entries a word of this spelling starts (nullptr for most words).
  const lexicon::PhraseTable::Starts* phrase_starts;
  bool content_form;  // editable_form(lm): may take a reverse-thesaurus candidate where it is not a name
  bool special;       // has a character code_like() looks for: only then can its chunk be code
  bool digits;        // a word with digits that is not an ordinal ("mp3", not "21st"): code-like
};

// The WordTypes of spellings met in earlier documents. Making a type (lowercasing, the
// language-model token, a look-up in each model and in the phrase table) costs far more than
// finding it again, and a corpus of short documents repeats most of its spellings from one
// document to the next. Belongs to one model and one phrase table, which must outlive it, and to
// one thread at a time (TypeCaches hands them out).
class TypeCache {
 public:
  TypeCache(const lm::LanguageModel& model, const lexicon::PhraseTable& phrases);
  TypeCache(const TypeCache&) = delete;  // get() returns references into it
  TypeCache& operator=(const TypeCache&) = delete;

  // The type of `text` as a token of `kind` (a word, a number, punctuation or a symbol), made on
  // first use. References stay valid until clear().
  const WordType& get(std::string_view text, text::TokenKind kind);
  std::size_t size() const { return entries_.size(); }
  void clear();

 private:
  struct Entry {
    std::string text;
    unsigned kind;
    WordType type;
  };
  const lm::LanguageModel& model_;
  const lexicon::PhraseTable& phrases_;
  std::vector<std::unique_ptr<Entry>> entries_;
  std::vector<std::uint32_t> table_;  // open addressing: entry index + 1, 0 for empty
};

// TypeCaches for the threads that read documents at the same time: each document leases one for
// its duration. A cache that has grown past `max_types` spellings (about 150 bytes each) is
// emptied when it is next leased, so memory stays bounded on corpora with endless names.
class TypeCaches {
 public:
  static constexpr std::size_t kDefaultMaxTypes = 100000;
  TypeCaches(const lm::LanguageModel& model, const lexicon::PhraseTable& phrases,
             std::size_t max_types = kDefaultMaxTypes);
  ~TypeCaches();

  class Lease {
   public:
    Lease(const TypeCaches& owner, std::unique_ptr<TypeCache> cache);
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();  // gives the cache back
    TypeCache& operator*() const { return *cache_; }
    TypeCache* get() const { return cache_.get(); }

   private:
    const TypeCaches& owner_;
    std::unique_ptr<TypeCache> cache_;
  };
  // Thread-safe.
  Lease lease() const;
  // How many caches exist: at most the number of documents ever read at the same time.
  std::size_t count() const;

 private:
  const lm::LanguageModel& model_;
  const lexicon::PhraseTable& phrases_;
  std::size_t max_types_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<TypeCache>> idle_;
  mutable std::size_t count_ = 0;
};

// A document's tokens, interned once by spelling: their lowercase forms (for phrase matching) and
// language-model tokens and ids. Most spellings recur, so each is lowercased, mapped and looked
// up in the model once per document instead of once per use. `doc` and `ids` must outlive it.
class DocumentWords {
 public:
  // `phrases` marks the words that can start one of its entries. With a `cache` (made for the
  // same model and phrase table), types come from it instead of being made again.
  DocumentWords(const text::Document& doc, WordIds& ids, const lexicon::PhraseTable& phrases,
                TypeCache* cache = nullptr);
  DocumentWords(const DocumentWords&) = delete;  // lower() refers to its own members
  DocumentWords& operator=(const DocumentWords&) = delete;

  // Token `i` lowercased: its whole text for words, numbers, punctuation and symbols; empty for
  // spaces, line breaks and invalid bytes.
  std::string_view lower(std::uint32_t i) const { return lower_by_type_[type_of_[i]]; }
  const lexicon::LowerTokens& lower() const { return lower_; }
  // Token `i`'s type (an index below type_count()), and the type.
  std::uint32_t type_index(std::uint32_t i) const { return type_of_[i]; }
  const WordType& type(std::uint32_t i) const { return types_[type_of_[i]]; }
  std::size_t type_count() const { return types_.size(); }

  const text::Document& doc() const { return doc_; }
  WordIds& ids() const { return ids_; }
  // Whether token `i` lies inside an HTML or XML tag ("<div data-role=\"stated\">"): never edited.
  bool has_markup() const { return !markup_.empty(); }
  bool in_markup(std::uint32_t i) const;
  // protected_chunks(doc(), first, end), from a list made once for the whole document.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> protected_chunks(std::uint32_t first, std::uint32_t end) const;
  const lexicon::PhraseTable& phrases() const { return phrases_; }

 private:
  const text::Document& doc_;
  WordIds& ids_;
  const lexicon::PhraseTable& phrases_;
  std::vector<WordType> types_;  // complete before lower_by_type_ points into it
  std::vector<std::uint32_t> type_of_;  // by token
  std::vector<std::string_view> lower_by_type_;
  lexicon::LowerTokens lower_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> markup_;  // token ranges of tags, in order
  std::vector<std::pair<std::uint32_t, std::uint32_t>> code_;    // token ranges of code-like chunks, in order

  void find_markup();
  void find_code();
};

// A word the language model sees, and what may be done to it.
struct Slot {
  std::uint32_t token;  // document token index
  std::uint32_t type;   // its type in the document's DocumentWords
  std::string_view lm;  // its language-model token (owned by the DocumentWords)
  lm::WordId id;        // and that token's id in the model
  bool protect;         // inside a URL, e-mail address, @handle, #hashtag or code-like chunk
  bool name;            // capitalised, and not the sentence's first word
  bool content_form;    // its type's editable_form(lm)
};

// Whitespace-delimited chunks that look like a URL, an address, a handle, a hashtag or code.
bool code_like(std::string_view chunk);

// The token ranges [first, end) of the whitespace-delimited chunks among tokens [first, end) of
// `doc` that are code_like(): text that is never edited.
std::vector<std::pair<std::uint32_t, std::uint32_t>> protected_chunks(const text::Document& doc, std::uint32_t first,
                                                                      std::uint32_t end);

// Short grammatical words that are never thesaurus candidates.
bool function_word(std::string_view lm_word);

// A language-model token of 3+ lowercase letters (and apostrophes) that is not a function word.
bool editable_form(std::string_view lm_word);

// A lowercase alphabetic content word of 3+ letters, not a name, not protected: the words that
// may take a reverse-thesaurus candidate. Reads the form test its type made once.
inline bool editable_word(const Slot& slot) { return !slot.protect && !slot.name && slot.content_form; }

// A replacement's language-model tokens: lowercase, split at spaces and hyphens, numbers as <num>.
std::vector<std::string> lm_words(std::string_view text);

class SentenceView {
 public:
  // Phrase matches come from the table `words` was made with. `words` must outlive the view.
  SentenceView(const DocumentWords& words, const text::Sentence& sentence);

  const std::vector<Slot>& slots() const { return slots_; }
  // Phrase matches starting at slot `i`'s word, longest first, restricted to the sentence.
  std::span<const lexicon::PhraseMatch> matches(std::uint32_t i) const {
    return std::span<const lexicon::PhraseMatch>(matches_).subspan(match_begin_[i], match_begin_[i + 1] - match_begin_[i]);
  }
  // Index of the first slot whose token is at or after `token` (slots().size() if none).
  std::uint32_t slot_at(std::uint32_t token) const;
  // Whether a phrase match may be used at slot `i`: it ends on a slot boundary, covers no
  // protected slot, and a name is only replaced by an entry of weight >= 0.85.
  bool usable(std::uint32_t i, const lexicon::PhraseMatch& match) const;

  const text::Sentence& sentence() const { return sentence_; }

 private:
  const text::Document& doc_;
  const text::Sentence& sentence_;
  std::vector<Slot> slots_;
  std::vector<lexicon::PhraseMatch> matches_;  // by slot: slot i's are [match_begin_[i], match_begin_[i + 1])
  std::vector<std::uint32_t> match_begin_;
};

// log10 of the words `words` placed after the two slots before `at`, followed by the next two
// slots from `resume` (and </s> if the sentence ends within them): the part of a sentence's
// trigram score that changes when `words` replaces slots [at, resume). A caller that only wants
// scores of at least `floor` gets, once the running sum falls below it, that partial sum: below
// `floor` and at least the whole sum, since no trigram scores above 0.
double window_score(const lm::LanguageModel& model, const std::vector<Slot>& slots, std::uint32_t at,
                    std::uint32_t resume, const lm::WordId* words, std::size_t count,
                    double floor = -std::numeric_limits<double>::infinity());

// The written sentence's trigram scores, each asked of the model once: the windows of
// neighbouring words share two of their three trigrams, and the detector asks for the written
// window at most words. `model` and `slots` must outlive it; one per sentence and thread.
//
//   WrittenScores written(model, view.slots());
//   double kept = written.window(i, i + 1);  // == window_score(model, slots, i, i + 1, &slots[i].id, 1)
class WrittenScores {
 public:
  WrittenScores(const lm::LanguageModel& model, const std::vector<Slot>& slots);
  // window_score() of the written words of slots [at, resume), the same value, added in the same
  // order.
  double window(std::uint32_t at, std::uint32_t resume);
  // The score of slot j after the two slots before it (j == slots().size(): of </s>).
  float trigram(std::uint32_t j);
  const lm::LanguageModel& model() const { return model_; }
  const std::vector<Slot>& slots() const { return slots_; }

 private:
  const lm::LanguageModel& model_;
  const std::vector<Slot>& slots_;
  std::vector<float> scores_;  // by slot, and </s> last: its score after the two before; NaN until asked
};

}  // namespace unspin::lattice
