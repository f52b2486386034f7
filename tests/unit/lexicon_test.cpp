#include "lexicon/lexicon.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "errors.hpp"
#include "eval/spinner.hpp"
#include "lexicon/numbers.hpp"
#include "resources.hpp"
#include "temp_path.hpp"

namespace fs = std::filesystem;
using namespace unspin::lexicon;

namespace {

fs::path temp_file(const std::string& name, const std::string& contents) {
  return unspin::testing::write_temp_file("lexicon-" + name, contents);
}

std::string matches_at(const PhraseTable& table, const std::string& text, std::size_t token) {
  unspin::text::Segmenter segmenter;
  const auto doc = segmenter.segment(text);
  std::string out;
  for (const PhraseMatch& m : table.match(doc, token)) {
    out += m.entry->original + "@" + std::to_string(m.end_token) + ";";
  }
  return out;
}

}  // namespace

TEST_CASE("phrase TSV: matching on tokens, case and spacing", "[phrases]") {
  PhraseTable table;
  table.load(temp_file("p.tsv", "# comment\nby no means\tnever\t0.9\nknow-how\ttechnology\t0.9\n"
                                "army\tmilitary\t0.3\narmy\tarmed forces\t0.1\n").string());
  CHECK(table.size() == 4);
  CHECK(matches_at(table, "They had by no means seen it.", 4) == "never@9;");
  CHECK(matches_at(table, "By  No\u00a0Means.", 0) == "never@5;");           // any space width
  CHECK(matches_at(table, "by no-means", 0).empty());                        // spacing differs
  CHECK(matches_at(table, "new know-how here", 2) == "technology@5;");
  CHECK(matches_at(table, "new know - how", 2).empty());
  CHECK(matches_at(table, "The army came", 2) == "military@3;armed forces@3;");
  CHECK(matches_at(table, "by no\nmeans", 0).empty());                       // not across lines
}

TEST_CASE("phrase TSV: bad lines name FILE:LINE", "[phrases]") {
  struct Row {
    std::string contents;
    std::string message;
  };
  const Row rows[] = {
      {"ok\tfine\t0.5\nbroken line\n", ":2: expected 2 or 3 tab-separated fields"},
      {"a\tb\tlots\n", ":1: weight 'lots' is not a number"},
      {"a\tb\t1.5\n", ":1: weight must be in (0, 1]"},
      {"\tb\t0.5\n", ":1: empty spun form or original"},
  };
  for (const Row& row : rows) {
    PhraseTable table;
    const auto path = temp_file("bad.tsv", row.contents);
    CHECK_THROWS_WITH(table.load(path.string()), Catch::StartsWith(path.string() + row.message));
  }
  PhraseTable table;
  CHECK_THROWS_AS(table.load("/nonexistent/phrases.tsv"), unspin::ResourceError);
}

TEST_CASE("tortured-phrase CSV import keeps phrases, sets rules apart, counts what it skips", "[phrases]") {
  const std::string csv =
      "tortured_phrase,expected_phrase,num_papers\n"
      "\"\"\"counterfeit consciousness\"\"\",artificial intelligence,\"1,234\"\n"
      "\"\"\"profound learning\"\"\",deep learning,12\n"
      "\"\"\"surface region\"\" AND \"\"surface area\"\"\",surface area,42\n"
      "\"\"\"highlight extraction\"\" NOT specular\",feature extraction,3\n"
      "\"\"\"gatherings clustering\"\"~10\",clustering,2\n"
      "\"\"\"cadence design\"\"\",rythm pattern (?),1\n"
      "\"\"\"monetary development\"\"\",economic development/profit growth,1\n"
      "\"\"\"business knowledge\"\"\",business intelligence (BI),5\n"
      "\"\"\"a\"\" ADN \"\"b\"\"\",c,1\n";
  PhraseTable table;
  const ImportSummary s = table.load(temp_file("pps.csv", csv).string());
  CHECK(s.phrases == 3);
  CHECK(s.rules == 3);
  CHECK(s.skipped_total() == 3);
  CHECK(s.skipped.at("with an uncertain expected phrase (?)") == 1);
  CHECK(s.skipped.at("with alternatives in the expected phrase (a/b)") == 1);
  CHECK(s.skipped.at("with an unrecognised query") == 1);
  CHECK(matches_at(table, "A counterfeit consciousness model", 2) == "artificial intelligence@5;");
  REQUIRE(table.lookup("business knowledge").size() == 1);
  CHECK(table.lookup("business knowledge")[0]->original == "business intelligence");
  CHECK(table.lookup("business knowledge")[0]->source == PhraseSource::Tortured);
  REQUIRE(table.rules().size() == 3);
  CHECK(table.rules()[0].required == std::vector<std::string>{"surface region", "surface area"});
  CHECK(table.rules()[1].excluded == std::vector<std::string>{"specular"});
  CHECK(table.rules()[2].required == std::vector<std::string>{"gatherings clustering"});
}

TEST_CASE("the shared tortured-phrase list imports with a summary", "[phrases]") {
  const fs::path csv = fs::path(UNSPIN_SHARED_DIR) / "data" / "pps_tortured.csv";
  if (!fs::exists(csv)) {
    WARN("skipped: " << csv << " is absent");
    return;
  }
  PhraseTable table;
  const ImportSummary s = table.load(csv.string());
  // 7,644 rows: 555 AND, 22 NOT and 58 proximity rows are document conditions.
  CHECK(s.rules >= 600);
  CHECK(s.phrases > 6000);
  CHECK(s.phrases + s.rules + s.skipped_total() >= 7644);
  CHECK(s.skipped.at("with an uncertain expected phrase (?)") > 300);
  CHECK(matches_at(table, "counterfeit consciousness", 0).find("artificial intelligence") != std::string::npos);
}

TEST_CASE("no held-out spinner substitution is in the built-in phrase dictionary", "[phrases]") {
  PhraseTable builtin;
  builtin.load(unspin::dictionary_path("phrases.tsv"), PhraseSource::BuiltIn);
  CHECK(builtin.size() > 400);
  std::ifstream spinner(unspin::dictionary_path("spinner-news.tsv"));
  std::string line;
  std::size_t heldout = 0;
  while (std::getline(spinner, line)) {
    if (line.empty() || line[0] == '#' || !line.ends_with("\theldout")) continue;
    ++heldout;
    const std::string original = line.substr(0, line.find('\t'));
    std::string spun = line.substr(line.find('\t') + 1);
    spun = spun.substr(0, spun.find('\t'));
    std::size_t at = 0;
    while (at <= spun.size()) {
      const std::size_t bar = std::min(spun.find(" | ", at), spun.size());
      const std::string alternative = spun.substr(at, bar - at);
      for (const PhraseEntry* e : builtin.lookup(alternative)) {
        CAPTURE(original, alternative);
        CHECK(e->original != original);
      }
      at = bar + 3;
    }
  }
  CHECK(heldout > 80);
}

TEST_CASE("thesaurus index: build, open, look up; corrupt files are clear errors", "[thesaurus]") {
  ThesaurusBuilder builder;
  builder.add(kMoby, "fight", {"combat", "battle", "scrap", "Combat"});
  builder.add(kWordNet, "fight", {"combat"});
  builder.add(kMoby, "war", {"combat", "hostilities"});
  const fs::path path = unspin::testing::temp_path("thesaurus.idx");
  builder.write(path.string(), "test index");
  const Thesaurus t = Thesaurus::open(path.string());
  CHECK(t.description() == "test index");
  const auto c = t.candidates("combat");
  REQUIRE(c.size() == 2);
  CHECK(c[0].word == "fight");  // WordNet lists one synonym of fight: prior 1
  CHECK(c[0].prior == Approx(1.0));
  CHECK(c[0].sources == (kMoby | kWordNet));
  CHECK(c[1].word == "war");
  CHECK(c[1].prior == Approx(0.5));
  CHECK(t.candidates("nothing").empty());

  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const fs::path truncated = temp_file("truncated.idx", bytes.substr(0, bytes.size() - 5));
  CHECK_THROWS_WITH(Thesaurus::open(truncated.string()), Catch::Contains("file truncated"));
  const fs::path short_file = temp_file("short.idx", "UNSPN");
  CHECK_THROWS_WITH(Thesaurus::open(short_file.string()), Catch::Contains("shorter than its header"));
  const fs::path foreign = temp_file("foreign.idx", std::string(400, 'x'));
  CHECK_THROWS_WITH(Thesaurus::open(foreign.string()), Catch::Contains("not an unspin thesaurus"));
  std::string bad_version = bytes;
  bad_version[8] = 9;
  CHECK_THROWS_WITH(Thesaurus::open(temp_file("version.idx", bad_version).string()), Catch::Contains("version 9"));
  CHECK_THROWS_AS(Thesaurus::open("/nonexistent.idx"), unspin::ResourceError);
}

TEST_CASE("number garble rules", "[numbers]") {
  struct Row {
    const char* text;
    const char* fixes;  // "replacement@begin-end;" per fix
  };
  const Row rows[] = {
      {"with seven.6 million reservists", "7.6@2-5;"},
      {"giving Twenty first-century fight expertise", "21st@2-5;"},
      {"the eighth Special Forces and the 11th Corps", "8th@2-3;"},
      {"the eighth Special Forces", ""},            // no digit ordinals elsewhere: leave it
      {"he came eighth in the 3rd race", ""},       // not before a name
      {"one.5 and nine.25", "1.5@0-3;9.25@6-9;"},
      {"seven. 6", ""},
      {"zero.5 and eight.0", "0.5@0-3;8.0@6-9;"},       // first and last of the digit names
      {"a Nineteenth-century novel", "19th@2-3;"},      // teen ordinals, any case
      {"a ninety ninth-century date", "99th@2-5;"},     // tens with an ordinal
      {"a ninety-century, tenth.5 and theo.5", ""},     // names that are not what the rules want
  };
  unspin::text::Segmenter segmenter;
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto doc = segmenter.segment(row.text);
    std::string got;
    for (const NumberFix& f : number_fixes(doc)) {
      got += f.replacement + "@" + std::to_string(f.begin_token) + "-" + std::to_string(f.end_token) + ";";
    }
    CHECK(got == row.fixes);
  }
}

TEST_CASE("lexicon candidates are re-inflected thesaurus originals", "[lexicon]") {
  if (!fs::exists(unspin::data_path("thesaurus.idx"))) {
    WARN("skipped: no thesaurus index (tools/build makes it after tools/setup)");
    return;
  }
  const Lexicon lexicon = Lexicon::load(LexiconOptions{});
  auto has = [&](const char* word, const char* candidate) {
    const auto c = lexicon.word_candidates(word, 1000);
    return std::any_of(c.begin(), c.end(), [&](const WordCandidate& x) { return x.text == candidate; });
  };
  CHECK(has("combating", "fighting"));
  CHECK(has("phrases", "words"));
  CHECK(has("folks", "people"));
  CHECK(has("tales", "stories"));
  CHECK_FALSE(has("combating", "combating"));
  CHECK(lexicon.word_candidates("combat", 0).empty());
  const auto limited = lexicon.word_candidates("combat", 3);
  CHECK(limited.size() == 3);
  CHECK(limited[0].prior >= limited[2].prior);
}

TEST_CASE("glued words split where scraping ran two words together", "[lexicon]") {
  if (!fs::exists(unspin::data_path("thesaurus.idx"))) return;
  const Lexicon lexicon = Lexicon::load(LexiconOptions{});
  using Split = std::vector<std::pair<std::string, std::string>>;
  CHECK(lexicon.glued_words("soldierstheir") == Split{{"soldiers", "their"}});
  CHECK(lexicon.glued_words("campaignwith") == Split{{"campaign", "with"}});
  CHECK(lexicon.glued_words("themshortly") == Split{{"them", "shortly"}});
  CHECK(lexicon.glued_words("campaign").empty());     // a word
  CHECK(lexicon.glued_words("oversoon").empty());     // a thesaurus word, however rare
  CHECK(lexicon.glued_words("killin").empty());       // a dropped g
  CHECK(lexicon.glued_words("livestream").empty());   // no grammatical part: a compound, maybe
  CHECK(lexicon.glued_words("Soldierstheir").empty());  // lowercase input only
  CHECK(lexicon.glued_words("formatters").empty());   // "formatter" + s, not "for matters"
  CHECK(lexicon.glued_words("addon").empty());        // "add-on" written solid
  CHECK(lexicon.glued_words("plugin").empty());       // "plug-in"
  CHECK(lexicon.glued_words("underthe") == Split{{"under", "the"}});
  CHECK(lexicon.glued_words("befor").empty());        // a typo of "before", not "be for"
  CHECK(lexicon.glued_words("comand").empty());       // of "command"
  CHECK(lexicon.near_known_word("befor"));
  CHECK(lexicon.near_known_word("recieve"));          // a transposition
  CHECK_FALSE(lexicon.near_known_word("soldierstheir"));
  // The longest grammatical parts, at either end.
  CHECK(lexicon.glued_words("beforeharvest") == Split{{"before", "harvest"}});
  CHECK(lexicon.glued_words("harvestbefore") == Split{{"harvest", "before"}});
  // A token of 2 million letters (a scraped base64 blob, a keyboard held down) has no split. Only
  // its first and last few split points are looked at; looking at all of them hashed each
  // remaining part, which took hours, and this test would hit ctest's time limit.
  const std::string blob = "the" + std::string(2'000'000, 'x') + "the";
  CHECK(lexicon.glued_words(blob).empty());
}
