#include "batch/batch.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "detect/frequency_table.hpp"
#include "errors.hpp"
#include "io/input.hpp"
#include "report/diff_printer.hpp"
#include "report/json.hpp"
#include "report/json_reader.hpp"

namespace unspin::batch {
namespace fs = std::filesystem;

struct Worker::Impl {
  explicit Impl(const EngineParts& parts)
      : lexicon(lexicon::Lexicon::load(parts.lexicon)),
        model(lm::load_default_model(parts.model)),
        frequent(parts.detector_cache ? parts.detector_cache : detect::Detector::new_cache(detect::default_frequency_table())),
        fixer(lexicon, *model, parts.fix, frequent),
        detector(lexicon, *model, parts.weights, parts.detect, frequent),
        segmenter(parts.segment) {
    lexicon.morphology().speller().preload();
  }
  lexicon::Lexicon lexicon;
  std::unique_ptr<lm::LanguageModel> model;
  std::shared_ptr<detect::FrequentWords> frequent;  // shared with the other workers when given
  repair::Fixer fixer;
  detect::Detector detector;
  text::Segmenter segmenter;
  text::Document scratch;
};

Worker::Worker(const EngineParts& parts) : impl_(std::make_unique<Impl>(parts)) {}
Worker::~Worker() = default;

DocumentResult Worker::process(std::string_view bytes, text::Document& doc) {
  doc = impl_->segmenter.segment(std::string(bytes));
  DocumentResult r;
  r.edits = impl_->fixer.fix(doc).edits;
  r.scores = impl_->detector.score(doc);
  r.text = repair::apply_edits(doc.bytes(), r.edits);
  return r;
}

std::string Worker::process_record(std::string_view line, const RecordOptions& options, std::string& error,
                                   DocumentResult* result) {
  error.clear();
  try {
    const report::JsonValue record = report::parse_json(line);
    if (record.type != report::JsonValue::Type::Object) throw InputError("not a JSON object");
    const report::JsonValue* field = record.find(options.field);
    if (!field) throw InputError("no \"" + options.field + "\" field");
    if (field->type != report::JsonValue::Type::String) throw InputError("\"" + options.field + "\" is not a string");
    DocumentResult r = process(field->string, impl_->scratch);
    // Splice the results into the record, so that every other byte stays as it was.
    struct Splice {
      std::size_t begin, end;
      std::string text;
    };
    std::vector<Splice> splices;
    std::string repaired;
    report::append_json_string(repaired, r.text);
    std::string summary;
    {
      report::JsonWriter w(summary);
      w.begin_object().key("score").value(r.scores.score).key("label").value(detect::to_string(r.scores.label));
      w.key("edits").value(static_cast<std::uint64_t>(r.edits.size()));
      if (options.edit_lists) {
        w.key("edit_list").begin_array();
        for (const repair::Edit& e : r.edits) {
          w.begin_object().key("start").value(static_cast<std::uint64_t>(e.begin)).key("end").value(static_cast<std::uint64_t>(e.end));
          w.key("new").value(e.replacement).key("confidence").value(e.confidence).key("source").value(repair::to_string(e.source));
          w.key("reason").value(e.reason).end_object();
        }
        w.end_array();
      }
      w.end_object();
    }
    const std::size_t close = record.end - 1;  // the record's closing brace
    auto set = [&](const std::string& name, std::string value) {
      if (const report::JsonValue* existing = record.find(name)) {
        splices.push_back({existing->begin, existing->end, std::move(value)});
      } else {
        std::string member = record.object.empty() ? "" : ",";
        report::append_json_string(member, name);
        member += ":" + value;
        splices.push_back({close, close, std::move(member)});
      }
    };
    if (options.to_field.empty()) {
      splices.push_back({field->begin, field->end, std::move(repaired)});
    } else {
      set(options.to_field, std::move(repaired));
    }
    set("unspin", std::move(summary));
    std::stable_sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.begin < b.begin; });
    std::string out;
    std::size_t at = 0;
    for (const Splice& s : splices) {
      out.append(line.substr(at, s.begin - at)).append(s.text);
      at = s.end;
    }
    out.append(line.substr(at));
    if (result) *result = std::move(r);
    return out;
  } catch (const InputError& e) {
    error = e.what();
    return std::string(line);
  }
}

namespace {

// Persistent worker threads, each with its own Worker, running one parallel loop at a time.
class Pool {
 public:
  Pool(unsigned jobs, EngineParts parts) {
    if (!parts.detector_cache) parts.detector_cache = detect::Detector::new_cache(detect::default_frequency_table());
    // Each thread loads its own worker (language model) at the same time as the others.
    workers_.resize(jobs);
    std::vector<std::exception_ptr> failures(jobs);
    std::vector<std::thread> loaders;
    for (unsigned i = 0; i < jobs; ++i) {
      loaders.emplace_back([&, i] {
        try {
          workers_[i] = std::make_unique<Worker>(parts);
        } catch (...) {
          failures[i] = std::current_exception();
        }
      });
    }
    for (std::thread& t : loaders) t.join();
    for (const std::exception_ptr& f : failures) {
      if (f) std::rethrow_exception(f);
    }
    for (unsigned i = 0; i < jobs; ++i) threads_.emplace_back([this, i] { loop(*workers_[i]); });
  }
  ~Pool() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Calls fn(worker, i) for every i < n, spread over the workers; returns when all are done.
  // Rethrows the first exception an fn threw.
  void run(std::size_t n, std::function<void(Worker&, std::size_t)> fn) {
    std::unique_lock lock(mutex_);
    fn_ = std::move(fn);
    n_ = n;
    next_ = 0;
    busy_ = threads_.size();
    failure_ = nullptr;
    ++generation_;
    wake_.notify_all();
    done_.wait(lock, [this] { return busy_ == 0; });
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void loop(Worker& worker) {
    std::uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
      }
      for (std::size_t i; (i = next_.fetch_add(1)) < n_;) {
        try {
          fn_(worker, i);
        } catch (...) {
          const std::lock_guard lock(mutex_);
          if (!failure_) failure_ = std::current_exception();
        }
      }
      const std::lock_guard lock(mutex_);
      if (--busy_ == 0) done_.notify_one();
    }
  }

  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::function<void(Worker&, std::size_t)> fn_;
  std::size_t n_ = 0;
  std::atomic<std::size_t> next_{0};
  std::size_t busy_ = 0;
  std::uint64_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr failure_;
};

struct FileJob {
  fs::path input;
  std::string shown;   // the input as the user named it (for messages)
  fs::path output;
  bool jsonl = false;
  std::uintmax_t size = 0;
};

bool glob_match(const std::string& pattern, const std::string& relative) {
  // A pattern without '/' matches the file name; one with '/' the path below the input folder.
  const bool path = pattern.find('/') != std::string::npos;
  const std::string subject = path ? relative : fs::path(relative).filename().string();
  return ::fnmatch(pattern.c_str(), subject.c_str(), path ? FNM_PATHNAME : 0) == 0;
}

bool is_jsonl(const fs::path& p) { return p.extension() == ".jsonl" || p.extension() == ".ndjson"; }

std::vector<FileJob> plan(const BatchOptions& options) {
  std::vector<FileJob> jobs;
  auto wanted = [&](const std::string& relative) {
    if (!options.include.empty() &&
        std::none_of(options.include.begin(), options.include.end(), [&](const std::string& g) { return glob_match(g, relative); })) {
      return false;
    }
    return std::none_of(options.exclude.begin(), options.exclude.end(), [&](const std::string& g) { return glob_match(g, relative); });
  };
  for (const std::string& input : options.inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<FileJob> found;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {  // hidden files and folders
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file()) continue;
        const std::string relative = fs::relative(it->path(), input).generic_string();
        if (!wanted(relative)) continue;
        found.push_back({it->path(), it->path().string(), fs::path(options.out_dir) / relative, is_jsonl(it->path()), it->file_size()});
      }
      if (ec) throw InputError(input + ": " + ec.message());
      std::sort(found.begin(), found.end(), [](const FileJob& a, const FileJob& b) { return a.input < b.input; });
      jobs.insert(jobs.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(input, ec)) {
      const fs::path p(input);
      jobs.push_back({p, input, fs::path(options.out_dir) / p.filename(), is_jsonl(p), fs::file_size(p, ec)});
    } else {
      throw InputError(input + ": no such file or directory");
    }
  }
  std::map<fs::path, std::string> outputs;
  for (const FileJob& j : jobs) {
    const auto [it, fresh] = outputs.emplace(fs::weakly_canonical(j.output), j.shown);
    if (!fresh) throw UsageError(j.shown + " and " + it->second + " would both be written to " + j.output.string());
    if (fs::weakly_canonical(j.output) == fs::weakly_canonical(j.input)) {
      throw UsageError(j.shown + ": the output folder contains the inputs; choose another --out");
    }
  }
  return jobs;
}

// The folder an output goes in, made if missing. Throws OutputError.
void make_parent(const fs::path& output) {
  std::error_code ec;
  fs::create_directories(output.parent_path(), ec);
  if (ec) throw OutputError(output.parent_path().string() + ": cannot create the folder: " + ec.message());
}

bool up_to_date(const FileJob& job) {
  std::error_code ec;
  // Only a file counts as a previous output: a folder of that name is an error when written to.
  if (!fs::is_regular_file(job.output, ec)) return false;
  const auto out = fs::last_write_time(job.output, ec);
  if (ec) return false;
  const auto in = fs::last_write_time(job.input, ec);
  return !ec && out >= in;
}

// Temporary files of an interrupted run (".NAME.unspin-XXXXXX", see io::AtomicFile).
void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto mark = name.rfind(".unspin-");
    if (name.size() > 1 && name[0] == '.' && mark != std::string::npos && name.size() - mark == 14 && it->is_regular_file()) {
      fs::remove(it->path(), ec);
    }
  }
}

struct ErrorRecord {
  std::string input;
  std::size_t line = 0;  // JSONL records; 0 for whole files
  std::string reason;
};

void count(Summary& s, const DocumentResult& r) {
  ++s.documents;
  s.spun += r.scores.label == detect::Label::Spun;
  for (const repair::Edit& e : r.edits) ++s.edits[static_cast<std::size_t>(e.source)];
}

// Reads lines from a file descriptor, however long, without loading more than a block.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  bool next(std::string& line) {
    line.clear();
    for (;;) {
      const std::size_t nl = buffer_.find('\n', at_);
      if (nl != std::string::npos) {
        line.append(buffer_, at_, nl - at_);
        at_ = nl + 1;
        return true;
      }
      line.append(buffer_, at_, std::string::npos);
      buffer_.clear();
      at_ = 0;
      if (eof_) return !line.empty();
      buffer_.resize(1 << 16);
      ssize_t got;
      do got = ::read(fd_, buffer_.data(), buffer_.size());
      while (got < 0 && errno == EINTR);
      if (got < 0) throw InputError(std::string("read error: ") + std::strerror(errno));
      buffer_.resize(static_cast<std::size_t>(got));
      if (got == 0) eof_ = true;
    }
  }

 private:
  int fd_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool eof_ = false;
};

// Processes one block of JSONL lines in parallel; results in order.
struct Block {
  std::vector<std::string> lines, out, errors;
  std::vector<DocumentResult> results;
  std::vector<bool> blank;
};

void process_block(Pool& pool, Block& b, const RecordOptions& options) {
  const std::size_t n = b.lines.size();
  b.out.assign(n, {});
  b.errors.assign(n, {});
  b.results.assign(n, {});
  b.blank.assign(n, false);
  pool.run(n, [&](Worker& w, std::size_t i) {
    std::string_view line = b.lines[i];
    const bool crlf = !line.empty() && line.back() == '\r';
    if (crlf) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      b.blank[i] = true;
      return;
    }
    b.out[i] = w.process_record(line, options, b.errors[i], &b.results[i]);
    if (crlf) b.out[i] += '\r';  // CRLF input stays CRLF
  });
}

// Streams JSONL records from `reader` through the pool to `out`, one output line per input line,
// in blocks of `block_size`. Records that could not be processed are written unchanged and
// reported to `failed(line_number, reason)`; `after_block(bytes)` follows every block.
void stream_records(Pool& pool, LineReader& reader, io::FdWriter& out, const RecordOptions& options,
                    std::size_t block_size, bool flush_each, Summary& summary,
                    const std::function<void(std::size_t, const std::string&)>& failed,
                    const std::function<void(std::size_t)>& after_block) {
  std::size_t line_number = 0;
  Block block;
  for (bool more = true; more;) {
    block.lines.clear();
    std::string line;
    while (block.lines.size() < block_size && (more = reader.next(line))) block.lines.push_back(std::move(line));
    process_block(pool, block, options);
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
      ++line_number;
      bytes += block.lines[i].size() + 1;
      if (block.blank[i]) {
        out.write(block.lines[i]);
      } else {
        if (!block.errors[i].empty()) {
          failed(line_number, block.errors[i]);
        } else {
          count(summary, block.results[i]);
        }
        out.write(block.out[i]);
      }
      out.write("\n");
      if (flush_each) out.flush();
    }
    after_block(bytes);
  }
}

}  // namespace

std::string Summary::describe() const {
  char buf[512];
  const double mb = static_cast<double>(bytes) / 1e6;
  std::snprintf(buf, sizeof buf, "%zu documents (%zu spun)", documents, spun);
  std::string out = buf;
  if (skipped_files) out += ", " + std::to_string(skipped_files) + " files up to date and skipped";
  out += "; edits: ";
  for (std::size_t k = 0; k < edits.size(); ++k) {
    out += (k ? ", " : "") + std::to_string(edits[k]) + " " + repair::to_string(static_cast<repair::EditSource>(k));
  }
  std::snprintf(buf, sizeof buf, "; %zu errors; %.1f s, %.2f MB/s", errors, seconds, seconds > 0 ? mb / seconds : 0.0);
  return out + buf;
}

Summary run_batch(const BatchOptions& options, const EngineParts& parts,
                  const std::function<void(const Progress&)>& progress) {
  if (options.inputs.empty()) throw UsageError("batch needs inputs");
  const auto start = std::chrono::steady_clock::now();
  const std::vector<FileJob> all = plan(options);
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec || !fs::is_directory(options.out_dir)) throw OutputError(options.out_dir + ": cannot create the output folder");
  remove_stale_temporaries(options.out_dir);

  Summary summary;
  std::vector<FileJob> todo;
  Progress p;
  for (const FileJob& j : all) {
    if (!options.force && up_to_date(j)) {
      ++summary.skipped_files;
      continue;
    }
    todo.push_back(j);
    p.bytes_total += j.size;
  }
  p.files_total = todo.size();
  auto report = [&] {
    p.documents = summary.documents;
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress) progress(p);
  };
  report();
  const unsigned jobs = std::max(1u, options.jobs);
  Pool pool(jobs, parts);
  std::vector<ErrorRecord> errors;

  // Text files: a chunk at a time across the workers; each output is written by its worker.
  std::vector<const FileJob*> text_files;
  for (const FileJob& j : todo) {
    if (!j.jsonl) text_files.push_back(&j);
  }
  // Chunks of files between progress reports; large, so that workers rarely wait for the
  // slowest file of a chunk.
  const std::size_t chunk = std::max<std::size_t>(static_cast<std::size_t>(jobs) * 16, text_files.size() / 50);
  for (std::size_t from = 0; from < text_files.size(); from += chunk) {
    const std::size_t n = std::min(chunk, text_files.size() - from);
    std::vector<DocumentResult> results(n);
    std::vector<std::string> failed(n);
    pool.run(n, [&](Worker& w, std::size_t i) {
      const FileJob& job = *text_files[from + i];
      text::Document doc;
      try {
        results[i] = w.process(io::read_input(job.input.string()), doc);
      } catch (const InputError& e) {
        failed[i] = e.what();
        return;
      }
      try {
        make_parent(job.output);
        if (options.edit_lists) {
          std::string json;
          report::append_fix_json(json, job.shown, doc, results[i].edits, &results[i].scores);
          io::AtomicFile edits(job.output.string() + ".edits.json");
          edits.writer().write(json);
          edits.commit();
        }
        io::AtomicFile out(job.output.string());
        out.writer().write(results[i].text);
        out.commit();
      } catch (const OutputError& e) {
        throw Stopped(e.what());
      }
    });
    for (std::size_t i = 0; i < n; ++i) {
      p.bytes_done += text_files[from + i]->size;
      ++p.files_done;
      if (!failed[i].empty()) {
        errors.push_back({text_files[from + i]->shown, 0, failed[i]});
        continue;
      }
      count(summary, results[i]);
    }
    report();
  }

  // JSONL files: one at a time, streamed in blocks; records keep their order.
  for (const FileJob& job : todo) {
    if (!job.jsonl) continue;
    const io::Fd fd(::open(job.input.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
      errors.push_back({job.shown, 0, std::strerror(errno)});
      ++p.files_done;
      continue;
    }
    try {
      make_parent(job.output);
      io::AtomicFile out(job.output.string());
      LineReader reader(fd.get());
      try {
        stream_records(
            pool, reader, out.writer(), options.records, static_cast<std::size_t>(jobs) * 64, false, summary,
            [&](std::size_t line, const std::string& reason) { errors.push_back({job.shown, line, reason}); },
            [&](std::size_t bytes) {
              p.bytes_done += bytes;
              report();
            });
      } catch (const InputError& e) {
        errors.push_back({job.shown, 0, e.what()});
        ++p.files_done;
        continue;  // the partial output is removed
      }
      out.commit();
    } catch (const OutputError& e) {
      throw Stopped(e.what());
    }
    ++p.files_done;
  }

  summary.errors = errors.size();
  const fs::path error_file = fs::path(options.out_dir) / "errors.jsonl";
  if (!errors.empty()) {
    std::string text;
    for (const ErrorRecord& e : errors) {
      report::JsonWriter w(text);
      w.begin_object().key("input").value(e.input);
      if (e.line) w.key("line").value(static_cast<std::uint64_t>(e.line));
      w.key("error").value(e.reason).end_object();
      text += '\n';
    }
    io::AtomicFile f(error_file.string());
    f.writer().write(text);
    f.commit();
  } else {
    fs::remove(error_file, ec);
  }
  summary.bytes = p.bytes_done;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  p.bytes_done = p.bytes_total;
  report();
  return summary;
}

Summary run_stream(int in_fd, io::FdWriter& out, const RecordOptions& options, const EngineParts& parts,
                   unsigned jobs, bool flush_each, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  jobs = std::max(1u, jobs);
  Pool pool(jobs, parts);
  LineReader reader(in_fd);
  Summary summary;
  stream_records(
      pool, reader, out, options, flush_each ? 1 : static_cast<std::size_t>(jobs) * 64, flush_each, summary,
      [&](std::size_t line, const std::string& reason) {
        err << "unspin: stdin:" << line << ": " << reason << '\n';
        ++summary.errors;
      },
      [&](std::size_t bytes) { summary.bytes += bytes; });
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace unspin::batch
