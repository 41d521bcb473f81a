// What a benchmark program prints on stdout: one JSON object,
//   {"program": "bench_pss", "info": {...}, "metrics": [{"id", "label", "unit",
//    "median", "min", "max", "runs", "target", "met"}...]}
// which scripts/bench merges into bench/results/<date>.json and renders as a
// table. A readable line per metric goes to stderr as it is measured.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/stats.hpp"

namespace writ::bench {

// A target from issue #4: the figure must be at most (or at least) `limit`.
struct Target {
  enum Kind { kAtMost, kAtLeast } kind;
  double limit;
  static Target at_most(double v) { return {kAtMost, v}; }
  static Target at_least(double v) { return {kAtLeast, v}; }
  bool met_by(double v) const { return kind == kAtMost ? v <= limit : v >= limit; }
};

class Results {
 public:
  explicit Results(std::string program) : program_(std::move(program)) {}

  // A measured figure (median, min, max). `target` is judged on the median.
  void metric(std::string_view id, std::string_view label, std::string_view unit, const Stats& s,
              std::optional<Target> target = std::nullopt);
  // A single value (a count, a ratio of totals).
  void value(std::string_view id, std::string_view label, std::string_view unit, double v,
             std::optional<Target> target = std::nullopt);
  // Context: input file, sizes, versions.
  void info(std::string_view key, std::string_view v);
  void info(std::string_view key, double v);

  // Prints the JSON object on stdout.
  void print() const;

 private:
  std::string program_;
  std::vector<std::string> info_;     // "\"key\": value"
  std::vector<std::string> metrics_;  // JSON objects
};

std::string json_quote(std::string_view s);

}  // namespace writ::bench
