// unspin-bench: speed and memory of the built `unspin` program, measured as users run it.
//
//   build/unspin-bench scaling [--unspin build/unspin] [--text FILE...] [--max-mb 32]
//   build/unspin-bench throughput [--unspin build/unspin] [--corpus DIR] [--mb 50]
//   build/unspin-bench lexicon
//   build/unspin-bench lm [--corpus DIR]
//
// lm: load time, resident memory added, and trigram queries per second of the project's
// Kneser-Ney model (memory-mapped) and of CMU's model, through libsphinxbase and converted to the
// project's format (the two must give the same sum of scores), on the dev text.
//
// lexicon: loads the lexicon (morphology, phrase dictionary, thesaurus index) in this process,
// five times, and reports each part's load time and the resident memory the first load added.
//
// throughput: concatenates the prepared clean corpus (build/data/clean, all parts) and repeats it
// to at least --mb megabytes, then measures on that one text, in one run: `unspin fix` and
// `unspin check` (MB/s and words/s on one core, peak RSS), the same split over two processes
// (the 1 -> 2 core scaling available before batch -j exists), `unspin check` on the corpus (once)
// cut into files of about 4 KB, as corpora of articles come, start-up time (median of 21 runs
// on empty input), and two reference points: plain ICU word segmentation of the same text in
// this process, and `hunspell -d en_US -l` over the first 8 MB of the same text (it runs at
// well under 1 MB/s on paragraph-long lines).
//
// scaling: builds inputs of 1, 2, 4, ... MB from the given text (default: corpus/*.txt), in two
// shapes (news lines as given, and everything on one line), runs `unspin fix` and `unspin check`
// on each in a fresh process, and prints wall time, throughput and peak resident memory, as a
// Markdown table. Each figure is the median of three runs. Linear growth shows as a flat MB/s
// column and a flat "peak RSS / input" column.
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include "eval/spinner.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/cmu_model.hpp"
#include "lm/kneser_ney.hpp"
#include "lm/sphinx_model.hpp"
#include "text/document.hpp"
#include "text/icu_break.hpp"
#include "resources.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct RunResult {
  double seconds = 0;
  double peak_rss_mb = 0;
  int status = 0;
};

// Runs argv with stdout to /dev/null and returns wall time and peak RSS of the child.
RunResult run_once(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  const auto stop = std::chrono::steady_clock::now();
  RunResult r;
  r.seconds = std::chrono::duration<double>(stop - start).count();
  r.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

RunResult median_of_three(const std::vector<std::string>& argv) {
  std::vector<RunResult> runs;
  for (int i = 0; i < 3; ++i) runs.push_back(run_once(argv));
  std::sort(runs.begin(), runs.end(),
            [](const RunResult& a, const RunResult& b) { return a.seconds < b.seconds; });
  return runs[1];
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

std::string repeat_to(const std::string& seed, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + seed.size());
  while (out.size() < bytes) out += seed;
  out.resize(bytes);
  // Do not cut a UTF-8 sequence in half: back up to a character boundary, end with a newline.
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  out.back() = '\n';
  return out;
}

int scaling(const std::string& unspin, const std::vector<std::string>& texts, int max_mb) {
  std::string seed;
  for (const auto& t : texts) {
    seed += slurp(t);
    if (!seed.empty() && seed.back() != '\n') seed += '\n';
  }
  if (seed.empty()) {
    std::cerr << "unspin-bench: no text to build inputs from\n";
    return 2;
  }
  std::string one_line = seed;
  std::replace(one_line.begin(), one_line.end(), '\n', ' ');

  const fs::path dir = fs::temp_directory_path() / ("unspin-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::cout << "| shape | input MB | command | seconds | MB/s | peak RSS MB | RSS / input |\n"
            << "|---|---:|---|---:|---:|---:|---:|\n";
  int failures = 0;
  for (const auto& [shape, source] :
       std::vector<std::pair<std::string, std::string>>{{"lines", seed}, {"one line", one_line}}) {
    for (int mb = 1; mb <= max_mb; mb *= 2) {
      const fs::path input = dir / "input.txt";
      write_file(input, repeat_to(source, static_cast<std::size_t>(mb) << 20));
      for (const char* command : {"fix", "check"}) {
        const RunResult r = median_of_three({unspin, command, input.string()});
        if (r.status > 1) ++failures;
        char line[256];
        std::snprintf(line, sizeof line, "| %s | %d | %s | %.3f | %.1f | %.1f | %.2f |\n",
                      shape.c_str(), mb, command, r.seconds, mb / r.seconds, r.peak_rss_mb,
                      r.peak_rss_mb / mb);
        std::cout << line << std::flush;
      }
    }
  }
  fs::remove_all(dir);
  return failures ? 1 : 0;
}

// Starts argv with stdin from `input` and stdout to /dev/null; returns the pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& input) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = ::open(input.c_str(), O_RDONLY);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(in, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Runs several commands at once; returns the wall time until all have finished and the largest
// peak RSS among them.
RunResult run_together(const std::vector<std::vector<std::string>>& commands,
                       const std::vector<std::string>& inputs) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<pid_t> pids;
  for (std::size_t i = 0; i < commands.size(); ++i) pids.push_back(spawn(commands[i], inputs[i]));
  RunResult r;
  for (const pid_t pid : pids) {
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    r.peak_rss_mb = std::max(r.peak_rss_mb, static_cast<double>(usage.ru_maxrss) / 1024.0);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.status = std::max(r.status, code);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::string fmt(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

// Word and number tokens: what the words/s column counts.
std::size_t count_words(const unspin::text::Document& doc) {
  std::size_t words = 0;
  for (const auto& t : doc.tokens()) {
    words += t.kind == unspin::text::TokenKind::Word || t.kind == unspin::text::TokenKind::Number;
  }
  return words;
}

int throughput(const std::string& unspin, const fs::path& corpus, int mb) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "unspin-bench: no .txt files under " << corpus << " (run tools/build)\n";
    return 2;
  }
  std::string seed;
  for (const auto& f : files) seed += slurp(f);
  std::string text;
  const std::size_t target = static_cast<std::size_t>(mb) << 20;
  while (text.size() < target) text += seed;
  const double megabytes = static_cast<double>(text.size()) / (1 << 20);

  const fs::path dir = fs::temp_directory_path() / ("unspin-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path input = dir / "input.txt";
  write_file(input, text);
  // Two halves, split at a line boundary, for the two-process run.
  std::size_t middle = text.find('\n', text.size() / 2) + 1;
  write_file(dir / "half1.txt", text.substr(0, middle));
  write_file(dir / "half2.txt", text.substr(middle));
  write_file(dir / "empty.txt", "");

  // Words (word and number tokens) and the engine's own segmentation speed, in process.
  std::size_t words = 0;
  double segment_seconds = 0;
  {
    unspin::text::Segmenter segmenter;
    const auto start = std::chrono::steady_clock::now();
    const unspin::text::Document doc = segmenter.segment(text);
    segment_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    words = count_words(doc);
  }
  // Reference: plain ICU word segmentation, line by line, counting boundaries.
  double icu_seconds = 0;
  {
    unspin::text::BreakFinder finder(unspin::text::BreakFinder::Unit::Word);
    std::size_t boundaries = 0;
    const auto start = std::chrono::steady_clock::now();
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      finder.set_text(std::string_view(text).substr(at, end - at));
      while (finder.next() != unspin::text::BreakFinder::npos) ++boundaries;
      at = end + 1;
    }
    icu_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (boundaries == 0) std::cerr << "unspin-bench: no ICU boundaries?\n";
  }

  std::cout << "Input: " << fmt("%.1f", megabytes) << " MB, " << words << " words, "
            << files.size() << " corpus files repeated.\n\n";
  std::cout << "| what | seconds | MB/s | words/s | peak RSS MB |\n|---|---:|---:|---:|---:|\n";
  // One row, for an input of `input_mb` MB and `input_words` words; `line` for the repeated text.
  auto row = [](const std::string& what, double seconds, double input_mb, std::size_t input_words, double rss) {
    std::cout << "| " << what << " | " << fmt("%.2f", seconds) << " | " << fmt("%.1f", input_mb / seconds)
              << " | " << fmt("%.0f", static_cast<double>(input_words) / seconds) << " | "
              << (rss > 0 ? fmt("%.0f", rss) : std::string("–")) << " |\n" << std::flush;
  };
  auto line = [&](const std::string& what, double seconds, double rss) { row(what, seconds, megabytes, words, rss); };
  // The corpus once (not repeated), for the rows below that use it as it comes.
  unspin::text::Segmenter segmenter;
  const unspin::text::Document seed_doc = segmenter.segment(seed);
  const double seed_mb = static_cast<double>(seed.size()) / (1 << 20);
  int failures = 0;
  for (const char* command : {"check", "fix"}) {
    const RunResult one = median_of_three({unspin, command, input.string()});
    failures += one.status > 1;
    line(std::string("`unspin ") + command + "`, 1 process", one.seconds, one.peak_rss_mb);
    const RunResult two = run_together({{unspin, command, "-"}, {unspin, command, "-"}},
                                       {(dir / "half1.txt").string(), (dir / "half2.txt").string()});
    failures += two.status > 1;
    line(std::string("`unspin ") + command + "`, 2 processes on halves", two.seconds, two.peak_rss_mb);
    std::cout << "| ↳ scaling 1 → 2 | | " << fmt("%.2f", one.seconds / two.seconds) << "× | | |\n";
  }
  {
    // The corpus once more, as the short documents users check in bulk: its text (not repeated)
    // cut at the first line end after every 4,000 bytes into files, checked by one process. Each
    // file is a document of its own, so the work done once per document (interning its
    // spellings, asking the models for their ids) counts once per file.
    const fs::path docs = dir / "documents";
    fs::create_directories(docs);
    std::vector<std::string> argv = {unspin, "check"};
    std::size_t at = 0;
    while (at < seed.size()) {
      std::size_t end = seed.find('\n', std::min(seed.size(), at + 4000));
      end = end == std::string::npos ? seed.size() : end + 1;
      const fs::path file = docs / ("doc" + std::to_string(argv.size() - 2) + ".txt");
      write_file(file, seed.substr(at, end - at));
      argv.push_back(file.string());
      at = end;
    }
    const RunResult r = median_of_three(argv);
    failures += r.status > 1;
    row("`unspin check`, the corpus once as " + std::to_string(argv.size() - 2) + " files of about 4 KB, 1 process",
        r.seconds, seed_mb, count_words(seed_doc), r.peak_rss_mb);
  }
  {
    // The corpus once, spun throughout by the news profile of the synthetic spinner as
    // tools/quality spins its sets (every entry, rate 0.8, the same seed): what `fix` is for.
    // Nearly every sentence then has something to decide, so this is fix's slow case.
    const unspin::eval::SpinTable table = unspin::eval::SpinTable::load_news(unspin::dictionary_path("spinner-news.tsv"));
    const unspin::eval::SpinResult spun =
        unspin::eval::Spinner(table, {.rate = 0.8, .seed = 20261122}).spin(seed_doc);
    const fs::path file = dir / "spun.txt";
    write_file(file, spun.text);
    const RunResult r = median_of_three({unspin, "fix", file.string()});
    failures += r.status > 1;
    const unspin::text::Document spun_doc = segmenter.segment(spun.text);
    row("`unspin fix`, the corpus once, news-spun (" + std::to_string(spun.edits.size()) + " substitutions), 1 process",
        r.seconds, static_cast<double>(spun.text.size()) / (1 << 20), count_words(spun_doc), r.peak_rss_mb);
  }
  line("engine segmentation in process (reference)", segment_seconds, 0);
  line("plain ICU word segmentation (reference)", icu_seconds, 0);
  {
    // hunspell -l is slow (its cost grows with line length), so it reads the first 8 MB of the
    // same text; its rates are per MB and per word of that prefix.
    const std::size_t cut = std::min(text.size(), text.find('\n', std::size_t{8} << 20) + 1);
    write_file(dir / "prefix.txt", text.substr(0, cut));
    const double prefix_share = static_cast<double>(cut) / static_cast<double>(text.size());
    const RunResult h = run_together({{"hunspell", "-d", "en_US", "-l"}}, {(dir / "prefix.txt").string()});
    if (h.status == 127) {
      std::cout << "| `hunspell -l` (reference) | not installed | | | |\n";
    } else {
      line("`hunspell -d en_US -l` on the first " + fmt("%.0f", megabytes * prefix_share) +
               " MB (reference; seconds scaled to the whole text)",
           h.seconds / prefix_share, h.peak_rss_mb);
    }
  }
  std::vector<double> startup;
  for (int i = 0; i < 21; ++i) startup.push_back(run_once({unspin, "fix", (dir / "empty.txt").string()}).seconds);
  std::sort(startup.begin(), startup.end());
  std::cout << "\nStart-up (`unspin fix` on an empty file, median of 21): "
            << fmt("%.1f", startup[10] * 1000) << " ms\n";
  fs::remove_all(dir);
  return failures ? 1 : 0;
}

double resident_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

int lexicon_load() {
  using clock = std::chrono::steady_clock;
  auto ms = [](clock::time_point a, clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  std::cout << "| load | morphology (Hunspell, .aff/.dic, WordNet exceptions) ms | phrase dictionary ms | thesaurus index ms | whole lexicon ms | until Hunspell answers ms | RSS added MB |\n"
               "|---|---:|---:|---:|---:|---:|---:|\n";
  for (int run = 1; run <= 5; ++run) {
    const double before = resident_mb();
    const auto t0 = clock::now();
    const auto morphology = unspin::lexicon::Morphology::load(unspin::lexicon::MorphologyPaths{});
    const auto t1 = clock::now();
    unspin::lexicon::PhraseTable phrases;
    phrases.load(unspin::dictionary_path("phrases.tsv"), unspin::lexicon::PhraseSource::BuiltIn);
    const auto t2 = clock::now();
    const auto thesaurus = unspin::lexicon::Thesaurus::open(unspin::data_path("thesaurus.idx"));
    const auto t3 = clock::now();
    const auto whole = unspin::lexicon::Lexicon::load(unspin::lexicon::LexiconOptions{});
    const auto t4 = clock::now();
    const bool known = whole.morphology().known("the");  // waits for the background Hunspell load
    const auto t5 = clock::now();
    // Touch the thesaurus as a look-up would, so that the RSS figure includes the pages used.
    std::size_t found = whole.thesaurus().candidates("combat").size() + thesaurus.words() + phrases.size() +
                        morphology.analyze("troopers").size();
    std::cout << "| " << run << " | " << fmt("%.1f", ms(t0, t1)) << " | " << fmt("%.1f", ms(t1, t2)) << " | "
              << fmt("%.2f", ms(t2, t3)) << " | " << fmt("%.1f", ms(t3, t4)) << " | "
              << fmt("%.1f", ms(t3, t5)) << " | " << fmt("%.1f", resident_mb() - before) << " |\n";
    if (found == 0 || !known) return 1;
  }
  return 0;
}

int lm_speed(const fs::path& corpus) {
  using clock = std::chrono::steady_clock;
  std::vector<std::string> words;
  unspin::text::Segmenter segmenter;
  for (const auto& e : fs::directory_iterator(corpus / "dev")) {
    for (auto& s : unspin::lm::lm_sentences(segmenter.segment(slurp(e.path())))) {
      words.insert(words.end(), s.begin(), s.end());
    }
  }
  std::cout << "| model | load ms | RSS added MB | queries | queries/s |\n|---|---:|---:|---:|---:|\n";
  auto measure = [&](const char* name, auto open) {
    const double before = resident_mb();
    const auto t0 = clock::now();
    const auto model = open();
    const auto t1 = clock::now();
    std::vector<unspin::lm::WordId> ids;
    for (const auto& w : words) ids.push_back(model.lookup(w));
    double sum = 0;
    const auto t2 = clock::now();
    for (std::size_t i = 2; i < ids.size(); ++i) sum += model.score(ids[i - 2], ids[i - 1], ids[i]);
    const auto t3 = clock::now();
    const double seconds = std::chrono::duration<double>(t3 - t2).count();
    std::cout << "| " << name << " | " << fmt("%.1f", std::chrono::duration<double, std::milli>(t1 - t0).count()) << " | "
              << fmt("%.1f", resident_mb() - before) << " | " << ids.size() - 2 << " | "
              << fmt("%.0f", static_cast<double>(ids.size() - 2) / seconds) << " |\n";
    return sum;
  };
  const double a = measure("Kneser-Ney (own format, memory-mapped)", [&] {
    return unspin::lm::KneserNeyModel::open(unspin::data_path("news.kn3"));
  });
  const double b = measure("CMU via libsphinxbase", [] {
    return unspin::lm::SphinxModel::open(unspin::lm::CmuModel::source_path());
  });
  const double c = measure("CMU converted (own format, memory-mapped; the default)", [] {
    return unspin::lm::CmuModel::open(unspin::lm::CmuModel::default_path());
  });
  return a < 0 && b < 0 && c < 0 && b == c ? 0 : 1;
}

// JSON string literal for the benchmark's generated JSONL.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// unspin batch: -j1 against -j2 on a folder of corpus files; 100,000 tiny JSONL documents
// against one file of the same text; peak memory of the streaming filter at two input sizes.
int batch_bench(const std::string& unspin, const fs::path& corpus, int mb, std::size_t tiny) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "unspin-bench: no corpus in " << corpus << " (tools/build prepares it)\n";
    return 2;
  }
  const fs::path dir = fs::temp_directory_path() / ("unspin-bench-batch-" + std::to_string(::getpid()));
  fs::create_directories(dir / "in");
  std::size_t bytes = 0, copies = 0;
  std::vector<std::string> lines;
  for (std::size_t round = 0; bytes < static_cast<std::size_t>(mb) * 1000000; ++round) {
    for (const fs::path& f : files) {
      if (bytes >= static_cast<std::size_t>(mb) * 1000000) break;
      const std::string text = slurp(f);
      write_file(dir / "in" / (std::to_string(round) + "-" + f.filename().string()), text);
      bytes += text.size();
      ++copies;
      // Tiny documents: single sentences (cut after ". "), as short records in a crawl are.
      std::size_t at = 0;
      while (lines.size() < tiny && at < text.size()) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string::npos) nl = text.size();
        const std::size_t stop = text.find(". ", at);
        const std::size_t end = stop != std::string::npos && stop < nl ? stop + 1 : nl;
        if (end > at) lines.push_back(text.substr(at, end - at));
        at = end + 1;
      }
    }
  }
  std::string jsonl, joined;
  for (std::size_t i = 0; i < lines.size() && i < tiny; ++i) {
    jsonl += "{\"id\":" + std::to_string(i) + ",\"text\":" + json_string(lines[i]) + "}\n";
    joined += lines[i] + "\n";
  }
  write_file(dir / "tiny.jsonl", jsonl);
  write_file(dir / "tiny-joined.txt", joined);
  std::string big;
  for (int k = 0; k < 4; ++k) big += jsonl;
  write_file(dir / "tiny-x4.jsonl", big);

  const std::string out = (dir / "out").string();
  auto batch = [&](const std::string& input, int jobs) {
    return run_once({unspin, "batch", input, "--out", out, "-j", std::to_string(jobs), "-q", "--force"});
  };
  const double mbytes = static_cast<double>(bytes) / 1e6;
  std::cout << "Input: " << copies << " corpus files, " << fmt("%.1f", mbytes) << " MB; " << lines.size()
            << " tiny documents (" << fmt("%.1f", static_cast<double>(joined.size()) / 1e6) << " MB of text, "
            << fmt("%.0f", static_cast<double>(joined.size()) / static_cast<double>(std::max<std::size_t>(1, lines.size())))
            << " bytes each on average).\n\n";
  std::cout << "| what | seconds | MB/s | peak RSS MB |\n|---|---:|---:|---:|\n";
  auto row = [&](const std::string& what, const RunResult& r, double size_mb) {
    std::cout << "| " << what << " | " << fmt("%.2f", r.seconds) << " | " << fmt("%.2f", size_mb / r.seconds) << " | "
              << fmt("%.0f", r.peak_rss_mb) << " |" << (r.status == 0 ? "" : " (exit " + std::to_string(r.status) + ")") << "\n";
  };
  const RunResult one = batch((dir / "in").string(), 1);
  row("`batch` folder, -j1", one, mbytes);
  const RunResult two = batch((dir / "in").string(), 2);
  row("`batch` folder, -j2", two, mbytes);
  std::cout << "| ↳ scaling -j1 → -j2 | | " << fmt("%.2f×", one.seconds / two.seconds) << " | |\n";
  const double tiny_mb = static_cast<double>(joined.size()) / 1e6;
  const RunResult large = batch((dir / "tiny-joined.txt").string(), 1);
  row("one file of the tiny documents' text, -j1", large, tiny_mb);
  const RunResult small = batch((dir / "tiny.jsonl").string(), 1);
  row(std::to_string(lines.size()) + " tiny JSONL documents, -j1", small, tiny_mb);
  std::cout << "| ↳ tiny / one file | | " << fmt("%.2f×", large.seconds / small.seconds) << " | |\n";
  const std::string sh = "/bin/sh";
  const RunResult s1 = run_once({sh, "-c", "exec '" + unspin + "' batch - -q -j2 < '" + (dir / "tiny.jsonl").string() + "'"});
  row("stream `batch -` of the tiny JSONL, -j2", s1, static_cast<double>(jsonl.size()) / 1e6);
  const RunResult s4 = run_once({sh, "-c", "exec '" + unspin + "' batch - -q -j2 < '" + (dir / "tiny-x4.jsonl").string() + "'"});
  row("stream `batch -` of 4× that, -j2", s4, static_cast<double>(big.size()) / 1e6);
  fs::remove_all(dir);
  return 0;
}

int usage() {
  std::cerr << "usage: unspin-bench scaling [--unspin PATH] [--text FILE...] [--max-mb N]\n"
               "       unspin-bench throughput [--unspin PATH] [--corpus DIR] [--mb N]\n"
               "       unspin-bench batch [--unspin PATH] [--corpus DIR] [--mb N] [--tiny N]\n"
               "       unspin-bench lexicon\n"
               "       unspin-bench lm [--corpus DIR]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string mode = argv[1];
  if (mode == "lexicon") return lexicon_load();
  if (mode == "lm") {
    fs::path corpus_dir = fs::canonical("/proc/self/exe").parent_path() / "data" / "clean";
    if (argc == 4 && std::string(argv[2]) == "--corpus") corpus_dir = argv[3];
    return lm_speed(corpus_dir);
  }
  if (mode != "scaling" && mode != "throughput" && mode != "batch") return usage();
  const fs::path self = fs::canonical("/proc/self/exe");
  std::string unspin = (self.parent_path() / "unspin").string();
  std::vector<std::string> texts;
  fs::path corpus = self.parent_path() / "data" / "clean";
  int max_mb = 32;
  int mb = 50;
  std::size_t tiny = 100000;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--unspin" && i + 1 < argc) {
      unspin = argv[++i];
    } else if (a == "--corpus" && i + 1 < argc) {
      corpus = argv[++i];
    } else if (a == "--mb" && i + 1 < argc) {
      mb = std::atoi(argv[++i]);
    } else if (a == "--tiny" && i + 1 < argc) {
      tiny = static_cast<std::size_t>(std::atol(argv[++i]));
    } else if (a == "--max-mb" && i + 1 < argc) {
      max_mb = std::atoi(argv[++i]);
    } else if (a == "--text") {
      while (i + 1 < argc && argv[i + 1][0] != '-') texts.push_back(argv[++i]);
    } else {
      return usage();
    }
  }
  if (mode == "throughput") return throughput(unspin, corpus, mb);
  if (mode == "batch") return batch_bench(unspin, corpus, mb, tiny);
  if (texts.empty()) {
    const fs::path corpus_dir = self.parent_path().parent_path() / "corpus";
    for (const auto& e : fs::directory_iterator(corpus_dir)) {
      if (e.path().extension() == ".txt") texts.push_back(e.path().string());
    }
    std::sort(texts.begin(), texts.end());
  }
  return scaling(unspin, texts, max_mb);
}
