#include "cli/commands.hpp"

#include <memory>

#include "errors.hpp"
#include "io/input.hpp"
#include "report/check_printer.hpp"
#include "version.hpp"

namespace unspin::cli {
namespace {

// Reads and segments one input; reports a per-input error and returns false on failure.
bool load(text::Segmenter& segmenter, const std::string& path, text::Document& doc,
          std::ostream& err) {
  try {
    doc = segmenter.segment(io::read_input(path));
    return true;
  } catch (const InputError& e) {
    err << "unspin: " << path << ": " << e.what() << '\n';
    return false;
  }
}

int run_fix(const Config& config, io::FdWriter& stdout_writer, std::ostream& err) {
  text::Segmenter segmenter(config.segment);
  const repair::Fixer fixer(config.fix);
  std::unique_ptr<io::AtomicFile> file;
  if (!config.output.empty()) file = std::make_unique<io::AtomicFile>(config.output);
  io::FdWriter& out = file ? file->writer() : stdout_writer;

  int status = kExitOk;
  text::Document doc;
  for (const std::string& path : config.inputs) {
    if (!load(segmenter, path, doc, err)) {
      status = kExitError;
      continue;
    }
    const repair::FixResult result = fixer.fix(doc);
    repair::for_each_piece(doc.bytes(), result.edits, [&out](std::string_view piece) { out.write(piece); });
  }
  if (file) {
    if (status != kExitOk) {
      err << "unspin: " << config.output << ": not written, because an input failed\n";
      return status;  // the AtomicFile's destructor removes the temporary file
    }
    file->commit();
  }
  return status;
}

int run_check(const Config& config, io::FdWriter& out, std::ostream& err) {
  text::Segmenter segmenter(config.segment);
  const detect::Detector detector(config.detect);
  bool any_error = false;
  bool any_spun = false;
  text::Document doc;
  std::string buffer;
  for (const std::string& path : config.inputs) {
    if (!load(segmenter, path, doc, err)) {
      any_error = true;
      continue;
    }
    const detect::DocumentScore scores = detector.score(doc);
    for (const detect::PassageScore& p : scores.passages) {
      any_spun = any_spun || p.label == detect::Label::Spun;
    }
    buffer.clear();
    if (config.format == Format::Json) {
      report::append_check_json(buffer, path, doc, scores);
    } else {
      report::append_check_text(buffer, path, doc, scores);
    }
    out.write(buffer);
  }
  if (any_error) return kExitError;
  return any_spun ? kExitSpun : kExitOk;
}

}  // namespace

int run(const Config& config, io::FdWriter& out, std::ostream& err) {
  switch (config.command) {
    case Command::Help:
      out.write(help_text(config.help_topic));
      return kExitOk;
    case Command::Version:
      out.write(std::string("unspin ") + kVersion + "\n");
      return kExitOk;
    case Command::Fix:
      return run_fix(config, out, err);
    case Command::Check:
      return run_check(config, out, err);
    case Command::None:
      break;
  }
  throw UsageError("no command given (try 'unspin --help')");
}

}  // namespace unspin::cli
