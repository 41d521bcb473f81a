#include "cli/testing/output.hpp"

#include <fmt/format.h>

namespace writ::cli {

namespace {

std::string paint(bool color, const char* code, const std::string& s) { return color ? code + s + "\033[0m" : s; }

std::string xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out += c;
    }
  }
  return out;
}

}  // namespace

void print_suite_text(std::FILE* out, const SuiteResult& s, bool color, bool verbose, bool quiet) {
  if (!s.error.empty()) {
    fmt::print(out, "{}  {}\n\n", paint(color, "\033[1;35m", "ERROR"), s.error);
    return;
  }
  bool all_passed = true;
  for (const CaseResult& c : s.cases) all_passed = all_passed && c.passed;
  if (quiet && all_passed) return;
  fmt::print(out, "{}  {}\n", paint(color, "\033[1m", s.path), s.name);
  for (const CaseResult& c : s.cases) {
    if (c.passed) {
      if (quiet) continue;
      fmt::print(out, "  {}  {}{}\n", paint(color, "\033[32m", "PASS"), c.name, verbose ? fmt::format("  ({:.2f} ms)", c.millis) : "");
      continue;
    }
    fmt::print(out, "  {}  {}\n", paint(color, "\033[1;31m", "FAIL"), c.name);
    for (const std::string& f : c.failures) {
      bool got = f.rfind("  + ", 0) == 0;
      fmt::print(out, "        {}\n", got ? paint(color, "\033[2m", f) : f);
    }
  }
  if (s.cases.empty()) fmt::print(out, "  (no case selected)\n");
  fmt::print(out, "\n");
}

void print_summary_text(std::FILE* out, const std::vector<SuiteResult>& all, double millis, bool color) {
  size_t passed = 0, failed = 0, errors = 0, cases = 0;
  for (const SuiteResult& s : all) {
    errors += !s.error.empty();
    for (const CaseResult& c : s.cases) {
      ++cases;
      (c.passed ? passed : failed)++;
    }
  }
  std::string line = fmt::format("{} passed, {} failed", passed, failed);
  if (errors) line += fmt::format(", {} suite error{}", errors, errors == 1 ? "" : "s");
  line += fmt::format(" ({} case{}, {} suite{}, {:.1f} ms)", cases, cases == 1 ? "" : "s", all.size(),
                      all.size() == 1 ? "" : "s", millis);
  fmt::print(out, "{}\n", paint(color, failed || errors ? "\033[1;31m" : "\033[1;32m", line));
}

void print_junit(std::FILE* out, const std::vector<SuiteResult>& all, double millis) {
  size_t tests = 0, failures = 0, errors = 0;
  for (const SuiteResult& s : all) {
    tests += s.cases.size();
    errors += !s.error.empty();
    for (const CaseResult& c : s.cases) failures += !c.passed;
  }
  fmt::print(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  fmt::print(out, "<testsuites name=\"writ test\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.6f}\">\n", tests,
             failures, errors, millis / 1000);
  for (const SuiteResult& s : all) {
    size_t f = 0;
    for (const CaseResult& c : s.cases) f += !c.passed;
    std::string name = s.name.empty() ? s.path : s.name;
    fmt::print(out, "  <testsuite name=\"{}\" file=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.6f}\">\n",
               xml(name), xml(s.path), s.cases.size(), f, s.error.empty() ? 0 : 1, s.millis / 1000);
    if (!s.error.empty())
      fmt::print(out, "    <testcase name=\"(suite)\" classname=\"{}\" time=\"0\">\n      <error message=\"{}\">{}</error>\n    </testcase>\n",
                 xml(name), xml(s.error.substr(0, s.error.find('\n'))), xml(s.error));
    for (const CaseResult& c : s.cases) {
      fmt::print(out, "    <testcase name=\"{}\" classname=\"{}\" time=\"{:.6f}\"", xml(c.name), xml(name), c.millis / 1000);
      if (c.passed) {
        fmt::print(out, "/>\n");
        continue;
      }
      std::string body;
      for (const std::string& line : c.failures) body += line + "\n";
      fmt::print(out, ">\n      <failure message=\"{}\" type=\"expectation\">{}</failure>\n    </testcase>\n",
                 xml(c.failures.empty() ? "failed" : c.failures[0]), xml(body));
    }
    fmt::print(out, "  </testsuite>\n");
  }
  fmt::print(out, "</testsuites>\n");
}

void print_coverage(std::FILE* out, const Coverage& c, bool color) {
  fmt::print(out, "\n{}\n", paint(color, "\033[1m", "Coverage (statements that fired / statements; rules that ran / rules)"));
  size_t width = 4;
  for (const auto& [file, f] : c.files) width = std::max(width, file.size());
  std::vector<std::string> never;
  for (const auto& [file, f] : c.files) {
    size_t fired = 0, ran = 0;
    for (const auto& [pos, st] : f.statements) {
      fired += st.fired;
      if (!st.fired)
        never.push_back(fmt::format("{}:{}:{}  {} in rule {}", file, pos.first, pos.second, st.action, st.rule));
    }
    for (const auto& [rule, r] : f.rules) ran += r;
    double pct = f.statements.empty() ? 100.0 : 100.0 * static_cast<double>(fired) / static_cast<double>(f.statements.size());
    const char* col = pct >= 100 ? "\033[32m" : pct >= 75 ? "\033[33m" : "\033[31m";
    fmt::print(out, "  {:<{}}  {}  statements {}/{}  rules {}/{}\n", file, width,
               paint(color, col, fmt::format("{:5.1f}%", pct)), fired, f.statements.size(), ran, f.rules.size());
  }
  if (!never.empty()) {
    fmt::print(out, "\n  Never fired:\n");
    for (const std::string& n : never) fmt::print(out, "    {}\n", n);
  }
}

}  // namespace writ::cli
