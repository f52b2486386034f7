// Printers for `unspin eval`: a readable table, or one JSON object.
//
//   std::string out;
//   append_eval_text(out, evaluation, 0.5);
//
// JSON schema (version 1):
//   {"schema": 1, "documents": n, "units": n,
//    "repair": {"spun_edits", "fixed", "wrong", "missed", "damage", "damaged_tokens", "words",
//               "precision", "recall", "error_reduction", "damage_per_10k_words",
//               "distance_before", "distance_after"},
//    "detection": {"sentence"|"paragraph"|"document":
//                  {"auc", "precision", "recall", "f1", "positives", "negatives"}},
//    "examples": [{"outcome", "where", "spun", "original", "output"}]}
#pragma once

#include <string>

#include "eval/metrics.hpp"

namespace unspin::report {

void append_eval_text(std::string& out, const eval::Evaluation& evaluation, double threshold);
void append_eval_json(std::string& out, const eval::Evaluation& evaluation, double threshold);

}  // namespace unspin::report
