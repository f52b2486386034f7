// The repair engine: proposes edits that restore the original wording of spun text.
//
//   Fixer fixer(lexicon, model, FixOptions{});   // both must outlive the Fixer
//   FixResult result = fixer.fix(doc);
//   std::string repaired = apply_edits(doc.bytes(), result.edits);
//
// A noisy channel decoded sentence by sentence (docs/DESIGN.md): a lattice over the sentence's
// words with arcs that keep a word, take a phrase-dictionary original, take a re-inflected
// reverse-thesaurus candidate (only at words the language model finds surprising), or fix
// number garble. A path scores log10 P(words) under the language model plus each arc's channel
// score; a beam search with trigram state finds the best path. An edit on that path is kept only
// if its confidence, the posterior of the best path against the same path keeping that span or
// taking another candidate for it, clears the threshold. Words inside URLs, e-mail addresses, @handles, #hashtags and code-like
// tokens are never edited; capitalised words inside a sentence (names) only by strong phrase
// entries.
#pragma once

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "detect/detector.hpp"
#include "lexicon/lexicon.hpp"
#include "lm/commas.hpp"
#include "lm/model.hpp"
#include "repair/calibration.hpp"
#include "repair/edit.hpp"
#include "text/document.hpp"

namespace unspin::lattice {
class DocumentWords;
class TypeCaches;
}

namespace unspin::repair {

// Below a gain of 5 (log10) most frequency-guided edits on thesaurus-spun dev text were wrong.
inline constexpr double kFrequencyRepairGain = 5.0;

struct FixOptions {
  // Write each edit's reason (Edit::reason). A caller that shows none (the repaired text, a diff)
  // may turn this off: on text spun throughout, writing them was 8% of fix's instructions.
  bool reasons = true;
  // Minimum confidence for an edit to be made. Default: the value measured on dev text to restore
  // the most at the precision of the uncalibrated engine (0.922), with damage on clean dev text
  // below 1 word in 10,000 (docs/QUALITY.md). A phrase edit's confidence is the calibrated chance
  // that it is right (`calibration`); any other edit's is its posterior, discounted below.
  double threshold = 0.8;
  // log10 odds taken off an uncalibrated posterior (every edit without `calibration`, and number,
  // glue, user-phrase and thesaurus edits always): the posterior overstates, and with this
  // discount the default threshold makes exactly the edits a posterior of 0.97 made before the
  // calibration, the level measured for them (log10(0.97/0.03) - log10(0.8/0.2) = 0.91).
  double posterior_discount = 0.91;
  // Channel log10 penalties on top of the candidate's prior: how much the language model must
  // gain before a phrase entry or a thesaurus candidate replaces what is written. (A penalty
  // proportional to 1 - weight was tried: dev recall fell from 0.453 to 0.421 at equal precision.)
  double phrase_penalty = 0.3;
  double thesaurus_penalty = 2.0;
  // A word opens thesaurus arcs only when its log10 probability in context is below this.
  double suspicion = -3.0;
  // Reverse-thesaurus candidates per suspicious word, best priors first. 0 (the default): no
  // thesaurus arcs. Measured on dev news spin (docs/QUALITY.md), 8 candidates made 35 more fixes
  // but 21 more wrong edits and 94 more damaged words, and made `fix` on spun text 4 times
  // slower; on thesaurus spin they restore almost nothing. Users opt in with
  // --thesaurus-candidates N. (With 8 instead of 12 and a beam of 8 instead of 12: -0.16 points
  // of recall, +0.17 of precision, 19% less time.)
  std::size_t thesaurus_candidates = 0;
  // The frequency-guided repair (--rare-words): a rare word whose reverse-thesaurus candidate is
  // far more frequent (the detector's frequency signal, with `frequent_words`' rarity settings)
  // takes an arc to that candidate when the language model prefers it in context by at least
  // `frequency_gain` (log10; kFrequencyRepairGain when on). Such a gap is itself evidence of
  // spin, so the document prior does not apply; the edit's confidence is calibrated on its margin
  // (calibration.hpp). 0 (the default): off. Measured on dev text (docs/QUALITY.md): on
  // thesaurus spin 297 of 13,178 substitutions restored at precision 0.87; on real spin (seed
  // 000) no such edit; clean-text damage 0.19 -> 0.34 per 10,000 words; fix on clean text 1.5x slower.
  double frequency_gain = 0;
  detect::DetectOptions frequent_words;
  std::size_t beam = 8;                  // hypotheses kept per position
  // The document prior: spun news shows about `spun_density` strong spinner forms (multi-word
  // phrase entries of weight >= 0.8, number garble) per 1,000 words. A document with fewer has
  // every edit penalised by prior_weight * log10(observed / expected), so clean text keeps its
  // wording unless the evidence is overwhelming.
  double spun_density = 4.0;
  double prior_weight = 2.0;
  // The expectation is taken over at least this many words, so that a short text (a JSONL record,
  // a headline) needs as much evidence as a whole article before edits are trusted: without it,
  // a clean 60-word record had its thesaurus arcs opened (bias -0.34 instead of -2.9).
  double prior_min_words = 500;
  // How far above the expected density the prior may lift edits (up to prior_weight * log10 of
  // it). Measured on dev: a cap of 3 instead of 1 raised recall from 0.453 to 0.500 at precision
  // 0.915 (from 0.919), with clean-text damage unchanged (0.34 per 10,000 words).
  double max_share = 3.0;
  // Arcs whose gain in the written context is more than this (log10) below what the threshold
  // asks are dropped before the search; negative: no pruning.
  double prune_slack = 3.0;
  // The search skips the language model where every path takes the written word (one
  // hypothesis, no other arc, none spanning the slot): the same best path for less work. False
  // scores every slot (for tests that check the two agree).
  bool search_shortcut = true;
  // Below this document bias (log10), no thesaurus arcs are built: they could not win.
  double thesaurus_bias_floor = -1.0;
  // Spinners apply their dictionary throughout a document, so a spun form whose original is
  // scarce in the same document is more likely spinner output there ("However" five times and
  // "but" never). Each phrase arc's channel gains consistency_weight times the log10 of how much
  // the document's ratio of spun form to original exceeds clean text's (the language model's
  // unigram ratio), clipped to [consistency_min, consistency_max]. 0 turns this off. Only in
  // documents whose prior opens thesaurus arcs (bias above thesaurus_bias_floor). Measured on dev
  // news spin (docs/QUALITY.md): recall 0.487 -> 0.626 at precision 0.922 -> 0.915; clean damage
  // 0.34 -> 0.38 per 10,000 words.
  double consistency_weight = 1.0;
  double consistency_min = -1.0;
  double consistency_max = 1.0;
  // Words run together by scraping ("soldierstheir"): a lowercase word neither language model
  // knows, which Lexicon::glued_words() splits into two known words, takes an arc to the two
  // words with this channel score (log10). Positive because the language model scores the kept
  // word as the whole class of unknown words, far likelier than this one spelling. Measured on
  // clean dev and test text: the only splits were two real typos ("stayat", "maynot"); at 1.0,
  // "campaignwith" stayed. Glue is not spin, so the document prior does not apply. Below -20: off.
  double split_channel = 2.0;
  // Scraping leftovers (--leftovers; leftovers.hpp): navigation lines at the article's edges,
  // paragraphs repeated word for word, image captions framed by their credit. Whole lines are
  // deleted on their shape alone, so it is off by default.
  bool leftovers = false;
  // Commas around the written words (commas.hpp): the language models drop punctuation, so
  // "However, the troops" → "But, the troops" looks as good to them as it does without the
  // comma. Every phrase and thesaurus arc's channel gains comma_weight times CommaModel::favour()
  // on both sides of its span. The command line loads the build's model (data/commas.tsv); none
  // (the default here) or a weight of 0: off. Where the commas speak against an edit they also
  // lower its calibrated confidence (fixer.cpp, features()). Measured on dev news spin
  // (docs/QUALITY.md), weight 2 against none: 20 more fixes, 8 more wrong edits, 21 fewer
  // damaged words ("However," no longer turns into "But,"). Clean dev text: 5 -> 6 damaged words.
  std::shared_ptr<const lm::CommaModel> commas;
  double comma_weight = 2.0;
  // Weights that turn what the decoder knows about a built-in phrase edit into its confidence
  // (calibration.hpp). The command line loads dictionaries/repair.tsv; unfitted (the default
  // here), the confidence is the posterior among keeping the span and its candidates.
  Calibration calibration;
  // For training the calibration: emit every edit on the best path whatever its confidence, and
  // fill FixResult::features.
  bool keep_all = false;
};

// How consistently a document uses a phrase entry's spun form instead of its original.
struct Consistency {
  float bonus = 0;             // log10, added to the entry's arcs
  std::uint32_t written = 0;   // matches of the spun form in the document
  std::uint32_t original = 0;  // occurrences of the original
  float clean_ratio = 0;       // how many times more often clean text has the original
};
using ConsistencyMap = std::unordered_map<const lexicon::PhraseEntry*, Consistency>;

struct FixResult {
  std::vector<Edit> edits;  // sorted by offset, non-overlapping
  // With FixOptions::keep_all: what the confidence of each edit was computed from, one per edit
  // (zeros for edits that are not built-in phrase edits).
  std::vector<EditFeatures> features;
};

// Thread-safe for concurrent fix() calls once constructed.
class Fixer {
 public:
  // `frequent`: the frequency-guided signal's per-word cache (detect/frequent_words.hpp), which
  // a detector on the same lexicon and model may share; a fresh one without a precomputed table
  // when not given.
  Fixer(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model, FixOptions options = {},
        std::shared_ptr<detect::FrequentWords> frequent = nullptr);
  ~Fixer();
  Fixer(const Fixer&) = delete;
  Fixer& operator=(const Fixer&) = delete;
  // `progress`, when given, is called after each sentence with the bytes of `doc` done so far.
  FixResult fix(const text::Document& doc, const std::function<void(std::size_t)>& progress = {}) const;
  // The log10 bias every edit in `doc` carries (0 for clearly spun text, negative otherwise), and
  // optionally the number of strong spinner forms found.
  double document_bias(const text::Document& doc, std::size_t* strong) const;

 private:
  // The same, given the number of number-garble fixes already found in `doc`; counts each
  // phrase entry's matches into `written` when given.
  double document_bias(const lattice::DocumentWords& words, std::size_t number_garble, std::size_t* strong,
                       std::unordered_map<const lexicon::PhraseEntry*, std::uint32_t>* written) const;
  // The consistency bonus of each phrase entry matched in the document (see FixOptions).
  ConsistencyMap consistency(const lattice::DocumentWords& words, double bias,
                             const std::unordered_map<const lexicon::PhraseEntry*, std::uint32_t>& written) const;

 public:
  const FixOptions& options() const { return options_; }

 private:
  const lexicon::Lexicon& lexicon_;
  const lm::LanguageModel& model_;
  FixOptions options_;
  std::shared_ptr<detect::FrequentWords> frequent_;
  const detect::FrequencyTable* table_ = nullptr;  // frequent_'s table, when it fits
  std::unique_ptr<lattice::TypeCaches> types_;  // word types kept from document to document
};

}  // namespace unspin::repair
