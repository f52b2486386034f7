#include "report/diff_printer.hpp"

#include <algorithm>
#include <vector>

#include "io/sha256.hpp"
#include "report/format.hpp"
#include "report/json.hpp"

namespace unspin::report {
namespace {

struct Line {
  std::size_t begin, end;  // end includes the line's terminator, if any
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back({at, end});
    at = end;
  }
  return lines;
}

// Index of the line holding byte `offset` (the last line for offset == text size).
std::size_t line_of(const std::vector<Line>& lines, std::size_t offset) {
  const auto it = std::upper_bound(lines.begin(), lines.end(), offset, [](std::size_t o, const Line& l) { return o < l.end; });
  return std::min<std::size_t>(static_cast<std::size_t>(it - lines.begin()), lines.size() - 1);
}

// Appends one diff line: `mark` then the line's text; a last line without a newline gets one and
// the "\ No newline at end of file" marker, as diff(1) writes it.
void diff_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

std::string range(std::size_t start, std::size_t count) {
  // diff(1): a one-line range is just its line number; an empty range names the line before.
  if (count == 1) return std::to_string(start);
  return std::to_string(count == 0 ? start - 1 : start) + "," + std::to_string(count);
}

}  // namespace

void append_unified_diff(std::string& out, std::string_view name, std::string_view text,
                         std::span<const repair::Edit> edits, std::size_t context) {
  if (edits.empty()) return;
  const std::vector<Line> lines = split_lines(text);
  // Changed blocks: runs of whole lines touched by edits, with the edits inside them.
  struct Block {
    std::size_t first, last;        // old line indexes, inclusive
    std::size_t edit_begin, edit_end;  // edits [edit_begin, edit_end)
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const std::size_t first = line_of(lines, edits[i].begin);
    const std::size_t last = line_of(lines, edits[i].end > edits[i].begin ? edits[i].end - 1 : edits[i].begin);
    if (!blocks.empty() && first <= blocks.back().last + 1) {  // adjacent changed lines form one block
      blocks.back().last = std::max(blocks.back().last, last);
      blocks.back().edit_end = i + 1;
    } else {
      blocks.push_back({first, last, i, i + 1});
    }
  }
  out.append("--- a/").append(name).append("\n+++ b/").append(name).append("\n");
  long shift = 0;  // new line number minus old line number, before the current hunk
  for (std::size_t b = 0; b < blocks.size();) {
    // A hunk takes blocks whose context windows touch.
    std::size_t e = b + 1;
    while (e < blocks.size() && blocks[e].first <= blocks[e - 1].last + 2 * context + 1) ++e;
    const std::size_t start = blocks[b].first >= context ? blocks[b].first - context : 0;
    const std::size_t stop = std::min(lines.size() - 1, blocks[e - 1].last + context);
    std::string body;
    std::size_t old_count = 0, new_count = 0;
    std::size_t at = start;
    for (std::size_t k = b; k < e; ++k) {
      for (; at < blocks[k].first; ++at, ++old_count, ++new_count) {
        diff_line(body, ' ', text.substr(lines[at].begin, lines[at].end - lines[at].begin));
      }
      const std::size_t from = lines[blocks[k].first].begin, to = lines[blocks[k].last].end;
      for (std::size_t l = blocks[k].first; l <= blocks[k].last; ++l, ++old_count) {
        diff_line(body, '-', text.substr(lines[l].begin, lines[l].end - lines[l].begin));
      }
      // The new text of the block: the old bytes with the block's edits applied.
      std::string changed;
      std::size_t pos = from;
      for (std::size_t i = blocks[k].edit_begin; i < blocks[k].edit_end; ++i) {
        changed.append(text.substr(pos, edits[i].begin - pos)).append(edits[i].replacement);
        pos = edits[i].end;
      }
      changed.append(text.substr(pos, to - pos));
      for (const Line& l : split_lines(changed)) {
        diff_line(body, '+', std::string_view(changed).substr(l.begin, l.end - l.begin));
        ++new_count;
      }
      at = blocks[k].last + 1;
    }
    for (; at <= stop; ++at, ++old_count, ++new_count) {
      diff_line(body, ' ', text.substr(lines[at].begin, lines[at].end - lines[at].begin));
    }
    const std::size_t old_start = start + 1;
    const std::size_t new_start = static_cast<std::size_t>(static_cast<long>(old_start) + shift);
    out.append("@@ -").append(range(old_start, old_count)).append(" +").append(range(new_start, new_count)).append(" @@\n");
    out.append(body);
    shift += static_cast<long>(new_count) - static_cast<long>(old_count);
    b = e;
  }
}

void append_word_diff(std::string& out, std::string_view text, std::span<const repair::Edit> edits, bool color) {
  std::size_t at = 0;
  for (const repair::Edit& e : edits) {
    out.append(text.substr(at, e.begin - at));
    const std::string_view old = text.substr(e.begin, e.end - e.begin);
    if (color) {
      if (!old.empty()) out.append("\x1b[31m").append(old).append("\x1b[m");
      if (!e.replacement.empty()) out.append("\x1b[32m").append(e.replacement).append("\x1b[m");
    } else {
      if (!old.empty()) out.append("[-").append(old).append("-]");
      if (!e.replacement.empty()) out.append("{+").append(e.replacement).append("+}");
    }
    at = e.end;
  }
  out.append(text.substr(at));
}

void append_fix_json(std::string& out, std::string_view name, const text::Document& doc,
                     std::span<const repair::Edit> edits, const detect::DocumentScore* scores) {
  JsonWriter w(out);
  w.begin_object();
  w.key("schema").value("unspin-fix/1");
  w.key("file").value(name);
  w.key("sha256").value(io::sha256_hex(doc.bytes()));
  w.key("bytes").value(static_cast<std::uint64_t>(doc.bytes().size()));
  w.key("edits").begin_array();
  for (const repair::Edit& e : edits) {
    const text::LineColumn where = doc.position(e.begin);
    w.begin_object();
    w.key("start").value(static_cast<std::uint64_t>(e.begin));
    w.key("end").value(static_cast<std::uint64_t>(e.end));
    w.key("line").value(static_cast<std::uint64_t>(where.line));
    w.key("column").value(static_cast<std::uint64_t>(where.column));
    w.key("old").value(doc.bytes().substr(e.begin, e.end - e.begin));
    w.key("new").value(e.replacement);
    w.key("confidence").value(e.confidence);
    w.key("source").value(repair::to_string(e.source));
    w.key("reason").value(e.reason);
    w.key("runners_up").begin_array();
    for (const repair::Alternative& a : e.runners_up) {
      w.begin_object().key("text").value(a.replacement).key("confidence").value(a.confidence).end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  if (scores) {
    w.key("document").begin_object().key("score").value(scores->score).key("label").value(detect::to_string(scores->label)).end_object();
    w.key("passages").begin_array();
    for (const detect::PassageScore& p : scores->passages) {
      w.begin_object();
      write_passage_fields(w, p);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  out += '\n';
}

}  // namespace unspin::report
