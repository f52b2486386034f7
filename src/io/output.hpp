// Outputs: buffered writes to a file descriptor, and files that appear complete or not at all.
//
//   FdWriter out(STDOUT_FILENO, "standard output");
//   out.write(text); out.flush();          // throws BrokenPipe if the reader went away
//
//   AtomicFile file("clean.txt");          // writes go to a temporary file beside it
//   file.writer().write(text);
//   file.commit();                         // rename: readers see the old file or the whole new one
//
// An AtomicFile destroyed before commit() removes its temporary file, so an interrupted run
// leaves no partial output behind.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <string_view>

namespace unspin::io {

// The reader of an output closed it (`unspin fix big.txt | head -1`). Not an error: the command
// line stops quietly. Deliberately not an unspin::Error.
class BrokenPipe : public std::exception {
 public:
  const char* what() const noexcept override { return "broken pipe"; }
};

// Buffered writer over a file descriptor it does not own. Not thread-safe.
class FdWriter {
 public:
  FdWriter(int fd, std::string name);
  ~FdWriter();  // does not flush: destructors must not throw; call flush() yourself
  FdWriter(const FdWriter&) = delete;  // two buffers on one descriptor would interleave
  FdWriter& operator=(const FdWriter&) = delete;

  // Throws BrokenPipe on EPIPE and OutputError("NAME: reason") on any other failure.
  void write(std::string_view bytes);
  void flush();

 private:
  void write_through(std::string_view bytes);

  int fd_;
  std::string name_;
  std::string buffer_;
};

class AtomicFile {
 public:
  // Creates a temporary file in the target's directory. Throws OutputError when that is not
  // possible (missing or unwritable directory). A symbolic link is written through, as by the
  // shell's `>`: its target is replaced and the link stays.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;  // owns a temporary file that must be removed once
  AtomicFile& operator=(const AtomicFile&) = delete;

  FdWriter& writer() { return *writer_; }
  // Gives the new file the permission bits of `path`, and its owner and group where the process
  // may (for rewriting a file in place).
  void copy_mode_from(const std::string& path);
  // Flushes, closes and renames over the target. Throws OutputError on failure (the temporary
  // file is removed and the target is left as it was).
  void commit();

 private:
  std::string path_;    // as given, for messages
  std::string target_;  // path_ with its symbolic links followed: the file replaced
  std::string temp_path_;
  int fd_ = -1;
  std::unique_ptr<FdWriter> writer_;
  bool committed_ = false;
};

// Rewrites `path` with `contents`, first keeping its current bytes `original` as path + suffix.
// Both are written atomically (temporary file, flush to disk, rename) with the file's permission
// bits, so an interruption leaves either the old file or the new one, and the backup is complete
// before the file changes. Throws OutputError.
void replace_file(const std::string& path, std::string_view original, std::string_view contents,
                  const std::string& backup_suffix);

}  // namespace unspin::io
