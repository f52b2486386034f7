// Reading whole inputs into memory, with errors that say what went wrong.
//
//   std::string bytes = read_input("-");          // standard input
//   std::string bytes = read_input("article.txt"); // throws InputError("No such file or directory")
//
// Inputs are never modified. The error message does not repeat the path: the caller prefixes it.
#pragma once

#include <unistd.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::io {

// Owns an open file descriptor and closes it once, however the scope is left (the standard
// streams, 0 to 2, are never closed). get() is negative when the open failed.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ > 2) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// "-" is standard input. Throws InputError for a missing, unreadable or non-regular input (a
// directory, for example) and for input over 2 GiB.
std::string read_input(const std::string& path);

// The files of a corpus given on the command line: each folder's .txt files, recursively, in
// sorted order; anything else (a file, "-") as it is. For `unspin train-lm` and the build's
// counting tools.
std::vector<std::string> corpus_files(const std::vector<std::string>& inputs);

// Reads a resource file (dictionary, thesaurus source) whole. Throws ResourceError
// "PATH: cannot read the WHAT: reason" when it cannot; WHAT names it and how to get it.
std::string read_resource(const std::string& path, std::string_view what);

// One line of a tab-separated resource.
struct TsvRow {
  std::vector<std::string> fields;
  std::size_t line = 0;  // 1-based
  std::string where;     // "PATH:LINE: ", the prefix of any error about this row
};

// Calls `row` for each line of a tab-separated resource, skipping empty lines and '#' comments
// and dropping a trailing CR.
void for_each_tsv_row(const std::string& data, const std::string& path, const std::function<void(const TsvRow&)>& row);

}  // namespace unspin::io
