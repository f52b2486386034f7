// English inflection: find the lemma of an observed word, and put a candidate original into the
// same inflection ("combating" -> "combat" + -ing; "fight" + -ing -> "fighting").
//
//   Morphology morphology = Morphology::load(MorphologyPaths{});
//   for (const Analysis& a : morphology.analyze("troopers")) ...   // {trooper, -s}, {troopers, none}
//   morphology.inflect("soldier", Inflection::S);                  // {"soldiers"}
//   morphology.inflect("tell", Inflection::Ed);                    // {"told"}
//
// Debian's en_US Hunspell dictionary carries no generation tags, so the suffix rules of its .aff
// file are applied directly (using each .dic entry's flags when analysing), consonant doubling
// is added ("stop" -> "stopped"), irregular forms come from WordNet's *.exc lists, and every
// generated form must pass Hunspell's spell check. Words are lowercase UTF-8.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/speller.hpp"

namespace unspin::lexicon {

enum class Inflection : std::uint8_t {
  None,        // the bare form
  S,           // plural or third person: -s, -es, -ies
  Ed,          // past or participle: -ed, -d, -ied, irregular ("told")
  Ing,         // -ing
  Er,          // comparative or agent: -er, -r, -ier
  Est,         // superlative: -est, -st, -iest
  Possessive,  // 's
};
inline constexpr std::size_t kInflections = 7;
const char* to_string(Inflection inflection);

struct Analysis {
  std::string lemma;
  Inflection inflection;
  bool operator==(const Analysis&) const = default;
};

struct MorphologyPaths {
  std::string hunspell = "/usr/share/hunspell/en_US";  // without .aff/.dic
  std::string wordnet = "/usr/share/wordnet";          // holds noun.exc, verb.exc, adj.exc, adv.exc
};

// Thread-safe once loaded (the speller serialises its own calls).
class Morphology {
 public:
  // Throws ResourceError naming a missing or malformed file.
  static Morphology load(const MorphologyPaths& paths);

  // Every (lemma, inflection) that could have produced `word`, the bare word first when it is
  // itself a dictionary word. Empty for words Hunspell does not know in any form.
  std::vector<Analysis> analyze(std::string_view word) const;

  // Forms of `lemma` in `inflection` that Hunspell accepts. A verb + particle inflects the verb
  // ("end up" + -ing -> "ending up"); a noun compound takes -s and 's on its last word ("state
  // troopers"); other phrases have no inflected form. Inflection::None returns the lemma.
  std::vector<std::string> inflect(std::string_view lemma, Inflection inflection) const;

  bool known(std::string_view word) const { return speller_.spell(word); }
  const Speller& speller() const { return speller_; }

 private:
  struct CharClass {
    bool negate = false;
    bool any = false;
    std::string chars;
  };
  struct Rule {
    std::string strip;
    std::string add;
    std::vector<CharClass> condition;  // matched against the end of the stem
  };
  explicit Morphology(Speller speller) : speller_(std::move(speller)) {}
  static bool matches(const std::vector<CharClass>& condition, std::string_view stem);
  bool has_flag(std::string_view word, char flag) const;

  Speller speller_;
  std::array<std::vector<Rule>, kInflections> rules_;
  // .dic entry -> which of the inflection flags (bit k for kFlags[k]) it carries; entries with
  // none of them are kept with 0, so that membership is known too.
  std::unordered_map<std::string, std::uint8_t> flags_;
  // Irregular forms from WordNet: form -> analyses, and (lemma, inflection) -> forms.
  std::unordered_map<std::string, std::vector<Analysis>> irregular_analyses_;
  std::unordered_map<std::string, std::vector<std::string>> irregular_forms_;  // key: lemma + '\t' + inflection
};

}  // namespace unspin::lexicon
