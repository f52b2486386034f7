// A read-only memory map of a whole file.
//
//   MappedFile map = MappedFile::open("build/data/thesaurus.idx");   // ResourceError on failure
//   std::string_view bytes = map.bytes();                           // valid while `map` lives
//
// Pages are loaded by the kernel on first touch, so opening a large index costs microseconds.
#pragma once

#include <string>
#include <string_view>

namespace unspin::io {

class MappedFile {
 public:
  static MappedFile open(const std::string& path);
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;  // owns the mapping
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  const std::string& path() const { return path_; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
  std::string path_;
};

}  // namespace unspin::io
