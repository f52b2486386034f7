#include "report/check_printer.hpp"

#include <algorithm>
#include <cstdio>

#include "report/json.hpp"

namespace unspin::report {
namespace {

std::string two_decimals(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

// Evidence text for a one-line report: control characters and line breaks would break the line.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  return out;
}

}  // namespace

void append_check_json(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores) {
  JsonWriter w(out);
  w.begin_object();
  w.key("file").value(name);
  w.key("score").value(scores.score);
  w.key("label").value(detect::to_string(scores.label));
  w.key("passages").begin_array();
  for (const detect::PassageScore& p : scores.passages) {
    w.begin_object();
    w.key("start").value(static_cast<std::uint64_t>(p.begin));
    w.key("end").value(static_cast<std::uint64_t>(p.end));
    w.key("line").value(p.line);
    w.key("score").value(p.score);
    w.key("label").value(detect::to_string(p.label));
    w.key("evidence").begin_array();
    for (const detect::Evidence& e : p.evidence) {
      w.begin_object();
      w.key("start").value(static_cast<std::uint64_t>(e.begin));
      w.key("end").value(static_cast<std::uint64_t>(e.end));
      w.key("text").value(doc.bytes().substr(e.begin, e.end - e.begin));
      w.key("reason").value(e.reason);
      w.key("weight").value(e.weight);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
}

void append_check_text(std::string& out, std::string_view name, const text::Document& doc,
                       const detect::DocumentScore& scores) {
  std::size_t spun = 0;
  for (const detect::PassageScore& p : scores.passages) {
    if (p.label == detect::Label::Spun) ++spun;
    out.append(name).append(":").append(std::to_string(p.line)).append(": ");
    out.append(two_decimals(p.score)).append(" ").append(detect::to_string(p.label));
    const std::size_t shown = std::min<std::size_t>(p.evidence.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) {
      const detect::Evidence& e = p.evidence[i];
      out.append(i == 0 ? "  " : "; ");
      out.append("“").append(one_line(doc.bytes().substr(e.begin, e.end - e.begin))).append("” ");
      out.append(one_line(e.reason));
    }
    out += '\n';
  }
  out.append(name).append(": ").append(two_decimals(scores.score)).append(" ");
  out.append(detect::to_string(scores.label)).append(" (document: ");
  out.append(std::to_string(scores.passages.size())).append(" passages, ");
  out.append(std::to_string(spun)).append(" spun)\n");
}

}  // namespace unspin::report
