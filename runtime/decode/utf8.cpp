#include "runtime/decode/utf8.hpp"

#include <simdjson.h>

namespace writ::utf8 {

namespace {

// The scalar check, for locating: only runs once simdjson said "invalid".
size_t scan(std::string_view t) {
  size_t i = 0;
  while (i < t.size()) {
    auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) { ++i; continue; }
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else return i;
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= t.size()) return i;
      auto d = static_cast<unsigned char>(t[i + k]);
      if (k == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF)) return i;
    }
    i += n + 1;
  }
  return std::string_view::npos;
}

}  // namespace

size_t first_invalid(std::string_view text) {
  if (simdjson::validate_utf8(text.data(), text.size())) return std::string_view::npos;
  size_t at = scan(text);
  return at == std::string_view::npos ? 0 : at;  // the two disagree: still refuse
}

}  // namespace writ::utf8
