#include "resources.hpp"

#include <cstdlib>

namespace unspin {
namespace {

std::string from_env(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  return value && *value ? value : fallback;
}

}  // namespace

std::string dictionary_dir() { return from_env("UNSPIN_DICTIONARIES", UNSPIN_DEFAULT_DICTIONARIES); }
std::string data_dir() { return from_env("UNSPIN_DATA", UNSPIN_DEFAULT_DATA); }
std::string data_path(std::string_view name) { return data_dir() + "/" + std::string(name); }
std::string cache_dir() { return from_env("UNSPIN_CACHE", UNSPIN_DEFAULT_CACHE); }
std::string dictionary_path(std::string_view name) { return dictionary_dir() + "/" + std::string(name); }
std::string cache_path(std::string_view name) { return cache_dir() + "/" + std::string(name); }

}  // namespace unspin
