#include "lexicon/speller.hpp"

#include <hunspell/hunspell.hxx>

#include <fstream>

#include "errors.hpp"

namespace unspin::lexicon {

struct Speller::Impl {
  Impl(const std::string& aff, const std::string& dic) : hunspell(aff.c_str(), dic.c_str()) {}
  mutable std::mutex mutex;
  mutable Hunspell hunspell;
};

Speller Speller::open(const std::string& base) {
  for (const char* ext : {".aff", ".dic"}) {
    if (!std::ifstream(base + ext)) {
      throw ResourceError(base + ext + ": cannot read the Hunspell dictionary (install hunspell-en-us)");
    }
  }
  return Speller(std::make_unique<Impl>(base + ".aff", base + ".dic"));
}

Speller::Speller(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Speller::~Speller() = default;
Speller::Speller(Speller&&) noexcept = default;
Speller& Speller::operator=(Speller&&) noexcept = default;

bool Speller::spell(std::string_view word) const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->hunspell.spell(std::string(word));
}

std::vector<std::string> Speller::stem(std::string_view word) const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->hunspell.stem(std::string(word));
}

}  // namespace unspin::lexicon
