#include "runtime/support/glob.hpp"

namespace writ {

// Matches one pattern item at p against c; advances p past the item.
// Returns false if the item does not match c.
static bool match_one(std::string_view pat, size_t& p, char c) {
  char pc = pat[p];
  if (pc == '?') { ++p; return true; }
  if (pc == '\\' && p + 1 < pat.size()) { p += 2; return pat[p - 1] == c; }
  if (pc == '[') {
    size_t q = p + 1;
    bool negate = q < pat.size() && (pat[q] == '!' || pat[q] == '^');
    if (negate) ++q;
    bool hit = false;
    bool first = true;
    while (q < pat.size() && (first || pat[q] != ']')) {
      first = false;
      char lo = pat[q];
      if (lo == '\\' && q + 1 < pat.size()) lo = pat[++q];
      char hi = lo;
      if (q + 2 < pat.size() && pat[q + 1] == '-' && pat[q + 2] != ']') {
        hi = pat[q + 2];
        if (hi == '\\' && q + 3 < pat.size()) { hi = pat[q + 3]; ++q; }
        q += 2;
      }
      if (c >= lo && c <= hi) hit = true;
      ++q;
    }
    if (q >= pat.size()) { ++p; return c == '['; }  // unterminated: a literal '['
    p = q + 1;
    return hit != negate;
  }
  ++p;
  return pc == c;
}

bool glob_match(std::string_view pat, std::string_view text) {
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    size_t np = p;
    if (p < pat.size() && match_one(pat, np, text[t])) {
      p = np;
      ++t;
      continue;
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

}  // namespace writ
