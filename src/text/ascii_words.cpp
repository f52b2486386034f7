#include "text/ascii_words.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace unspin::text {
namespace {

// Word_Break property values that occur in ASCII.
enum class Wb : std::uint8_t {
  Other,
  Letter,        // ALetter: A-Z a-z, and @ as ICU has it
  Numeric,       // 0-9
  MidNumLet,     // .
  SingleQuote,   // '  (acts as MidNumLet between letters or digits)
  MidNum,        // , ;
  ExtendNumLet,  // _
  Space,         // WSegSpace: the space character
  Newline,       // vertical tab, form feed
  Cr,
  Lf,
};

constexpr std::array<Wb, 128> make_classes() {
  std::array<Wb, 128> c{};
  for (int i = 'A'; i <= 'Z'; ++i) c[i] = Wb::Letter;
  for (int i = 'a'; i <= 'z'; ++i) c[i] = Wb::Letter;
  c['@'] = Wb::Letter;  // ICU adds it to ALetter, so that "user@example" holds together
  for (int i = '0'; i <= '9'; ++i) c[i] = Wb::Numeric;
  c['.'] = Wb::MidNumLet;
  c['\''] = Wb::SingleQuote;
  c[','] = Wb::MidNum;
  c[';'] = Wb::MidNum;
  // ICU takes the colon out of MidLetter ("a:b" breaks), so it is Other here too.
  c['_'] = Wb::ExtendNumLet;
  c[' '] = Wb::Space;
  c['\v'] = Wb::Newline;
  c['\f'] = Wb::Newline;
  c['\r'] = Wb::Cr;
  c['\n'] = Wb::Lf;
  return c;
}

constexpr std::array<Wb, 128> kClasses = make_classes();

bool mid_letter(Wb c) { return c == Wb::MidNumLet || c == Wb::SingleQuote; }
bool mid_number(Wb c) { return c == Wb::MidNum || c == Wb::MidNumLet || c == Wb::SingleQuote; }
bool line_end(Wb c) { return c == Wb::Newline || c == Wb::Cr || c == Wb::Lf; }

}  // namespace

bool is_ascii(std::string_view text) {
  // Eight bytes at a time: any byte with its top bit set.
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    if (chunk & 0x8080808080808080ull) return false;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  }
  return true;
}

void ascii_word_boundaries(std::string_view text, std::vector<std::size_t>& out) {
  out.clear();
  out.push_back(0);
  const std::size_t n = text.size();
  if (n == 0) return;
  auto cls = [&](std::size_t i) { return kClasses[static_cast<unsigned char>(text[i]) & 0x7f]; };
  constexpr Wb kNone = Wb::Other;  // beyond either end of the text
  Wb before = kNone;  // class at i - 2
  Wb a = cls(0);      // class at i - 1
  for (std::size_t i = 1; i < n; ++i) {
    const Wb b = cls(i);
    if (a == Wb::Letter && b == Wb::Letter) {  // WB5, inside most words: the common case first
      before = a;
      continue;
    }
    const Wb after = i + 1 < n ? cls(i + 1) : kNone;
    bool join = false;
    if (a == Wb::Cr && b == Wb::Lf) join = true;                                   // WB3
    else if (line_end(a) || line_end(b)) join = false;                             // WB3a, WB3b
    else if (a == Wb::Space && b == Wb::Space) join = true;                        // WB3d
    else if (a == Wb::Letter && b == Wb::Letter) join = true;                      // WB5
    else if (a == Wb::Letter && mid_letter(b) && after == Wb::Letter) join = true; // WB6
    else if (before == Wb::Letter && mid_letter(a) && b == Wb::Letter) join = true;  // WB7
    else if ((a == Wb::Numeric || a == Wb::Letter) && (b == Wb::Numeric || b == Wb::Letter)) {
      join = true;                                                                 // WB8, WB9, WB10
    } else if (before == Wb::Numeric && mid_number(a) && b == Wb::Numeric) join = true;  // WB11
    else if (a == Wb::Numeric && mid_number(b) && after == Wb::Numeric) join = true;     // WB12
    else if ((a == Wb::Letter || a == Wb::Numeric || a == Wb::ExtendNumLet) && b == Wb::ExtendNumLet) {
      join = true;                                                                 // WB13a
    } else if (a == Wb::ExtendNumLet && (b == Wb::Letter || b == Wb::Numeric)) join = true;  // WB13b
    if (!join) out.push_back(i);
    before = a;
    a = b;
  }
  out.push_back(n);
}

}  // namespace unspin::text
