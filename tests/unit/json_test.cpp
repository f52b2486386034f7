#include "report/json.hpp"

#include <catch2/catch.hpp>

#include <string>

using unspin::report::append_json_string;
using unspin::report::JsonWriter;

namespace {
std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}
}  // namespace

TEST_CASE("JSON strings escape everything JSON and HTML need", "[json]") {
  struct Row {
    std::string input;
    const char* expected;
  };
  const Row rows[] = {
      {"plain", R"("plain")"},
      {"quote \" and \\ backslash", R"("quote \" and \\ backslash")"},
      {"tab\tnew\nline\r", R"("tab\tnew\nline\r")"},
      {std::string("nul\0bell\x07 esc\x1b del\x7f", 19), R"("nul\u0000bell\u0007 esc\u001b del\u007f")"},
      {"</script>", R"("<\/script>")"},
      {"a/b", R"("a/b")"},
      {"curly “ok” 🙂", R"("curly “ok” 🙂")"},
      {"bad \xff\xfe end", R"("bad \ufffd\ufffd end")"},
      {"ls\u2028ps\u2029", R"("ls\u2028ps\u2029")"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    CHECK(quoted(row.input) == row.expected);
  }
}

TEST_CASE("JsonWriter places commas and formats numbers", "[json]") {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .key("a").value(1)
      .key("b").begin_array().value(0.5).value(-0.00001).value(1.0 / 0.0).end_array()
      .key("c").begin_object().end_object()
      .key("d").value(true)
      .key("e").null()
      .end_object();
  CHECK(out == R"({"a":1,"b":[0.5000,0.0000,null],"c":{},"d":true,"e":null})");
}
