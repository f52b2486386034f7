#include "repair/edit.hpp"

#include "errors.hpp"

namespace unspin::repair {

const char* to_string(EditSource source) {
  switch (source) {
    case EditSource::Phrase: return "phrase";
    case EditSource::Thesaurus: return "thesaurus";
    case EditSource::Number: return "number";
    case EditSource::User: return "user";
  }
  return "?";
}

std::string apply_edits(std::string_view text, std::span<const Edit> edits) {
  std::string out;
  std::size_t grow = 0;
  for (const Edit& e : edits) grow += e.replacement.size();
  out.reserve(text.size() + grow);
  std::size_t at = 0;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const Edit& e = edits[i];
    if (e.begin < at || e.end < e.begin || e.end > text.size()) {
      throw InputError("edit " + std::to_string(i + 1) + " at bytes " + std::to_string(e.begin) +
                       "-" + std::to_string(e.end) +
                       " overlaps another edit or lies outside the text");
    }
    out.append(text.substr(at, e.begin - at));
    out.append(e.replacement);
    at = e.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace unspin::repair
