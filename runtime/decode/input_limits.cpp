#include "runtime/decode/input_limits.hpp"

#include <charconv>
#include <limits>

namespace writ {

namespace {

struct Field {
  const char* name;
  size_t InputLimits::*size;    // one of the two is set
  uint32_t InputLimits::*count;
};

const Field kFields[] = {
    {"max_document_bytes", &InputLimits::max_document_bytes, nullptr},
    {"max_depth", nullptr, &InputLimits::max_depth},
    {"max_values", nullptr, &InputLimits::max_values},
    {"max_string_bytes", &InputLimits::max_string_bytes, nullptr},
    {"max_yaml_aliases", nullptr, &InputLimits::max_yaml_aliases},
    {"max_yaml_alias_values", nullptr, &InputLimits::max_yaml_alias_values},
};

}  // namespace

std::string input_limit_names() {
  std::string out;
  for (const Field& f : kFields) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

bool set_input_limit(InputLimits* limits, std::string_view name, uint64_t value, std::string* err) {
  for (const Field& f : kFields) {
    if (name != f.name) continue;
    if (value == 0) {
      *err = std::string(f.name) + " must be at least 1";
      return false;
    }
    if (f.count != nullptr) {
      if (value > std::numeric_limits<uint32_t>::max()) {
        *err = std::string(f.name) + " is at most 4294967295";
        return false;
      }
      limits->*f.count = static_cast<uint32_t>(value);
    } else {
      limits->*f.size = static_cast<size_t>(value);
    }
    return true;
  }
  *err = "unknown limit '" + std::string(name) + "' (one of: " + input_limit_names() + ")";
  return false;
}

bool parse_input_limit(InputLimits* limits, std::string_view assignment, std::string* err) {
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    *err = "expected NAME=VALUE, e.g. max_depth=100 (names: " + input_limit_names() + ")";
    return false;
  }
  std::string_view name = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  std::string_view suffix(end, static_cast<size_t>(text.data() + text.size() - end));
  uint64_t unit = 0;
  if (suffix.empty()) unit = 1;
  else if (suffix == "k") unit = 1000;
  else if (suffix == "M") unit = 1000 * 1000;
  else if (suffix == "G") unit = 1000 * 1000 * 1000;
  else if (suffix == "Ki" || suffix == "KiB") unit = 1ull << 10;
  else if (suffix == "Mi" || suffix == "MiB") unit = 1ull << 20;
  else if (suffix == "Gi" || suffix == "GiB") unit = 1ull << 30;
  if (ec != std::errc() || end == text.data() || unit == 0 || n > std::numeric_limits<uint64_t>::max() / unit) {
    *err = "bad value '" + std::string(text) + "' for " + std::string(name) +
           " (a count, optionally with k, M, G, Ki, Mi, Gi, KiB, MiB or GiB)";
    return false;
  }
  return set_input_limit(limits, name, n * unit, err);
}

}  // namespace writ
