// YAML 1.1 scalar resolution, as go-yaml v2 (and so kubectl) does it:
// shared by the YAML decoder and the config reader (internal to decode/).
#pragma once

#include <cctype>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace writ::yaml_scalars {

// kOutOfRange: a number writ cannot hold exactly as written: an integer
// beyond 64 bits, a float beyond double's range, .inf or .nan. JSON, the
// API server's wire format, cannot carry those either, so the document is
// refused (docs/security.md) rather than read with a silently wrong value.
enum class Scalar { kString, kNull, kBool, kInt, kFloat, kOutOfRange };

enum class Number { kNotANumber, kOk, kOutOfRange };

inline Number parse_int(std::string_view v, int64_t* out) {
  std::string digits;
  bool neg = false;
  size_t i = 0;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) neg = v[i++] == '-';
  int base = 10;
  if (v.substr(i, 2) == "0x" || v.substr(i, 2) == "0X") { base = 16; i += 2; }
  else if (v.substr(i, 2) == "0b") { base = 2; i += 2; }
  else if (v.substr(i, 2) == "0o") { base = 8; i += 2; }
  else if (v.size() - i > 1 && v[i] == '0') { base = 8; i += 1; }
  for (; i < v.size(); ++i) {
    if (v[i] == '_') continue;
    digits += v[i];
  }
  if (digits.empty()) return Number::kNotANumber;
  uint64_t u = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), u, base);
  if (r.ptr != digits.data() + digits.size()) return Number::kNotANumber;
  if (r.ec == std::errc::result_out_of_range) return Number::kOutOfRange;
  if (r.ec != std::errc()) return Number::kNotANumber;
  if (neg) {
    if (u > static_cast<uint64_t>(INT64_MAX) + 1) return Number::kOutOfRange;
    *out = static_cast<int64_t>(0 - u);
  } else {
    if (u > static_cast<uint64_t>(INT64_MAX)) return Number::kOutOfRange;
    *out = static_cast<int64_t>(u);
  }
  return Number::kOk;
}

inline Number parse_float(std::string_view v, double* out) {
  static const char* const kNonFinite[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                                           ".nan", ".NaN", ".NAN"};
  for (const char* word : kNonFinite)
    if (v == word) return Number::kOutOfRange;
  // [-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?
  std::string t;
  for (char c : v) if (c != '_') t += c;
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  size_t mant = 0;
  int64_t magnitude = 0;  // decimal digits before the point, leading zeros aside
  bool leading = true;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
    if (t[i] != '0') leading = false;
    if (!leading) ++magnitude;
    ++i;
    ++mant;
  }
  if (i < t.size() && t[i] == '.') { ++i; while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++mant; } }
  if (mant == 0) return Number::kNotANumber;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool neg_exp = i < t.size() && t[i] == '-';
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    size_t e = 0;
    int64_t exp = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
      exp = std::min<int64_t>(exp * 10 + (t[i] - '0'), 1'000'000);
      ++i;
      ++e;
    }
    if (e == 0) return Number::kNotANumber;
    magnitude += neg_exp ? -exp : exp;
  }
  if (i != t.size()) return Number::kNotANumber;
  const char* b = t.c_str();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, t.c_str() + t.size(), *out);
  if (r.ec == std::errc::result_out_of_range) {
    if (magnitude > 0) return Number::kOutOfRange;  // overflow
    *out = t[0] == '-' ? -0.0 : 0.0;                // underflow: zero, as Go's strconv and simdjson do
    return Number::kOk;
  }
  return r.ec == std::errc() ? Number::kOk : Number::kNotANumber;
}

inline Scalar resolve_plain(std::string_view v, bool* b, int64_t* i, double* f) {
  static const char* const kTrue[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const char* const kFalse[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return Scalar::kNull;
  for (const char* t : kTrue) if (v == t) { *b = true; return Scalar::kBool; }
  for (const char* t : kFalse) if (v == t) { *b = false; return Scalar::kBool; }
  char c = v[0];
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) return Scalar::kString;
  Number n = parse_int(v, i);
  if (n == Number::kOk) return Scalar::kInt;
  if (n == Number::kOutOfRange) return Scalar::kOutOfRange;
  n = parse_float(v, f);
  if (n == Number::kOk) return Scalar::kFloat;
  if (n == Number::kOutOfRange) return Scalar::kOutOfRange;
  return Scalar::kString;
}

}  // namespace writ::yaml_scalars
