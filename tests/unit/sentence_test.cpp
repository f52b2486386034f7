#include "lattice/sentence.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "test_engine.hpp"
#include "text/document.hpp"

using namespace unspin;

TEST_CASE("code-like chunks are protected, abbreviations are not", "[lattice]") {
  for (const char* chunk : {"http://example.com/by-no-means", "www.bbc.co.uk", "example.com", "news.example.org",
                            "user@example.com", "@handle", "#hashtag", "foo_bar", "C:\\\\temp", "a/b", "x=y", "f(x)",
                            "index.html", "sizeof()", "std::string", "$index", "queue-foreach-delete.c", "(config.h)", "INFO(", "INFO(\"The", "`INFO`", "`INFO`."}) {
    CAPTURE(chunk);
    CHECK(lattice::code_like(chunk));
  }
  for (const char* chunk : {"p.c", "e.g.", "i.e.", "U.S.", "a.m.", "Mr.", "end.", "word", "well-known", "7.6",
                            "Inc.", "3.5m", "$5", "$5.5", "e.g", "(i.e,", "p.m", "end.A", "()", "(", "word,", "`goodness'"}) {
    CAPTURE(chunk);
    CHECK_FALSE(lattice::code_like(chunk));
  }
}

TEST_CASE("a URL is protected whole where a sentence boundary falls inside it", "[lattice]") {
  text::Segmenter segmenter;
  // ICU's rules end a sentence at "?" and at "!" even inside the URL.
  const text::Document doc = segmenter.segment("See (https://groups.google.com/forum/?fromgroups#!forum/x) now.\n");
  REQUIRE(doc.sentences().size() >= 2);
  const auto tokens = doc.tokens();
  std::uint32_t fromgroups = 0;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (doc.text(tokens[i]) == "fromgroups") fromgroups = i;
  }
  REQUIRE(fromgroups > 0);
  bool found = false;
  for (const text::Sentence& s : doc.sentences()) {
    if (fromgroups < s.first_token || fromgroups >= s.end_token) continue;
    found = true;
    CHECK(s.first_token > 1);  // the check below is about a sentence that starts inside the URL
    const auto chunks = lattice::protected_chunks(doc, s.first_token, s.end_token);
    CHECK(std::any_of(chunks.begin(), chunks.end(),
                      [&](const auto& c) { return c.first <= fromgroups && fromgroups < c.second; }));
    for (const auto& [b, e] : chunks) {
      CHECK(b >= s.first_token);  // ranges stay inside the sentence asked about
      CHECK(e <= s.end_token);
    }
  }
  CHECK(found);
}

TEST_CASE("tokens inside HTML tags are markup", "[lattice]") {
  const testing::TestEngine* engine = testing::test_engine();
  if (!engine) return;
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment("<p class=\"lead\">He said 3 < 4.</p> <br/> a <b\n");
  lattice::WordIds ids(*engine->model);
  const lattice::DocumentWords words(doc, ids, engine->lexicon->phrases());
  auto markup = [&](std::string_view text, int nth = 0) {
    for (std::uint32_t i = 0; i < doc.tokens().size(); ++i) {
      if (doc.text(doc.tokens()[i]) == text && nth-- == 0) return words.in_markup(i);
    }
    FAIL("no token " << text);
    return false;
  };
  CHECK(markup("class"));
  CHECK(markup("lead"));
  CHECK(markup("p"));
  CHECK_FALSE(markup("He"));
  CHECK_FALSE(markup("said"));
  CHECK_FALSE(markup("4"));      // "3 < 4" is not a tag
  CHECK(markup("p", 1));         // "</p>"
  CHECK(markup("br"));
  CHECK_FALSE(markup("b"));      // "<b" never closed on its line
}

TEST_CASE("replacements become language-model words", "[lattice]") {
  CHECK(lattice::lm_words("According to") == std::vector<std::string>{"according", "to"});
  CHECK(lattice::lm_words("21st-century") == std::vector<std::string>{"21st", "century"});
  CHECK(lattice::lm_words("7.6 million") == std::vector<std::string>{"<num>", "million"});
}

TEST_CASE("a document's words are interned once per spelling", "[lattice]") {
  const testing::TestEngine* engine = testing::test_engine();
  if (!engine) {
    WARN("skipped: no thesaurus index or language model in the build");
    return;
  }
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment("The troopers said it. The troopers by no means left 7.6 km.\n");
  lattice::WordIds ids(*engine->model);
  const lattice::DocumentWords words(doc, ids, engine->lexicon->phrases());
  std::vector<std::uint32_t> troopers, the, left, numbers;
  for (std::uint32_t i = 0; i < doc.tokens().size(); ++i) {
    const std::string_view text = doc.text(doc.tokens()[i]);
    if (text == "troopers") troopers.push_back(i);
    if (text == "The") the.push_back(i);
    if (text == "left") left.push_back(i);
    if (text == "7.6") numbers.push_back(i);
  }
  REQUIRE(troopers.size() == 2);
  REQUIRE(the.size() == 2);
  REQUIRE(left.size() == 1);
  REQUIRE(numbers.size() == 1);
  // The same spelling is one type, with its lowercase form, LM token and id.
  CHECK(words.type_index(troopers[0]) == words.type_index(troopers[1]));
  CHECK(words.type_index(the[0]) != words.type_index(troopers[0]));
  CHECK(words.lower(the[0]) == "the");
  CHECK(words.type(the[0]).lm == "the");
  CHECK(words.type(the[0]).id == engine->model->lookup("the"));
  CHECK(words.type(numbers[0]).lm == "<num>");
  CHECK(words.lower(numbers[0]) == "7.6");
  // Spaces have no type of their own and an empty lowercase form.
  CHECK(words.type_index(troopers[0] + 1) == 0);
  CHECK(words.lower(troopers[0] + 1).empty());
  // Words the phrase dictionary has entries for are marked; the view finds the same matches.
  REQUIRE(words.type(troopers[0]).phrase_starts);
  CHECK(words.type(troopers[0]).phrase_starts == engine->lexicon->phrases().starts("troopers"));
  CHECK_FALSE(words.type(left[0]).phrase_starts);
  const lattice::SentenceView view(words, doc.sentences()[1]);
  const auto by = std::find_if(view.slots().begin(), view.slots().end(), [](const lattice::Slot& s) { return s.lm == "by"; });
  REQUIRE(by != view.slots().end());
  const auto by_slot = static_cast<std::uint32_t>(by - view.slots().begin());
  REQUIRE_FALSE(view.matches(by_slot).empty());
  CHECK(view.matches(by_slot).front().entry->original == "never");
}

TEST_CASE("word types kept from document to document are the ones made afresh", "[lattice]") {
  const testing::TestEngine* engine = testing::test_engine();
  if (!engine) {
    WARN("skipped: no thesaurus index or language model in the build");
    return;
  }
  text::Segmenter segmenter;
  const auto& phrases = engine->lexicon->phrases();
  lattice::WordIds ids(*engine->model);
  lattice::TypeCache cache(*engine->model, phrases);
  auto same = [](const lattice::WordType& a, const lattice::WordType& b) {
    return a.lower == b.lower && a.lm == b.lm && a.id == b.id && a.phrase_starts == b.phrase_starts &&
           a.content_form == b.content_form && a.special == b.special && a.digits == b.digits;
  };
  // Words, numbers, punctuation and symbols with the same text ("7" and "7th", "." and "..."),
  // code, case variants and a word outside both models' vocabularies.
  const char* texts[] = {
      "The troopers said it. The troopers by no means left 7.6 km.\n",
      "THE Troopers, 7 of them, left on the 7th... See https://example.com/x_y or mp3 files.\n",
      "Zyxwvut troopers stated: $5 & 100%; the end.\n",
  };
  std::size_t grown = 0;
  for (const char* text : texts) {
    const text::Document doc = segmenter.segment(text);
    const lattice::DocumentWords fresh(doc, ids, phrases);
    const lattice::DocumentWords kept(doc, ids, phrases, &cache);
    REQUIRE(kept.type_count() == fresh.type_count());
    for (std::uint32_t i = 0; i < doc.tokens().size(); ++i) {
      CAPTURE(text, i, doc.text(doc.tokens()[i]));
      CHECK(kept.type_index(i) == fresh.type_index(i));
      CHECK(same(kept.type(i), fresh.type(i)));
      CHECK(kept.lower(i) == fresh.lower(i));
    }
    CHECK(cache.size() > grown);  // each text brings spellings the ones before did not have
    grown = cache.size();
  }
  // A document of spellings met before adds none, and each is found with its first type.
  const std::size_t before = cache.size();
  const lattice::WordType& troopers = cache.get("troopers", text::TokenKind::Word);
  const text::Document again = segmenter.segment("The troopers said it. THE Troopers left.\n");
  const lattice::DocumentWords words(again, ids, phrases, &cache);
  CHECK(cache.size() == before);
  CHECK(&cache.get("troopers", text::TokenKind::Word) == &troopers);
  CHECK(troopers.phrase_starts == phrases.starts("troopers"));
  // The same text as a number and as a word are two types.
  CHECK(cache.get("7", text::TokenKind::Number).lm == "<num>");
  CHECK(cache.get("7", text::TokenKind::Word).lm != "<num>");
  // Types stay where they are while the cache grows past several rehashes.
  for (int k = 0; k < 5000; ++k) cache.get("word" + std::to_string(k), text::TokenKind::Word);
  CHECK(&cache.get("troopers", text::TokenKind::Word) == &troopers);
  CHECK(cache.get("word4999", text::TokenKind::Word).lower == "word4999");
}

TEST_CASE("type caches are leased one per document at a time and emptied past their bound", "[lattice]") {
  const testing::TestEngine* engine = testing::test_engine();
  if (!engine) {
    WARN("skipped: no thesaurus index or language model in the build");
    return;
  }
  lattice::TypeCaches caches(*engine->model, engine->lexicon->phrases(), 3);
  const lattice::TypeCache* first = nullptr;
  {
    const lattice::TypeCaches::Lease a = caches.lease();
    const lattice::TypeCaches::Lease b = caches.lease();
    CHECK(a.get() != b.get());  // two documents at once: two caches
    CHECK(caches.count() == 2);
    first = a.get();
    (*a).get("one", text::TokenKind::Word);
    (*a).get("two", text::TokenKind::Word);
  }
  {
    const lattice::TypeCaches::Lease c = caches.lease();  // given back, so reused
    CHECK(caches.count() == 2);
    if (c.get() == first) {
      CHECK(c.get()->size() == 2);  // under the bound: kept
      for (const char* w : {"three", "four"}) (*c).get(w, text::TokenKind::Word);
    } else {
      CHECK(c.get()->size() == 0);
    }
  }
  // Whichever cache grew past 3 spellings is emptied when leased again.
  for (int k = 0; k < 2; ++k) {
    const lattice::TypeCaches::Lease d = caches.lease();
    const lattice::TypeCaches::Lease e = caches.lease();
    CHECK(d.get()->size() <= 3);
    CHECK(e.get()->size() <= 3);
  }
  CHECK(caches.count() == 2);
}

TEST_CASE("a document's code-like chunks, found once, are the ones each sentence finds", "[lattice]") {
  const testing::TestEngine* engine = testing::test_engine();
  if (!engine) return;
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(
      "See example.com/forum/?fromgroups#!forum for more. Call f(x) and queue.c, then e.g. stop.\n"
      "Mail bob@example.org or @handle #tag. The U.S. army was stated to be ready.\n"
      "Run $HOME/bin/tool --x=1 now. Plain words only here.\n");
  lattice::WordIds ids(*engine->model);
  const lattice::DocumentWords words(doc, ids, engine->lexicon->phrases());
  std::size_t protected_sentences = 0;
  for (const text::Sentence& s : doc.sentences()) {
    const auto expected = lattice::protected_chunks(doc, s.first_token, s.end_token);
    CHECK(words.protected_chunks(s.first_token, s.end_token) == expected);
    protected_sentences += !expected.empty();
  }
  CHECK(protected_sentences >= 4);
  // Over any token range, not only sentences.
  const auto n = static_cast<std::uint32_t>(doc.tokens().size());
  for (std::uint32_t first = 0; first < n; first += 3) {
    for (std::uint32_t end = first + 1; end <= n; end += 7) {
      CHECK(words.protected_chunks(first, end) == lattice::protected_chunks(doc, first, end));
    }
  }
}

TEST_CASE("the written words' windows, kept, are window_score's", "[lattice]") {
  const testing::TestEngine* engine = testing::test_engine();
  if (!engine) return;
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(
      "Troops. Army troopers stated it. The first reports of live fire came in from the north on Monday.");
  lattice::WordIds ids(*engine->model);
  const lattice::DocumentWords words(doc, ids, engine->lexicon->phrases());
  REQUIRE(doc.sentences().size() == 3);
  for (const text::Sentence& sentence : doc.sentences()) {
    const lattice::SentenceView view(words, sentence);
    const std::vector<lattice::Slot>& slots = view.slots();
    const auto n = static_cast<std::uint32_t>(slots.size());
    lattice::WrittenScores written(*engine->model, slots);
    // Every span, asked twice in a different order: the second answer comes from the memo.
    for (int pass = 0; pass < 2; ++pass) {
      for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t at = pass == 0 ? k : n - 1 - k;
        for (std::uint32_t resume = at + 1; resume <= n; ++resume) {
          std::vector<lm::WordId> ids_written;
          for (std::uint32_t j = at; j < resume; ++j) ids_written.push_back(slots[j].id);
          CHECK(written.window(at, resume) ==
                lattice::window_score(*engine->model, slots, at, resume, ids_written.data(), ids_written.size()));
        }
      }
    }
  }
}
