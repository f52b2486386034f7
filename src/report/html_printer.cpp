#include "report/html_printer.hpp"

#include <array>
#include <cstdio>

#include "io/sha256.hpp"
#include "report/format.hpp"
#include "text/utf8.hpp"

namespace unspin::report {
namespace {

// Heat colour for a spin score: pale green (clean) through amber to red (spun).
std::string heat(double score) {
  const double s = std::min(1.0, std::max(0.0, score));
  const int hue = static_cast<int>(120 * (1 - s));
  return "hsl(" + std::to_string(hue) + ",70%," + std::to_string(static_cast<int>(85 - 30 * s)) + "%)";
}

// Text of the input for the page: escaped, with invalid UTF-8 (under --lenient) shown as U+FFFD
// so the page stays valid.
void append_text(std::string& out, std::string_view s) {
  std::size_t at = 0;
  while (at < s.size()) {
    const std::size_t bad = text::find_invalid_utf8(s, at);
    const std::size_t end = bad == std::string_view::npos ? s.size() : bad;
    append_html_escaped(out, s.substr(at, end - at));
    if (bad == std::string_view::npos) break;
    out += "\xEF\xBF\xBD";
    at = bad + 1;
  }
}

constexpr const char* kStyle = R"css(
:root { --ink: #1d1d1f; --muted: #666; --del: #b3261e; --ins: #1b6e20; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.6 Georgia, "DejaVu Serif", serif; color: var(--ink); background: #fafaf7; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ddd;
         padding: .6em 1.2em; font: 14px/1.4 system-ui, "DejaVu Sans", sans-serif; }
header h1 { font-size: 16px; margin: 0 0 .3em; overflow-wrap: anywhere; }
#summary span { margin-right: 1.2em; white-space: nowrap; }
#filter-row { margin-top: .3em; }
main { max-width: 46em; margin: 1.5em auto 4em; padding: 0 1.2em; }
.passage { position: relative; margin: 0 0 1em; padding-left: 1em; border-left: 6px solid var(--heat);
           white-space: pre-wrap; overflow-wrap: anywhere; }
.passage .score { position: absolute; left: -4.2em; top: .1em; width: 3.2em; text-align: right;
                  font: 12px system-ui, sans-serif; color: var(--muted); }
.edit { position: relative; border-radius: 3px; background: #fff6d6; outline-offset: 1px; cursor: help; }
.edit del { color: var(--del); text-decoration: line-through; }
.edit ins { color: var(--ins); text-decoration: none; font-weight: 600; }
.edit .tip { display: none; position: absolute; left: 0; top: 1.6em; z-index: 3; width: 26em; max-width: 80vw;
             padding: .5em .7em; background: #222; color: #fff; border-radius: 4px; white-space: normal;
             font: 13px/1.4 system-ui, sans-serif; }
.edit:hover .tip, .edit:focus .tip, .edit:focus-within .tip { display: block; }
.edit.hidden { background: none; }
.edit.hidden ins, .edit.hidden .tip { display: none; }
.edit.hidden del { color: inherit; text-decoration: none; }
.legend { color: var(--muted); }
@media print { header { position: static; } .edit .tip { display: none !important; } }
)css";

// Hides edits below the chosen confidence: they show the written text, as if not made.
constexpr const char* kScript = R"js(
(function () {
  var input = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var edits = document.querySelectorAll('.edit');
  function update() {
    var min = parseFloat(input.value), n = 0;
    for (var i = 0; i < edits.length; i++) {
      var keep = parseFloat(edits[i].getAttribute('data-confidence')) >= min;
      edits[i].classList.toggle('hidden', !keep);
      if (keep) n++;
    }
    document.getElementById('min').textContent = min.toFixed(2);
    shown.textContent = n;
  }
  input.addEventListener('input', update);
  update();
})();
)js";

}  // namespace

void append_html_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

void append_html_report(std::string& out, std::string_view name, const text::Document& doc,
                        std::span<const repair::Edit> edits, const detect::DocumentScore& scores) {
  const std::string_view bytes = doc.bytes();
  std::array<std::size_t, repair::kEditSources> by_source{};
  for (const repair::Edit& e : edits) ++by_source[static_cast<std::size_t>(e.source)];
  std::size_t spun_passages = 0;
  for (const detect::PassageScore& p : scores.passages) spun_passages += p.label == detect::Label::Spun;

  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"unspin\">\n<title>unspin review: ";
  append_text(out, name);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<header>\n<h1>unspin review: ";
  append_text(out, name);
  out += "</h1>\n<div id=\"summary\" data-edits=\"" + std::to_string(edits.size()) + "\" data-score=\"" +
         decimals(scores.score, 4) + "\">";
  out += "<span><b>" + std::to_string(edits.size()) + "</b> edits</span>";
  for (std::size_t s = 0; s < by_source.size(); ++s) {
    if (by_source[s] == 0) continue;
    out += "<span>" + std::string(repair::to_string(static_cast<repair::EditSource>(s))) + ": " + std::to_string(by_source[s]) + "</span>";
  }
  out += "<span>document spin score <b>" + decimals(scores.score, 2) + "</b> (" + detect::to_string(scores.label) + ")</span>";
  out += "<span>" + std::to_string(spun_passages) + " of " + std::to_string(scores.passages.size()) + " passages spun</span>";
  out += "<span class=\"legend\">input SHA-256 " + io::sha256_hex(bytes).substr(0, 12) + "…</span></div>\n";
  out += "<div id=\"filter-row\"><label for=\"filter\">Show edits with confidence ≥ <b id=\"min\">0.00</b></label> "
         "<input id=\"filter\" type=\"range\" min=\"0\" max=\"1\" step=\"0.01\" value=\"0\"> <span class=\"legend\">"
         "<span id=\"shown\">" +
         std::to_string(edits.size()) + "</span> shown. Hover or focus an edit for its reason; the margin colour is the passage's spin score.</span></div>\n";
  out += "</header>\n<main>\n";

  std::size_t next = 0;  // next edit
  std::size_t k = 0;     // edit index for ids
  std::size_t index = 0;
  for (const text::Paragraph& p : doc.paragraphs()) {
    const detect::PassageScore* score = index < scores.passages.size() ? &scores.passages[index] : nullptr;
    ++index;
    const double s = score ? score->score : 0;
    out += "<div class=\"passage\" data-line=\"" + std::to_string(p.line) + "\" data-score=\"" + decimals(s, 4) +
           "\" style=\"--heat:" + heat(s) + "\"><span class=\"score\" title=\"passage spin score\">" + decimals(s, 2) + "</span>";
    std::size_t at = p.begin;
    while (next < edits.size() && edits[next].begin < p.end) {
      const repair::Edit& e = edits[next];
      append_text(out, bytes.substr(at, e.begin - at));
      out += "<span class=\"edit\" tabindex=\"0\" id=\"edit-" + std::to_string(++k) + "\" data-confidence=\"" +
             decimals(e.confidence, 4) + "\" data-source=\"" + repair::to_string(e.source) + "\">";
      out += "<del>";
      append_text(out, bytes.substr(e.begin, e.end - e.begin));
      out += "</del><ins>";
      append_text(out, e.replacement);
      out += "</ins><span class=\"tip\" role=\"tooltip\"><b>" + decimals(e.confidence, 3) + "</b> " + repair::to_string(e.source) + ": ";
      append_text(out, e.reason);
      if (!e.runners_up.empty()) {
        out += "<br>runners-up:";
        for (const repair::Alternative& a : e.runners_up) {
          out += " “";
          append_text(out, a.replacement);
          out += "” " + decimals(a.confidence, 3);
        }
      }
      out += "</span></span>";
      at = e.end;
      ++next;
    }
    if (at < p.end) append_text(out, bytes.substr(at, p.end - at));
    out += "</div>\n";
  }
  out += "</main>\n<script>";
  out += kScript;
  out += "</script>\n</body>\n</html>\n";
}

}  // namespace unspin::report
