#include "detect/detector.hpp"

namespace unspin::detect {

const char* to_string(Label label) { return label == Label::Spun ? "spun" : "clean"; }

Detector::Detector(DetectOptions options) : options_(options) {}

DocumentScore Detector::score(const text::Document& doc) const {
  DocumentScore result;
  result.passages.reserve(doc.paragraphs().size());
  for (const text::Paragraph& p : doc.paragraphs()) {
    PassageScore passage;
    passage.begin = p.begin;
    passage.end = p.end;
    passage.line = p.line;
    passage.score = 0;  // no evidence sources yet: see the header
    passage.label = passage.score >= options_.threshold ? Label::Spun : Label::Clean;
    result.passages.push_back(std::move(passage));
  }
  result.sentences.reserve(doc.sentences().size());
  for (const text::Paragraph& p : doc.paragraphs()) {
    for (const text::Sentence& s : doc.sentences(p)) {
      PassageScore sentence;
      sentence.begin = s.begin;
      sentence.end = s.end;
      sentence.line = p.line;
      sentence.score = 0;
      sentence.label = sentence.score >= options_.threshold ? Label::Spun : Label::Clean;
      result.sentences.push_back(std::move(sentence));
    }
  }
  result.label = result.score >= options_.threshold ? Label::Spun : Label::Clean;
  return result;
}

}  // namespace unspin::detect
