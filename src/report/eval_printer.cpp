#include "report/eval_printer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "report/json.hpp"

namespace unspin::report {
namespace {

std::string format(const char* fmt, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, value);
  return buf;
}

std::string count(std::size_t n) { return std::to_string(n); }

void row(std::string& out, const char* label, const std::string& value, const std::string& note = "") {
  char buf[64];
  std::snprintf(buf, sizeof buf, "  %-18s %10s", label, value.c_str());
  out += buf;
  if (!note.empty()) out += "  " + note;
  out += '\n';
}

// Examples are one line each: control characters and newlines become spaces.
std::string flat(const std::string& s) {
  std::string out;
  for (char c : s) out += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  return out.empty() ? "∅" : out;
}

// The detection levels in report order, named as in the JSON ("paragraph_by_document"); the
// text report writes the names with spaces.
struct Level {
  const char* name;
  const std::vector<eval::Scored>* items;
};
std::array<Level, 4> detection_levels(const eval::Detection& d) {
  return {{{"sentence", &d.sentences},
           {"paragraph", &d.paragraphs},
           {"document", &d.documents},
           {"paragraph_by_document", &d.paragraphs_by_document}}};
}

}  // namespace

void append_eval_text(std::string& out, const eval::Evaluation& e, double threshold) {
  const eval::RepairCounts& r = e.repair();
  out += "documents " + count(e.documents()) + ", units " + count(e.units()) + ", words " +
         count(r.words) + "\n\nrepair\n";
  row(out, "spun edits", count(r.spun_edits), "places where the spun text differs from the original");
  row(out, "fixed", count(r.fixed));
  row(out, "wrong", count(r.wrong), "changed, but not to the original (" + count(r.wrong_closer) +
                                         " of them nearer to it, half restored)");
  row(out, "missed", count(r.missed));
  row(out, "damage", count(r.damage), "edits where the text was already right (" +
                                          count(r.damaged_tokens) + " tokens)");
  row(out, "precision", format("%.3f", r.precision()));
  row(out, "recall", format("%.3f", r.recall()));
  row(out, "error reduction", std::isnan(r.error_reduction()) ? "–" : format("%.3f", r.error_reduction()),
      "1 - dist(output, original) / dist(spun, original), in tokens");
  row(out, "damage / 10k words", format("%.1f", r.damage_per_10k_words()));
  if (e.measures_coverage()) {
    row(out, "coverage", format("%.3f", r.spun_edits ? static_cast<double>(r.covered) / static_cast<double>(r.spun_edits) : 1.0),
        "spun edits whose original the lexicon proposes (" + count(r.covered) + ")");
  }

  const eval::Detection& d = e.detection();
  if (!d.documents.empty()) {
    out += "\ndetection at threshold " + format("%.2f", threshold) + "\n";
    out += "  level                     AUC  precision  recall     F1   spun  clean\n";
    for (const auto& [name, items] : detection_levels(d)) {
      const eval::BinaryMetrics m = eval::binary_metrics(*items, threshold);
      std::string label = name;
      std::replace(label.begin(), label.end(), '_', ' ');
      char buf[160];
      std::snprintf(buf, sizeof buf, "  %-21s %7.3f %10.3f %7.3f %6.3f %6zu %6zu\n", label.c_str(), m.auc,
                    m.precision, m.recall, m.f1, m.positives, m.negatives);
      out += buf;
    }
    out += "\ncalibration (paragraphs): score bin, units, mean score, share spun\n";
    for (const eval::ReliabilityBin& b : eval::reliability(d.paragraphs)) {
      if (b.count == 0) continue;
      char buf[96];
      std::snprintf(buf, sizeof buf, "  %.1f-%.1f %7zu %6.3f %6.3f\n", b.low, b.high, b.count, b.mean_score, b.spun_rate);
      out += buf;
    }
  }
  if (!e.examples().empty()) {
    out += "\nexamples (spun → original | output)\n";
    for (const eval::Example& x : e.examples()) {
      out += "  " + std::string(eval::to_string(x.outcome)) + "  " + x.where + "  " + flat(x.spun) +
             " → " + flat(x.original) + " | " + flat(x.output) + "\n";
    }
  }
}

void append_eval_json(std::string& out, const eval::Evaluation& e, double threshold) {
  const eval::RepairCounts& r = e.repair();
  JsonWriter w(out);
  w.begin_object();
  w.key("schema").value(1);
  w.key("documents").value(static_cast<std::uint64_t>(e.documents()));
  w.key("units").value(static_cast<std::uint64_t>(e.units()));
  w.key("repair").begin_object();
  w.key("spun_edits").value(static_cast<std::uint64_t>(r.spun_edits));
  w.key("fixed").value(static_cast<std::uint64_t>(r.fixed));
  w.key("wrong").value(static_cast<std::uint64_t>(r.wrong));
  w.key("wrong_closer").value(static_cast<std::uint64_t>(r.wrong_closer));
  w.key("missed").value(static_cast<std::uint64_t>(r.missed));
  w.key("damage").value(static_cast<std::uint64_t>(r.damage));
  w.key("damaged_tokens").value(static_cast<std::uint64_t>(r.damaged_tokens));
  w.key("words").value(static_cast<std::uint64_t>(r.words));
  w.key("distance_before").value(static_cast<std::uint64_t>(r.distance_before));
  w.key("distance_after").value(static_cast<std::uint64_t>(r.distance_after));
  w.key("precision").value(r.precision());
  w.key("recall").value(r.recall());
  w.key("error_reduction").value(r.error_reduction());
  w.key("damage_per_10k_words").value(r.damage_per_10k_words(), 2);
  if (e.measures_coverage()) {
    w.key("covered").value(static_cast<std::uint64_t>(r.covered));
    w.key("coverage").value(r.spun_edits ? static_cast<double>(r.covered) / static_cast<double>(r.spun_edits) : 1.0);
  }
  w.end_object();
  w.key("detection").begin_object();
  const eval::Detection& d = e.detection();
  for (const auto& [name, items] : detection_levels(d)) {
    if (items->empty()) continue;
    const eval::BinaryMetrics m = eval::binary_metrics(*items, threshold);
    w.key(name).begin_object();
    w.key("auc").value(m.auc);
    w.key("precision").value(m.precision);
    w.key("recall").value(m.recall);
    w.key("f1").value(m.f1);
    w.key("positives").value(static_cast<std::uint64_t>(m.positives));
    w.key("negatives").value(static_cast<std::uint64_t>(m.negatives));
    w.key("reliability").begin_array();
    for (const eval::ReliabilityBin& b : eval::reliability(*items)) {
      w.begin_object().key("low").value(b.low).key("high").value(b.high);
      w.key("count").value(static_cast<std::uint64_t>(b.count)).key("mean_score").value(b.mean_score);
      w.key("spun_rate").value(b.spun_rate).end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_object();
  w.key("examples").begin_array();
  for (const eval::Example& x : e.examples()) {
    w.begin_object();
    w.key("outcome").value(eval::to_string(x.outcome));
    w.key("where").value(x.where);
    w.key("spun").value(x.spun);
    w.key("original").value(x.original);
    w.key("output").value(x.output);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
}

}  // namespace unspin::report
