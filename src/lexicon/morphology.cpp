#include "lexicon/morphology.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "errors.hpp"

namespace unspin::lexicon {
namespace {

// The .aff flag that carries each inflection in Debian's en_US dictionary.
constexpr char kFlags[kInflections] = {0, 'S', 'D', 'G', 'R', 'T', 'M'};

std::string irregular_key(std::string_view lemma, Inflection inflection) {
  return std::string(lemma) + '\t' + static_cast<char>('0' + static_cast<int>(inflection));
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// "stop" -> "stopp": consonant-vowel-consonant endings double before -ed, -ing, -er, -est.
bool doubles(std::string_view w) {
  const std::size_t n = w.size();
  if (n < 3) return false;
  const char last = w[n - 1];
  return !is_vowel(last) && last != 'w' && last != 'x' && last != 'y' && is_vowel(w[n - 2]) &&
         !is_vowel(w[n - 3]) && last >= 'a' && last <= 'z';
}

const char* suffix_of(Inflection inflection) {
  switch (inflection) {
    case Inflection::Ed: return "ed";
    case Inflection::Ing: return "ing";
    case Inflection::Er: return "er";
    case Inflection::Est: return "est";
    default: return nullptr;
  }
}

void add_unique(std::vector<std::string>& out, std::string s) {
  if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
}

}  // namespace

const char* to_string(Inflection inflection) {
  switch (inflection) {
    case Inflection::None: return "none";
    case Inflection::S: return "-s";
    case Inflection::Ed: return "-ed";
    case Inflection::Ing: return "-ing";
    case Inflection::Er: return "-er";
    case Inflection::Est: return "-est";
    case Inflection::Possessive: return "'s";
  }
  return "?";
}

Morphology Morphology::load(const MorphologyPaths& paths) {
  Morphology m(Speller::open(paths.hunspell));

  // Suffix rules: "SFX F strip add condition" (the header line "SFX F Y n" has 4 fields).
  {
    std::ifstream aff(paths.hunspell + ".aff");
    std::string line;
    while (std::getline(aff, line)) {
      std::istringstream fields(line);
      std::string kind, flag, strip, add, condition;
      if (!(fields >> kind >> flag >> strip >> add >> condition) || kind != "SFX" || flag.size() != 1) continue;
      const auto slot = std::find(std::begin(kFlags) + 1, std::end(kFlags), flag[0]);
      if (slot == std::end(kFlags)) continue;
      Rule rule;
      rule.strip = strip == "0" ? "" : strip;
      rule.add = add.substr(0, add.find('/'));
      for (std::size_t i = 0; i < condition.size();) {
        CharClass c;
        if (condition[i] == '[') {
          const std::size_t close = condition.find(']', i);
          if (close == std::string::npos) throw ResourceError(paths.hunspell + ".aff: bad condition '" + condition + "'");
          c.negate = condition[i + 1] == '^';
          c.chars = condition.substr(i + 1 + c.negate, close - i - 1 - c.negate);
          i = close + 1;
        } else {
          c.any = condition[i] == '.';
          c.chars = std::string(1, condition[i]);
          ++i;
        }
        rule.condition.push_back(std::move(c));
      }
      m.rules_[static_cast<std::size_t>(slot - std::begin(kFlags))].push_back(std::move(rule));
    }
    if (m.rules_[static_cast<std::size_t>(Inflection::S)].empty()) {
      throw ResourceError(paths.hunspell + ".aff: no suffix rules for flag S");
    }
  }
  // Dictionary entries and their flags: "word/FLAGS", after a first line with the entry count.
  {
    std::ifstream in(paths.hunspell + ".dic", std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string dic = buffer.str();
    m.flags_.reserve(static_cast<std::size_t>(std::count(dic.begin(), dic.end(), '\n')) + 1);
    std::size_t at = dic.find('\n');
    while (at != std::string::npos && at + 1 < dic.size()) {
      const std::size_t begin = at + 1;
      at = dic.find('\n', begin);
      const std::string_view line(dic.data() + begin, (at == std::string::npos ? dic.size() : at) - begin);
      const std::size_t slash = line.find('/');
      std::uint8_t bits = 0;
      if (slash != std::string_view::npos) {
        for (std::size_t k = 1; k < kInflections; ++k) {
          if (line.find(kFlags[k], slash + 1) != std::string_view::npos) bits |= static_cast<std::uint8_t>(1u << k);
        }
      }
      m.flags_.emplace(line.substr(0, slash), bits);
    }
  }
  // WordNet's irregular forms: "form lemma [lemma...]" per line.
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    const std::string path = paths.wordnet + "/" + pos + ".exc";
    std::ifstream exc(path);
    if (!exc) throw ResourceError(path + ": cannot read WordNet's exception list (install wordnet-base)");
    std::string line;
    while (std::getline(exc, line)) {
      std::istringstream fields(line);
      std::string form, lemma;
      if (!(fields >> form)) continue;
      while (fields >> lemma) {
        if (form.find('_') != std::string::npos || lemma.find('_') != std::string::npos) continue;
        Inflection inflection = Inflection::S;
        const std::string_view p = pos;
        if (p == "verb") {
          inflection = form.ends_with("ing") ? Inflection::Ing
                       : (form.ends_with("s") && !form.ends_with("ss") && !lemma.ends_with("s")) ? Inflection::S
                                                                                                 : Inflection::Ed;
        } else if (p == "adj" || p == "adv") {
          inflection = form.ends_with("st") ? Inflection::Est : Inflection::Er;
        }
        m.irregular_analyses_[form].push_back({lemma, inflection});
        add_unique(m.irregular_forms_[irregular_key(lemma, inflection)], form);
      }
    }
  }
  return m;
}

bool Morphology::matches(const std::vector<CharClass>& condition, std::string_view stem) {
  if (stem.size() < condition.size()) return false;
  const std::size_t start = stem.size() - condition.size();
  for (std::size_t i = 0; i < condition.size(); ++i) {
    const CharClass& c = condition[i];
    if (c.any) continue;
    const bool in = c.chars.find(stem[start + i]) != std::string::npos;
    if (in == c.negate) return false;
  }
  return true;
}

bool Morphology::has_flag(std::string_view word, char flag) const {
  const auto it = flags_.find(std::string(word));
  if (it == flags_.end()) return false;
  const auto k = static_cast<std::size_t>(std::find(std::begin(kFlags) + 1, std::end(kFlags), flag) - std::begin(kFlags));
  return k < kInflections && (it->second & (1u << k));
}

std::vector<Analysis> Morphology::analyze(std::string_view word) const {
  std::vector<Analysis> out;
  auto add = [&out](Analysis a) {
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
  };
  if (flags_.count(std::string(word)) || speller_.spell(word)) add({std::string(word), Inflection::None});
  for (std::size_t k = 1; k < kInflections; ++k) {
    const auto inflection = static_cast<Inflection>(k);
    std::vector<std::string> unflagged;  // stems the rule fits but the .dic entry lacks the flag
    bool flagged = false;
    for (const Rule& rule : rules_[k]) {
      if (!word.ends_with(rule.add) || word.size() <= rule.add.size()) continue;
      const std::string stem = std::string(word.substr(0, word.size() - rule.add.size())) + rule.strip;
      if (!matches(rule.condition, stem)) continue;
      if (has_flag(stem, kFlags[k])) {
        add({stem, inflection});
        flagged = true;
      } else {
        unflagged.push_back(stem);
      }
    }
    // Forms that en_US derives another way ("troopers" is troop + -ers, not trooper + -s): accept
    // a rule's stem that Hunspell knows, when no flagged rule explained the word.
    if (!flagged && speller_.spell(word)) {
      for (const std::string& stem : unflagged) {
        if (stem.size() >= 2 && speller_.spell(stem)) add({stem, inflection});
      }
    }
    // Doubled consonant: "stopped" -> "stop".
    if (const char* suffix = suffix_of(inflection); suffix && word.ends_with(suffix)) {
      const std::string_view base = word.substr(0, word.size() - std::string_view(suffix).size());
      if (base.size() >= 4 && base[base.size() - 1] == base[base.size() - 2]) {
        const std::string stem(base.substr(0, base.size() - 1));
        if (doubles(stem) && (flags_.count(stem) || speller_.spell(stem))) add({stem, inflection});
      }
    }
  }
  if (const auto it = irregular_analyses_.find(std::string(word)); it != irregular_analyses_.end()) {
    for (const Analysis& a : it->second) add(a);
  }
  return out;
}

std::vector<std::string> Morphology::inflect(std::string_view lemma, Inflection inflection) const {
  std::vector<std::string> out;
  if (inflection == Inflection::None) {
    out.emplace_back(lemma);
    return out;
  }
  // Phrases: a verb with a particle inflects the verb ("end up" -> "ending up", "ends up"); a
  // noun compound takes its plural or possessive on the last word ("state trooper" -> "state
  // troopers"). Anything else ("state of war" + -ing) has no sensible inflected form.
  const std::size_t space = lemma.find(' ');
  if (space != std::string_view::npos) {
    static const char* const kParticles[] = {"up", "out", "off", "down", "in", "on", "over", "away",
                                             "back", "through", "about", "around", "along", "into"};
    const std::string_view rest = lemma.substr(space + 1);
    const bool verb_particle = rest.find(' ') == std::string_view::npos &&
                               std::find(std::begin(kParticles), std::end(kParticles), rest) != std::end(kParticles);
    if (verb_particle && inflection != Inflection::Er && inflection != Inflection::Est &&
        inflection != Inflection::Possessive) {
      for (const std::string& head : inflect(lemma.substr(0, space), inflection)) {
        out.push_back(head + " " + std::string(rest));
      }
    } else if (!verb_particle && (inflection == Inflection::S || inflection == Inflection::Possessive)) {
      const std::size_t last = lemma.rfind(' ');
      for (const std::string& tail : inflect(lemma.substr(last + 1), inflection)) {
        out.push_back(std::string(lemma.substr(0, last + 1)) + tail);
      }
    }
    return out;
  }
  if (const auto it = irregular_forms_.find(irregular_key(lemma, inflection)); it != irregular_forms_.end()) {
    for (const std::string& form : it->second) add_unique(out, form);
  }
  const auto k = static_cast<std::size_t>(inflection);
  for (const Rule& rule : rules_[k]) {
    if (!matches(rule.condition, lemma) || !lemma.ends_with(rule.strip)) continue;
    std::string form = std::string(lemma.substr(0, lemma.size() - rule.strip.size())) + rule.add;
    if (speller_.spell(form)) add_unique(out, std::move(form));
  }
  if (const char* suffix = suffix_of(inflection); suffix && doubles(lemma)) {
    std::string form = std::string(lemma) + lemma.back() + suffix;
    if (speller_.spell(form)) add_unique(out, std::move(form));
  }
  return out;
}

}  // namespace unspin::lexicon
