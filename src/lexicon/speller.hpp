// Hunspell behind a small wrapper: is a word English, and what are its stems.
//
//   Speller speller = Speller::open("/usr/share/hunspell/en_US");   // .aff and .dic
//   speller.spell("troopers");   // true
//   speller.stem("troopers");    // {"trooper", "troop"}
//
// UTF-8 std::string_view in, std::string out; no Hunspell type leaves the .cpp file. Calls are
// serialised by a mutex, because a Hunspell object keeps per-call state; callers on hot paths
// should cache results. Hunspell reads its dictionary on a background thread started by
// preload() (or by the first call); spell() and stem() wait for it, so other work can overlap.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::lexicon {

class Speller {
 public:
  // `base` is the dictionary path without extension. Throws ResourceError naming the missing
  // file when BASE.aff or BASE.dic cannot be read.
  static Speller open(const std::string& base);
  ~Speller();
  Speller(Speller&&) noexcept;
  Speller& operator=(Speller&&) noexcept;

  // Starts reading the dictionary in the background, if that has not started; returns at once.
  void preload() const;
  bool spell(std::string_view word) const;
  std::vector<std::string> stem(std::string_view word) const;

 private:
  struct Impl;
  explicit Speller(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace unspin::lexicon
