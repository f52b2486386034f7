// FNV-1a, 64 bits: a hash that is the same on every build and machine (std::hash is not), for
// fingerprints written to files and for seeds derived from names.
//
//   std::uint64_t h = io::fnv1a("some text");
//   std::uint64_t seed = io::fnv1a(file_name, io::kSpinSeedBasis);
#pragma once

#include <cstdint>
#include <string_view>

namespace unspin::io {

constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ull;

// The starting value `unspin spin` has always used for its per-file seeds (the FNV basis with its
// last digit missing). Kept, so that the same seed still spins the same corpus.
constexpr std::uint64_t kSpinSeedBasis = 1469598103934665603ull;

constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnvOffsetBasis) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace unspin::io
