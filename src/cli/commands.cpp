#include "cli/commands.hpp"

#include <boost/algorithm/string/trim.hpp>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <cstdlib>
#include <memory>
#include <sstream>

#include "batch/batch.hpp"
#include "detect/frequency_table.hpp"
#include "errors.hpp"
#include "io/fnv.hpp"
#include "io/input.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/default_model.hpp"
#include "lm/kneser_ney.hpp"
#include "report/check_printer.hpp"
#include "report/diff_printer.hpp"
#include "report/html_printer.hpp"
#include "report/eval_printer.hpp"
#include "report/json.hpp"
#include "report/json_reader.hpp"
#include "io/sha256.hpp"
#include "resources.hpp"
#include "text/case.hpp"
#include "text/utf8.hpp"
#include "version.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>

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

// The repair engine's resources: the lexicon and the language model.
struct Engine {
  lexicon::Lexicon lexicon;
  std::unique_ptr<lm::LanguageModel> model;
  // The frequency-guided signal's word cache, shared by the fixer and the detector, with the
  // build's precomputed table when there is one.
  std::shared_ptr<detect::FrequentWords> frequent;
};

// The build's comma model (lm/commas.hpp), read once per process.
std::shared_ptr<const lm::CommaModel> comma_model() {
  static const auto model = std::make_shared<const lm::CommaModel>(lm::CommaModel::load(data_path("commas.tsv")));
  return model;
}

// Loaded once per command and deliberately never destroyed: the process ends with the command,
// and freeing the lexicon's and models' many small allocations took 10-15 ms of every run's
// start-up budget (the operating system reclaims the memory at exit anyway).
const Engine& load_engine(const Config& config, std::ostream& err) {
  // The language model and the lexicon are independent: load them on two threads.
  lm::ModelOptions model_options;
  model_options.kneser_ney = config.model;
  // The comma model is read on the same thread (errors surface at model.get(), below).
  auto model = std::async(std::launch::async, [model_options] {
    comma_model();
    return lm::load_default_model(model_options);
  });
  lexicon::LexiconOptions lexicon_options;
  lexicon_options.user_phrases = config.phrases;
  static Engine* kept = nullptr;  // reachable to the end, so leak checkers do not report it
  kept = new Engine{lexicon::Lexicon::load(lexicon_options), nullptr, nullptr};
  Engine& engine = *kept;
  for (const auto& [path, summary] : engine.lexicon.imports()) err << "unspin: " << path << ": " << summary.describe() << '\n';
  engine.model = model.get();  // rethrows a model-loading error here
  engine.frequent = detect::Detector::new_cache(detect::default_frequency_table());
  // Hunspell now reads its dictionary on a spare core while the input is read and processed.
  engine.lexicon.morphology().speller().preload();
  return engine;
}

// Colour on a terminal only, and never when NO_COLOR is set (https://no-color.org); fd -1 is a file.
bool use_color(Color when, int fd) {
  if (when != Color::Auto) return when == Color::Always;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return fd >= 0 && ::isatty(fd);
}

detect::DetectorWeights load_detector_weights() { return detect::DetectorWeights::load(dictionary_path("detector.tsv")); }

// The repair engine's options, with the built-in calibration of phrase edits.
repair::FixOptions fix_options(const Config& config) {
  repair::FixOptions options = config.fix;
  options.calibration = repair::Calibration::load(dictionary_path("repair.tsv"));
  options.commas = comma_model();
  return options;
}

// The detector, with the build's precomputed frequency table when there is one.
std::unique_ptr<detect::Detector> make_detector(const Engine& engine, const Config& config) {
  detect::DetectOptions options = config.detect;
  options.commas = comma_model();
  return std::make_unique<detect::Detector>(engine.lexicon, *engine.model, load_detector_weights(), options,
                                            engine.frequent);
}

void append_explanation(std::string& out, const std::string& path, const text::Document& doc, const repair::Edit& e) {
  std::string_view written = doc.bytes().substr(e.begin, e.end - e.begin);
  std::size_t at = e.begin;
  if (e.replacement.empty()) {  // a deleted line: shown without the line breaks around it
    const std::size_t first = written.find_first_not_of(" \t\r\n");
    written = first == std::string_view::npos ? std::string_view() : written.substr(first);
    written = written.substr(0, written.find_last_not_of(" \t\r\n") + 1);
    at += first == std::string_view::npos ? 0 : first;
  }
  const text::LineColumn where = doc.position(at);
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.3f", e.confidence);
  out += path + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": “" + std::string(written) +
         (e.replacement.empty() ? "” deleted " : "” → “" + e.replacement + "” ") + confidence + " " + repair::to_string(e.source) +
         "\n    " + e.reason + "\n";
  if (!e.runners_up.empty()) {
    out += "    runners-up:";
    for (const repair::Alternative& a : e.runners_up) {
      std::snprintf(confidence, sizeof confidence, "%.3f", a.confidence);
      out += " “" + a.replacement + "” " + confidence + ";";
    }
    out.back() = '\n';
  }
}

// Progress on standard error: a bar redrawn in place on a terminal, a plain line every 10
// seconds otherwise, nothing with -q.
class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool quiet) : err_(err), quiet_(quiet), tty_(::isatty(2)) {}
  void operator()(const batch::Progress& p) {
    if (quiet_) return;
    const double fraction = p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total) : 1.0;
    const double mbs = p.seconds > 0 ? static_cast<double>(p.bytes_done) / 1e6 / p.seconds : 0;
    const double eta = fraction > 0 && fraction < 1 ? p.seconds * (1 - fraction) / fraction : 0;
    char line[200];
    if (tty_) {
      const int width = 24, filled = static_cast<int>(fraction * width);
      std::snprintf(line, sizeof line, "\r[%s%s] %5.1f%%  %zu docs  %zu/%zu files  %.2f MB/s  ETA %d:%02d ",
                    std::string(static_cast<std::size_t>(filled), '#').c_str(),
                    std::string(static_cast<std::size_t>(width - filled), '-').c_str(), 100 * fraction, p.documents,
                    p.files_done, p.files_total, mbs, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
      err_ << line << std::flush;
      drawn_ = true;
    } else if (p.seconds - last_ >= 10 || (fraction >= 1 && last_ >= 0 && p.seconds > 10)) {
      std::snprintf(line, sizeof line, "unspin: batch: %.0f%%, %zu documents, %zu/%zu files, %.2f MB/s, ETA %d:%02d\n",
                    100 * fraction, p.documents, p.files_done, p.files_total, mbs, static_cast<int>(eta) / 60,
                    static_cast<int>(eta) % 60);
      err_ << line << std::flush;
      last_ = p.seconds;
    }
  }
  // Ends the bar's line, if one is drawn (before a message, or at the end).
  void finish() {
    if (drawn_) err_ << '\n' << std::flush;
    drawn_ = false;
  }

 private:
  std::ostream& err_;
  bool quiet_, tty_;
  bool drawn_ = false;
  double last_ = 0;
};

// Progress over the input of fix and check: the bar above, only on a terminal, only when the
// results do not go to the terminal (they would mix with the bar), once the run has taken a
// second, and redrawn at most ten times a second. It moves within a file, sentence by sentence.
class FileProgress {
 public:
  FileProgress(const Config& config, bool output_to_terminal, std::ostream& err)
      : enabled_(!config.quiet && !output_to_terminal && ::isatty(2)), line_(err, !enabled_) {
    progress_.files_total = config.inputs.size();
    for (const std::string& path : config.inputs) {
      std::error_code ec;
      const std::uintmax_t size = path == "-" ? 0 : std::filesystem::file_size(path, ec);
      if (!ec) progress_.bytes_total += size;
    }
  }
  ~FileProgress() { line_.finish(); }
  FileProgress(const FileProgress&) = delete;
  FileProgress& operator=(const FileProgress&) = delete;

  // Passes messages on to standard error, ending the bar's line first.
  void message(std::ostream& err, const std::string& text) {
    if (text.empty()) return;
    line_.finish();
    err << text;
  }
  // load() below, with its error messages passed through message().
  bool load(text::Segmenter& segmenter, const std::string& path, text::Document& doc, std::ostream& err);
  // For Fixer::fix and Detector::score: bytes of the current file done so far.
  std::function<void(std::size_t)> within() {
    if (!enabled_) return {};
    return [this](std::size_t bytes) { update(files_bytes_ + bytes, false); };
  }
  void file_done(std::size_t bytes) {
    ++progress_.files_done;
    ++progress_.documents;
    files_bytes_ += bytes;
    update(files_bytes_, true);
  }

 private:
  void update(std::size_t bytes_done, bool file_end) {
    const double now = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (now < after_ || (!file_end && now - drawn_at_ < 0.1)) return;
    progress_.bytes_done = bytes_done;
    progress_.seconds = now;
    drawn_at_ = now;
    line_(progress_);
  }
  // Seconds before the bar appears; UNSPIN_PROGRESS_AFTER overrides it (the tests set 0, so that
  // they do not depend on the machine's speed).
  static double delay() {
    const char* s = std::getenv("UNSPIN_PROGRESS_AFTER");
    return s && *s ? std::atof(s) : 1.0;
  }
  bool enabled_;
  double after_ = delay();
  double drawn_at_ = -1;
  std::size_t files_bytes_ = 0;  // bytes of the files done
  ProgressLine line_;
  batch::Progress progress_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

bool FileProgress::load(text::Segmenter& segmenter, const std::string& path, text::Document& doc, std::ostream& err) {
  std::ostringstream messages;
  const bool loaded = cli::load(segmenter, path, doc, messages);
  message(err, messages.str());
  return loaded;
}

int run_stream_mode(const Config& config, io::FdWriter& out, std::ostream& err);

int run_fix(const Config& config, io::FdWriter& stdout_writer, std::ostream& err) {
  if (config.jsonl) return run_stream_mode(config, stdout_writer, err);
  text::Segmenter segmenter(config.segment);
  const Engine& engine = load_engine(config, err);
  repair::FixOptions options = fix_options(config);
  // The repaired text and the diffs show no reasons; --explain, JSON and the HTML report do.
  options.reasons = config.fix_view == FixView::Explain || config.fix_view == FixView::Json || !config.html.empty();
  const repair::Fixer fixer(engine.lexicon, *engine.model, options, engine.frequent);
  std::unique_ptr<io::AtomicFile> file;
  if (!config.output.empty()) file = std::make_unique<io::AtomicFile>(config.output);
  io::FdWriter& out = file ? file->writer() : stdout_writer;
  // JSON carries the passage scores: only then is the detector needed.
  std::unique_ptr<detect::Detector> detector;
  if (config.fix_view == FixView::Json || !config.html.empty()) {
    detector = make_detector(engine, config);
  }
  const bool color = use_color(config.color, file ? -1 : 1);
  FileProgress progress(config, !file && !config.in_place && ::isatty(1), err);

  int status = kExitOk;
  text::Document doc;
  for (const std::string& path : config.inputs) {
    if (!progress.load(segmenter, path, doc, err)) {
      status = kExitError;
      continue;
    }
    const repair::FixResult result = fixer.fix(doc, progress.within());
    progress.file_done(doc.bytes().size());
    if (!config.html.empty()) {
      std::string page;
      report::append_html_report(page, path, doc, result.edits, detector->score(doc));
      io::AtomicFile html(config.html);
      html.writer().write(page);
      html.commit();
    }
    std::string report;
    switch (config.fix_view) {
      case FixView::Text:
        if (config.in_place) {
          if (!result.edits.empty()) {
            io::replace_file(path, doc.bytes(), repair::apply_edits(doc.bytes(), result.edits), config.backup_suffix);
            progress.message(err, "unspin: " + path + ": " + std::to_string(result.edits.size()) +
                                      " edits; original kept as " + path + config.backup_suffix + "\n");
          }
          continue;
        }
        repair::for_each_piece(doc.bytes(), result.edits, [&out](std::string_view piece) { out.write(piece); });
        continue;
      case FixView::Explain:
        for (const repair::Edit& e : result.edits) append_explanation(report, path, doc, e);
        break;
      case FixView::Diff: report::append_unified_diff(report, path, doc.bytes(), result.edits); break;
      case FixView::WordDiff: report::append_word_diff(report, doc.bytes(), result.edits, color); break;
      case FixView::Json: {
        const detect::DocumentScore scores = detector->score(doc);
        report::append_fix_json(report, path, doc, result.edits, &scores);
        break;
      }
    }
    out.write(report);
  }
  if (file) {
    if (status != kExitOk) {
      progress.message(err, "unspin: " + config.output + ": not written, because an input failed\n");
      return status;  // the AtomicFile's destructor removes the temporary file
    }
    file->commit();
  }
  return status;
}

int run_check(const Config& config, io::FdWriter& out, std::ostream& err) {
  text::Segmenter segmenter(config.segment);
  const Engine& engine = load_engine(config, err);
  const std::unique_ptr<detect::Detector> owned_detector = make_detector(engine, config);
  const detect::Detector& detector = *owned_detector;
  bool any_error = false;
  bool any_spun = false;
  text::Document doc;
  std::string buffer;
  FileProgress progress(config, ::isatty(1), err);
  for (const std::string& path : config.inputs) {
    if (!progress.load(segmenter, path, doc, err)) {
      any_error = true;
      continue;
    }
    const detect::DocumentScore scores = detector.score(doc, progress.within());
    progress.file_done(doc.bytes().size());
    for (const detect::PassageScore& p : scores.passages) {
      any_spun = any_spun || p.label == detect::Label::Spun;
    }
    buffer.clear();
    const report::CheckView view{config.min_score, config.sentences, config.explain, &detector.weights()};
    if (config.format == Format::Json) {
      report::append_check_json(buffer, path, doc, scores, view);
    } else {
      report::append_check_text(buffer, path, doc, scores, view);
    }
    out.write(buffer);
  }
  if (any_error) return kExitError;
  return any_spun ? kExitSpun : kExitOk;
}

eval::SpinTable load_spin_table(const Config& config) {
  if (config.profile == SpinProfile::News) {
    return eval::SpinTable::load_news(dictionary_path("spinner-news.tsv"));
  }
  const std::string path =
      config.thesaurus.empty() ? cache_path("moby-1.1.2/package/words.txt") : config.thesaurus;
  if (!std::filesystem::exists(path)) {
    throw ResourceError(path + ": Moby thesaurus not found (tools/setup fetches it, or give --thesaurus)");
  }
  return eval::SpinTable::load_moby(path);
}

void append_spin_edits(std::string& out, const std::string& name, const eval::SpinResult& result) {
  for (const eval::SpinEdit& e : result.edits) {
    report::JsonWriter w(out);
    w.begin_object();
    w.key("file").value(name);
    w.key("original_start").value(static_cast<std::uint64_t>(e.original_begin));
    w.key("original_end").value(static_cast<std::uint64_t>(e.original_end));
    w.key("spun_start").value(static_cast<std::uint64_t>(e.spun_begin));
    w.key("spun_end").value(static_cast<std::uint64_t>(e.spun_end));
    w.key("original").value(e.original);
    w.key("replacement").value(e.replacement);
    w.key("heldout").value(e.heldout);
    w.end_object();
    out += '\n';
  }
}

int run_spin(const Config& config, io::FdWriter& stdout_writer, std::ostream& err) {
  const eval::SpinTable table = load_spin_table(config);
  text::Segmenter segmenter(config.segment);
  std::unique_ptr<io::AtomicFile> file;
  if (!config.output.empty()) file = std::make_unique<io::AtomicFile>(config.output);
  std::unique_ptr<io::AtomicFile> edits_file;
  if (!config.edits.empty()) edits_file = std::make_unique<io::AtomicFile>(config.edits);
  io::FdWriter& out = file ? file->writer() : stdout_writer;

  int status = kExitOk;
  text::Document doc;
  std::string edits;
  for (const std::string& path : config.inputs) {
    if (!load(segmenter, path, doc, err)) {
      status = kExitError;
      continue;
    }
    const std::string base = std::filesystem::path(path).filename().string();
    eval::SpinOptions options = config.spin;
    options.seed = config.spin.seed ^ io::fnv1a(base, io::kSpinSeedBasis);
    const eval::SpinResult result = eval::Spinner(table, options).spin(doc);
    if (!config.out_dir.empty()) {
      if (path == "-") throw UsageError("--out-dir needs named files, not standard input");
      io::AtomicFile one((std::filesystem::path(config.out_dir) / base).string());
      one.writer().write(result.text);
      one.commit();
    } else {
      out.write(result.text);
    }
    edits.clear();
    append_spin_edits(edits, path, result);
    if (edits_file) edits_file->writer().write(edits);
  }
  if (status != kExitOk) return status;  // partial -o / --edits files are removed
  if (file) file->commit();
  if (edits_file) edits_file->commit();
  return status;
}

// Reads and segments a whole file for eval; eval inputs must be valid UTF-8.
text::Document load_strict(text::Segmenter& segmenter, const std::string& path) {
  try {
    return segmenter.segment(io::read_input(path));
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
}

int run_eval(const Config& config, io::FdWriter& out, std::ostream& err) {
  text::Segmenter segmenter(config.segment);
  const Engine& engine = load_engine(config, err);
  const lexicon::Lexicon& lex = engine.lexicon;
  const repair::Fixer fixer(engine.lexicon, *engine.model, fix_options(config), engine.frequent);
  const std::unique_ptr<detect::Detector> owned_detector = make_detector(engine, config);
  const detect::Detector& detector = *owned_detector;
  eval::EvalOptions eval_options = config.evaluation;
  if (config.coverage) {
    eval_options.covered = [&lex](std::string_view spun, std::string_view original) {
      return lex.proposes(spun, original);
    };
  }
  eval::Evaluation evaluation(eval_options);
  int status = kExitOk;
  for (const Config::Triple& t : config.triples) {
    try {
      const text::Document spun = load_strict(segmenter, t.spun);
      const text::Document original = load_strict(segmenter, t.original);
      const text::Document repaired =
          t.repaired.empty()
              ? segmenter.segment(repair::apply_edits(spun.bytes(), fixer.fix(spun).edits))
              : load_strict(segmenter, t.repaired);
      const detect::DocumentScore scores = detector.score(spun);
      try {
        evaluation.add(std::filesystem::path(t.spun).filename().string(), spun, original, repaired, &scores);
      } catch (const InputError& e) {
        throw InputError(t.spun + ": " + e.what());
      }
    } catch (const InputError& e) {
      err << "unspin: " << e.what() << '\n';
      status = kExitError;
    }
  }
  if (evaluation.documents() == 0) {
    err << "unspin: eval: no document could be evaluated\n";
    return kExitError;
  }
  std::string buffer;
  if (config.format == Format::Json) {
    report::append_eval_json(buffer, evaluation, config.detect.threshold);
  } else {
    report::append_eval_text(buffer, evaluation, config.detect.threshold);
  }
  out.write(buffer);
  return status;
}

// Writes a command's whole result to -o FILE (atomically) or to standard output.
void write_output(const Config& config, io::FdWriter& stdout_writer, std::string_view bytes) {
  if (config.output.empty()) {
    stdout_writer.write(bytes);
    return;
  }
  io::AtomicFile file(config.output);
  file.writer().write(bytes);
  file.commit();
}

// The edit list in `list` (one JSON object, or JSON lines of them) computed on text with this
// SHA-256, as edits; throws InputError when there is none or it is malformed.
std::vector<repair::Edit> reviewed_edits(const std::string& list_name, std::string_view list, std::string_view text) {
  std::vector<report::JsonValue> objects;
  try {
    objects.push_back(report::parse_json(list));  // one object, perhaps pretty-printed
  } catch (const InputError&) {
    try {
      objects = report::parse_json_lines(list);
    } catch (const InputError& e) {
      throw InputError(list_name + ": not an edit list: " + e.what());
    }
  }
  const std::string hash = io::sha256_hex(text);
  const report::JsonValue* chosen = nullptr;
  std::string seen;
  for (const report::JsonValue& o : objects) {
    const report::JsonValue* h = o.find("sha256");
    if (!h || h->type != report::JsonValue::Type::String) continue;
    if (h->string == hash) {
      chosen = &o;
      break;
    }
    if (seen.empty()) seen = h->string;
  }
  if (!chosen) {
    throw InputError("its SHA-256 is " + hash + ", but " + list_name +
                     (seen.empty() ? " has no edit list with a \"sha256\"" : " was computed on text with SHA-256 " + seen) +
                     "; refusing to apply edits to other text");
  }
  std::vector<repair::Edit> edits;
  try {
    for (const report::JsonValue& e : chosen->at("edits").array) {
      const double start = e.at("start").number, end = e.at("end").number;
      if (!(start >= 0 && end >= start && end <= static_cast<double>(text.size())) || start != std::floor(start) ||
          end != std::floor(end)) {
        throw InputError("edit at " + std::to_string(start) + ": offsets outside the text");
      }
      repair::Edit edit;
      edit.begin = static_cast<std::size_t>(start);
      edit.end = static_cast<std::size_t>(end);
      edit.replacement = e.at("new").string;
      if (const report::JsonValue* old = e.find("old"); old && text.substr(edit.begin, edit.end - edit.begin) != old->string) {
        throw InputError("edit at byte " + std::to_string(edit.begin) + ": the text there is not \"" + old->string + "\"");
      }
      edits.push_back(std::move(edit));
    }
  } catch (const InputError& e) {
    throw InputError(list_name + ": " + e.what());
  }
  std::sort(edits.begin(), edits.end(), [](const repair::Edit& a, const repair::Edit& b) { return a.begin < b.begin; });
  return edits;
}

int run_apply(const Config& config, io::FdWriter& stdout_writer, std::ostream& err) {
  const std::string& list_path = config.inputs[0];
  const std::string& path = config.inputs[1];
  std::string list, text, repaired;
  try {
    list = io::read_input(list_path);
  } catch (const InputError& e) {
    err << "unspin: " << list_path << ": " << e.what() << '\n';
    return kExitError;
  }
  try {
    text = io::read_input(path);
    repaired = repair::apply_edits(text, reviewed_edits(list_path, list, text));
  } catch (const InputError& e) {
    err << "unspin: " << path << ": " << e.what() << '\n';
    return kExitError;
  }
  if (config.in_place) {
    if (repaired != text) io::replace_file(path, text, repaired, config.backup_suffix);
    return kExitOk;
  }
  write_output(config, stdout_writer, repaired);
  return kExitOk;
}

// The line around an edit, with the edit marked, for review.
std::string edit_in_context(const text::Document& doc, const repair::Edit& e, bool color) {
  const std::string_view bytes = doc.bytes();
  const std::size_t nl = e.begin == 0 ? std::string_view::npos : bytes.rfind('\n', e.begin - 1);
  const std::size_t line_begin = nl == std::string_view::npos ? 0 : nl + 1;
  std::size_t line_end = bytes.find('\n', e.end);
  if (line_end == std::string_view::npos) line_end = bytes.size();
  if (line_end > line_begin && bytes[line_end - 1] == '\r') --line_end;
  repair::Edit in_line = e;
  in_line.begin -= line_begin;
  in_line.end -= line_begin;
  std::string out;
  report::append_word_diff(out, bytes.substr(line_begin, line_end - line_begin), std::span(&in_line, 1), color);
  return out;
}

int run_review(const Config& config, io::FdWriter& stdout_writer, std::istream& in, std::ostream& err) {
  const std::string& path = config.inputs[0];
  text::Segmenter segmenter(config.segment);
  text::Document doc;
  if (!load(segmenter, path, doc, err)) return kExitError;
  const Engine& engine = load_engine(config, err);
  const repair::Fixer fixer(engine.lexicon, *engine.model, fix_options(config), engine.frequent);
  std::vector<repair::Edit> edits = fixer.fix(doc).edits;
  const bool color = use_color(config.color, 2);
  static const char* kHelp =
      "y - accept this edit\nn - reject this edit\ne - edit the replacement, then accept it\n"
      "a - accept this and all later edits\nd - reject this and all later edits\n"
      "q - quit: reject this and all later edits\n? - print help\n";
  std::vector<repair::Edit> accepted;
  enum class Rest { Ask, Accept, Reject } rest = Rest::Ask;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    repair::Edit& e = edits[i];
    if (rest == Rest::Accept) accepted.push_back(e);
    if (rest != Rest::Ask) continue;
    const text::LineColumn where = doc.position(e.begin);
    char head[160];
    std::snprintf(head, sizeof head, "(%zu/%zu) %s:%u:%u  confidence %.3f  %s\n", i + 1, edits.size(), path.c_str(),
                  where.line, where.column, e.confidence, repair::to_string(e.source));
    err << head << "    " << e.reason << "\n    " << edit_in_context(doc, e, color) << "\n";
    for (;;) {
      err << "Accept this edit [y,n,e,a,d,q,?]? " << std::flush;
      std::string answer;
      if (!std::getline(in, answer)) {
        err << "\n";
        answer = "q";
      }
      boost::algorithm::trim(answer);
      if (answer == "y") {
        accepted.push_back(e);
      } else if (answer == "n") {
      } else if (answer == "e") {
        err << "Replacement for “" << doc.bytes().substr(e.begin, e.end - e.begin) << "” (empty keeps “" << e.replacement
            << "”): " << std::flush;
        std::string typed;
        if (std::getline(in, typed) && !typed.empty()) {
          if (text::find_invalid_utf8(typed) != std::string::npos) {
            err << "not valid UTF-8; try again\n";
            continue;
          }
          e.replacement = typed;
        }
        accepted.push_back(e);
      } else if (answer == "a") {
        accepted.push_back(e);
        rest = Rest::Accept;
      } else if (answer == "d" || answer == "q") {
        rest = Rest::Reject;
      } else {
        err << kHelp;
        continue;
      }
      break;
    }
  }
  err << "unspin: " << path << ": " << accepted.size() << " of " << edits.size() << " edits accepted\n";
  const std::string result = repair::apply_edits(doc.bytes(), accepted);
  write_output(config, stdout_writer, result);
  return kExitOk;
}

batch::EngineParts engine_parts(const Config& config) {
  batch::EngineParts parts;
  parts.lexicon.user_phrases = config.phrases;
  parts.model.kneser_ney = config.model;
  parts.fix = fix_options(config);
  parts.weights = load_detector_weights();
  parts.detect = config.detect;
  parts.detect.commas = comma_model();
  parts.segment = config.segment;
  return parts;
}

// Loads the phrase dictionaries once up front, so that a bad --phrases file is reported once
// (and what a tortured-phrase import skipped is said once), before the workers load their own.
void check_phrases(const Config& config, std::ostream& err) {
  lexicon::PhraseTable table;
  for (const std::string& path : config.phrases) {
    const lexicon::ImportSummary summary = table.load(path);
    if (!summary.empty()) err << "unspin: " << path << ": " << summary.describe() << '\n';
  }
}


int run_stream_mode(const Config& config, io::FdWriter& out, std::ostream& err) {
  check_phrases(config, err);
  batch::RecordOptions records;
  records.field = config.field;
  records.to_field = config.to_field;
  records.edit_lists = config.edit_lists;
  const batch::Summary s = batch::run_stream(0, out, records, engine_parts(config), config.jobs, config.flush, err);
  if (!config.quiet) err << "unspin: " << s.describe() << '\n';
  return s.errors ? kExitError : kExitOk;
}

int run_batch_command(const Config& config, io::FdWriter& out, std::ostream& err) {
  if (config.jsonl) return run_stream_mode(config, out, err);
  check_phrases(config, err);
  batch::BatchOptions options;
  options.inputs = config.inputs;
  options.out_dir = config.batch_out;
  options.include = config.include;
  options.exclude = config.exclude;
  options.records.field = config.field;
  options.records.to_field = config.to_field;
  options.records.edit_lists = config.edit_lists;
  options.edit_lists = config.edit_lists;
  options.force = config.force;
  options.jobs = config.jobs;
  ProgressLine progress(err, config.quiet);
  batch::Summary s;
  try {
    s = batch::run_batch(options, engine_parts(config), [&progress](const batch::Progress& p) { progress(p); });
  } catch (const InputError& e) {
    progress.finish();
    err << "unspin: " << e.what() << '\n';
    return kExitError;
  } catch (const batch::Stopped& e) {
    // Disk full, or an output path taken by a folder: every later output would fail the same
    // way, so the batch stopped. What it wrote is whole (written aside, then renamed).
    progress.finish();
    err << "unspin: " << e.what() << '\n'
        << "unspin: batch: stopped; the outputs already written are complete, and the same command "
           "run again goes on from where it stopped\n";
    return kExitError;
  }
  progress.finish();
  err << "unspin: batch: " << s.describe() << '\n';
  if (s.errors) err << "unspin: batch: the errors are listed in " << config.batch_out << "/errors.jsonl\n";
  return s.errors ? kExitError : kExitOk;
}

int run_lookup(const Config& config, io::FdWriter& out, std::ostream& err) {
  lexicon::LexiconOptions options;
  options.user_phrases = config.phrases;
  const lexicon::Lexicon lex = lexicon::Lexicon::load(options);
  for (const auto& [path, summary] : lex.imports()) err << "unspin: " << path << ": " << summary.describe() << '\n';
  std::string buffer;
  char number[32];
  for (const std::string& query : config.inputs) {
    const std::string q = text::to_lower(query);
    const auto phrases = lex.phrases().lookup(q);
    const auto analyses = lex.morphology().analyze(q);
    const auto candidates = lex.word_candidates(q, config.limit);
    const auto splits = lex.glued_words(q);
    buffer.clear();
    if (config.format == Format::Json) {
      report::JsonWriter w(buffer);
      w.begin_object().key("query").value(query).key("phrases").begin_array();
      for (const auto* e : phrases) {
        w.begin_object().key("original").value(e->original).key("weight").value(static_cast<double>(e->weight), 2);
        w.key("source").value(lexicon::to_string(e->source)).key("origin").value(e->origin).end_object();
      }
      w.end_array().key("analyses").begin_array();
      for (const auto& a : analyses) {
        w.begin_object().key("lemma").value(a.lemma).key("inflection").value(lexicon::to_string(a.inflection)).end_object();
      }
      w.end_array().key("thesaurus").begin_array();
      for (const auto& c : candidates) {
        w.begin_object().key("text").value(c.text).key("prior").value(static_cast<double>(c.prior), 4);
        w.key("sources").value(lexicon::sources_to_string(c.sources)).key("reason").value(c.reason).end_object();
      }
      w.end_array().key("glued").begin_array();
      for (const auto& [left, right] : splits) w.value(left + " " + right);
      w.end_array().end_object();
      buffer += '\n';
    } else {
      buffer += query + "\n";
      for (const auto* e : phrases) {
        std::snprintf(number, sizeof number, "%.2f", static_cast<double>(e->weight));
        buffer += "  " + std::string(lexicon::to_string(e->source)) + "\t" + e->original + "\t" + number + "\t" + e->origin + "\n";
      }
      if (!analyses.empty()) {
        buffer += "  lemma";
        for (std::size_t i = 0; i < analyses.size(); ++i) {
          buffer += (i ? ", " : "\t") + analyses[i].lemma;
          if (analyses[i].inflection != lexicon::Inflection::None) buffer += std::string(" ") + lexicon::to_string(analyses[i].inflection);
        }
        buffer += "\n";
      }
      for (const auto& c : candidates) {
        std::snprintf(number, sizeof number, "%.4f", static_cast<double>(c.prior));
        buffer += "  thesaurus\t" + c.text + "\t" + number + "\t" + c.reason + "\n";
      }
      for (const auto& [left, right] : splits) buffer += "  glued\t" + left + " " + right + "\n";
      if (phrases.empty() && candidates.empty() && splits.empty()) buffer += "  (no candidates)\n";
    }
    out.write(buffer);
  }
  return kExitOk;
}

int run_train_lm(const Config& config, std::ostream& err) {
  text::Segmenter segmenter(config.segment);
  lm::KneserNeyTrainer trainer;
  int status = kExitOk;
  text::Document doc;
  const std::vector<std::string> files = io::corpus_files(config.inputs);
  if (files.empty()) {
    std::string given;
    for (const std::string& input : config.inputs) given += (given.empty() ? "" : ", ") + input;
    throw InputError(given + ": no .txt files to train on");
  }
  for (const std::string& path : files) {
    if (!load(segmenter, path, doc, err)) {
      status = kExitError;
      continue;
    }
    trainer.add_document(doc);
  }
  if (status != kExitOk) {
    err << "unspin: " << config.output << ": not written, because an input failed\n";
    return status;
  }
  trainer.write(config.output, "trained by unspin train-lm on " + std::to_string(files.size()) + " files, " +
                                   std::to_string(trainer.tokens()) + " tokens");
  const lm::KneserNeyModel model = lm::KneserNeyModel::open(config.output);
  err << "unspin: " << config.output << ": " << model.describe() << '\n';
  return kExitOk;
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
    case Command::Spin:
      return run_spin(config, out, err);
    case Command::Eval:
      return run_eval(config, out, err);
    case Command::Lookup:
      return run_lookup(config, out, err);
    case Command::TrainLm:
      return run_train_lm(config, err);
    case Command::Apply:
      return run_apply(config, out, err);
    case Command::Review:
      return run_review(config, out, std::cin, err);
    case Command::Batch:
      return run_batch_command(config, out, err);
    case Command::None:
      break;
  }
  throw UsageError("no command given (try 'unspin --help')");
}

}  // namespace unspin::cli
