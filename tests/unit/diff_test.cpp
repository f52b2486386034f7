#include "report/diff_printer.hpp"

#include <catch2/catch.hpp>

#include "io/fnv.hpp"
#include "io/sha256.hpp"

using namespace unspin;
using repair::Edit;

namespace {

Edit edit(std::string_view text, std::string_view old, std::string replacement, std::size_t from = 0) {
  Edit e;
  e.begin = text.find(old, from);
  REQUIRE(e.begin != std::string_view::npos);
  e.end = e.begin + old.size();
  e.replacement = std::move(replacement);
  e.confidence = 0.99;
  return e;
}

std::string unified(std::string_view text, const std::vector<Edit>& edits, std::size_t context = 3) {
  std::string out;
  report::append_unified_diff(out, "f.txt", text, edits, context);
  return out;
}

}  // namespace

TEST_CASE("FNV-1a matches its published 64-bit values", "[fnv]") {
  CHECK(io::fnv1a("") == 0xcbf29ce484222325ull);
  CHECK(io::fnv1a("a") == 0xaf63dc4c8601ec8cull);
  CHECK(io::fnv1a("foobar") == 0x85944171f73967e8ull);
  // The spin seeds' historical basis gives a different, fixed value.
  CHECK(io::fnv1a("a", io::kSpinSeedBasis) != io::fnv1a("a"));
}

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[sha256]") {
  CHECK(io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(io::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // 55, 56 and 64 bytes: the padding boundaries.
  CHECK(io::sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(io::sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(io::sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  CHECK(io::sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("unified diff: hunks, context, line numbers", "[diff]") {
  const std::string text = "one\ntwo said\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten stated\n";
  SECTION("no edits, no output") { CHECK(unified(text, {}).empty()); }
  SECTION("one edit in the middle of the file") {
    CHECK(unified(text, {edit(text, "said", "told")}, 1) ==
          "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n one\n-two said\n+two told\n three\n");
  }
  SECTION("edits far apart make two hunks; close ones share one") {
    const std::string two = unified(text, {edit(text, "said", "told"), edit(text, "stated", "said")}, 1);
    CHECK(two ==
          "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n one\n-two said\n+two told\n three\n"
          "@@ -9,2 +9,2 @@\n nine\n-ten stated\n+ten said\n");
    // 7 unchanged lines between: two hunks with 3 lines of context, one with 4 (as diff -U4).
    CHECK(std::count(two.begin(), two.end(), '@') == 8);
    const std::string one = unified(text, {edit(text, "said", "told"), edit(text, "stated", "said")}, 4);
    CHECK(one.find("@@ -1,10 +1,10 @@") != std::string::npos);
    CHECK(std::count(one.begin(), one.end(), '@') == 4);
  }
  SECTION("adjacent changed lines: all removals, then all additions") {
    const std::string t = "a x\nb x\n";
    CHECK(unified(t, {edit(t, "x", "y"), edit(t, "x", "y", 3)}) == "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n-a x\n-b x\n+a y\n+b y\n");
  }
}

TEST_CASE("unified diff: no final newline, CRLF, a one-line file", "[diff]") {
  const std::string t = "They stated it.";
  CHECK(unified(t, {edit(t, "stated", "said")}) ==
        "--- a/f.txt\n+++ b/f.txt\n@@ -1 +1 @@\n-They stated it.\n\\ No newline at end of file\n+They said it.\n"
        "\\ No newline at end of file\n");
  const std::string crlf = "a\r\nThey stated it.\r\nb\r\n";
  CHECK(unified(crlf, {edit(crlf, "stated", "said")}) ==
        "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n a\r\n-They stated it.\r\n+They said it.\r\n b\r\n");
}

TEST_CASE("word diff marks each edit inline, with or without colour", "[diff]") {
  const std::string t = "They stated it would by no means fail.\n";
  const std::vector<Edit> edits = {edit(t, "stated", "said"), edit(t, "by no means", "never")};
  std::string plain, color;
  report::append_word_diff(plain, t, edits, false);
  report::append_word_diff(color, t, edits, true);
  CHECK(plain == "They [-stated-]{+said+} it would [-by no means-]{+never+} fail.\n");
  CHECK(color == "They \x1b[31mstated\x1b[m\x1b[32msaid\x1b[m it would \x1b[31mby no means\x1b[m\x1b[32mnever\x1b[m fail.\n");
  std::string none;
  report::append_word_diff(none, t, {}, false);
  CHECK(none == t);
}

TEST_CASE("fix JSON carries offsets, lines, the input hash and the edit's evidence", "[diff]") {
  const std::string t = "First line.\nThey stated it.\n";
  text::Segmenter segmenter;
  const text::Document doc = segmenter.segment(t);
  Edit e = edit(t, "stated", "said");
  e.reason = "phrase: “stated” → “said”";
  e.runners_up = {{"told", 0.4}};
  std::string out;
  report::append_fix_json(out, "f.txt", doc, std::vector<Edit>{e}, nullptr);
  CHECK(out.find("\"schema\":\"unspin-fix/1\"") != std::string::npos);
  CHECK(out.find("\"sha256\":\"" + io::sha256_hex(t) + "\"") != std::string::npos);
  CHECK(out.find("\"start\":17,\"end\":23,\"line\":2,\"column\":6,\"old\":\"stated\",\"new\":\"said\"") != std::string::npos);
  CHECK(out.find("\"runners_up\":[{\"text\":\"told\",\"confidence\":0.4") != std::string::npos);
  CHECK(out.back() == '\n');
}
