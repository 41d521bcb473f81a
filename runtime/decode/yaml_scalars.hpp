// YAML 1.1 scalar resolution, as go-yaml v2 (and so kubectl) does it:
// shared by the YAML decoder and the config reader (internal to decode/).
#pragma once

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace writ::yaml_scalars {

enum class Scalar { kString, kNull, kBool, kInt, kFloat };

inline bool parse_int(std::string_view v, int64_t* out) {
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
  if (digits.empty()) return false;
  uint64_t u = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), u, base);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) return false;
  if (neg) {
    if (u > static_cast<uint64_t>(INT64_MAX) + 1) return false;
    *out = static_cast<int64_t>(0 - u);
  } else {
    if (u > static_cast<uint64_t>(INT64_MAX)) return false;
    *out = static_cast<int64_t>(u);
  }
  return true;
}

inline bool parse_float(std::string_view v, double* out) {
  if (v == ".inf" || v == ".Inf" || v == ".INF" || v == "+.inf" || v == "+.Inf" || v == "+.INF") { *out = INFINITY; return true; }
  if (v == "-.inf" || v == "-.Inf" || v == "-.INF") { *out = -INFINITY; return true; }
  if (v == ".nan" || v == ".NaN" || v == ".NAN") { *out = NAN; return true; }
  // [-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?
  std::string t;
  for (char c : v) if (c != '_') t += c;
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  size_t mant = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++mant; }
  if (i < t.size() && t[i] == '.') { ++i; while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++mant; } }
  if (mant == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    size_t e = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++e; }
    if (e == 0) return false;
  }
  if (i != t.size()) return false;
  const char* b = t.c_str();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, t.c_str() + t.size(), *out);
  return r.ec == std::errc() || r.ec == std::errc::result_out_of_range;
}

inline Scalar resolve_plain(std::string_view v, bool* b, int64_t* i, double* f) {
  static const char* const kTrue[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const char* const kFalse[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return Scalar::kNull;
  for (const char* t : kTrue) if (v == t) { *b = true; return Scalar::kBool; }
  for (const char* t : kFalse) if (v == t) { *b = false; return Scalar::kBool; }
  char c = v[0];
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) return Scalar::kString;
  if (parse_int(v, i)) return Scalar::kInt;
  if (parse_float(v, f)) return Scalar::kFloat;
  return Scalar::kString;
}

}  // namespace writ::yaml_scalars
