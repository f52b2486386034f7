#include "cli/options.hpp"

#include <catch2/catch.hpp>

#include <vector>

#include "errors.hpp"

using unspin::UsageError;
using unspin::cli::Command;
using unspin::cli::Config;
using unspin::cli::Format;
using unspin::cli::make_config;
using unspin::cli::Options;
using unspin::cli::parse_command_line;

namespace {
Options parse(std::vector<const char*> args) {
  args.insert(args.begin(), "unspin");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}
}  // namespace

TEST_CASE("commands and their arguments parse", "[options]") {
  Options o = parse({"fix", "a.txt", "-", "--lenient"});
  CHECK(o.command == Command::Fix);
  CHECK(o.inputs == std::vector<std::string>{"a.txt", "-"});
  CHECK(o.lenient);

  o = parse({"check", "--format=json", "x"});
  CHECK(o.command == Command::Check);
  CHECK(o.format == "json");

  o = parse({"check", "--format", "text", "--", "--odd-name.txt"});
  CHECK(o.inputs == std::vector<std::string>{"--odd-name.txt"});

  o = parse({"fix", "-o", "out.txt", "in.txt"});
  CHECK(o.output == "out.txt");

  // The frequency-guided repair is opt-in.
  CHECK(make_config(parse({"fix", "a.txt"})).fix.frequency_gain == 0);
  o = parse({"fix", "--rare-words", "a.txt"});
  CHECK(o.rare_words);
  CHECK(make_config(o).fix.frequency_gain == unspin::repair::kFrequencyRepairGain);
}

TEST_CASE("help and version", "[options]") {
  CHECK(parse({"--help"}).command == Command::Help);
  CHECK(parse({"--version"}).command == Command::Version);
  Options o = parse({"fix", "--help"});
  CHECK(o.command == Command::Help);
  CHECK(o.help_topic == Command::Fix);
  o = parse({"help", "check"});
  CHECK(o.help_topic == Command::Check);
  CHECK_THAT(unspin::cli::help_text(Command::Fix), Catch::Contains("Exit status"));
  CHECK_THAT(unspin::cli::help_text(Command::Check), Catch::Contains("--format"));
}

TEST_CASE("usage errors are one line", "[options]") {
  const std::vector<std::vector<const char*>> bad = {
      {},
      {"frob"},
      {"--frob"},
      {"fix", "--frob"},
      {"check", "--format"},
      {"help", "frob"},
      {"fix", "-o"},
  };
  for (const auto& args : bad) {
    CAPTURE(args.size() > 0 ? args[0] : "(none)");
    try {
      parse(args);
      FAIL("accepted");
    } catch (const UsageError& e) {
      CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("numbers out of range are refused, NaN and negatives included", "[options]") {
  // Negative values mean "not given" inside Options, so a typed negative or NaN once slipped
  // through as the default.
  const std::vector<std::vector<const char*>> bad = {
      {"fix", "--threshold", "-0.5", "a.txt"}, {"fix", "--threshold", "nan", "a.txt"},
      {"fix", "--threshold", "1", "a.txt"},    {"spin", "--rate", "-1", "a.txt"},
      {"spin", "--rate", "nan", "a.txt"},      {"spin", "--rate", "1.5", "a.txt"},
      {"check", "--min-score", "-1", "a.txt"}, {"check", "--min-score", "nan", "a.txt"},
  };
  for (const auto& args : bad) {
    CAPTURE(args[1], args[2]);
    CHECK_THROWS_AS(make_config(parse(args)), UsageError);
  }
  CHECK_THROWS_AS(make_config(parse({"lookup", ""})), UsageError);  // printed nothing, exit 0
  CHECK_THROWS_AS(make_config(parse({"lookup", "troopers", " "})), UsageError);
  CHECK(make_config(parse({"lookup", "by no means"})).inputs == std::vector<std::string>{"by no means"});
  CHECK(make_config(parse({"fix", "--threshold", "0.9", "a.txt"})).fix.threshold == 0.9);
  CHECK(make_config(parse({"spin", "--rate", "0", "a.txt"})).spin.rate == 0.0);
  CHECK(make_config(parse({"check", "--min-score", "0", "a.txt"})).min_score == 0.0);
}

TEST_CASE("make_config validates combinations without argv", "[options]") {
  Options o;
  o.command = Command::Check;
  Config c = make_config(o);
  CHECK(c.inputs == std::vector<std::string>{"-"});
  CHECK(c.format == Format::Text);

  o.format = "json";
  o.lenient = true;
  c = make_config(o);
  CHECK(c.format == Format::Json);
  CHECK(c.segment.lenient);

  o.format = "xml";
  CHECK_THROWS_WITH(make_config(o), Catch::Contains("expected 'text' or 'json'"));

  Options f;
  f.command = Command::Fix;
  f.inputs = {"a.txt"};
  f.output = "a.txt";
  CHECK_THROWS_WITH(make_config(f), Catch::Contains("never overwrites its input"));
  f.output = "-";
  CHECK(make_config(f).output.empty());
}
