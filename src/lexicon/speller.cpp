#include "lexicon/speller.hpp"

#include <hunspell/hunspell.hxx>

#include <condition_variable>
#include <fstream>
#include <thread>

#include "errors.hpp"

namespace unspin::lexicon {

// Hunspell takes ~55 ms to read en_US. It is read on a detached thread started by preload() or
// by the first call, so that other work overlaps with it; a call waits until it is ready, and a
// run that never spell-checks never waits. It is not started by open(): on two cores, reading it
// alongside the lexicon and the language model slowed both (start-up 150-200 ms against
// 110-140 ms). The thread shares ownership of the state, so it is safe whether the Speller or the
// thread finishes first.
struct Speller::Impl {
  struct Shared {
    std::mutex mutex;
    std::condition_variable ready;
    std::unique_ptr<Hunspell> hunspell;
  };
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::string aff, dic;
  std::once_flag started;

  Impl(std::string aff_path, std::string dic_path) : aff(std::move(aff_path)), dic(std::move(dic_path)) {}
  void start() {
    std::call_once(started, [this] {
      std::thread([state = shared, aff = aff, dic = dic] {
        auto built = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
        const std::lock_guard lock(state->mutex);
        state->hunspell = std::move(built);
        state->ready.notify_all();
      }).detach();
    });
  }
  // Runs `call` on the loaded Hunspell, holding the lock (Hunspell keeps per-call state).
  template <typename Call>
  auto with(Call&& call) {
    start();
    std::unique_lock lock(shared->mutex);
    shared->ready.wait(lock, [this] { return shared->hunspell != nullptr; });
    return call(*shared->hunspell);
  }
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

void Speller::preload() const { impl_->start(); }

bool Speller::spell(std::string_view word) const {
  return impl_->with([&](Hunspell& h) { return h.spell(std::string(word)); });
}

std::vector<std::string> Speller::stem(std::string_view word) const {
  return impl_->with([&](Hunspell& h) { return h.stem(std::string(word)); });
}

}  // namespace unspin::lexicon
