#include "repair/edit.hpp"

#include "errors.hpp"

namespace unspin::repair {

const char* to_string(EditSource source) {
  switch (source) {
    case EditSource::Phrase: return "phrase";
    case EditSource::Thesaurus: return "thesaurus";
    case EditSource::Number: return "number";
    case EditSource::User: return "user";
    case EditSource::Split: return "split";
    case EditSource::Scrape: return "scrape";
  }
  return "?";
}

namespace detail {

void check_edit(std::span<const Edit> edits, std::size_t i, std::size_t at, std::size_t size) {
  const Edit& e = edits[i];
  if (e.begin < at || e.end < e.begin || e.end > size) {
    throw InputError("edit " + std::to_string(i + 1) + " at bytes " + std::to_string(e.begin) +
                     "-" + std::to_string(e.end) +
                     " overlaps another edit or lies outside the text");
  }
}

}  // namespace detail

std::string apply_edits(std::string_view text, std::span<const Edit> edits) {
  std::string out;
  std::size_t grow = 0;
  for (const Edit& e : edits) grow += e.replacement.size();
  out.reserve(text.size() + grow);
  for_each_piece(text, edits, [&out](std::string_view piece) { out.append(piece); });
  return out;
}

}  // namespace unspin::repair
