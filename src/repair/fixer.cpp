#include "repair/fixer.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "detect/frequent_words.hpp"
#include "lattice/sentence.hpp"
#include "lexicon/numbers.hpp"
#include "repair/leftovers.hpp"
#include "lm/score_cache.hpp"
#include "text/case.hpp"
#include "text/decimals.hpp"

namespace unspin::repair {
namespace {

using lattice::Slot;
using text::TokenKind;

struct Arc {
  std::uint32_t begin, end;              // slots [begin, end)
  std::uint32_t first_token, end_token;  // document tokens replaced
  std::vector<lm::WordId> words;         // language-model ids of the words an edit arc produces (a
                                         // keep arc's word is its slot's: SentenceDecoder::words())
  std::string replacement;               // lowercase replacement; empty for a keep arc
  float channel;                         // log10 channel score
  EditSource source;
  // What explains the arc, turned into a reason only for edits that are made.
  const lexicon::PhraseEntry* phrase = nullptr;
  const lexicon::WordCandidate* candidate = nullptr;
  const lexicon::NumberFix* number = nullptr;
  const detect::FrequentCandidate* frequent = nullptr;  // frequency-guided arcs
  float frequent_ratio = 0;                              // how many times more frequent it is
  const Consistency* consistency = nullptr;  // phrase arcs: the document's use of the entry
  float commas = 0;  // log10, the comma context's part of `channel` (see features())
  bool keep() const { return replacement.empty(); }
};

// A hypothesis of the search: its score, trigram state, and the arc that reached it.
struct Node {
  double score;
  lm::WordId u, v;
  std::int32_t prev;
  const Arc* arc;
};

// Buffers one document's sentences decode in turn, so that their capacity is allocated once per
// document rather than once per sentence.
struct DecoderScratch {
  std::vector<std::vector<Arc>> arcs;        // by slot; the first slots are the sentence's
  std::vector<Node> nodes;
  std::vector<std::vector<std::int32_t>> at;  // hypotheses by position
  std::vector<char> spanned;
};

class SentenceDecoder {
 public:
  using CandidateCache = text::StringMap<std::vector<lexicon::WordCandidate>>;
  using GlueCache = text::StringMap<std::vector<std::pair<std::string, std::string>>>;

  SentenceDecoder(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model, const FixOptions& options,
                  const text::Document& doc, const text::Sentence& sentence,
                  const std::vector<lexicon::NumberFix>& numbers, double document_bias,
                  const ConsistencyMap& consistent, CandidateCache& cache, GlueCache& glue_cache,
                  const lattice::DocumentWords& words, detect::DocumentFrequentWords& frequent,
                  DecoderScratch& scratch)
      : lexicon_(lexicon), model_(model), options_(options), doc_(doc), sentence_(sentence), numbers_(numbers),
        bias_(document_bias), consistent_(consistent), cache_(cache), glue_cache_(glue_cache), frequent_(frequent),
        ids_(words.ids()),
        view_(words, sentence),
        slots_(view_.slots()),
        scratch_(scratch) {}

  void run(FixResult& out) {
    if (slots_.empty()) return;
    build_arcs();
    // Only keep arcs: nothing to decide.
    if (std::all_of(arcs_.begin(), arcs_.end(), [](const std::vector<Arc>& a) { return a.size() <= 1; })) return;
    // Every slot can keep its word.
    for (std::uint32_t i = 0; i < arcs_.size(); ++i) {
      if (arcs_[i].empty()) arcs_[i].push_back(keep_arc(i));
    }
    const std::vector<const Arc*> best = search();
    if (best.empty()) return;
    emit(best, out);
  }

 private:
  void build_arcs() {
    const std::uint32_t n = static_cast<std::uint32_t>(slots_.size());
    auto& pool = scratch_.arcs;
    if (pool.size() < n) pool.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) pool[i].clear();
    arcs_ = std::span<std::vector<Arc>>(pool.data(), n);
    // The keep path and each word's log10 probability in its written context. Only needed to
    // open thesaurus arcs, which a document judged clean does not get.
    const bool thesaurus = options_.thesaurus_candidates > 0 && bias_ > options_.thesaurus_bias_floor;
    lattice::WrittenScores written(model_, slots_);  // asked only where needed, each trigram once
    // A slot's keep arc comes first, and is only made for slots with another arc here (the rest
    // get theirs in run(), if the sentence has anything to decide at all: most have not).
    auto add = [&](std::uint32_t i, Arc arc) {
      if (arcs_[i].empty()) arcs_[i].push_back(keep_arc(i));
      arcs_[i].push_back(std::move(arc));
    };
    for (std::uint32_t i = 0; i < n; ++i) {
      const Slot& s = slots_[i];
      if (s.protect) continue;
      // Phrase dictionary.
      for (const lexicon::PhraseMatch& m : view_.matches(i)) {
        if (!view_.usable(i, m)) continue;
        const std::uint32_t end = view_.slot_at(m.end_token);
        Arc arc{i, end, s.token, m.end_token, ids_(lattice::lm_words(m.entry->original)), text::to_lower(m.entry->original),
                static_cast<float>(std::log10(m.entry->weight) - options_.phrase_penalty),
                m.entry->source == lexicon::PhraseSource::BuiltIn ? EditSource::Phrase : EditSource::User};
        arc.phrase = m.entry;
        if (const auto c = consistent_.find(m.entry); c != consistent_.end()) {
          arc.channel += c->second.bonus;
          arc.consistency = &c->second;
        }
        add(i, std::move(arc));
      }
      // A rare word whose far more frequent reverse-thesaurus candidate the language model
      // prefers by a wide margin (the detector's frequency signal): only where the dictionary
      // has nothing to say.
      if (options_.frequency_gain > 0 && arcs_[i].empty() && lattice::editable_word(s)) {
        const detect::FrequentWord& word = frequent_(s);
        const detect::FrequentGain best = detect::best_frequent(written, i, word, options_.frequency_gain);
        if (best.candidate && best.gain >= options_.frequency_gain) {
          Arc arc{i, i + 1, s.token, s.token + 1, {best.candidate->id}, best.candidate->text, 0.0f, EditSource::Thesaurus};
          arc.frequent = best.candidate;
          arc.frequent_ratio = static_cast<float>(std::pow(10.0, best.candidate->unigram - word.unigram));
          add(i, std::move(arc));
        }
      }
      // Reverse thesaurus, only where the written word surprises the language model.
      // In a document the prior judges clean, a thesaurus arc cannot clear the threshold (its
      // channel is below -penalty + bias), so none are built: the main saving on clean text.
      if (thesaurus && lattice::editable_word(s) && written.trigram(i) < options_.suspicion) {
        auto cached = cache_.find(s.lm);
        if (cached == cache_.end()) {
          cached = cache_.emplace(s.lm, lexicon_.word_candidates(s.lm, options_.thesaurus_candidates)).first;
        }
        for (const lexicon::WordCandidate& c : cached->second) {
          Arc arc{i, i + 1, s.token, s.token + 1, ids_(lattice::lm_words(c.text)), c.text,
                  static_cast<float>(std::log10(std::max(c.prior, 1e-6f)) - options_.thesaurus_penalty),
                  EditSource::Thesaurus};
          arc.candidate = &c;
          add(i, std::move(arc));
        }
      }
      // Words run together by scraping: only words neither model knows, and lowercase (a
      // capitalised unknown word is most likely a name, even first in a sentence: "Menas").
      if (options_.split_channel >= -20 && s.id == model_.unknown() &&
          doc_.tokens()[s.token].shape == text::CaseShape::Lower) {
        auto glued = glue_cache_.find(s.lm);
        if (glued == glue_cache_.end()) glued = glue_cache_.emplace(s.lm, lexicon_.glued_words(s.lm)).first;
        for (const auto& [left, right] : glued->second) {
          std::string joined = left + " " + right;
          add(i, {i, i + 1, s.token, s.token + 1, ids_(lattice::lm_words(joined)), joined,
                  static_cast<float>(options_.split_channel), EditSource::Split});
        }
      }
    }
    for (const lexicon::NumberFix& f : numbers_) {
      if (f.begin_token < sentence_.first_token || f.end_token > sentence_.end_token) continue;
      const std::uint32_t b = view_.slot_at(f.begin_token), e = view_.slot_at(f.end_token);
      if (b >= n || slots_[b].token != f.begin_token || e <= b || slots_[b].protect) continue;
      Arc arc{b, e, f.begin_token, f.end_token, ids_(lattice::lm_words(f.replacement)), f.replacement,
              static_cast<float>(std::log10(f.confidence)), EditSource::Number};
      arc.number = &f;
      add(b, std::move(arc));
    }
    // Glued words and a frequency-guided gap are evidence in themselves, and so is number garble
    // in a document that looks clean. Everything else carries the document's spin prior, and
    // number garble its prior where the document shows spin: a spinner that writes "by no means"
    // also writes "Twenty first-century", which the language model, seeing digits as one class,
    // favours only weakly.
    for (auto& arcs : arcs_) {
      for (Arc& arc : arcs) {
        if (arc.keep() || arc.source == EditSource::Split || arc.frequent) continue;
        arc.channel += static_cast<float>(arc.source == EditSource::Number ? std::max(0.0, bias_) : bias_);
      }
    }
    if (options_.commas && options_.comma_weight != 0) comma_channel();
    // Cheap pruning before the search: an arc whose gain in the written context (its words
    // against the written ones, over the trigram window it affects, plus its channel score) falls
    // far below what the threshold asks cannot plausibly end up as an edit.
    if (options_.prune_slack >= 0) {
      // (On the posterior's scale: the log10 odds an uncalibrated edit needs, less the slack.)
      const double needed = std::log10(options_.threshold / (1 - options_.threshold)) + options_.posterior_discount - options_.prune_slack;
      for (std::uint32_t i = 0; i < arcs_.size(); ++i) {
        auto& arcs = arcs_[i];
        if (arcs.size() <= 1) continue;
        std::erase_if(arcs, [&](const Arc& arc) {
          if (arc.keep()) return false;
          const auto produced = words(arc);
          const double gain = lattice::window_score(model_, slots_, arc.begin, arc.end, produced.data(), produced.size()) -
                              written.window(arc.begin, arc.end) + arc.channel;
          return gain < needed;
        });
      }
    }
  }

  // Adds to each phrase and thesaurus arc how much likelier the commas beside its span are for
  // its words than for the written ones (FixOptions::commas).
  void comma_channel() {
    std::vector<std::string> original;
    for (auto& arcs : arcs_) {
      for (Arc& arc : arcs) {
        if (arc.keep() || arc.source == EditSource::Split || arc.source == EditSource::Number) continue;
        original = lattice::lm_words(arc.replacement);
        const double favour = options_.commas->span_favour(doc_, arc.first_token, arc.end_token, original,
                                                           slots_[arc.begin].lm, slots_[arc.end - 1].lm);
        arc.commas = static_cast<float>(options_.comma_weight * favour);
        arc.channel += arc.commas;
      }
    }
  }

  Arc keep_arc(std::uint32_t i) const {
    const Slot& s = slots_[i];
    return {i, i + 1, s.token, s.token + 1, {}, "", 0.0f, EditSource::Phrase};
  }

  // The language-model ids of the words `arc` produces.
  std::span<const lm::WordId> words(const Arc& arc) const {
    if (arc.keep()) return {&slots_[arc.begin].id, 1};
    return arc.words;
  }

  std::vector<const Arc*> search() {
    const std::uint32_t n = static_cast<std::uint32_t>(slots_.size());
    std::vector<Node>& nodes = scratch_.nodes;
    nodes.clear();
    std::vector<std::vector<std::int32_t>>& at = scratch_.at;
    if (at.size() < n + 1) at.resize(n + 1);
    for (std::uint32_t i = 0; i <= n; ++i) at[i].clear();
    std::vector<char>& spanned = scratch_.spanned;  // inside an arc that starts before it
    spanned.assign(n, 0);
    for (std::uint32_t i = 0; i < n; ++i) {
      for (const Arc& arc : arcs_[i]) {
        for (std::uint32_t k = i + 1; k < arc.end; ++k) spanned[k] = true;
      }
    }
    nodes.push_back({0.0, model_.begin_sentence(), model_.begin_sentence(), -1, nullptr});
    at[0].push_back(0);
    for (std::uint32_t i = 0; i < n; ++i) {
      auto& here = at[i];
      if (here.size() > options_.beam) {
        std::partial_sort(here.begin(), here.begin() + static_cast<std::ptrdiff_t>(options_.beam), here.end(),
                          [&nodes](std::int32_t a, std::int32_t b) { return nodes[a].score > nodes[b].score; });
        here.resize(options_.beam);
      }
      // One hypothesis, only the written word, and no arc over this slot: every path passes here
      // and takes it, so its language-model score is the same for all of them and cannot change
      // which one wins (the margins are scored separately, in emit). Most of a spun sentence's
      // words are like this.
      const bool shared = options_.search_shortcut && here.size() == 1 && arcs_[i].size() == 1 && !spanned[i];
      for (const std::int32_t from : here) {
        for (const Arc& arc : arcs_[i]) {
          double score = nodes[from].score + arc.channel;
          lm::WordId u = nodes[from].u, v = nodes[from].v;
          for (const lm::WordId wid : words(arc)) {
            if (!shared) score += model_.score(u, v, wid);
            u = v;
            v = wid;
          }
          // Recombine hypotheses that reach the same position with the same trigram state.
          auto& there = at[arc.end];
          auto same = std::find_if(there.begin(), there.end(), [&](std::int32_t k) { return nodes[k].u == u && nodes[k].v == v; });
          if (same != there.end()) {
            if (nodes[*same].score >= score) continue;
            nodes[*same] = {score, u, v, from, &arc};
          } else {
            there.push_back(static_cast<std::int32_t>(nodes.size()));
            nodes.push_back({score, u, v, from, &arc});
          }
        }
      }
    }
    std::int32_t best = -1;
    double best_score = -1e300;
    for (const std::int32_t k : at[n]) {
      const double s = nodes[k].score + model_.score(nodes[k].u, nodes[k].v, model_.end_sentence());
      if (s > best_score) {
        best_score = s;
        best = k;
      }
    }
    std::vector<const Arc*> path;
    for (std::int32_t k = best; k > 0; k = nodes[k].prev) path.push_back(nodes[k].arc);
    std::reverse(path.begin(), path.end());
    return path;
  }

  // What the calibration sees of an edit with log10 odds `margin` against keeping the span and
  // `posterior` among keeping and every candidate.
  EditFeatures features(const Arc& arc, double margin, double posterior) const {
    EditFeatures x{};
    if (arc.frequent) x[kMargin] = std::clamp(margin, -10.0, 20.0);  // all its calibration reads
    if (!arc.phrase || arc.source != EditSource::Phrase) return x;
    x[kMargin] = std::clamp(margin, -10.0, 10.0);
    x[kPosterior] = std::clamp(posterior, -10.0, 10.0);
    // The comma favour stands for the punctuation the language models drop (the original's
    // commas, which the spinner kept), so where it speaks against an edit it counts on the
    // language side: "However, others" → "But, others" loses its confidence with its margin.
    // Where it speaks for one it stays in the channel: counted as language there too, it raised
    // clean-text damage (dev 6 -> 7, Debian documentation 17 -> 20; docs/QUALITY.md).
    x[kLanguage] = std::clamp(margin - (arc.channel - std::min(arc.commas, 0.0f)), -10.0, 10.0);
    x[kWeight] = std::log10(arc.phrase->weight);
    x[kPrior] = bias_;
    if (const Consistency* c = arc.consistency) {
      x[kConsistency] = c->bonus;
      x[kWritten] = std::log10(1.0 + c->written);
      x[kOriginals] = std::log10(1.0 + c->original);
      x[kCleanRatio] = c->clean_ratio > 0 ? std::clamp(std::log10(static_cast<double>(c->clean_ratio)), -6.0, 6.0) : 0.0;
    }
    x[kCapitalised] = doc_.tokens()[arc.first_token].shape == text::CaseShape::Lower ? 0 : 1;
    x[kMultiword] = arc.phrase->tokens.size() > 1 ? 1 : 0;
    return x;
  }

  // The confidence of an edit: calibrated for built-in phrase edits and frequency-guided edits
  // when weights are loaded, otherwise the discounted posterior.
  double confidence(const Arc& arc, double margin, double posterior, EditFeatures* out) const {
    if (out) *out = features(arc, margin, posterior);
    if (arc.frequent && options_.calibration.fitted) return options_.calibration.frequency_probability(margin);
    const bool calibrated = options_.calibration.fitted && arc.phrase && arc.source == EditSource::Phrase;
    if (!calibrated) return 1.0 / (1.0 + std::pow(10.0, options_.posterior_discount - posterior));
    return options_.calibration.probability(out ? *out : features(arc, margin, posterior));
  }

  void emit(const std::vector<const Arc*>& path, FixResult& result) {
    // Paths that differ in one arc differ, for a trigram model, only in that arc's words and the
    // two words after it (and </s> if it falls within them): score just that window. The margins
    // are exactly those of whole-path scores, at a fraction of the language-model queries.
    std::vector<lm::WordId> flat;
    std::vector<std::size_t> start(path.size() + 1);
    for (std::size_t k = 0; k < path.size(); ++k) {
      start[k] = flat.size();
      const auto produced = words(*path[k]);
      flat.insert(flat.end(), produced.begin(), produced.end());
    }
    start[path.size()] = flat.size();
    // The window of path arcs first..last, with `arcs` (or `many`) in their place.
    auto local = [&](std::size_t first, std::size_t last, std::initializer_list<const Arc*> arcs,
                     const std::vector<const Arc*>* many) {
      lm::WordId u = model_.begin_sentence(), v = model_.begin_sentence();
      if (start[first] >= 1) v = flat[start[first] - 1];
      if (start[first] >= 2) u = flat[start[first] - 2];
      double score = 0;
      auto add = [&](const Arc* arc) {
        score += arc->channel;
        for (const lm::WordId w : words(*arc)) {
          score += model_.score(u, v, w);
          u = v;
          v = w;
        }
      };
      for (const Arc* arc : arcs) add(arc);
      if (many) for (const Arc* arc : *many) add(arc);
      const std::size_t next = start[last + 1];
      for (std::size_t j = next; j < next + 2 && j < flat.size(); ++j) {
        score += model_.score(u, v, flat[j]);
        u = v;
        v = flat[j];
      }
      if (flat.size() - next < 2) score += model_.score(u, v, model_.end_sentence());
      return score;
    };
    const auto tokens = doc_.tokens();
    // Decides the edit of `arc` in place of path arcs first..last. With `only_if_made`, nothing is
    // recorded unless the edit clears the threshold. Returns whether an edit was recorded.
    auto decide = [&](const Arc& arc, std::size_t first, std::size_t last, bool only_if_made) {
      std::vector<const Arc*> keeps;
      for (std::uint32_t s = arc.begin; s < arc.end; ++s) keeps.push_back(&arcs_[s].front());
      const double kept = local(first, last, {}, &keeps);
      const double margin = local(first, last, {&arc}, nullptr) - kept;
      const std::size_t begin = tokens[arc.first_token].begin, end = tokens[arc.end_token - 1].end;
      const std::string_view written = doc_.bytes().substr(begin, end - begin);
      if (text::to_lower(written) == arc.replacement) return false;
      // The posterior of this arc among keeping the span and every other candidate for it: a
      // spun form with two plausible originals ("youngsters": children, kids) is not confidently
      // either. (Against keeping alone, dev precision was 0.908 at the same threshold.)
      // Each rival gets the same measure, which --explain shows for the runners-up.
      std::vector<std::pair<const Arc*, double>> rivals;
      for (const Arc& other : arcs_[arc.begin]) {
        if (&other == &arc || other.keep() || other.end != arc.end || other.replacement == arc.replacement) continue;
        rivals.emplace_back(&other, local(first, last, {&other}, nullptr) - kept);
      }
      // log10 odds of candidate j (-1: this arc, else rivals[j]) against keeping the span and
      // every other candidate; the sum runs over differences of margins, which stay small.
      auto posterior = [&](std::ptrdiff_t j) {
        const double m = j < 0 ? margin : rivals[static_cast<std::size_t>(j)].second;
        double against = std::pow(10.0, -m);
        if (j >= 0) against += std::pow(10.0, margin - m);
        for (std::size_t i = 0; i < rivals.size(); ++i) {
          if (static_cast<std::ptrdiff_t>(i) != j) against += std::pow(10.0, rivals[i].second - m);
        }
        return -std::log10(against);
      };
      EditFeatures x{};
      const double confidence = this->confidence(arc, margin, posterior(-1), options_.keep_all ? &x : nullptr);
      if (confidence < options_.threshold && (only_if_made || !options_.keep_all)) return false;
      Edit edit;
      edit.begin = begin;
      edit.end = end;
      if (arc.source == EditSource::Number) {
        edit.replacement = arc.replacement;
      } else {
        // A dictionary original keeps the spelling it is written with where an acronym expands.
        const std::string_view original = arc.phrase ? std::string_view(arc.phrase->original) : std::string_view(arc.replacement);
        std::vector<text::CaseShape> shapes;
        for (std::uint32_t t = arc.first_token; t < arc.end_token; ++t) {
          if (tokens[t].kind == TokenKind::Word) shapes.push_back(tokens[t].shape);
        }
        edit.replacement = text::carry_case(original, shapes);
      }
      edit.confidence = confidence;
      edit.source = arc.source;
      if (options_.reasons) {
        edit.reason.reserve(256);  // most reasons fit
        append_reason(edit.reason, arc, written);
        edit.reason.append("; language model and channel favour it by ");
        text::append_decimals(edit.reason, margin, 2);
        edit.reason.append(" (log10)");
      }
      // Runners-up: the rivals, with the confidence each would have had; one per replacement.
      std::vector<Alternative> others;
      for (std::size_t j = 0; j < rivals.size(); ++j) {
        const Arc* other = rivals[j].first;
        if (std::any_of(others.begin(), others.end(), [&](const Alternative& a) { return a.replacement == other->replacement; })) continue;
        others.push_back({other->replacement, this->confidence(*other, rivals[j].second, posterior(static_cast<std::ptrdiff_t>(j)), nullptr)});
      }
      std::sort(others.begin(), others.end(), [](const Alternative& a, const Alternative& b) { return a.confidence > b.confidence; });
      if (others.size() > 3) others.resize(3);
      edit.runners_up = std::move(others);
      result.edits.push_back(std::move(edit));
      if (options_.keep_all) result.features.push_back(x);
      return true;
    };
    for (std::size_t k = 0; k < path.size(); ++k) {
      const Arc& arc = *path[k];
      if (arc.keep()) continue;
      // Neighbouring edits that one multi-word entry also spells ("heat" → "warm" and "phrases"
      // → "words", where "heat phrases" → "warm words" is an entry) are decided as that entry
      // when it is confident: the search may prefer the single-word arcs (each carries the
      // document's prior), but judged one by one the weaker of them can fall short and leave
      // the pair half restored ("heat words").
      std::size_t last = k;
      const Arc* joint = nullptr;
      std::vector<lm::WordId> spelt(arc.words);
      for (std::size_t m = k + 1; m < path.size() && !path[m]->keep(); ++m) {
        const auto produced = words(*path[m]);
        spelt.insert(spelt.end(), produced.begin(), produced.end());
        for (const Arc& other : arcs_[arc.begin]) {
          if (other.end == path[m]->end && other.phrase && other.source == EditSource::Phrase && other.words == spelt) {
            joint = &other;
            last = m;
          }
        }
      }
      if (joint && decide(*joint, k, last, true)) {
        k = last;
        continue;
      }
      decide(arc, k, k, false);
    }
  }

  // Appends what explains `arc`, written as `written`, to `out`. Built piece by piece into one
  // string: spun text has an edit in most sentences.
  void append_reason(std::string& out, const Arc& arc, std::string_view written) const {
    if (arc.phrase) {
      const bool tortured = arc.phrase->source == lexicon::PhraseSource::Tortured;
      out.append(tortured ? "tortured phrase: " : "phrase: ");
      append_quoted(out, written);
      out.append(tortured ? " is a tortured form of " : " is a spinner form of ");
      append_quoted(out, arc.phrase->original);
      out.append(" (weight ");
      text::append_decimals(out, arc.phrase->weight, 2);
      out.append(", ").append(arc.phrase->origin).append(")");
      append_consistency_reason(out, arc);
      append_comma_reason(out, arc);
      return;
    }
    if (arc.frequent) {
      out.append("thesaurus: ");
      append_quoted(out, written);
      out.append(" is a rare word and its synonym ");
      append_quoted(out, arc.frequent->text);
      out.append(" is ");
      text::append_decimals(out, arc.frequent_ratio, 0);
      out.append("× more frequent");
      append_comma_reason(out, arc);
      return;
    }
    if (arc.candidate) {
      out.append("thesaurus: ");
      append_quoted(out, written);
      out.append(" may replace ");
      append_quoted(out, arc.candidate->text);
      out.append(" (").append(arc.candidate->reason).append(", prior ");
      text::append_decimals(out, arc.candidate->prior, 2);
      out.append(")");
      append_comma_reason(out, arc);
      return;
    }
    if (arc.source == EditSource::Split) {
      const std::string_view replacement = arc.replacement;
      const std::size_t space = replacement.find(' ');
      out.append("glued words: ");
      append_quoted(out, written);
      out.append(" reads as ");
      append_quoted(out, replacement.substr(0, space));
      out.append(" and ");
      append_quoted(out, replacement.substr(space + 1));
      out.append(" run together (as scraping leaves words where a link ended); neither the dictionary nor the language "
                 "model knows the whole");
      return;
    }
    if (arc.number) out.append(arc.number->reason);
  }

  static void append_quoted(std::string& out, std::string_view s) { out.append("“").append(s).append("”"); }

  // The comma context, where it counted for something.
  static void append_comma_reason(std::string& out, const Arc& arc) {
    if (std::abs(arc.commas) < lm::CommaModel::kWorthSaying) return;
    out.append("; the commas around it suit ").append(arc.commas > 0 ? "the original (+" : "the written words (");
    text::append_decimals(out, arc.commas, 2);
    out.append(")");
  }

  static void append_consistency_reason(std::string& out, const Arc& arc) {
    if (!arc.consistency || arc.consistency->bonus == 0) return;
    const Consistency& c = *arc.consistency;
    out.append("; ");
    append_quoted(out, arc.phrase->original);
    out.append(" to ");
    append_quoted(out, arc.phrase->spun);
    out.append(" is ").append(std::to_string(c.original)).append(":").append(std::to_string(c.written)).append(" here and ");
    if (c.clean_ratio >= 1) {
      text::append_decimals(out, c.clean_ratio, 0);
      out.append(":1");
    } else {
      out.append("1:");
      text::append_decimals(out, 1 / c.clean_ratio, 0);
    }
    out.append(" in clean text (").append(c.bonus > 0 ? "+" : "");
    text::append_decimals(out, c.bonus, 2);
    out.append(")");
  }

  const lexicon::Lexicon& lexicon_;
  const lm::LanguageModel& model_;
  const FixOptions& options_;
  const text::Document& doc_;
  const text::Sentence& sentence_;
  const std::vector<lexicon::NumberFix>& numbers_;
  const double bias_;  // log10, added to every edit arc: the document's evidence of spin
  const ConsistencyMap& consistent_;
  CandidateCache& cache_;
  GlueCache& glue_cache_;  // word -> its glued-word splits, per document
  detect::DocumentFrequentWords& frequent_;
  lattice::WordIds& ids_;  // word -> model id, shared by the document
  const lattice::SentenceView view_;
  const std::vector<lattice::Slot>& slots_;
  DecoderScratch& scratch_;
  std::span<std::vector<Arc>> arcs_;  // by starting slot, in scratch_; the keep arc first
};

// Words run together by scraping are accidents of one place, in prose. Two kinds of unknown
// spelling are left whole (an empty entry in the document's cache of glued-word splits):
// - a spelling the document uses twice or more ("addon" in a specification): a term of its own;
// - any, in a document thick with code-like chunks (paths, URLs, identifiers: kTechnical per
//   1,000 words or more), whose other unknown words are most likely identifiers ("sizeof",
//   "whereis"). News with a few links stays far below: seed 004 has 7 per 1,000 words.
void words_not_glued(const lattice::DocumentWords& words, lm::WordId unknown, SentenceDecoder::GlueCache& glue_cache) {
  constexpr double kTechnical = 20;
  const text::Document& doc = words.doc();
  const auto tokens = doc.tokens();
  std::vector<std::uint32_t> uses(words.type_count(), 0);
  std::size_t word_count = 0, unknown_count = 0;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::Word) continue;
    ++word_count;
    if (words.type(i).id != unknown) continue;
    ++uses[words.type_index(i)];
    ++unknown_count;
  }
  if (unknown_count == 0) return;  // nothing could be read as glue
  const double code = static_cast<double>(words.protected_chunks(0, static_cast<std::uint32_t>(tokens.size())).size());
  const bool technical = code * 1000 >= kTechnical * static_cast<double>(std::max<std::size_t>(word_count, 100));
  text::StringMap<std::uint32_t> by_spelling;  // case variants ("Addon", "addon") together
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    const std::uint32_t type = words.type_index(i);
    if (uses[type] == 0) continue;
    by_spelling[words.type(i).lm] += uses[type];
    uses[type] = 0;
  }
  for (const auto& [spelling, n] : by_spelling) {
    if (n >= 2 || technical) glue_cache.emplace(spelling, SentenceDecoder::GlueCache::mapped_type{});
  }
}

}  // namespace

Fixer::Fixer(const lexicon::Lexicon& lexicon, const lm::LanguageModel& model, FixOptions options,
             std::shared_ptr<detect::FrequentWords> frequent)
    : lexicon_(lexicon),
      model_(model),
      options_(std::move(options)),
      frequent_(frequent ? std::move(frequent) : std::make_shared<detect::FrequentWords>()),
      table_(options_.frequency_gain > 0 ? frequent_->table_for(lexicon_, model_, options_.frequent_words) : nullptr),
      types_(std::make_unique<lattice::TypeCaches>(model_, lexicon_.phrases())) {}

Fixer::~Fixer() = default;

double Fixer::document_bias(const text::Document& doc, std::size_t* strong_out) const {
  lattice::WordIds ids(model_);
  const lattice::TypeCaches::Lease type_cache = types_->lease();
  return document_bias(lattice::DocumentWords(doc, ids, lexicon_.phrases(), type_cache.get()),
                       lexicon::number_fixes(doc).size(), strong_out, nullptr);
}

double Fixer::document_bias(const lattice::DocumentWords& words, std::size_t number_garble, std::size_t* strong_out,
                            std::unordered_map<const lexicon::PhraseEntry*, std::uint32_t>* written) const {
  // Strong evidence: spinner forms that clean writing (almost) never uses: multi-word phrase
  // entries of weight 0.8 or more ("by no means", "in opposition to", "find yourself"), and
  // number garble. Single words are left out: "footage" or "troopers" are ordinary somewhere.
  std::size_t strong = number_garble;
  std::size_t word_count = 0;
  const text::Document& doc = words.doc();
  const auto tokens = doc.tokens();
  std::vector<lexicon::PhraseMatch> found;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::Word) continue;
    ++word_count;
    const lexicon::PhraseTable::Starts* starts = words.type(i).phrase_starts;
    if (!starts) continue;
    bool counted = false;
    found.clear();
    lexicon_.phrases().match(doc, i, words.lower(), *starts, found);
    for (const lexicon::PhraseMatch& m : found) {
      if (written) ++(*written)[m.entry];
      if (!counted && m.entry->weight >= 0.8f && m.entry->tokens.size() >= 2) {
        ++strong;
        counted = true;
      }
    }
  }
  if (strong_out) *strong_out = strong;
  // Expected strong forms in spun news: about options_.spun_density per 1,000 words. The bias is
  // log10 of the observed share of that (smoothed, capped at max_share), scaled by prior_weight.
  const double expected = options_.spun_density * std::max(static_cast<double>(word_count), options_.prior_min_words) / 1000.0;
  const double share = std::min(options_.max_share, (static_cast<double>(strong) + 0.5) / (expected + 0.5));
  return options_.prior_weight * std::log10(share);
}

ConsistencyMap Fixer::consistency(const lattice::DocumentWords& words, double bias,
                                  const std::unordered_map<const lexicon::PhraseEntry*, std::uint32_t>& written) const {
  ConsistencyMap out;
  if (options_.consistency_weight == 0 || written.empty() || bias <= options_.thesaurus_bias_floor) return out;
  // Count each matched entry's original in the document, as language-model words within a
  // sentence. Only the originals are indexed, so memory stays that of one sentence.
  std::unordered_map<const lexicon::PhraseEntry*, std::vector<std::string>> originals;
  text::StringMap<std::vector<const lexicon::PhraseEntry*>> by_first;
  for (const auto& [entry, n] : written) {
    std::vector<std::string> original = lattice::lm_words(entry->original);
    if (original.empty()) continue;
    by_first[original.front()].push_back(entry);
    originals.emplace(entry, std::move(original));
  }
  std::unordered_map<const lexicon::PhraseEntry*, std::uint32_t> found;
  const text::Document& doc = words.doc();
  const auto tokens = doc.tokens();
  std::vector<std::string_view> sentence;  // the sentence's language-model tokens
  std::vector<std::uint32_t> types;        // and their types
  // The entries whose original each type starts, looked up once per type (nullptr: none).
  std::vector<const std::vector<const lexicon::PhraseEntry*>*> starts(words.type_count(), nullptr);
  std::vector<char> asked(words.type_count(), 0);
  for (const text::Sentence& s : doc.sentences()) {
    sentence.clear();
    types.clear();
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      if (tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::Number) {
        sentence.push_back(words.type(i).lm);
        types.push_back(words.type_index(i));
      }
    }
    for (std::size_t at = 0; at < sentence.size(); ++at) {
      const std::uint32_t type = types[at];
      if (!asked[type]) {
        asked[type] = 1;
        if (const auto it = by_first.find(sentence[at]); it != by_first.end()) starts[type] = &it->second;
      }
      if (!starts[type]) continue;
      for (const lexicon::PhraseEntry* entry : *starts[type]) {
        const std::vector<std::string>& phrase = originals.at(entry);
        if (at + phrase.size() <= sentence.size() && std::equal(phrase.begin() + 1, phrase.end(), sentence.begin() + at + 1)) {
          ++found[entry];
        }
      }
    }
  }
  // log10 frequency of a phrase in clean text: its first word's unigram probability, then each
  // next word given the words before it.
  auto frequency = [&](const std::vector<std::string>& phrase) {
    double lp = 0;
    lm::WordId u = model_.unknown(), v = model_.unknown();
    for (std::size_t k = 0; k < phrase.size(); ++k) {
      const lm::WordId w = model_.lookup(phrase[k]);
      lp += k == 0 ? model_.unigram(w) : model_.score(u, v, w);
      u = v;
      v = w;
    }
    return lp;
  };
  for (const auto& [entry, n_written] : written) {
    const auto original = originals.find(entry);
    const auto n_found = found.find(entry);
    const double n_original = n_found == found.end() ? 0 : n_found->second;
    const double observed = std::log10((n_written + 0.5) / (n_original + 0.5));
    const double expected = frequency(lattice::lm_words(entry->spun)) -
                            (original == originals.end() ? 0.0 : frequency(original->second));
    const double excess = std::clamp(observed - expected, options_.consistency_min, options_.consistency_max);
    out.emplace(entry, Consistency{static_cast<float>(options_.consistency_weight * excess), n_written,
                                   static_cast<std::uint32_t>(n_original), static_cast<float>(std::pow(10.0, -expected))});
  }
  return out;
}

FixResult Fixer::fix(const text::Document& doc, const std::function<void(std::size_t)>& progress) const {
  FixResult result;
  const std::vector<lexicon::NumberFix> numbers = lexicon::number_fixes(doc);
  lattice::WordIds ids(model_);
  const lattice::TypeCaches::Lease type_cache = types_->lease();
  const lattice::DocumentWords words(doc, ids, lexicon_.phrases(), type_cache.get());
  std::unordered_map<const lexicon::PhraseEntry*, std::uint32_t> written;
  const double bias = document_bias(words, numbers.size(), nullptr, &written);
  const ConsistencyMap consistent = consistency(words, bias, written);
  SentenceDecoder::CandidateCache cache;
  SentenceDecoder::GlueCache glue_cache;
  DecoderScratch scratch;
  if (options_.split_channel >= -20) words_not_glued(words, model_.unknown(), glue_cache);
  // The decoder asks for the same trigrams many times over (each hypothesis, the pruning pass,
  // each confidence window): memoised per call, so per thread.
  const lm::ScoreCache cached(model_);
  detect::DocumentFrequentWords frequent(*frequent_, lexicon_, model_, options_.frequent_words, table_, words.type_count());
  for (const text::Sentence& sentence : doc.sentences()) {
    SentenceDecoder(lexicon_, cached, options_, doc, sentence, numbers, bias, consistent, cache, glue_cache, words,
                    frequent, scratch)
        .run(result);
    if (progress) progress(sentence.end);
  }
  if (options_.leftovers) {
    std::vector<Edit> cuts = scrape_leftovers(doc);
    std::erase_if(cuts, [&](const Edit& e) { return e.confidence < options_.threshold; });
    const std::vector<long> origin = merge_cuts(result.edits, std::move(cuts));
    if (options_.keep_all) {
      std::vector<EditFeatures> features;
      for (const long i : origin) features.push_back(i < 0 ? EditFeatures{} : result.features[static_cast<std::size_t>(i)]);
      result.features = std::move(features);
    }
  }
  return result;
}

}  // namespace unspin::repair
