// Command-line options, in two steps (as ripgrep keeps "low" and "high" arguments apart):
//
//   Options options = parse_command_line(argc, argv);   // argv -> plain struct; UsageError
//   Config config = make_config(options);               // checks combinations, builds engine options
//   int status = run(config, out, err);                 // see commands.hpp
//
// make_config() needs no argv, so tests call it with hand-built Options.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "detect/detector.hpp"
#include "repair/fixer.hpp"
#include "text/document.hpp"

namespace unspin::cli {

// Documented exit statuses (see `unspin --help`).
inline constexpr int kExitOk = 0;       // success; for check: no passage labelled spun
inline constexpr int kExitSpun = 1;     // check: at least one passage labelled spun
inline constexpr int kExitError = 2;    // usage, input, resource or output error

enum class Command { None, Fix, Check, Help, Version };
enum class Format { Text, Json };

const char* to_string(Command command);

// What the user typed, checked only for syntax. Every field defaults to the documented default.
struct Options {
  Command command = Command::None;
  Command help_topic = Command::None;  // for `unspin help CMD` and `unspin CMD --help`
  std::vector<std::string> inputs;     // files; "-" is standard input; empty means "-"
  bool lenient = false;                // --lenient: pass invalid UTF-8 through unedited (default off)
  std::string format = "text";         // check --format: "text" or "json"
  std::string output;                  // fix -o/--output: write here atomically (default stdout)
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
};

// Parses argv (argv[0] is skipped). Throws UsageError with a one-line message.
Options parse_command_line(int argc, const char* const argv[]);

// Checks options against each other. Throws UsageError.
Config make_config(const Options& options);

// The --help text of a command; Command::None gives the overview.
std::string help_text(Command command);

}  // namespace unspin::cli
