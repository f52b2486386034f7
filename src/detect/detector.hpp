// The spin detector: a score in [0, 1] for each passage (paragraph) and for the document.
//
//   Detector detector(DetectOptions{});
//   DocumentScore scores = detector.score(doc);
//   for (const PassageScore& p : scores.passages) if (p.label == Label::Spun) review(p);
//
// Foundation stage: no evidence sources are wired in yet, so every score is 0 and every label is
// clean. The result types are final; the check printers and JSON schema depend on them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "text/document.hpp"

namespace unspin::detect {

enum class Label : std::uint8_t { Clean, Spun };
const char* to_string(Label label);

// One observation that raised a score: a span of the input and why it looks spun.
struct Evidence {
  std::size_t begin = 0;  // byte offsets in the input
  std::size_t end = 0;
  std::string reason;     // "phrase: “by no means” is a spinner form of “never”"
  double weight = 0;      // contribution to the passage score, in log-odds
};

struct PassageScore {
  std::size_t begin = 0;  // byte offsets of the paragraph
  std::size_t end = 0;
  std::uint32_t line = 0;  // 1-based
  double score = 0;        // in [0, 1]
  Label label = Label::Clean;
  std::vector<Evidence> evidence;  // strongest first
};

struct DocumentScore {
  double score = 0;
  Label label = Label::Clean;
  std::vector<PassageScore> passages;   // one per paragraph, in order
  std::vector<PassageScore> sentences;  // one per sentence, in order
};

struct DetectOptions {
  // A score at or above this is labelled spun. Default 0.5: scores are meant as probabilities.
  double threshold = 0.5;
};

// Thread-safe for concurrent score() calls once constructed.
class Detector {
 public:
  explicit Detector(DetectOptions options = {});
  DocumentScore score(const text::Document& doc) const;

 private:
  DetectOptions options_;
};

}  // namespace unspin::detect
