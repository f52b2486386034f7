// Scratch files for unit tests. CTest runs each test case as its own process, two at a time, so
// a scratch file's name carries the process id: two test cases that write a file of the same name
// (a test table, a small model) never read each other's half-written copy.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "errors.hpp"

namespace unspin::testing {

inline std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("unspin-test-" + std::to_string(::getpid()) + "-" + name);
}

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
