#include "lexicon/speller.hpp"

#include <hunspell/hunspell.hxx>

#include <fstream>
#include <future>

#include "errors.hpp"

namespace unspin::lexicon {

// Hunspell takes ~55 ms to read en_US. It is built on a background thread from open() on, so
// that the rest of the lexicon (and the input) loads meanwhile; the first call waits for it.
struct Speller::Impl {
  Impl(const std::string& aff, const std::string& dic)
      : pending(std::async(std::launch::async, [aff, dic] { return std::make_unique<Hunspell>(aff.c_str(), dic.c_str()); })) {}
  ~Impl() {
    if (pending.valid()) pending.wait();  // never leave the thread running past the object
  }
  Hunspell& get() {
    if (!hunspell) hunspell = pending.get();
    return *hunspell;
  }
  std::mutex mutex;
  std::future<std::unique_ptr<Hunspell>> pending;
  std::unique_ptr<Hunspell> hunspell;
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
  return impl_->get().spell(std::string(word));
}

std::vector<std::string> Speller::stem(std::string_view word) const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->get().stem(std::string(word));
}

}  // namespace unspin::lexicon
