#include "io/input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <limits>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <sstream>

#include "errors.hpp"

namespace unspin::io {
namespace {

constexpr std::size_t kMaxInput = static_cast<std::size_t>(std::numeric_limits<int>::max());

std::string read_all(int fd, std::size_t size_hint) {
  // A regular file's size is known: one allocation of exactly that size (plus one byte, so that
  // end of file is seen without growing). Pipes grow by doubling.
  std::string out(size_hint + 1, '\0');
  std::size_t used = 0;
  while (true) {
    if (used == out.size()) out.resize(std::max<std::size_t>(out.size() * 2, 65536));
    const ssize_t got = ::read(fd, out.data() + used, out.size() - used);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw InputError(std::strerror(errno));
    }
    used += static_cast<std::size_t>(got);
    if (used > kMaxInput) {
      throw InputError("input is larger than 2 GiB; split it into smaller documents");
    }
  }
  out.resize(used);
  if (out.capacity() > used + used / 4 + 4096) out.shrink_to_fit();  // pipes: give back the slack
  return out;
}

}  // namespace

std::string read_input(const std::string& path) {
  if (path == "-") return read_all(STDIN_FILENO, 0);
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw InputError(std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw InputError(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw InputError("is a directory");
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > kMaxInput) {
    throw InputError("input is larger than 2 GiB; split it into smaller documents");
  }
  return read_all(fd.get(), S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
}

std::string read_resource(const std::string& path, std::string_view hint) {
  try {
    return read_input(path);
  } catch (const InputError& e) {
    throw ResourceError(path + ": cannot read the " + std::string(hint) + ": " + e.what());
  }
}

void for_each_tsv_row(const std::string& data, const std::string& path, const std::function<void(const TsvRow&)>& row) {
  std::istringstream in(data);
  std::string line;
  TsvRow r;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    r.fields.clear();
    boost::algorithm::split(r.fields, line, boost::algorithm::is_any_of("\t"));
    r.line = number;
    r.where = path + ":" + std::to_string(number) + ": ";
    row(r);
  }
}

std::vector<std::string> corpus_files(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && std::filesystem::is_directory(input, ec)) {
      std::vector<std::string> found;
      namespace fs = std::filesystem;
      for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        std::error_code kind;
        if (it->is_regular_file(kind) && it->path().extension() == ".txt") found.push_back(it->path().string());
      }
      if (ec) throw InputError(input + ": " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(input);
    }
  }
  return files;
}

}  // namespace unspin::io
