#include "support/results.hpp"

#include <cmath>
#include <cstdio>

namespace writ::bench {

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

static std::string number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

static std::string target_fields(const std::optional<Target>& t, double v) {
  if (!t) return "";
  return std::string(", \"target\": {\"kind\": ") + (t->kind == Target::kAtMost ? "\"at_most\"" : "\"at_least\"") +
         ", \"limit\": " + number(t->limit) + "}, \"met\": " + (t->met_by(v) ? "true" : "false");
}

static const char* verdict(const std::optional<Target>& t, double v) {
  if (!t) return "";
  return t->met_by(v) ? "  [target met]" : "  [target NOT met]";
}

void Results::metric(std::string_view id, std::string_view label, std::string_view unit, const Stats& s,
                     std::optional<Target> target) {
  metrics_.push_back("{\"id\": " + json_quote(id) + ", \"label\": " + json_quote(label) + ", \"unit\": " +
                     json_quote(unit) + ", \"median\": " + number(s.median) + ", \"min\": " + number(s.min) +
                     ", \"max\": " + number(s.max) + ", \"runs\": " + std::to_string(s.runs) +
                     target_fields(target, s.median) + "}");
  std::fprintf(stderr, "  %-52s %10.4g %-8s (min %.4g, max %.4g, %d runs)%s\n", std::string(label).c_str(), s.median,
               std::string(unit).c_str(), s.min, s.max, s.runs, verdict(target, s.median));
}

void Results::value(std::string_view id, std::string_view label, std::string_view unit, double v,
                    std::optional<Target> target) {
  metrics_.push_back("{\"id\": " + json_quote(id) + ", \"label\": " + json_quote(label) + ", \"unit\": " +
                     json_quote(unit) + ", \"value\": " + number(v) + target_fields(target, v) + "}");
  std::fprintf(stderr, "  %-52s %10.4g %-8s%s\n", std::string(label).c_str(), v, std::string(unit).c_str(),
               verdict(target, v));
}

void Results::info(std::string_view key, std::string_view v) { info_.push_back(json_quote(key) + ": " + json_quote(v)); }
void Results::info(std::string_view key, double v) { info_.push_back(json_quote(key) + ": " + number(v)); }

void Results::print() const {
  std::string out = "{\"program\": " + json_quote(program_) + ", \"info\": {";
  for (size_t i = 0; i < info_.size(); ++i) out += (i ? ", " : "") + info_[i];
  out += "},\n \"metrics\": [\n  ";
  for (size_t i = 0; i < metrics_.size(); ++i) out += (i ? ",\n  " : "") + metrics_[i];
  out += "]}\n";
  std::fputs(out.c_str(), stdout);
}

}  // namespace writ::bench
