// unspin-bench: speed and memory of the built `unspin` program, measured as users run it.
//
//   build/unspin-bench scaling [--unspin build/unspin] [--text FILE...] [--max-mb 32]
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

int usage() {
  std::cerr << "usage: unspin-bench scaling [--unspin PATH] [--text FILE...] [--max-mb N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) != "scaling") return usage();
  const fs::path self = fs::canonical("/proc/self/exe");
  std::string unspin = (self.parent_path() / "unspin").string();
  std::vector<std::string> texts;
  int max_mb = 32;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--unspin" && i + 1 < argc) {
      unspin = argv[++i];
    } else if (a == "--max-mb" && i + 1 < argc) {
      max_mb = std::atoi(argv[++i]);
    } else if (a == "--text") {
      while (i + 1 < argc && argv[i + 1][0] != '-') texts.push_back(argv[++i]);
    } else {
      return usage();
    }
  }
  if (texts.empty()) {
    const fs::path corpus = self.parent_path().parent_path() / "corpus";
    for (const auto& e : fs::directory_iterator(corpus)) {
      if (e.path().extension() == ".txt") texts.push_back(e.path().string());
    }
    std::sort(texts.begin(), texts.end());
  }
  return scaling(unspin, texts, max_mb);
}
