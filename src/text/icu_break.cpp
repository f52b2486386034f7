#include "text/icu_break.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ures.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <string>

#include "errors.hpp"

namespace unspin::text {

struct BreakFinder::Impl {
  std::unique_ptr<icu::BreakIterator> iterator;
  UText text = UTEXT_INITIALIZER;
  std::size_t length = 0;  // of the current text
  bool done = true;        // next() has returned the end

  ~Impl() { utext_close(&text); }
};

namespace {

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw ResourceError(std::string("ICU ") + what + " failed: " + u_errorName(status));
  }
}

}  // namespace

BreakFinder::BreakFinder(Unit unit) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  if (unit == Unit::Word) {
    impl_->iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale("en"), status));
  } else {
    // "ss=standard" turns on ICU's list of abbreviations that do not end a sentence.
    impl_->iterator.reset(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
  }
  check(status, "break iterator creation");
}

BreakFinder::~BreakFinder() = default;
BreakFinder::BreakFinder(BreakFinder&&) noexcept = default;
BreakFinder& BreakFinder::operator=(BreakFinder&&) noexcept = default;

void BreakFinder::set_text(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&impl_->text, text.data(), static_cast<int64_t>(text.size()), &status);
  check(status, "utext_openUTF8");
  impl_->iterator->setText(&impl_->text, status);
  check(status, "BreakIterator::setText");
  impl_->length = text.size();
  impl_->done = false;
}

std::size_t BreakFinder::next() {
  if (impl_->done) return npos;
  // For a UTF-8 UText, ICU's native indexes are byte offsets.
  const int32_t at = impl_->iterator->next();
  if (at == icu::BreakIterator::DONE || static_cast<std::size_t>(at) >= impl_->length) {
    impl_->done = true;
    return impl_->length == 0 ? npos : impl_->length;
  }
  return static_cast<std::size_t>(at);
}

void BreakFinder::boundaries(std::string_view text, std::vector<std::size_t>& out) {
  out.clear();
  out.push_back(0);
  set_text(text);
  for (std::size_t b = next(); b != npos; b = next()) out.push_back(b);
  if (out.back() != text.size()) out.push_back(text.size());  // "" gives {0}
}

std::vector<std::string> sentence_abbreviations() {
  // The list ICU's FilteredBreakIteratorBuilder reads for the "en@ss=standard" iterator: the
  // "exceptions/SentenceBreak" strings of the English break-iterator data.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UResourceBundle, decltype(&ures_close)> data(ures_open(U_ICUDATA_NAME "-brkitr", "en", &status),
                                                               &ures_close);
  check(status, "break-iterator data (ures_open)");
  std::vector<std::string> out;
  std::unique_ptr<UResourceBundle, decltype(&ures_close)> exceptions(
      ures_getByKey(data.get(), "exceptions", nullptr, &status), &ures_close);
  if (status == U_MISSING_RESOURCE_ERROR) return out;
  check(status, "break-iterator exceptions");
  std::unique_ptr<UResourceBundle, decltype(&ures_close)> list(
      ures_getByKey(exceptions.get(), "SentenceBreak", nullptr, &status), &ures_close);
  if (status == U_MISSING_RESOURCE_ERROR) return out;
  check(status, "sentence-break exceptions");
  while (ures_hasNext(list.get())) {
    int32_t length = 0;
    const UChar* s = ures_getNextString(list.get(), &length, nullptr, &status);
    check(status, "sentence-break exception");
    std::string utf8;
    icu::UnicodeString(s, length).toUTF8String(utf8);
    out.push_back(std::move(utf8));
  }
  return out;
}

}  // namespace unspin::text
