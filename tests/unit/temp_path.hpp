// Scratch files for unit tests. CTest runs each test case as its own process, two at a time, so
// a scratch file's name carries the process id: two test cases that write a file of the same name
// (a test table, a small model) never read each other's half-written copy.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace unspin::testing {

inline std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("unspin-test-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace unspin::testing
