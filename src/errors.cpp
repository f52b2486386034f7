#include "errors.hpp"

namespace unspin {

InvalidUtf8Error::InvalidUtf8Error(std::size_t offset)
    : InputError("invalid UTF-8 at byte " + std::to_string(offset) +
                 " (use --lenient to pass invalid bytes through unedited)"),
      offset_(offset) {}

}  // namespace unspin
