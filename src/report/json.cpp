#include "report/json.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "text/utf8.hpp"

namespace unspin::report {

namespace {

// The bytes append_json_string cannot copy as they are: controls and DEL (escaped), '"' and '\\',
// '/' (escaped after '<'), and the bytes of multi-byte sequences (validated first).
constexpr std::array<bool, 256> kNotPlain = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '/';
  return table;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Most text is plain: copy each run of it at once.
    std::size_t plain_end = i;
    while (plain_end < s.size() && !kNotPlain[static_cast<unsigned char>(s[plain_end])]) ++plain_end;
    out.append(s, i, plain_end - i);
    i = plain_end;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '/':
          // "</script>" must not close an HTML script block that embeds this JSON.
          out += (i > 0 && s[i - 1] == '<') ? "\\/" : "/";
          break;
        default:  // the other controls and DEL
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
      }
      ++i;
      continue;
    }
    const text::Decoded d = text::decode(s, i);
    if (d.code_point < 0) {
      out += "\\ufffd";
    } else if (d.code_point == 0x2028 || d.code_point == 0x2029) {
      out += d.code_point == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(s.substr(i, d.next - i));
    }
    i = d.next;
  }
  out += '"';
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(double d, int decimals) {
  if (!std::isfinite(d)) return null();
  before_value();
  // Values that round to zero print as "0.0000", never "-0.0000".
  if (std::fabs(d) < 0.5 * std::pow(10.0, -decimals)) d = 0.0;
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, decimals);
  const std::string_view num(buf, static_cast<std::size_t>(r.ptr - buf));
  out_ += num;
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  before_value();
  out_ += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
  before_value();
  out_ += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace unspin::report
