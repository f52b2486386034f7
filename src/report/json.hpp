// A small streaming JSON writer that always produces valid JSON.
//
//   std::string out;
//   JsonWriter w(out);
//   w.begin_object().key("file").value(path).key("score").value(0.25).end_object();
//
// Strings are escaped for JSON and for embedding in HTML <script> blocks: control characters,
// quotes, backslashes, "</" and U+2028/U+2029 are escaped; invalid UTF-8 becomes U+FFFD (the
// byte offsets elsewhere in the output still locate the original bytes). Non-finite numbers are
// written as null. The writer keeps no reference to its output beyond its own lifetime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::report {

// Appends `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(double d, int decimals = 4);
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(std::uint32_t n) { return value(static_cast<std::uint64_t>(n)); }
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(bool b);
  JsonWriter& null();

 private:
  void before_value();

  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace unspin::report
