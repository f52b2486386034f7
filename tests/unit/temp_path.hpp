// Scratch files for unit tests. CTest runs each test case as its own process, two at a time, so
// scratch files live in a directory named by the process id: two test cases that write a file of
// the same name (a test table, a small model) never read each other's half-written copy.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "errors.hpp"

namespace unspin::testing {

// The process's scratch directory, made on first use and removed with everything in it when the
// test process exits, so that test runs leave nothing behind in the temporary directory.
inline const std::filesystem::path& scratch_directory() {
  struct Directory {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("unspin-test-" + std::to_string(::getpid()));
    Directory() { std::filesystem::create_directories(path); }
    ~Directory() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const Directory directory;
  return directory.path;
}

inline std::filesystem::path temp_path(const std::string& name) { return scratch_directory() / name; }

// A scratch file holding `contents` byte for byte.
inline std::filesystem::path write_temp_file(const std::string& name, const std::string& contents) {
  const std::filesystem::path path = temp_path(name);
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

// The message of the ResourceError that `load()` throws (loading a scratch file), or "" if none.
template <typename Load>
std::string resource_error(const Load& load) {
  try {
    load();
  } catch (const ResourceError& e) {
    return e.what();
  }
  return "";
}

}  // namespace unspin::testing
