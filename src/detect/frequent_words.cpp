#include "detect/frequent_words.hpp"

#include <mutex>
#include <optional>

#include "detect/frequency_table.hpp"

namespace unspin::detect {

FrequentWords::FrequentWords(std::shared_ptr<const FrequencyTable> table) : table_(std::move(table)) {}
FrequentWords::~FrequentWords() = default;

const FrequencyTable* FrequentWords::table_for(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model,
                                               const DetectOptions& options) const {
  return table_ && table_->built_for(frequency_fingerprint(lexicon, model), options) ? table_.get() : nullptr;
}

const FrequentWord& FrequentWords::get(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model,
                                       const DetectOptions& options, const FrequencyTable* table, std::string_view word,
                                       lm::WordId id) {
  {
    const std::shared_lock lock(mutex_);
    const auto it = words_.find(word);
    if (it != words_.end()) return it->second;
  }
  FrequentWord info;
  info.unigram = word_unigram(model, word, id);
  if (info.unigram < options.rare_word) {
    std::optional<std::vector<FrequentSynonym>> synonyms;
    if (table) synonyms = table->find(word);
    if (!synonyms) synonyms = frequent_synonyms(lexicon, model, options, word, info.unigram);
    for (FrequentSynonym& f : *synonyms) {
      const lm::WordId candidate = model.lookup(f.text);
      info.frequent.push_back({std::move(f.text), candidate, f.unigram});
    }
  }
  const std::unique_lock lock(mutex_);
  return words_.emplace(std::string(word), std::move(info)).first->second;  // references stay valid on rehash
}

FrequentGain best_frequent(lattice::WrittenScores& written, std::uint32_t at, const FrequentWord& word, double needed) {
  FrequentGain best;
  if (word.frequent.empty()) return best;
  const double kept = written.window(at, at + 1);
  if (kept > -needed) return best;  // a candidate's window scores at most 0
  // A candidate whose window falls below kept + needed partway cannot gain `needed`: the rest of
  // its window is not asked for. (The margin keeps rounding from dropping one that just reaches it.)
  const double floor = kept + needed - 1e-9;
  for (const FrequentCandidate& c : word.frequent) {
    const double gain = lattice::window_score(written.model(), written.slots(), at, at + 1, &c.id, 1, floor) - kept;
    if (gain > best.gain) {
      best.gain = gain;
      best.candidate = &c;
    }
  }
  return best.gain >= needed ? best : FrequentGain{};
}

}  // namespace unspin::detect
