// The text report: grouped by resource, one line per violation, readable at
// a glance; coloured on a terminal.
#include <fmt/format.h>

#include "cli/report.hpp"

namespace writ::cli {

namespace {

class TextReporter : public Reporter {
 public:
  TextReporter(std::FILE* out, bool color) : out_(out), color_(color) {}

  std::string c(const char* code, const std::string& s) const {
    return color_ ? std::string(code) + s + "\033[0m" : s;
  }

  void result(const ResultRecord& r) override {
    bool clean = r.violations.empty() && r.errors.empty();
    if (clean && !r.input_error) ++clean_;
    if (clean && r.notes.empty()) return;
    if (r.input_error) {  // the message already names file, line and column
      for (const ErrorRecord& e : r.errors) fmt::print(out_, "{}  {}\n\n", c("\033[1;35m", "ERROR"), e.message);
      return;
    }
    std::string who = r.resource.kind;
    std::string name = r.resource.namespace_.empty() ? r.resource.name : r.resource.namespace_ + "/" + r.resource.name;
    if (!name.empty()) who += (who.empty() ? "" : " ") + name;
    fmt::print(out_, "{}  {}\n", c("\033[1m", r.source), c("\033[1m", who));
    size_t rule_w = 0;
    for (const ViolationRecord& v : r.violations) rule_w = std::max(rule_w, v.policy.size() + 1 + v.rule.size());
    for (const ViolationRecord& v : r.violations) {
      const char* col = v.action == "deny" ? "\033[1;31m" : v.action == "warn" ? "\033[1;33m" : "\033[1;36m";
      std::string action = v.action == "deny" ? "DENY " : v.action == "warn" ? "WARN " : "AUDIT";
      std::string rule = v.policy + "/" + v.rule;
      fmt::print(out_, "  {}  {:<{}}  {}\n", c(col, action), rule, rule_w, c("\033[2m", v.path.empty() ? "(resource)" : v.path));
      fmt::print(out_, "         {}\n", v.message);
      explain(v.explanation);
    }
    for (const ErrorRecord& e : r.errors) {
      std::string rule = e.rule.empty() ? "" : e.policy + "/" + e.rule + ": ";
      fmt::print(out_, "  {}  {}{}{}\n", c("\033[1;35m", "ERROR"), rule, e.message, e.span.empty() ? "" : " (" + e.span + ")");
    }
    for (const std::string& n : r.notes) explain(n);
    fmt::print(out_, "\n");
  }

  // Explanation lines, dimmed, under what they explain.
  void explain(const std::string& text) {
    if (text.empty()) return;
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      fmt::print(out_, "           {}\n", c("\033[2m", line));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }

  void end(const Summary& s) override {
    auto plural = [](uint64_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
    std::string line = fmt::format("{} checked, {} passed; {} ({} deny, {} warn, {} audit), {}", plural(s.resources, "resource"),
                                   clean_, plural(s.violations, "violation"), s.deny, s.warn, s.audit, plural(s.errors, "error"));
    const char* col = s.errors ? "\033[1;35m" : s.deny ? "\033[1;31m" : s.violations ? "\033[1;33m" : "\033[1;32m";
    fmt::print(out_, "{}\n", c(col, line));
  }

 private:
  std::FILE* out_;
  bool color_;
  uint64_t clean_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, bool color) { return std::make_unique<TextReporter>(out, color); }

}  // namespace writ::cli
