#include "report/json.hpp"
#include "report/json_reader.hpp"
#include "errors.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

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

TEST_CASE("JSON strings round-trip whatever mix of plain runs and special bytes they hold", "[json]") {
  // Fragments of every kind append_json_string treats apart. An invalid one stands for exactly one
  // U+FFFD, since no fragment starts with a continuation byte.
  struct Fragment {
    std::string bytes;
    std::string decoded;
  };
  const std::string replacement = "\xEF\xBF\xBD";
  const std::vector<Fragment> fragments = {
      {"plain words", "plain words"}, {"x", "x"}, {"\"", "\""}, {"\\", "\\"}, {"/", "/"},
      {"<", "<"}, {"\n", "\n"}, {"\t", "\t"}, {"\r", "\r"}, {std::string(1, '\0'), std::string(1, '\0')},
      {"\x01", "\x01"}, {"\x1f", "\x1f"}, {"\x7f", "\x7f"}, {"\xC3\xA9", "\xC3\xA9"},
      {"\xF0\x9F\x99\x82", "\xF0\x9F\x99\x82"}, {"\xE2\x80\xA8", "\xE2\x80\xA8"},
      {"\xFF", replacement}, {"\xC3", replacement}, {"\xE2\x80", replacement}};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7fff;
  };
  for (int trial = 0; trial < 2000; ++trial) {
    std::string input, expected;
    const int count = static_cast<int>(next() % 12);
    for (int k = 0; k < count; ++k) {
      const Fragment& f = fragments[next() % fragments.size()];
      input += f.bytes;
      expected += f.decoded;
    }
    CAPTURE(input);
    const std::string out = quoted(input);
    CHECK(unspin::report::parse_json(out).string == expected);
    CHECK(out.find("</") == std::string::npos);
    CHECK(out.find("\xE2\x80\xA8") == std::string::npos);
    CHECK(std::none_of(out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
  }
  // Plain text is copied as it is.
  const std::string plain = "The first reports (7.6 million) said: it's over; <b> & ~all~ [done]?";
  CHECK(quoted(plain) == "\"" + plain + "\"");
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

TEST_CASE("the JSON reader accepts what the writer writes and rejects what RFC 8259 does", "[json]") {
  namespace report = unspin::report;
  using unspin::InputError;
  using report::JsonValue;
  std::string out;
  report::JsonWriter w(out);
  w.begin_object().key("s").value("“q” \n\t \\ </script> \xF0\x9F\x98\x80").key("n").value(-12.5).key("a").begin_array();
  w.value(true).value(false).end_array().end_object();
  const JsonValue v = report::parse_json(out);
  CHECK(v.at("s").string == "“q” \n\t \\ </script> \xF0\x9F\x98\x80");
  CHECK(v.at("n").number == -12.5);
  CHECK(v.at("a").array.size() == 2);
  CHECK(v.at("a").array[0].boolean);
  CHECK(v.find("missing") == nullptr);
  CHECK_THROWS_AS(v.at("missing"), InputError);
  CHECK(report::parse_json(R"("\ud83d\ude00 \u00e9")").string == "\xF0\x9F\x98\x80 \xC3\xA9");
  CHECK(report::parse_json(" [1e3, 0, -0.5, null] ").array[0].number == 1000);
  for (const char* bad : {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "\"\\x\"", "\"\\ud800\"", "tru", "[1] 2",
                          "{\"a\" 1}", "\"a\nb\"", "\"\xff\""}) {
    INFO(bad);
    CHECK_THROWS_AS(report::parse_json(bad), InputError);
  }
  const auto lines = report::parse_json_lines("{\"a\":1}\n\n{\"a\":2}\n");
  REQUIRE(lines.size() == 2);
  CHECK(lines[1].at("a").number == 2);
  CHECK_THROWS_WITH(report::parse_json_lines("{}\n{oops}\n"), Catch::Contains("line 2"));
}
