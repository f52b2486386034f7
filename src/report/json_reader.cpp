#include "report/json_reader.hpp"

#include <cstdlib>

#include "errors.hpp"
#include "text/utf8.hpp"

namespace unspin::report {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  JsonValue document() {
    JsonValue v = value(0);
    space();
    if (at_ != text_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const { throw InputError("offset " + std::to_string(at_) + ": " + why); }

  void space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) ++at_;
  }

  bool take(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  JsonValue value(int depth) {
    if (depth > 256) fail("nested too deeply");
    space();
    if (at_ >= text_.size()) fail("unexpected end of input");
    const std::size_t begin = at_;
    JsonValue v = bare_value(depth);
    v.begin = begin;
    v.end = at_;
    return v;
  }

  JsonValue bare_value(int depth) {
    JsonValue v;
    const char c = text_[at_];
    if (c == '{') {
      v.type = JsonValue::Type::Object;
      ++at_;
      space();
      if (take("}")) return v;
      for (;;) {
        space();
        if (at_ >= text_.size() || text_[at_] != '"') fail("expected a member name");
        std::string key = string();
        space();
        if (!take(":")) fail("expected ':'");
        v.object.emplace_back(std::move(key), value(depth + 1));
        space();
        if (take("}")) return v;
        if (!take(",")) fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      v.type = JsonValue::Type::Array;
      ++at_;
      space();
      if (take("]")) return v;
      for (;;) {
        v.array.push_back(value(depth + 1));
        space();
        if (take("]")) return v;
        if (!take(",")) fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      v.type = JsonValue::Type::String;
      v.string = string();
      return v;
    }
    if (take("true")) {
      v.type = JsonValue::Type::Bool;
      v.boolean = true;
      return v;
    }
    if (take("false")) {
      v.type = JsonValue::Type::Bool;
      return v;
    }
    if (take("null")) return v;
    if (c == '-' || (c >= '0' && c <= '9')) {
      v.type = JsonValue::Type::Number;
      v.number = number();
      return v;
    }
    fail(std::string("unexpected character '") + c + "'");
  }

  double number() {
    const std::size_t start = at_;
    auto digits = [&] {
      const std::size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    take("-");
    if (take("0")) {
      // no leading zeros
    } else if (!digits()) {
      fail("bad number");
    }
    if (take(".") && !digits()) fail("bad number");
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (!take("+")) take("-");
      if (!digits()) fail("bad number");
    }
    return std::strtod(std::string(text_.substr(start, at_ - start)).c_str(), nullptr);
  }

  unsigned hex4() {
    if (at_ + 4 > text_.size()) fail("bad \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[at_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
      else fail("bad \\u escape");
    }
    return v;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  std::string string() {
    ++at_;  // the opening quote
    std::string out;
    const std::size_t start = at_;
    for (;;) {
      if (at_ >= text_.size()) fail("unterminated string");
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        break;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        out += c;
        ++at_;
        continue;
      }
      ++at_;
      if (at_ >= text_.size()) fail("unterminated string");
      const char e = text_[at_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xd800 && cp < 0xdc00) {
            if (!take("\\u")) fail("unpaired surrogate");
            const unsigned low = hex4();
            if (low < 0xdc00 || low >= 0xe000) fail("unpaired surrogate");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          } else if (cp >= 0xdc00 && cp < 0xe000) {
            fail("unpaired surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: fail(std::string("bad escape '\\") + e + "'");
      }
    }
    if (text::find_invalid_utf8(text_.substr(start, at_ - start)) != std::string_view::npos) fail("invalid UTF-8 in a string");
    return out;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [k, v] : object) {
    if (k == key) return &v;
  }
  return nullptr;
}

const JsonValue& JsonValue::at(std::string_view key) const {
  const JsonValue* v = find(key);
  if (!v) throw InputError("missing \"" + std::string(key) + "\"");
  return *v;
}

JsonValue parse_json(std::string_view text) { return Parser(text).document(); }

std::vector<JsonValue> parse_json_lines(std::string_view text) {
  std::vector<JsonValue> out;
  std::size_t line = 1;
  for (std::size_t at = 0; at < text.size(); ++line) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view l = text.substr(at, nl - at);
    if (l.find_first_not_of(" \t\r") != std::string_view::npos) {
      try {
        out.push_back(parse_json(l));
      } catch (const InputError& e) {
        throw InputError("line " + std::to_string(line) + ", " + e.what());
      }
    }
    at = nl + 1;
  }
  return out;
}

}  // namespace unspin::report
