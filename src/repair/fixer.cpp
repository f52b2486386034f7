#include "repair/fixer.hpp"

namespace unspin::repair {

Fixer::Fixer(FixOptions options) : options_(options) {}

FixResult Fixer::fix(const text::Document& doc) const {
  (void)doc;  // no candidate sources yet: see the header
  return {};
}

}  // namespace unspin::repair
