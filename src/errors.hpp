// Error types shared by every stage of unspin.
//
// Setup and input problems throw one of these; a suspicious word is a result, never an error.
// The command-line front end maps every unspin::Error to exit status 2 and prints what() on one line.
//
//   try { doc = segmenter.segment(read_input(path)); }
//   catch (const unspin::InputError& e) { std::cerr << "unspin: " << path << ": " << e.what(); }
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace unspin {

// Base of everything unspin throws on purpose. what() is one line, without the program name.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The options make no sense: unknown flag, bad value, conflicting flags.
class UsageError : public Error {
 public:
  using Error::Error;
};

// An input cannot be processed: unreadable, a directory, binary, invalid UTF-8, too large.
class InputError : public Error {
 public:
  using Error::Error;
};

// Invalid UTF-8 at a byte offset. Raised unless the caller asked for lenient handling.
class InvalidUtf8Error : public InputError {
 public:
  explicit InvalidUtf8Error(std::size_t offset);
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// A resource the engine needs (dictionary, thesaurus index, language model) is missing or corrupt.
// The message names the file and, where it helps, the line: "phrases.tsv:17: expected 2 fields".
class ResourceError : public Error {
 public:
  using Error::Error;
};

// An output cannot be written (unwritable directory, disk full). Broken pipes are not errors.
class OutputError : public Error {
 public:
  using Error::Error;
};

}  // namespace unspin
