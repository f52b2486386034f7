// The default language model: the project's Kneser-Ney model interpolated with CMU's model.
//
//   std::unique_ptr<LanguageModel> lm = load_default_model(ModelOptions{});
//   std::unique_ptr<LanguageModel> mine = load_default_model({.kneser_ney = "news.kn3"});
//
// See docs/LM.md for why both, and for the weights.
#pragma once

#include <memory>
#include <string>

#include "lm/model.hpp"

namespace unspin::lm {

struct ModelOptions {
  std::string kneser_ney;        // default: data_path("news.kn3"), trained by the build
  std::string cmu;               // CMU's model converted by the build; default: CmuModel::default_path()
  double kneser_ney_weight = 0.75;  // the rest goes to CMU's model; 1 uses Kneser-Ney alone
};

// Throws ResourceError naming a missing or corrupt model file.
std::unique_ptr<LanguageModel> load_default_model(const ModelOptions& options);

}  // namespace unspin::lm
