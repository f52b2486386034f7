// Command-line options, in two steps (as ripgrep keeps "low" and "high" arguments apart):
//
//   Options options = parse_command_line(argc, argv);   // argv -> plain struct; UsageError
//   Config config = make_config(options);               // checks combinations, builds engine options
//   int status = run(config, out, err);                 // see commands.hpp
//
// make_config() needs no argv, so tests call it with hand-built Options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detector.hpp"
#include "eval/metrics.hpp"
#include "eval/spinner.hpp"
#include "repair/fixer.hpp"
#include "text/document.hpp"

namespace unspin::cli {

// Documented exit statuses (see `unspin --help`).
inline constexpr int kExitOk = 0;       // success; for check: no passage labelled spun
inline constexpr int kExitSpun = 1;     // check: at least one passage labelled spun
inline constexpr int kExitError = 2;    // usage, input, resource or output error

enum class Command { None, Fix, Check, Spin, Eval, Lookup, TrainLm, Apply, Review, Batch, Help, Version };
enum class SpinProfile { News, Thesaurus };
enum class Format { Text, Json };
enum class FixView { Text, Explain, Diff, WordDiff, Json };  // what `fix` prints
enum class Color { Auto, Always, Never };

const char* to_string(Command command);

// What the user typed, checked only for syntax. Every field defaults to the documented default.
struct Options {
  Command command = Command::None;
  Command help_topic = Command::None;  // for `unspin help CMD` and `unspin CMD --help`
  std::vector<std::string> inputs;     // files; "-" is standard input; empty means "-"
  bool lenient = false;                // --lenient: pass invalid UTF-8 through unedited (default off)
  std::string format = "text";         // check --format: "text" or "json"
  std::string output;                  // fix, spin -o/--output: write here atomically (default stdout)

  // spin
  std::string profile = "news";        // --profile: "news" or "thesaurus"
  std::optional<double> rate;          // --rate in [0, 1]; default per profile (news 0.8, thesaurus 0.15)
  std::uint64_t seed = 1;              // --seed: per-document generators derive from it and the file name
  std::string split = "all";           // --split: "all", "seen" or "heldout" (news table entries)
  std::string edits;                   // --edits FILE: the spinner's edits as JSON lines (default none)
  std::string out_dir;                 // --out-dir DIR: one output file per input, same base name
  std::string thesaurus;               // --thesaurus FILE: Moby words.txt (default: the data cache)

  // eval
  std::string spun;                    // --spun FILE
  std::string original;                // --original FILE
  std::string repaired;                // --output FILE: a repaired text to score instead of running fix
  std::string pairs;                   // --pairs FILE: lines of "spun<TAB>original[<TAB>output]"
  bool match_sentences = false;        // --match-sentences: pair sentences by similarity, not lines
  std::size_t examples = 5;            // --examples N: examples shown per outcome
  bool no_coverage = false;            // --no-coverage: skip the (slow) candidate-coverage measure

  // lexicon
  std::vector<std::string> phrases;    // --phrases FILE (repeatable): user TSV or tortured-phrase CSV
  std::size_t limit = 20;              // lookup --limit N: thesaurus candidates shown per word

  // repair engine (fix, eval)
  std::optional<double> threshold;     // --threshold P: minimum edit confidence (default: FixOptions)
  bool aggressive = false;             // --aggressive: threshold 0.5, more recall and more risk
  std::size_t thesaurus_candidates = 0;  // --thesaurus-candidates N: thesaurus arcs (default off)
  bool rare_words = false;               // --rare-words: frequency-guided repair (default off)
  bool leftovers = false;                // --leftovers: delete scraping leftover lines (default off)
  bool explain = false;                // fix --explain: list the edits instead of printing the text
                                       // check --explain: show how each score was made
  std::optional<double> min_score;     // check --min-score S: hide passages below S (default: show all)
  bool sentences = false;              // check --sentences: also a line per sentence
  bool diff = false;                   // fix --diff: a unified diff instead of the text
  bool word_diff = false;              // fix --word-diff: inline [-old-]{+new+}
  std::string color = "auto";          // --color: auto (terminal and no NO_COLOR), always, never
  bool in_place = false;               // fix, apply --in-place: rewrite the input (with a backup)
  std::string html;                    // fix --html REPORT: also write the HTML review page

  // batch and streaming
  std::string out_dir_batch;           // batch --out DIR
  unsigned jobs = 0;                   // -j N worker threads (default: the number of cores)
  std::vector<std::string> include, exclude;  // batch --include/--exclude GLOB
  std::string field = "text";          // --field NAME: the JSONL field with the text
  std::string to_field;                // --to-field NAME: write the repaired text there instead
  bool edit_lists = false;             // batch --edit-lists: also write each document's edits
  bool force = false;                  // batch --force: redo outputs that are up to date
  bool quiet = false;                  // batch -q: no progress
  bool jsonl = false;                  // fix --jsonl: JSONL on stdin to JSONL on stdout
  bool flush = false;                  // --flush: flush after every record (streaming)
  std::string backup_suffix = ".orig"; // --backup-suffix: the backup's name is FILE + this
  std::string model;                   // --model MODEL: a train-lm model instead of the default one
};

// Everything a command needs, validated.
struct Config {
  Command command = Command::None;
  Command help_topic = Command::None;
  std::vector<std::string> inputs;  // never empty
  Format format = Format::Text;
  std::string output;  // empty: standard output
  text::SegmentOptions segment;
  repair::FixOptions fix;
  detect::DetectOptions detect;

  // spin
  SpinProfile profile = SpinProfile::News;
  eval::SpinOptions spin;
  std::string edits;
  std::string out_dir;
  std::string thesaurus;

  // eval: (spun, original, repaired-or-empty) triples
  struct Triple {
    std::string spun, original, repaired;
  };
  std::vector<Triple> triples;
  eval::EvalOptions evaluation;
  bool coverage = true;

  std::vector<std::string> phrases;
  std::size_t limit = 20;
  bool explain = false;
  std::string model;
  double min_score = 0;     // check: passages below this are not shown
  FixView fix_view = FixView::Text;
  bool in_place = false;
  std::string backup_suffix = ".orig";
  std::string html;  // fix: the HTML report's path, or empty
  // batch and streaming (see Options)
  std::string batch_out;
  unsigned jobs = 1;
  std::vector<std::string> include, exclude;
  std::string field = "text", to_field;
  bool edit_lists = false, force = false, quiet = false, jsonl = false, flush = false;
  Color color = Color::Auto;
  bool sentences = false;   // check: sentence lines too
};

// Parses argv (argv[0] is skipped). Throws UsageError with a one-line message.
Options parse_command_line(int argc, const char* const argv[]);

// Checks options against each other. Throws UsageError.
Config make_config(const Options& options);

// The --help text of a command; Command::None gives the overview.
std::string help_text(Command command);

}  // namespace unspin::cli
