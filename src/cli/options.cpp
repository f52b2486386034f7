#include "cli/options.hpp"

#include <boost/program_options.hpp>

#include <boost/algorithm/string.hpp>
#include <algorithm>
#include <thread>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "errors.hpp"

namespace po = boost::program_options;

namespace unspin::cli {
namespace {

constexpr const char* kExitStatusHelp =
    "Exit status:\n"
    "  0  success (check: no passage labelled spun)\n"
    "  1  check: at least one passage labelled spun\n"
    "  2  usage error, unreadable or invalid input, missing resource, or write error\n"
    "     (batch: any document failed; the others were still processed)\n";

constexpr const char* kInputHelp =
    "Input:\n"
    "  FILE arguments are read as UTF-8 text; with no FILE, or with '-', standard input is\n"
    "  read. Each line is a paragraph (blank lines also separate paragraphs). Invalid UTF-8 is\n"
    "  an error naming the byte offset, unless --lenient is given; binary files (with NUL\n"
    "  bytes) are refused. With several files, an error on one is reported as\n"
    "  'unspin: FILE: reason', the others still run, and the exit status is 2.\n";

// Options shared by the commands that read documents.
po::options_description input_options() {
  po::options_description d("Input options");
  d.add_options()
      ("lenient", po::bool_switch(),
       "pass invalid UTF-8 through byte for byte instead of failing; such bytes are never edited")
      ("help,h", po::bool_switch(), "show this help");
  return d;
}

// Options of the repair engine, shared by fix and eval.
po::options_description engine_options() {
  po::options_description d("Engine options");
  d.add_options()
      ("threshold", po::value<double>()->value_name("P"),
       "make only edits whose confidence is at least P, in (0, 1) (default 0.8, measured to keep "
       "damage on clean text at or below 1 word in 10,000; a phrase edit's confidence is the "
       "calibrated chance that it is right)")
      ("aggressive", po::bool_switch(), "same as --threshold 0.5: more restored, more risk")
      ("thesaurus-candidates", po::value<std::size_t>()->value_name("N"),
       "also try up to N reverse-thesaurus synonyms at words the language model finds surprising "
       "(default 0: off; 8 is a good value). Experimental: on news spin these edits were right "
       "about one time in four, and fix runs several times slower")
      ("rare-words", po::bool_switch(),
       "also replace a rare word by a far more frequent synonym where the language model prefers "
       "that synonym by a wide margin ('sapient' -> 'wise'), as thesaurus spinners that pick odd "
       "words leave them. Off by default: on thesaurus-spun dev text it restored 2% of the "
       "substitutions at precision 0.87, real spin showed none, clean-text damage rose from 0.19 "
       "to 0.34 words in 10,000, and fix on clean text runs about 1.5 times as long")
      ("leftovers", po::bool_switch(),
       "also delete lines that scraping left behind: short lowercase navigation lines before the "
       "article's first sentence or after its last ('close', 'font change'), paragraphs repeated "
       "word for word, and image captions framed by their credit ('Getty Images ... 2018Getty "
       "Images'). Off by default: whole lines go, judged by their shape alone")
      ("model", po::value<std::string>()->value_name("MODEL"),
       "use a language model trained with 'unspin train-lm' instead of the default one")
      ("phrases", po::value<std::vector<std::string>>()->value_name("FILE")->composing(),
       "add a phrase dictionary: a TSV (spun, original, weight) or a tortured-phrase CSV; repeatable");
  return d;
}

po::options_description command_options(Command command) {
  if (command == Command::Fix) {
    po::options_description d("Fix options");
    d.add_options()("output,o", po::value<std::string>()->value_name("FILE"),
                    "write the repaired text to FILE instead of standard output; FILE is written "
                    "whole or not at all (temporary file, then rename)")
        ("explain", po::bool_switch(),
         "instead of the text, list every edit: where, old and new text, confidence, source, "
         "reason and the runner-up candidates")
        ("diff", po::bool_switch(),
         "instead of the text, print a unified diff (--- a/FILE, +++ b/FILE) that 'patch -p1' and "
         "'git apply' accept; nothing for a file without edits")
        ("word-diff", po::bool_switch(),
         "instead of the text, print it with each edit inline as [-old-]{+new+} (in colour on a "
         "terminal: old in red, new in green)")
        ("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
         "'text' (the repaired text) or 'json' (the edit list with offsets, lines, confidence, "
         "source, reasons, the input's SHA-256 and the passage scores; schema unspin-fix/1)")
        ("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
         "colour for --word-diff: 'auto' (on a terminal, unless NO_COLOR is set), 'always' or 'never'")
        ("html", po::value<std::string>()->value_name("REPORT"),
         "also write a self-contained HTML review page to REPORT (one input only): the text with "
         "every edit highlighted, reasons on hover, passage spin scores in the margin, a "
         "confidence filter")
        ("jsonl", po::bool_switch(),
         "streaming filter: read JSON Lines on standard input and write one record per record "
         "to standard output, the \"text\" field repaired and an \"unspin\" object added "
         "(as 'unspin batch -'; see 'unspin help batch')")
        ("flush", po::bool_switch(), "with --jsonl: flush after every record")
        ("jobs,j", po::value<unsigned>()->value_name("N"), "with --jsonl: worker threads (default: the number of cores)")
        ("field", po::value<std::string>()->value_name("NAME")->default_value("text"),
         "with --jsonl: the string field holding each document")
        ("to-field", po::value<std::string>()->value_name("NAME"),
         "with --jsonl: write the repaired text to this field and keep the original")
        ("in-place", po::bool_switch(),
         "rewrite each FILE with its repaired text (atomically: temporary file, then rename), "
         "keeping the original as FILE.orig; files without edits are left untouched")
        ("backup-suffix", po::value<std::string>()->value_name("S")->default_value(".orig"),
         "with --in-place: the backup is FILE + S")
        ("quiet,q", po::bool_switch(),
         "no progress bar (shown on a terminal when a run takes more than a second and the "
         "results do not go to the terminal)");
    d.add(engine_options());
    d.add(input_options());
    return d;
  }
  if (command == Command::Spin) {
    po::options_description d("Spin options");
    d.add_options()
        ("profile", po::value<std::string>()->value_name("NAME")->default_value("news"),
         "'news': the stock substitutions of news spinners (dictionaries/spinner-news.tsv); "
         "'thesaurus': random single-word synonyms from the Moby thesaurus")
        ("rate", po::value<double>()->value_name("R"),
         "probability in [0, 1] that an eligible word or phrase is replaced (default: news 0.8, "
         "thesaurus 0.15)")
        ("seed", po::value<std::uint64_t>()->value_name("N")->default_value(1),
         "random seed; each document's generator derives from it and the file's base name, so "
         "results do not depend on the order or grouping of inputs")
        ("split", po::value<std::string>()->value_name("S")->default_value("all"),
         "news table entries to use: 'all', 'seen', or 'heldout' (those kept out of the fixer)")
        ("edits", po::value<std::string>()->value_name("FILE"),
         "also write the edits made, one JSON object per line, to FILE")
        ("output,o", po::value<std::string>()->value_name("FILE"),
         "write the spun text to FILE instead of standard output")
        ("out-dir", po::value<std::string>()->value_name("DIR"),
         "write each input's spun text to DIR/NAME (same base name); DIR must exist")
        ("thesaurus", po::value<std::string>()->value_name("FILE"),
         "Moby words.txt for the thesaurus profile (default: the copy fetched by tools/setup)");
    d.add(input_options());
    return d;
  }
  if (command == Command::Eval) {
    po::options_description d("Eval options");
    d.add_options()
        ("spun", po::value<std::string>()->value_name("FILE"), "the spun text")
        ("original", po::value<std::string>()->value_name("FILE"), "its original")
        ("output", po::value<std::string>()->value_name("FILE"),
         "a repaired version of the spun text to score (default: run unspin fix on it)")
        ("pairs", po::value<std::string>()->value_name("FILE"),
         "many documents: lines of SPUN<TAB>ORIGINAL[<TAB>OUTPUT], paths relative to FILE; a "
         "clean document paired with itself measures damage alone")
        ("match-sentences", po::bool_switch(),
         "pair each sentence of the original with the most similar sentence of the spun text, "
         "instead of comparing line by line (for texts that are not line-aligned)")
        ("no-coverage", po::bool_switch(), "do not measure candidate coverage (faster)")
        ("examples", po::value<std::size_t>()->value_name("N")->default_value(5),
         "examples to show for each outcome (fixed, wrong, missed, damage)")
        ("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
         "'text' (a table) or 'json' (one object)")
        ("help,h", po::bool_switch(), "show this help");
    d.add(engine_options());
    return d;
  }
  if (command == Command::Lookup) {
    po::options_description d("Lookup options");
    d.add_options()
        ("phrases", po::value<std::vector<std::string>>()->value_name("FILE")->composing(),
         "add a phrase dictionary: a TSV (spun, original, weight) or a tortured-phrase CSV "
         "(tortured_phrase, expected_phrase columns); repeatable")
        ("limit", po::value<std::size_t>()->value_name("N")->default_value(20),
         "thesaurus candidates shown per word")
        ("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
         "'text' or 'json' (one object per query, per line)")
        ("help,h", po::bool_switch(), "show this help");
    return d;
  }
  if (command == Command::Batch) {
    po::options_description d("Batch options");
    d.add_options()
        ("out", po::value<std::string>()->value_name("DIR"),
         "write outputs here, mirroring the inputs' names (required unless the input is '-')")
        ("jobs,j", po::value<unsigned>()->value_name("N"),
         "worker threads (default: the number of cores); the output is the same for any N")
        ("include", po::value<std::vector<std::string>>()->value_name("GLOB")->composing(),
         "only files matching GLOB (a name like '*.txt', or a path below the folder with '/'); repeatable")
        ("exclude", po::value<std::vector<std::string>>()->value_name("GLOB")->composing(),
         "skip files matching GLOB; repeatable")
        ("field", po::value<std::string>()->value_name("NAME")->default_value("text"),
         "JSONL: the string field holding each document")
        ("to-field", po::value<std::string>()->value_name("NAME"),
         "JSONL: write the repaired text to this field and keep the original")
        ("edit-lists", po::bool_switch(),
         "also write each text file's edits as FILE.edits.json (schema unspin-fix/1); in JSONL, "
         "add them to each record's \"unspin\" object")
        ("force", po::bool_switch(), "redo outputs that are newer than their inputs (default: skip them)")
        ("flush", po::bool_switch(), "with '-': flush after every record")
        ("quiet,q", po::bool_switch(), "no progress on standard error");
    d.add(engine_options());
    d.add(input_options());
    return d;
  }
  if (command == Command::Review) {
    po::options_description d("Review options");
    d.add_options()
        ("output,o", po::value<std::string>()->value_name("FILE"),
         "write the accepted result to FILE (whole or not at all) instead of standard output")
        ("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
         "colour the edits: 'auto' (when standard error is a terminal and NO_COLOR is unset), "
         "'always' or 'never'");
    d.add(engine_options());
    d.add(input_options());
    return d;
  }
  if (command == Command::Apply) {
    po::options_description d("Apply options");
    d.add_options()
        ("output,o", po::value<std::string>()->value_name("FILE"),
         "write the result to FILE instead of standard output (whole or not at all)")
        ("in-place", po::bool_switch(), "rewrite FILE itself, keeping the original as FILE.orig")
        ("backup-suffix", po::value<std::string>()->value_name("S")->default_value(".orig"),
         "with --in-place: the backup is FILE + S")
        ("help,h", po::bool_switch(), "show this help");
    return d;
  }
  if (command == Command::TrainLm) {
    po::options_description d("Train-lm options");
    d.add_options()
        ("output,o", po::value<std::string>()->value_name("MODEL"), "write the model here (required)")
        ("lenient", po::bool_switch(), "skip invalid UTF-8 bytes instead of failing")
        ("help,h", po::bool_switch(), "show this help");
    return d;
  }
  po::options_description d("Check options");
  d.add_options()("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
                  "output format: 'text' (FILE:LINE: score label) or 'json' (one object per "
                  "input per line)")
      ("min-score", po::value<double>()->value_name("S"),
       "show only passages (and sentences) scoring at least S, in [0, 1]; the document line and "
       "the exit status are unaffected")
      ("sentences", po::bool_switch(), "text output: also one line per sentence, indented under its passage")
      ("explain", po::bool_switch(),
       "text output: show how each score was made (every input to the model and its weight)")
      ("model", po::value<std::string>()->value_name("MODEL"),
       "use a language model trained with 'unspin train-lm' instead of the default one")
      ("phrases", po::value<std::vector<std::string>>()->value_name("FILE")->composing(),
       "add a phrase dictionary or a tortured-phrase CSV; its hits count as evidence; repeatable")
      ("quiet,q", po::bool_switch(),
       "no progress bar (shown on a terminal when a run takes more than a second and the results "
       "do not go to the terminal)");
  d.add(input_options());
  return d;
}

Command command_from_name(std::string_view name) {
  if (name == "fix") return Command::Fix;
  if (name == "check") return Command::Check;
  if (name == "spin") return Command::Spin;
  if (name == "eval") return Command::Eval;
  if (name == "lookup") return Command::Lookup;
  if (name == "train-lm") return Command::TrainLm;
  if (name == "apply") return Command::Apply;
  if (name == "review") return Command::Review;
  if (name == "batch") return Command::Batch;
  if (name == "help") return Command::Help;
  return Command::None;
}

// Reads an eval pairs file: SPUN<TAB>ORIGINAL[<TAB>OUTPUT] per line, '#' comments, paths
// relative to the file's folder.
std::vector<Config::Triple> read_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open");
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  auto resolve = [&base](const std::string& p) {
    return p == "-" || p.empty() || p[0] == '/' ? p : (base / p).string();
  };
  std::vector<Config::Triple> triples;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    boost::algorithm::split(fields, line, boost::algorithm::is_any_of("\t"));
    if (fields.size() < 2 || fields.size() > 3 || fields[0].empty() || fields[1].empty()) {
      throw InputError(path + ":" + std::to_string(number) + ": expected SPUN<TAB>ORIGINAL[<TAB>OUTPUT]");
    }
    triples.push_back({resolve(fields[0]), resolve(fields[1]), fields.size() == 3 ? resolve(fields[2]) : ""});
  }
  if (triples.empty()) throw InputError(path + ": no pairs");
  return triples;
}

std::string describe(const po::options_description& d) {
  std::ostringstream s;
  s << d;
  return s.str();
}

}  // namespace

const char* to_string(Command command) {
  switch (command) {
    case Command::Fix: return "fix";
    case Command::Check: return "check";
    case Command::Spin: return "spin";
    case Command::Eval: return "eval";
    case Command::Lookup: return "lookup";
    case Command::TrainLm: return "train-lm";
    case Command::Apply: return "apply";
    case Command::Review: return "review";
    case Command::Batch: return "batch";
    case Command::Help: return "help";
    case Command::Version: return "version";
    case Command::None: break;
  }
  return "";
}

Options parse_command_line(int argc, const char* const argv[]) {
  Options options;
  if (argc < 2) throw UsageError("no command given (try 'unspin --help')");
  const std::string_view first = argv[1];
  if (first == "--help" || first == "-h") {
    options.command = Command::Help;
    return options;
  }
  if (first == "--version" || first == "-V") {
    options.command = Command::Version;
    return options;
  }
  options.command = command_from_name(first);
  if (options.command == Command::None) {
    if (first.starts_with("-")) {
      throw UsageError("unrecognised option '" + std::string(first) + "' before the command "
                       "(try 'unspin --help')");
    }
    throw UsageError("unknown command '" + std::string(first) + "' (try 'unspin --help')");
  }
  if (options.command == Command::Help) {
    if (argc > 3) throw UsageError("help takes at most one command name");
    if (argc == 3) {
      options.help_topic = command_from_name(argv[2]);
      if (options.help_topic == Command::None || options.help_topic == Command::Help) {
        throw UsageError("no help for '" + std::string(argv[2]) + "' (try 'unspin --help')");
      }
    }
    return options;
  }

  po::options_description visible = command_options(options.command);
  po::options_description all;
  all.add(visible);
  all.add_options()("input", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1)
                  .options(all)
                  .positional(positional)
                  .style(po::command_line_style::unix_style)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(first) + ": " + e.what() + " (try 'unspin " +
                     std::string(first) + " --help')");
  }
  if (vm["help"].as<bool>()) {
    options.help_topic = options.command;
    options.command = Command::Help;
    return options;
  }
  auto text = [&vm](const char* name, std::string& field) {
    if (vm.count(name)) field = vm[name].as<std::string>();
  };
  if (vm.count("input")) options.inputs = vm["input"].as<std::vector<std::string>>();
  if (vm.count("lenient")) options.lenient = vm["lenient"].as<bool>();
  text("format", options.format);
  if (options.command == Command::Eval) {
    text("output", options.repaired);
  } else {
    text("output", options.output);
  }
  text("profile", options.profile);
  if (vm.count("rate")) options.rate = vm["rate"].as<double>();
  if (vm.count("seed")) options.seed = vm["seed"].as<std::uint64_t>();
  text("split", options.split);
  text("edits", options.edits);
  text("out-dir", options.out_dir);
  text("thesaurus", options.thesaurus);
  text("spun", options.spun);
  text("original", options.original);
  text("pairs", options.pairs);
  if (vm.count("match-sentences")) options.match_sentences = vm["match-sentences"].as<bool>();
  if (vm.count("examples")) options.examples = vm["examples"].as<std::size_t>();
  if (vm.count("no-coverage")) options.no_coverage = vm["no-coverage"].as<bool>();
  if (vm.count("phrases")) options.phrases = vm["phrases"].as<std::vector<std::string>>();
  if (vm.count("limit")) options.limit = vm["limit"].as<std::size_t>();
  if (vm.count("threshold")) options.threshold = vm["threshold"].as<double>();
  if (vm.count("aggressive")) options.aggressive = vm["aggressive"].as<bool>();
  if (vm.count("thesaurus-candidates")) options.thesaurus_candidates = vm["thesaurus-candidates"].as<std::size_t>();
  if (vm.count("rare-words")) options.rare_words = vm["rare-words"].as<bool>();
  if (vm.count("leftovers")) options.leftovers = vm["leftovers"].as<bool>();
  if (vm.count("explain")) options.explain = vm["explain"].as<bool>();
  if (vm.count("min-score")) options.min_score = vm["min-score"].as<double>();
  if (vm.count("diff")) options.diff = vm["diff"].as<bool>();
  if (vm.count("word-diff")) options.word_diff = vm["word-diff"].as<bool>();
  text("color", options.color);
  if (vm.count("in-place")) options.in_place = vm["in-place"].as<bool>();
  text("html", options.html);
  text("out", options.out_dir_batch);
  if (vm.count("jobs")) options.jobs = vm["jobs"].as<unsigned>();
  if (vm.count("include")) options.include = vm["include"].as<std::vector<std::string>>();
  if (vm.count("exclude")) options.exclude = vm["exclude"].as<std::vector<std::string>>();
  text("field", options.field);
  text("to-field", options.to_field);
  if (vm.count("edit-lists")) options.edit_lists = vm["edit-lists"].as<bool>();
  if (vm.count("force")) options.force = vm["force"].as<bool>();
  if (vm.count("quiet")) options.quiet = vm["quiet"].as<bool>();
  if (vm.count("jsonl")) options.jsonl = vm["jsonl"].as<bool>();
  if (vm.count("flush")) options.flush = vm["flush"].as<bool>();
  text("backup-suffix", options.backup_suffix);
  if (vm.count("sentences")) options.sentences = vm["sentences"].as<bool>();
  text("model", options.model);
  return options;
}

Config make_config(const Options& options) {
  Config config;
  config.command = options.command;
  config.help_topic = options.help_topic;
  config.inputs = options.inputs.empty() ? std::vector<std::string>{"-"} : options.inputs;
  if (options.format == "text") {
    config.format = Format::Text;
  } else if (options.format == "json") {
    config.format = Format::Json;
  } else {
    throw UsageError("--format: expected 'text' or 'json', got '" + options.format + "'");
  }
  if (!options.output.empty() && options.command != Command::Eval) {
    if (options.output == "-") {
      config.output.clear();  // "-o -" is standard output, as usual
    } else {
      for (const std::string& input : config.inputs) {
        if (input == options.output) {
          throw UsageError("--output '" + options.output +
                           "' is also an input; unspin never overwrites its input");
        }
      }
      config.output = options.output;
    }
  }
  config.segment.lenient = options.lenient;

  if (options.command == Command::Spin) {
    if (options.profile == "news") {
      config.profile = SpinProfile::News;
    } else if (options.profile == "thesaurus") {
      config.profile = SpinProfile::Thesaurus;
    } else {
      throw UsageError("--profile: expected 'news' or 'thesaurus', got '" + options.profile + "'");
    }
    const double rate = options.rate.value_or(config.profile == SpinProfile::News ? 0.8 : 0.15);
    if (!(rate >= 0 && rate <= 1)) throw UsageError("--rate: expected a number from 0 to 1");
    config.spin.rate = rate;
    config.spin.seed = options.seed;
    if (options.split == "all") {
      config.spin.split = eval::SpinSplit::All;
    } else if (options.split == "seen") {
      config.spin.split = eval::SpinSplit::Seen;
    } else if (options.split == "heldout") {
      config.spin.split = eval::SpinSplit::Heldout;
    } else {
      throw UsageError("--split: expected 'all', 'seen' or 'heldout', got '" + options.split + "'");
    }
    if (config.spin.split != eval::SpinSplit::All && config.profile != SpinProfile::News) {
      throw UsageError("--split applies to the news profile only");
    }
    if (!options.out_dir.empty() && !config.output.empty()) {
      throw UsageError("--output and --out-dir cannot be used together");
    }
    if (!options.out_dir.empty() && !std::filesystem::is_directory(options.out_dir)) {
      throw UsageError("--out-dir '" + options.out_dir + "' is not a directory");
    }
    config.out_dir = options.out_dir;
    config.edits = options.edits;
    config.thesaurus = options.thesaurus;
  }

  config.phrases = options.phrases;
  config.limit = options.limit;
  config.explain = options.explain;
  config.model = options.model;
  if (options.aggressive && options.threshold) throw UsageError("--aggressive and --threshold cannot be used together");
  if (options.aggressive) config.fix.threshold = 0.5;
  if (options.thesaurus_candidates > 100) throw UsageError("--thesaurus-candidates: expected at most 100");
  config.fix.thesaurus_candidates = options.thesaurus_candidates;
  if (options.rare_words) config.fix.frequency_gain = repair::kFrequencyRepairGain;
  config.fix.leftovers = options.leftovers;
  // The comparisons are written so that NaN fails them.
  if (options.threshold) {
    if (!(*options.threshold > 0 && *options.threshold < 1)) throw UsageError("--threshold: expected a number between 0 and 1");
    config.fix.threshold = *options.threshold;
  }
  if (options.min_score) {
    if (!(*options.min_score >= 0 && *options.min_score <= 1)) throw UsageError("--min-score: expected a number between 0 and 1");
    config.min_score = *options.min_score;
  }
  config.sentences = options.sentences;
  if (options.command == Command::Check && options.explain && options.format == "json") {
    throw UsageError("--explain goes with text output; JSON always carries the features");
  }
  if (options.command == Command::Fix) {
    const int views = options.explain + options.diff + options.word_diff + (options.format == "json");
    if (views > 1) throw UsageError("choose one of --explain, --diff, --word-diff and --format=json");
    config.fix_view = options.explain     ? FixView::Explain
                      : options.diff      ? FixView::Diff
                      : options.word_diff ? FixView::WordDiff
                      : options.format == "json" ? FixView::Json
                                                 : FixView::Text;
  }
  if (options.color != "auto" && options.color != "always" && options.color != "never") {
    throw UsageError("--color: expected 'auto', 'always' or 'never', got '" + options.color + "'");
  }
  config.color = options.color == "always" ? Color::Always : options.color == "never" ? Color::Never : Color::Auto;
  config.in_place = options.in_place;
  config.html = options.html;
  config.batch_out = options.out_dir_batch;
  config.jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  config.include = options.include;
  config.exclude = options.exclude;
  config.field = options.field;
  config.to_field = options.to_field;
  config.edit_lists = options.edit_lists;
  config.force = options.force;
  config.quiet = options.quiet;
  config.jsonl = options.jsonl;
  config.flush = options.flush;
  if (options.field.empty()) throw UsageError("--field: expected a field name");
  if (options.jobs > 256) throw UsageError("--jobs: at most 256");
  if (options.command == Command::Batch) {
    const bool stream = options.inputs.size() == 1 && options.inputs[0] == "-";
    if (options.inputs.empty()) throw UsageError("batch needs inputs: folders, files, or '-' for JSONL on standard input");
    if (!stream && std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end()) {
      throw UsageError("'-' (JSONL on standard input) cannot be mixed with files");
    }
    if (!stream && options.out_dir_batch.empty()) throw UsageError("batch needs --out DIR");
    if (stream && !options.out_dir_batch.empty()) throw UsageError("with '-', records go to standard output; drop --out");
    config.jsonl = stream;
  }
  if (options.command == Command::Fix && options.jsonl) {
    if (!(options.inputs.empty() || (options.inputs.size() == 1 && options.inputs[0] == "-"))) {
      throw UsageError("--jsonl reads standard input only");
    }
    if (config.fix_view != FixView::Text || options.in_place || !options.output.empty() || !options.html.empty()) {
      throw UsageError("--jsonl writes JSONL to standard output; it goes with no other output option");
    }
  }
  if (!options.html.empty() && config.inputs.size() != 1) throw UsageError("--html makes one report: give one input");
  if (!options.html.empty() && (options.html == config.inputs[0] || options.html == options.output)) {
    throw UsageError("--html '" + options.html + "' is also an input or the output");
  }
  config.backup_suffix = options.backup_suffix;
  if (options.in_place) {
    if (!options.output.empty()) throw UsageError("--in-place and --output cannot be used together");
    if (config.fix_view != FixView::Text) throw UsageError("--in-place writes repaired text; it cannot go with a review view");
    if (options.backup_suffix.empty() || options.backup_suffix.find('/') != std::string::npos) {
      throw UsageError("--backup-suffix: expected a non-empty suffix without '/'");
    }
    const std::vector<std::string>& files = options.command == Command::Apply && !options.inputs.empty()
                                                ? std::vector<std::string>(options.inputs.begin() + 1, options.inputs.end())
                                                : options.inputs;
    if (files.empty() || std::find(files.begin(), files.end(), "-") != files.end()) {
      throw UsageError("--in-place needs FILE arguments (standard input cannot be rewritten)");
    }
  }
  if (options.command == Command::Review && (options.inputs.size() != 1 || options.inputs[0] == "-")) {
    throw UsageError("review needs one FILE (standard input carries your answers)");
  }
  if (options.command == Command::Apply && options.inputs.size() != 2) {
    throw UsageError("apply needs EDITS.json and FILE (try 'unspin help apply')");
  }
  if (options.explain && !options.output.empty()) throw UsageError("--explain prints a report; it cannot go with --output");
  if (options.command == Command::TrainLm && (options.output.empty() || options.inputs.empty())) {
    throw UsageError("train-lm needs CORPUS files or folders and -o MODEL");
  }
  const bool blank = std::any_of(options.inputs.begin(), options.inputs.end(), [](const std::string& q) {
    return q.find_first_not_of(" \t\r\n") == std::string::npos;
  });
  if (options.command == Command::Lookup && (options.inputs.empty() || blank)) {
    throw UsageError("lookup needs a word or phrase (try 'unspin lookup troopers')");
  }

  if (options.command == Command::Eval) {
    if (!options.inputs.empty()) {
      throw UsageError("eval takes --spun/--original or --pairs, not file arguments");
    }
    if (options.format != "text" && options.format != "json") {
      throw UsageError("--format: expected 'text' or 'json', got '" + options.format + "'");
    }
    const bool single = !options.spun.empty() || !options.original.empty();
    if (single == !options.pairs.empty()) {
      throw UsageError("eval needs either --spun and --original, or --pairs");
    }
    if (single) {
      if (options.spun.empty() || options.original.empty()) {
        throw UsageError("eval needs both --spun and --original");
      }
      config.triples.push_back({options.spun, options.original, options.repaired});
    } else {
      if (!options.repaired.empty()) throw UsageError("--output goes with --spun, not --pairs");
      config.triples = read_pairs(options.pairs);
    }
    config.evaluation.mode = options.match_sentences ? eval::UnitMode::Sentences : eval::UnitMode::Lines;
    config.evaluation.max_examples = options.examples;
    config.coverage = !options.no_coverage;
  }
  return config;
}

std::string help_text(Command command) {
  switch (command) {
    case Command::Fix:
      return std::string(
                 "Usage: unspin fix [OPTIONS] [FILE...]\n"
                 "\n"
                 "Restore the original wording of synonym-spun text and print the repaired text.\n"
                 "Spinner phrases ('by no means' -> 'never'), number garble ('seven.6') and words\n"
                 "run together by scraping ('soldierstheir') are repaired; a spinner form the\n"
                 "document uses throughout while its original is missing counts as extra evidence.\n"
                 "Only edits whose confidence clears a conservative threshold are made and all\n"
                 "other bytes are copied unchanged, so clean text comes back as it was (measured:\n"
                 "0.2-0.3 changed words in 10,000 of clean text; docs/QUALITY.md).\n"
                 "\n"
                 "Examples:\n"
                 "  unspin fix article.txt > clean.txt\n"
                 "  curl -s URL | unspin fix - | less\n"
                 "  unspin fix -o clean.txt article.txt     # clean.txt appears whole or not at all\n"
                 "  unspin fix --explain article.txt        # each edit with confidence and reason\n"
                 "  unspin fix --diff article.txt | git apply   # review as a patch, then apply\n"
                 "  unspin fix --word-diff article.txt | less -R\n"
                 "  unspin fix --format=json article.txt > edits.json   # for tools (unspin-fix/1)\n"
                 "  unspin fix --in-place *.txt             # rewrites them, keeping FILE.orig\n"
                 "  unspin fix --html review.html article.txt >/dev/null   # open in a browser\n"
                 "\n") +
             describe(command_options(Command::Fix)) + "\n" + kInputHelp + "\n" + kExitStatusHelp;
    case Command::Check:
      return std::string(
                 "Usage: unspin check [OPTIONS] [FILE...]\n"
                 "\n"
                 "Score every passage (paragraph), sentence and document for spin, with the\n"
                 "evidence. Scores behave like probabilities (calibrated on dev data; see\n"
                 "docs/DETECTION.md); a passage at or above 0.5 is labelled 'spun'. A document's\n"
                 "score is its passages' scores weighted by their words: the expected share of\n"
                 "spun text.\n"
                 "\n"
                 "Evidence: phrase-dictionary hits (and tortured phrases from --phrases) with how\n"
                 "much the language model prefers the original; number garble ('seven.6\n"
                 "million'); rare words with a far more frequent synonym that fits better; and\n"
                 "how dense strong hits, and such rare words with a large gain, are in the whole\n"
                 "document. One odd word does not make a passage spun; several consistent signals\n"
                 "do.\n"
                 "\n"
                 "Output (text): one line per passage, then one per document:\n"
                 "  article.txt:3: 0.91 spun  “by no means” → “never” (phrase); ...\n"
                 "  article.txt: 0.88 spun (document: 40 passages, 12 spun; 31 hits, 25.0 per 1,000 words)\n"
                 "Output (--format=json): one JSON object per input, one per line (schema\n"
                 "'unspin-check/1'): {\"schema\", \"file\", \"score\", \"label\", \"words\", \"hits\",\n"
                 "  \"tortured_hits\", \"tortured_suspicious\" (5 or more), \"hits_per_1000_words\",\n"
                 "  \"passages\": [UNIT], \"sentences\": [UNIT]}\n"
                 "  UNIT: {\"start\", \"end\" (bytes), \"line\", \"score\", \"label\", \"evidence\": [{\"start\",\n"
                 "  \"end\", \"text\", \"kind\", \"original\", \"gain\", \"reason\", \"weight\"}]}\n"
                 "\n"
                 "Examples:\n"
                 "  unspin check article.txt\n"
                 "  unspin check --format=json *.txt > scores.jsonl\n"
                 "  unspin check article.txt >/dev/null; [ $? -eq 1 ] && echo 'looks spun'\n"
                 "  unspin check --min-score 0.8 --sentences article.txt   # only the worst\n"
                 "  unspin check --explain article.txt     # every input and weight of each score\n"
                 "  unspin check --phrases tortured.csv paper.txt   # tortured-phrase screening\n"
                 "\n") +
             describe(command_options(Command::Check)) + "\n" + kInputHelp + "\n" +
             kExitStatusHelp;
    case Command::Spin:
      return std::string(
                 "Usage: unspin spin [OPTIONS] [FILE...]\n"
                 "\n"
                 "Make synthetic spun text from clean text, for measuring unspin: words and\n"
                 "phrases are replaced by \"synonyms\" without regard to sense, as article\n"
                 "spinners do. The same seed and input always give the same output.\n"
                 "\n"
                 "Examples:\n"
                 "  unspin spin article.txt > spun.txt\n"
                 "  unspin spin --profile thesaurus --rate 0.2 --seed 7 article.txt\n"
                 "  unspin spin --split heldout --edits edits.jsonl -o spun.txt article.txt\n"
                 "  unspin spin --out-dir spun/ clean/*.txt\n"
                 "\n"
                 "Each line of --edits is {\"file\", \"original_start\", \"original_end\",\n"
                 "\"spun_start\", \"spun_end\", \"original\", \"replacement\", \"heldout\"} (byte\n"
                 "offsets). Words other than the first of a sentence are left alone when\n"
                 "capitalised, as proper nouns.\n"
                 "\n") +
             describe(command_options(Command::Spin)) + "\n" + kExitStatusHelp;
    case Command::Eval:
      return std::string(
                 "Usage: unspin eval --spun S --original O [--output R] [OPTIONS]\n"
                 "       unspin eval --pairs LIST [OPTIONS]\n"
                 "\n"
                 "Measure how well unspin restores spun text. The spun text S is aligned token by\n"
                 "token with its original O and with the repaired text R (by default, unspin fix\n"
                 "is run on S). Each place where S differs from O is fixed (R has O's text),\n"
                 "wrong (R changed it otherwise; 'nearer' when R is still closer to O there\n"
                 "than S, as when one of two neighbouring spun words is restored) or missed;\n"
                 "each change R made where S was already right is damage. Reported: counts,\n"
                 "precision, recall, error reduction (1 - dist(R, O) / dist(S, O)), damage per\n"
                 "10,000 words, examples of each kind, and detection quality (ROC AUC,\n"
                 "precision, recall, F1 per sentence, paragraph and document; a passage is spun\n"
                 "when S differs from O in it; 'paragraph by document' counts every paragraph of\n"
                 "a spun document as spun), and candidate coverage: the share of spun edits\n"
                 "whose original the lexicon proposes.\n"
                 "\n"
                 "Examples:\n"
                 "  unspin eval --spun spun.txt --original article.txt\n"
                 "  unspin eval --spun clean.txt --original clean.txt     # damage alone\n"
                 "  unspin eval --pairs pairs.tsv --format=json\n"
                 "  unspin eval --match-sentences --spun scraped.txt --original source.txt\n"
                 "\n") +
             describe(command_options(Command::Eval)) + "\n" + kExitStatusHelp;
    case Command::TrainLm:
      return std::string(
                 "Usage: unspin train-lm [OPTIONS] CORPUS... -o MODEL\n"
                 "\n"
                 "Train a trigram language model (interpolated modified Kneser-Ney) on your own\n"
                 "clean text, for example your news archive, and use it with --model. CORPUS\n"
                 "is files or folders (every *.txt below them, in name order); '-' is standard\n"
                 "input. Text is split into sentences and lowercased; numbers become <num> and\n"
                 "punctuation is dropped, as the repair engine sees text. The model is written\n"
                 "whole or not at all.\n"
                 "\n"
                 "Examples:\n"
                 "  unspin train-lm archive/ -o news.kn3\n"
                 "  unspin fix --model news.kn3 article.txt\n"
                 "\n") +
             describe(command_options(Command::TrainLm)) + "\n" + kExitStatusHelp;
    case Command::Batch:
      return std::string(
                 "Usage: unspin batch [OPTIONS] IN... --out DIR\n"
                 "       unspin batch [OPTIONS] -            (JSONL on standard input)\n"
                 "\n"
                 "Repair a corpus on every core. IN is folders (searched recursively, hidden\n"
                 "files skipped), text files and JSON Lines files (*.jsonl, *.ndjson). Each\n"
                 "output goes to DIR under the same relative name: the repaired text, or for\n"
                 "JSONL the same records with the --field text repaired (or written to\n"
                 "--to-field) and an \"unspin\" object added: {\"score\", \"label\", \"edits\"}.\n"
                 "All other bytes of a record are kept as they were.\n"
                 "\n"
                 "Outputs are written whole or not at all, so an interrupted batch can simply be\n"
                 "run again: outputs newer than their inputs are skipped (--force redoes them).\n"
                 "A document that cannot be read (invalid UTF-8, a malformed JSON line) is listed\n"
                 "in DIR/errors.jsonl with the reason and the batch goes on; malformed records are\n"
                 "copied unchanged. The output does not depend on -j. Progress goes to standard\n"
                 "error (a bar on a terminal, a line every 10 s otherwise, none with -q), then a\n"
                 "summary.\n"
                 "\n"
                 "With '-' (or 'unspin fix --jsonl'), JSONL is read from standard input and one\n"
                 "record per input record is written to standard output, in order: a mapper for\n"
                 "Hadoop Streaming, Spark's RDD.pipe and GNU parallel --pipe (docs/BATCH.md).\n"
                 "\n"
                 "Examples:\n"
                 "  unspin batch scraped/ --out clean/ -j 8\n"
                 "  unspin batch crawl.jsonl --out out/ --field body --to-field body_clean\n"
                 "  parallel --pipe -k -j 8 unspin batch - -q < crawl.jsonl > clean.jsonl\n"
                 "\n") +
             describe(command_options(Command::Batch)) + "\n" + kExitStatusHelp;
    case Command::Review:
      return std::string(
                 "Usage: unspin review [OPTIONS] FILE\n"
                 "\n"
                 "Walk through the edits unspin proposes for FILE one by one, as 'git add -p'\n"
                 "does, and write the text with the accepted ones. Each edit is shown in its line\n"
                 "as [-old-]{+new+} with its confidence, source and reason, on standard error;\n"
                 "answers are read from standard input, one per line:\n"
                 "  y  accept this edit          n  reject it\n"
                 "  e  edit the replacement      a  accept this and all later edits\n"
                 "  d  reject this and all later q  quit: reject this and all later edits\n"
                 "  ?  show this list\n"
                 "End of input counts as q. The result goes to standard output or -o FILE; FILE\n"
                 "itself is never changed.\n"
                 "\n"
                 "Examples:\n"
                 "  unspin review article.txt -o clean.txt\n"
                 "  printf 'y\\nn\\na\\n' | unspin review article.txt > clean.txt   # scripted\n"
                 "\n") +
             describe(command_options(Command::Review)) + "\n" + kExitStatusHelp;
    case Command::Apply:
      return std::string(
                 "Usage: unspin apply [OPTIONS] EDITS.json FILE\n"
                 "\n"
                 "Apply a reviewed edit list to FILE. EDITS.json is what 'unspin fix\n"
                 "--format=json' wrote (one object per input, schema unspin-fix/1); delete the\n"
                 "edits you reject and change any \"new\" text you want before applying. The\n"
                 "list is used only if its \"sha256\" is FILE's: edits computed on other text\n"
                 "are refused, with an error and exit status 2. Each edit's \"old\" text must be\n"
                 "at its offsets. Bytes outside the edits are copied unchanged.\n"
                 "\n"
                 "Examples:\n"
                 "  unspin fix --format=json article.txt > edits.json\n"
                 "  $EDITOR edits.json\n"
                 "  unspin apply edits.json article.txt > clean.txt\n"
                 "  unspin apply --in-place edits.json article.txt   # keeps article.txt.orig\n"
                 "\n") +
             describe(command_options(Command::Apply)) + "\n" + kExitStatusHelp;
    case Command::Lookup:
      return std::string(
                 "Usage: unspin lookup [OPTIONS] WORD|PHRASE...\n"
                 "\n"
                 "Show every candidate original the lexicon proposes for a word or phrase seen\n"
                 "in spun text, with its source and prior: phrase-dictionary entries (built-in,\n"
                 "user, tortured phrases), the word's lemma and inflection (Hunspell), and\n"
                 "reverse-thesaurus candidates re-inflected to the word's form, and for a word\n"
                 "that scraping ran together, its split ('soldierstheir': 'soldiers their').\n"
                 "This is what the repair engine chooses from; the language model picks in\n"
                 "context.\n"
                 "\n"
                 "Examples:\n"
                 "  unspin lookup troopers combating\n"
                 "  unspin lookup soldierstheir\n"
                 "  unspin lookup 'by no means'\n"
                 "  unspin lookup --phrases pps_tortured.csv 'counterfeit consciousness'\n"
                 "\n") +
             describe(command_options(Command::Lookup)) + "\n" + kExitStatusHelp;
    default:
      break;
  }
  return std::string(
             "Usage: unspin COMMAND [OPTIONS] [FILE...]\n"
             "\n"
             "unspin detects and repairs synonym-spun English text: articles run through an\n"
             "automatic \"article spinner\" (\"by no means\" for \"never\", \"troopers\" for\n"
             "\"soldiers\") and the \"tortured phrases\" of paper mills.\n"
             "\n"
             "Commands:\n"
             "  fix       print the repaired text\n"
             "  check     score each passage and document for spin, with the evidence\n"
             "  spin      make synthetic spun text from clean text (for measurement)\n"
             "  eval      measure repair and detection quality against originals\n"
             "  lookup    show the candidate originals the lexicon proposes for a word\n"
             "  train-lm  train a language model on your own clean text\n"
             "  apply     apply a reviewed edit list (from fix --format=json) to its text\n"
             "  review    accept or reject each proposed edit interactively\n"
             "  batch     repair folders, files and JSONL corpora on every core; stream JSONL\n"
             "  help      show help for a command: unspin help fix\n"
             "\n"
             "Examples:\n"
             "  unspin check article.txt                which passages look spun, and why\n"
             "  unspin fix article.txt > clean.txt      the repaired text ('-' reads stdin)\n"
             "  unspin fix --explain article.txt        every edit, its confidence and reason\n"
             "  unspin review article.txt -o clean.txt  accept or reject edit by edit\n"
             "  unspin batch scraped/ --out clean/      a whole corpus, on every core\n"
             "\n"
             "Options:\n"
             "  -h, --help      show this help\n"
             "  -V, --version   show the version\n"
             "\n"
             "Run 'unspin COMMAND --help' for a command's options and examples.\n"
             "\n") +
         kExitStatusHelp;
}

}  // namespace unspin::cli
