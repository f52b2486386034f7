// A small JSON reader, for edit lists that users review and feed back (`unspin apply`).
//
//   JsonValue doc = parse_json(text);                 // throws InputError("offset 17: ...")
//   for (const JsonValue& e : doc.at("edits").array) use(e.at("start").number);
//
// Strict RFC 8259: one value, no trailing commas, no comments; strings must be valid UTF-8 and
// \u escapes (with surrogate pairs) are decoded to UTF-8. Nesting is limited to 256 levels.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unspin::report {

struct JsonValue {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::vector<std::pair<std::string, JsonValue>> object;  // in document order
  std::size_t begin = 0, end = 0;  // the value's bytes in the parsed text (for splicing edits in)

  // The member named `key`, or null when absent (or when this is not an object).
  const JsonValue* find(std::string_view key) const;
  // The member named `key`; throws InputError("missing \"key\"") when absent.
  const JsonValue& at(std::string_view key) const;
};

JsonValue parse_json(std::string_view text);

// Every value of a JSON Lines text (blank lines skipped); errors name the line.
std::vector<JsonValue> parse_json_lines(std::string_view text);

}  // namespace unspin::report
