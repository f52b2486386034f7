// SHA-256 (FIPS 180-4), for fingerprinting inputs: an edit list records the hash of the text it
// was computed on, and `apply` refuses a text whose hash differs.
//
//   std::string h = sha256_hex(bytes);   // 64 lowercase hex digits
#pragma once

#include <string>
#include <string_view>

namespace unspin::io {

std::string sha256_hex(std::string_view data);

}  // namespace unspin::io
