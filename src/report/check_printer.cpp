#include "report/check_printer.hpp"

#include <algorithm>
#include <cstdio>

#include "report/format.hpp"
#include "report/json.hpp"

namespace unspin::report {
namespace {

// Evidence text for a one-line report: control characters and line breaks would break the line.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  return out;
}

void write_unit(JsonWriter& w, const text::Document& doc, const detect::PassageScore& p) {
  w.begin_object();
  write_passage_fields(w, p);
  w.key("evidence").begin_array();
  for (const detect::Evidence& e : p.evidence) {
    w.begin_object();
    w.key("start").value(static_cast<std::uint64_t>(e.begin));
    w.key("end").value(static_cast<std::uint64_t>(e.end));
    w.key("text").value(doc.bytes().substr(e.begin, e.end - e.begin));
    w.key("kind").value(detect::to_string(e.kind));
    w.key("original").value(e.original);
    w.key("gain").value(e.gain);
    w.key("reason").value(e.reason);
    w.key("weight").value(e.weight);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// "    inputs: bias 1 × -14.08, phrase_gain 8.20 × 0.04, ... = logit 2.31"
std::string explanation(const detect::DetectorWeights& weights, detect::Level level, const detect::Features& raw) {
  const detect::Design x = detect::design(raw);
  const detect::Design& c = weights.coefficients[static_cast<int>(level)];
  std::string out = "    model: ";
  double z = 0;
  for (std::size_t i = 0; i < detect::kDesignSize; ++i) {
    z += c[i] * x[i];
    if (c[i] == 0) continue;
    out += std::string(i == 0 ? "bias" : detect::feature_name(i - 1)) + " " + decimals(x[i], 2) + "×" + decimals(c[i], 3) + " ";
  }
  return out + "= logit " + decimals(z, 2) + "\n";
}

void append_unit(std::string& out, std::string_view prefix, const text::Document& doc, const detect::PassageScore& p,
                 const CheckView& view, detect::Level level) {
  out.append(prefix).append(decimals(p.score, 2)).append(" ").append(detect::to_string(p.label));
  std::size_t shown = p.evidence.size();
  if (!view.explain) {  // for spun units, the three strongest pieces of evidence that raised the score
    shown = 0;
    if (p.label == detect::Label::Spun) shown = std::min<std::size_t>(3, std::count_if(p.evidence.begin(), p.evidence.end(), [](const detect::Evidence& e) { return e.weight > 0; }));
  }
  for (std::size_t i = 0; i < shown; ++i) {
    const detect::Evidence& e = p.evidence[i];
    if (view.explain) {
      out.append(i == 0 ? "\n" : "").append("    “").append(one_line(doc.bytes().substr(e.begin, e.end - e.begin)));
      out.append("” ").append(decimals(e.weight, 2)).append(" ").append(one_line(e.reason)).append("\n");
      continue;
    }
    out.append(i == 0 ? "  " : "; ");
    out.append("“").append(one_line(doc.bytes().substr(e.begin, e.end - e.begin))).append("” → “");
    out.append(one_line(e.original)).append("” (").append(detect::to_string(e.kind)).append(")");
  }
  if (!view.explain && p.label == detect::Label::Spun && shown == 0) out += "  (no evidence of its own: the document's)";
  if (!(view.explain && shown > 0)) out += '\n';
  if (view.explain && view.weights) out += explanation(*view.weights, level, p.features);
}

}  // namespace

void append_check_json(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores, const CheckView& view) {
  JsonWriter w(out);
  w.begin_object();
  w.key("schema").value("unspin-check/1");
  w.key("file").value(name);
  w.key("score").value(scores.score);
  w.key("label").value(detect::to_string(scores.label));
  w.key("words").value(static_cast<std::uint64_t>(scores.words));
  w.key("hits").value(static_cast<std::uint64_t>(scores.hits));
  w.key("tortured_hits").value(static_cast<std::uint64_t>(scores.tortured_hits));
  // The Problematic Paper Screener's convention: 5 or more tortured phrases flag a document.
  w.key("tortured_suspicious").value(scores.tortured_hits >= 5);
  w.key("hits_per_1000_words").value(scores.hits_per_1000_words);
  w.key("passages").begin_array();
  for (const detect::PassageScore& p : scores.passages) {
    if (p.score >= view.min_score) write_unit(w, doc, p);
  }
  w.end_array();
  w.key("sentences").begin_array();
  for (const detect::PassageScore& s : scores.sentences) {
    if (s.score >= view.min_score) write_unit(w, doc, s);
  }
  w.end_array();
  w.end_object();
  out += '\n';
}

void append_check_text(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores, const CheckView& view) {
  std::size_t spun = 0;
  std::size_t sentence = 0;
  for (const detect::PassageScore& p : scores.passages) {
    if (p.label == detect::Label::Spun) ++spun;
    if (p.score >= view.min_score) {
      append_unit(out, std::string(name) + ":" + std::to_string(p.line) + ": ", doc, p, view, detect::Level::Paragraph);
    }
    for (; sentence < scores.sentences.size() && scores.sentences[sentence].begin < p.end; ++sentence) {
      const detect::PassageScore& s = scores.sentences[sentence];
      if (view.sentences && s.score >= view.min_score) append_unit(out, "  sentence: ", doc, s, view, detect::Level::Sentence);
    }
  }
  out.append(name).append(": ").append(decimals(scores.score, 2)).append(" ");
  out.append(detect::to_string(scores.label)).append(" (document: ");
  out.append(std::to_string(scores.passages.size())).append(" passages, ");
  out.append(std::to_string(spun)).append(" spun; ").append(std::to_string(scores.hits)).append(" hits, ");
  out.append(decimals(scores.hits_per_1000_words, 1)).append(" per 1,000 words");
  if (scores.tortured_hits > 0) {
    out.append("; ").append(std::to_string(scores.tortured_hits)).append(" tortured phrases");
    if (scores.tortured_hits >= 5) out.append(", suspicious by the paper-screener rule of 5 or more");
  }
  out.append(")\n");
  if (view.explain) out += "    document: the passages' scores weighted by their words\n";
}

}  // namespace unspin::report
