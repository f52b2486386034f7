#include "detect/detector.hpp"

#include <algorithm>
#include <cmath>

#include "detect/frequent_words.hpp"
#include "errors.hpp"
#include "io/input.hpp"
#include "lattice/sentence.hpp"
#include "learn/logistic.hpp"
#include "lexicon/numbers.hpp"
#include "text/decimals.hpp"

namespace unspin::detect {
namespace {

using lattice::Slot;

constexpr const char* kFeatureNames[kFeatureCount] = {"phrase_weight",    "phrase_gain", "numbers",
                                                       "frequency_gain",   "frequency_hits", "words",
                                                       "document_density", "frequency_density"};
constexpr std::size_t kLevels = 2;
constexpr const char* kLevelNames[kLevels] = {"sentence", "paragraph"};

double clip(double x, double lo, double hi) { return std::min(hi, std::max(lo, x)); }

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Frequency-guided gains below 2 (log10) are about as common in clean text as in spun text
// (docs/DETECTION.md); only the excess over 2 counts, up to 4.
double frequency_excess(double gain) { return clip(gain - 2.0, 0.0, 4.0); }

// The gain from which a frequency-guided hit counts towards the document's frequency density.
constexpr double kFrequencyDensityGain = 4.5;


// Hits of one sentence, with their raw feature sums.
struct SentenceHits {
  Features raw{};
  std::vector<Evidence> hits;
};

}  // namespace

const char* to_string(Label label) { return label == Label::Spun ? "spun" : "clean"; }

const char* to_string(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::Phrase: return "phrase";
    case EvidenceKind::Tortured: return "tortured";
    case EvidenceKind::Number: return "number";
    case EvidenceKind::Frequency: return "frequency";
  }
  return "?";
}

const char* feature_name(std::size_t feature) { return feature < kFeatureCount ? kFeatureNames[feature] : "bias"; }
const char* to_string(Level level) { return kLevelNames[static_cast<int>(level)]; }

Design design(const Features& raw) {
  Design x{};
  x[0] = 1.0;
  for (std::size_t f = 0; f < kFeatureCount; ++f) x[1 + f] = raw[f];
  x[1 + kWords] = std::log1p(raw[kWords]);
  x[1 + kDocumentDensity] = std::log1p(raw[kDocumentDensity]);
  x[1 + kFrequencyDensity] = std::log1p(raw[kFrequencyDensity]);
  return x;
}

DetectorWeights DetectorWeights::load(const std::string& path) {
  const std::string data = io::read_resource(path, "detector weights");
  DetectorWeights w;
  w.origin = path;
  std::array<std::array<bool, kDesignSize>, kLevels> seen{};
  io::for_each_tsv_row(data, path, [&](const io::TsvRow& row) {
    const std::vector<std::string>& fields = row.fields;
    const std::string& where = row.where;
    if (fields.size() != 3) throw ResourceError(where + "expected 3 tab-separated fields (level, input, weight)");
    const auto level = std::find(std::begin(kLevelNames), std::end(kLevelNames), fields[0]) - std::begin(kLevelNames);
    if (level == kLevels) throw ResourceError(where + "unknown level “" + fields[0] + "”");
    const std::size_t input = learn::weight_input(fields[1], kFeatureNames, where);
    w.coefficients[level][input] = learn::parse_weight(fields[2], where);
    seen[level][input] = true;
  });
  for (std::size_t level = 0; level < kLevels; ++level) {
    for (std::size_t input = 0; input < kDesignSize; ++input) {
      if (!seen[level][input]) {
        throw ResourceError(path + ": no weight for " + kLevelNames[level] + " " +
                            (input == 0 ? "bias" : kFeatureNames[input - 1]));
      }
    }
  }
  return w;
}

std::string DetectorWeights::to_tsv(const std::string& comment) const {
  std::string out = comment;
  for (std::size_t level = 0; level < kLevels; ++level) {
    for (std::size_t input = 0; input < kDesignSize; ++input) {
      out += std::string(kLevelNames[level]) + "\t" + (input == 0 ? "bias" : kFeatureNames[input - 1]) + "\t" +
             learn::format_weight(coefficients[level][input]) + "\n";
    }
  }
  return out;
}

double DetectorWeights::logit(Level level, const Features& raw) const {
  const Design x = design(raw);
  const Design& c = coefficients[static_cast<int>(level)];
  double z = 0;
  for (std::size_t i = 0; i < kDesignSize; ++i) z += c[i] * x[i];
  return z;
}

std::shared_ptr<FrequentWords> Detector::new_cache(std::shared_ptr<const FrequencyTable> table) {
  return std::make_shared<FrequentWords>(std::move(table));
}

Detector::Detector(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model, DetectorWeights weights,
                   DetectOptions options, std::shared_ptr<FrequentWords> cache)
    : lexicon_(lexicon),
      model_(model),
      weights_(std::move(weights)),
      options_(options),
      cache_(cache ? std::move(cache) : new_cache()),
      table_(cache_->table_for(lexicon_, model_, options_)),
      types_(std::make_unique<lattice::TypeCaches>(model_, lexicon_.phrases())) {}

Detector::~Detector() = default;

DocumentScore Detector::score(const text::Document& doc, const std::function<void(std::size_t)>& progress) const {
  const auto tokens = doc.tokens();
  const std::vector<lexicon::NumberFix> numbers = lexicon::number_fixes(doc);
  lattice::WordIds ids(model_);
  const lattice::TypeCaches::Lease type_cache = types_->lease();
  const lattice::DocumentWords types(doc, ids, lexicon_.phrases(), type_cache.get());

  DocumentFrequentWords type_info(*cache_, lexicon_, model_, options_, table_, types.type_count());

  auto sentence_hits = [&](const text::Sentence& sentence) {
    SentenceHits out;
    const lattice::SentenceView view(types, sentence);
    const std::vector<Slot>& slots = view.slots();
    lattice::WrittenScores written(model_, slots);
    out.raw[kWords] = static_cast<double>(slots.size());
    for (std::uint32_t i = 0; i < slots.size();) {
      const Slot& s = slots[i];
      if (s.protect) {
        ++i;
        continue;
      }
      const lexicon::PhraseMatch* hit = nullptr;
      for (const lexicon::PhraseMatch& m : view.matches(i)) {
        if (view.usable(i, m)) {
          hit = &m;
          break;
        }
      }
      if (hit) {
        const std::uint32_t end = view.slot_at(hit->end_token);
        const std::vector<std::string> original_words = lattice::lm_words(hit->entry->original);
        const std::vector<lm::WordId> original = ids(original_words);
        double gain = lattice::window_score(model_, slots, i, end, original.data(), original.size()) - written.window(i, end);
        const double commas = options_.commas ? options_.comma_weight * options_.commas->span_favour(
                                                    doc, s.token, hit->end_token, original_words, s.lm, slots[end - 1].lm)
                                              : 0.0;
        gain += commas;
        Evidence e;
        e.begin = tokens[s.token].begin;
        e.end = tokens[hit->end_token - 1].end;
        const bool tortured = hit->entry->source == lexicon::PhraseSource::Tortured;
        e.kind = tortured ? EvidenceKind::Tortured : EvidenceKind::Phrase;
        e.original = hit->entry->original;
        e.strength = hit->entry->weight;
        e.gain = gain;
        e.reason = std::string(tortured ? "tortured phrase for " : "phrase: spinner form of ") + quoted(e.original) +
                   " (weight " + text::decimals(e.strength, 2) + ", " + hit->entry->origin + "); the language model " +
                   (std::fabs(commas) >= lm::CommaModel::kWorthSaying ? "and the commas around it prefer " : "prefers ") +
                   (gain >= 0 ? "the original by " : "the written text by ") + text::decimals(std::fabs(gain), 2) + " (log10)";
        out.raw[kPhraseWeight] += e.strength;
        out.raw[kPhraseGain] += clip(gain, -2, 3);
        out.hits.push_back(std::move(e));
        i = end;
        continue;
      }
      if (lattice::editable_word(s)) {
        const FrequentWord& info = type_info(s);
        const FrequentGain best = best_frequent(written, i, info, options_.frequency_gain);
        if (best.candidate && best.gain >= options_.frequency_gain) {
          Evidence e;
          e.begin = tokens[s.token].begin;
          e.end = tokens[s.token].end;
          e.kind = EvidenceKind::Frequency;
          e.original = best.candidate->text;
          e.gain = best.gain;
          const std::string ratio = text::decimals(std::pow(10.0, best.candidate->unigram - info.unigram), 0);
          e.reason = "rare word; its synonym " + quoted(e.original) + " is " + ratio +
                     "× more frequent and the language model prefers it here by " + text::decimals(e.gain, 2) + " (log10)";
          out.raw[kFrequencyGain] += frequency_excess(e.gain);
          out.raw[kFrequencyHits] += 1;
          out.hits.push_back(std::move(e));
        }
      }
      ++i;
    }
    for (const lexicon::NumberFix& f : numbers) {
      if (f.begin_token < sentence.first_token || f.end_token > sentence.end_token) continue;
      Evidence e;
      e.begin = tokens[f.begin_token].begin;
      e.end = tokens[f.end_token - 1].end;
      e.kind = EvidenceKind::Number;
      e.original = f.replacement;
      e.strength = f.confidence;
      e.reason = f.reason;
      out.raw[kNumbers] += 1;
      out.hits.push_back(std::move(e));
    }
    return out;
  };

  // Each hit's contribution to a sentence or paragraph logit.
  auto contribution = [&](Level level, const Evidence& e) {
    const Design& c = weights_.coefficients[static_cast<int>(level)];
    switch (e.kind) {
      case EvidenceKind::Phrase:
      case EvidenceKind::Tortured: return c[1 + kPhraseWeight] * e.strength + c[1 + kPhraseGain] * clip(e.gain, -2, 3);
      case EvidenceKind::Number: return c[1 + kNumbers];
      case EvidenceKind::Frequency: return c[1 + kFrequencyGain] * frequency_excess(e.gain) + c[1 + kFrequencyHits];
    }
    return 0.0;
  };
  auto finish = [&](Level level, PassageScore& unit) {
    unit.score = sigmoid(weights_.logit(level, unit.features));
    unit.label = unit.score >= options_.threshold ? Label::Spun : Label::Clean;
    for (Evidence& e : unit.evidence) e.weight = contribution(level, e);
    std::stable_sort(unit.evidence.begin(), unit.evidence.end(),
                     [](const Evidence& a, const Evidence& b) { return a.weight > b.weight; });
  };

  // Hits that clean text rarely shows (docs/DETECTION.md): number garble, phrase hits the
  // language model clearly prefers the original of, and frequency-guided hits with a large gain.
  auto strong_hit = [&](const Evidence& e) {
    switch (e.kind) {
      case EvidenceKind::Number: return true;
      case EvidenceKind::Phrase:
      case EvidenceKind::Tortured: return e.gain >= 1.0;
      case EvidenceKind::Frequency: return e.gain >= 3.0;
    }
    return false;
  };

  DocumentScore result;
  result.passages.reserve(doc.paragraphs().size());
  result.sentences.reserve(doc.sentences().size());
  for (const text::Paragraph& p : doc.paragraphs()) {
    PassageScore passage;
    passage.begin = p.begin;
    passage.end = p.end;
    passage.line = p.line;
    for (const text::Sentence& s : doc.sentences(p)) {
      SentenceHits h = sentence_hits(s);
      if (progress) progress(s.end);
      PassageScore sentence;
      sentence.begin = s.begin;
      sentence.end = s.end;
      sentence.line = p.line;
      sentence.features = h.raw;
      for (std::size_t f = 0; f < kFeatureCount; ++f) passage.features[f] += h.raw[f];
      passage.evidence.insert(passage.evidence.end(), h.hits.begin(), h.hits.end());
      sentence.evidence = std::move(h.hits);
      result.sentences.push_back(std::move(sentence));
    }
    for (std::size_t f = 0; f < kFeatureCount; ++f) result.features[f] += passage.features[f];
    result.passages.push_back(std::move(passage));
  }
  const double words = result.features[kWords];
  result.words = static_cast<std::size_t>(words);
  // The densities count each written form with its original at most kPerForm times: one odd word
  // used throughout a document ("INFO" in a logging manual) is one signal, not a pattern, while
  // spin replaces many different words (3 measured best on dev; docs/DETECTION.md). The reported
  // hits count every one.
  const std::size_t per_form = options_.density_per_form;
  text::StringMap<std::uint32_t> forms;
  auto first_uses = [&](const Evidence& e) {
    if (per_form == 0) return true;
    std::string key = text::to_lower(doc.bytes().substr(e.begin, e.end - e.begin));
    key += '\t';
    key += e.original;
    return ++forms[key] <= per_form;
  };
  std::size_t density_hits = 0;
  std::size_t frequent_hits = 0;
  for (const PassageScore& p : result.passages) {
    for (const Evidence& e : p.evidence) {
      result.tortured_hits += e.kind == EvidenceKind::Tortured;
      const bool strong = strong_hit(e);
      const bool frequent = e.kind == EvidenceKind::Frequency && e.gain >= kFrequencyDensityGain;
      result.hits += strong;
      if ((strong || frequent) && first_uses(e)) {
        density_hits += strong;
        frequent_hits += frequent;
      }
    }
  }
  result.hits_per_1000_words = words > 0 ? 1000.0 * static_cast<double>(result.hits) / words : 0;
  // The density the passages see is smoothed towards clean text's (about 4 strong hits per 1,000
  // words, as if 500 clean words were added), so that in a short document a single odd word does
  // not make every passage look spun.
  const double density = 1000.0 * (static_cast<double>(density_hits) + 2.0) / (words + 500.0);
  // Thesaurus spin leaves few phrase hits but many words whose far more frequent synonym the
  // language model prefers by a wide margin: about 5 per 1,000 words against 0.4 in clean dev
  // text at a gain of 4.5 or more (which separated dev documents best; docs/DETECTION.md).
  // Smoothed the same way, as if 500 clean words were added.
  const double frequency_density = 1000.0 * (static_cast<double>(frequent_hits) + 0.2) / (words + 500.0);
  result.features[kDocumentDensity] = density;
  result.features[kFrequencyDensity] = frequency_density;
  for (PassageScore& s : result.sentences) {
    s.features[kDocumentDensity] = density;
    s.features[kFrequencyDensity] = frequency_density;
    finish(Level::Sentence, s);
  }
  for (PassageScore& p : result.passages) {
    p.features[kDocumentDensity] = density;
    p.features[kFrequencyDensity] = frequency_density;
    finish(Level::Paragraph, p);
  }
  // The document's score is the expected share of spun text: its passages' scores weighted by
  // their words. (A logistic regression on document densities, fitted on 304 long dev
  // documents, separated them almost perfectly but misjudged short documents.)
  double weighted = 0;
  for (const PassageScore& p : result.passages) weighted += p.score * p.features[kWords];
  result.score = words > 0 ? weighted / words : 0;
  result.label = result.score >= options_.threshold ? Label::Spun : Label::Clean;
  return result;
}

}  // namespace unspin::detect
