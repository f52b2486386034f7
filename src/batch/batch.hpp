// Batch processing: corpora of files and JSON Lines on every core, with resume, and a streaming
// JSONL filter for Hadoop Streaming, Spark's RDD.pipe and GNU parallel --pipe.
//
//   EngineParts parts{&lexicon, model_options, fix_options, weights, detect_options};
//   BatchOptions options{.inputs = {"corpus/"}, .out_dir = "clean/", .jobs = 8};
//   Summary s = run_batch(options, parts, [](const Progress& p) { show(p); });
//   Summary t = run_stream(stdin_fd, out, {.field = "text"}, parts, err);   // JSONL in, JSONL out
//
// Every document is repaired and scored independently, and JSONL records keep their order, so
// the output is byte-identical whatever the number of jobs. Outputs are written to a temporary
// file and renamed (complete or absent); a rerun skips outputs newer than their inputs.
// Per-document errors are recorded and the batch goes on.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "detect/detector.hpp"
#include "errors.hpp"
#include "io/output.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/default_model.hpp"
#include "repair/fixer.hpp"
#include "text/document.hpp"

namespace unspin::batch {

// What each worker builds its engine from. Every worker loads its own language model (CMU's
// reader serialises queries on one model) and its own lexicon (Hunspell serialises calls on one
// dictionary); the phrase tables are small and the thesaurus index is memory-mapped, so this
// costs little memory.
struct EngineParts {
  lexicon::LexiconOptions lexicon;
  lm::ModelOptions model;
  repair::FixOptions fix;
  detect::DetectorWeights weights;
  detect::DetectOptions detect;
  text::SegmentOptions segment;
  // Shared by the workers' detectors (made by run_batch/run_stream when null).
  std::shared_ptr<detect::FrequentWords> detector_cache;
};

// How JSONL records are read and written.
struct RecordOptions {
  std::string field = "text";  // the string field holding the document
  std::string to_field;        // write the repaired text here instead of over `field` (default)
  bool edit_lists = false;     // add the edit list to each record's "unspin" object
};

struct BatchOptions {
  std::vector<std::string> inputs;  // directories (recursive), text files, .jsonl/.ndjson files
  std::string out_dir;              // created if missing
  std::vector<std::string> include;  // globs; a file must match one (default: every file)
  std::vector<std::string> exclude;  // globs; a file matching one is skipped
  RecordOptions records;
  bool edit_lists = false;  // text files: also write OUT.edits.json (schema unspin-fix/1)
  bool force = false;       // redo outputs that are up to date
  unsigned jobs = 1;        // worker threads
};

struct Progress {
  std::size_t documents = 0;     // documents done (text files and JSONL records)
  std::size_t files_done = 0, files_total = 0;
  std::size_t bytes_done = 0, bytes_total = 0;  // input bytes
  double seconds = 0;
};

struct Summary {
  std::size_t documents = 0;
  std::size_t spun = 0;           // documents the detector labels spun
  std::size_t skipped_files = 0;  // up to date, not redone
  std::size_t errors = 0;
  std::array<std::size_t, repair::kEditSources> edits{};  // by repair::EditSource
  std::size_t bytes = 0;
  double seconds = 0;
  std::string describe() const;  // one line for the end of a run
};

// The repair and scores of one document.
struct DocumentResult {
  std::string text;
  std::vector<repair::Edit> edits;
  detect::DocumentScore scores;
};

// One worker's engine. Not thread-safe: one per thread.
class Worker {
 public:
  explicit Worker(const EngineParts& parts);
  ~Worker();
  // Throws InputError for invalid UTF-8 or binary content.
  DocumentResult process(std::string_view bytes, text::Document& scratch);
  // One JSONL record in, one out (without the newline). A record that cannot be processed comes
  // back unchanged with `error` set.
  std::string process_record(std::string_view line, const RecordOptions& options, std::string& error,
                             DocumentResult* result);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws UsageError for unusable options (no inputs, name clashes) and OutputError when the output
// directory cannot be made. Errors of single documents are counted and written to
// OUT/errors.jsonl instead. `progress` is called from the calling thread now and then.
// An output could not be written once the batch had started (disk full, a folder where the file
// goes): every later output would fail the same way, so run_batch stops. The outputs it wrote
// are complete, and a rerun goes on from where it stopped.
class Stopped : public OutputError {
 public:
  using OutputError::OutputError;
};

// Throws Stopped when an output cannot be written, OutputError when the output folder cannot be
// made.
Summary run_batch(const BatchOptions& options, const EngineParts& parts,
                  const std::function<void(const Progress&)>& progress);

// Reads JSONL from `in_fd` and writes one record per input record, in order, to `out`; with
// `flush_each`, flushes after every record (and processes records as they come). Errors of
// single records go to `err` as "unspin: stdin:LINE: reason", and the record passes unchanged.
Summary run_stream(int in_fd, io::FdWriter& out, const RecordOptions& options, const EngineParts& parts,
                   unsigned jobs, bool flush_each, std::ostream& err);

}  // namespace unspin::batch
