// The real lexicon and default language model for tests, loaded once per test program.
//
//   if (!test_engine()) { WARN("skipped: ..."); return; }
//   const repair::Fixer fixer(*test_engine()->lexicon, *test_engine()->model);
//
// Null when the build has not made the thesaurus index and the language model (no tools/setup).
#pragma once

#include <filesystem>
#include <memory>

#include "lexicon/lexicon.hpp"
#include "lm/default_model.hpp"
#include "resources.hpp"

namespace unspin::testing {

struct TestEngine {
  std::unique_ptr<lexicon::Lexicon> lexicon;
  std::unique_ptr<lm::LanguageModel> model;
};

inline const TestEngine* test_engine() {
  static const TestEngine e = [] {
    TestEngine out;
    if (!std::filesystem::exists(data_path("thesaurus.idx")) || !std::filesystem::exists(data_path("news.kn3"))) return out;
    out.lexicon = std::make_unique<lexicon::Lexicon>(lexicon::Lexicon::load(lexicon::LexiconOptions{}));
    out.model = lm::load_default_model(lm::ModelOptions{});
    return out;
  }();
  return e.lexicon ? &e : nullptr;
}

}  // namespace unspin::testing
