#include "lm/score_cache.hpp"

namespace unspin::lm {

ScoreCache::ScoreCache(const LanguageModel& model)
    : model_(model),
      begin_(model.begin_sentence()),
      end_(model.end_sentence()),
      unknown_(model.unknown()),
      slots_(std::make_unique<std::array<Slot, kSlots>>()) {}

float ScoreCache::score(WordId u, WordId v, WordId w) const {
  std::uint64_t h = (u * 0x9E3779B97F4A7C15ull) ^ (v * 0xC2B2AE3D27D4EB4Full) ^ (w * 0x165667B19E3779F9ull);
  h ^= h >> 29;
  Slot& slot = (*slots_)[h & (kSlots - 1)];
  if (slot.score <= 0 && slot.u == u && slot.v == v && slot.w == w) return slot.score;
  slot = {u, v, w, model_.score(u, v, w)};
  return slot.score;
}

}  // namespace unspin::lm
