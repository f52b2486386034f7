#include "cli/options.hpp"

#include <boost/program_options.hpp>

#include <sstream>

#include "errors.hpp"

namespace po = boost::program_options;

namespace unspin::cli {
namespace {

constexpr const char* kExitStatusHelp =
    "Exit status:\n"
    "  0  success (check: no passage labelled spun)\n"
    "  1  check: at least one passage labelled spun\n"
    "  2  usage error, unreadable or invalid input, missing resource, or write error\n";

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

po::options_description command_options(Command command) {
  if (command == Command::Fix) {
    po::options_description d("Fix options");
    d.add_options()("output,o", po::value<std::string>()->value_name("FILE"),
                    "write the repaired text to FILE instead of standard output; FILE is written "
                    "whole or not at all (temporary file, then rename)");
    d.add(input_options());
    return d;
  }
  po::options_description d("Check options");
  d.add_options()("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
                  "output format: 'text' (FILE:LINE: score label) or 'json' (one object per "
                  "input per line)");
  d.add(input_options());
  return d;
}

Command command_from_name(std::string_view name) {
  if (name == "fix") return Command::Fix;
  if (name == "check") return Command::Check;
  if (name == "help") return Command::Help;
  return Command::None;
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
  if (vm.count("input")) options.inputs = vm["input"].as<std::vector<std::string>>();
  options.lenient = vm["lenient"].as<bool>();
  if (vm.count("format")) options.format = vm["format"].as<std::string>();
  if (vm.count("output")) options.output = vm["output"].as<std::string>();
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
  if (!options.output.empty()) {
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
  return config;
}

std::string help_text(Command command) {
  switch (command) {
    case Command::Fix:
      return std::string(
                 "Usage: unspin fix [OPTIONS] [FILE...]\n"
                 "\n"
                 "Restore the original wording of synonym-spun text and print the repaired text.\n"
                 "Only edits whose confidence clears a conservative threshold are made; all other\n"
                 "bytes are copied unchanged, so clean text comes back byte for byte.\n"
                 "\n"
                 "Examples:\n"
                 "  unspin fix article.txt > clean.txt\n"
                 "  curl -s URL | unspin fix - | less\n"
                 "  unspin fix -o clean.txt article.txt     # clean.txt appears whole or not at all\n"
                 "\n") +
             describe(command_options(Command::Fix)) + "\n" + kInputHelp + "\n" + kExitStatusHelp;
    case Command::Check:
      return std::string(
                 "Usage: unspin check [OPTIONS] [FILE...]\n"
                 "\n"
                 "Score every passage (paragraph) and every document for spin, with the evidence.\n"
                 "Scores are in [0, 1]; a passage at or above 0.5 is labelled 'spun'.\n"
                 "\n"
                 "Output (text): one line per passage, then one per document:\n"
                 "  article.txt:3: 0.91 spun  “by no means” ...\n"
                 "  article.txt: 0.88 spun (document: 40 passages, 12 spun)\n"
                 "Output (--format=json): one JSON object per input, one per line:\n"
                 "  {\"file\":..., \"score\":..., \"label\":\"spun\"|\"clean\", \"passages\":[{\"start\":byte,\n"
                 "   \"end\":byte, \"line\":n, \"score\":..., \"label\":..., \"evidence\":[...]}]}\n"
                 "\n"
                 "Examples:\n"
                 "  unspin check article.txt\n"
                 "  unspin check --format=json *.txt > scores.jsonl\n"
                 "  unspin check article.txt >/dev/null; [ $? -eq 1 ] && echo 'looks spun'\n"
                 "\n") +
             describe(command_options(Command::Check)) + "\n" + kInputHelp + "\n" +
             kExitStatusHelp;
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
             "  fix     print the repaired text\n"
             "  check   score each passage and document for spin, with the evidence\n"
             "  help    show help for a command: unspin help fix\n"
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
