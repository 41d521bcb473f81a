// JUnit XML for an audit: one <testsuite> per policy, one <testcase> per
// resource and rule that ran; a violation at or above the --fail-on
// threshold is a <failure>, one below it a <system-out> note, an evaluation
// error an <error>.
#include <fmt/format.h>

#include <map>

#include "cli/audit/formats.hpp"

namespace writ::cli {

namespace {

std::string xml(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += (static_cast<unsigned char>(ch) < 0x20 && ch != '\n') ? ' ' : ch;
    }
  }
  return out;
}

int action_level(const std::string& action) { return action == "deny" ? 3 : action == "warn" ? 2 : 1; }

class JUnit : public Reporter {
 public:
  JUnit(std::FILE* out, int fail_level) : out_(out), fail_level_(fail_level) {}

  void result(const ResultRecord& r) override {
    if (r.input_error) {
      Case c{"(input)", r.errors.empty() ? "" : r.errors[0].message, "", true};
      suites_["(inputs)"].push_back(c);
      return;
    }
    std::string who = r.resource.kind + " " + (r.resource.namespace_.empty() ? "" : r.resource.namespace_ + "/") +
                      r.resource.name + " (" + r.source + ")";
    std::map<std::pair<std::string, std::string>, Case> cases;
    for (const auto& [policy, rule] : r.passed) cases[{policy, rule}] = Case{who + ": " + rule, "", "", false};
    for (const ViolationRecord& v : r.violations) {
      Case& c = cases[{v.policy, v.rule}];
      c.name = who + ": " + v.rule;
      std::string line = v.action + " " + (v.path.empty() ? "(resource)" : v.path) + ": " + v.message + "\n";
      (fail_level_ > 0 && action_level(v.action) >= fail_level_ ? c.failure : c.note) += line;
    }
    for (const ErrorRecord& e : r.errors) {
      Case& c = cases[{e.policy, e.rule}];
      c.name = who + ": " + e.rule;
      c.failure += e.message + "\n";
      c.error = true;
    }
    for (auto& [key, c] : cases) suites_[key.first].push_back(std::move(c));
  }

  void end(const Summary&) override {
    size_t tests = 0, failures = 0, errors = 0;
    for (const auto& [name, cases] : suites_)
      for (const Case& c : cases) {
        ++tests;
        if (c.error) ++errors;
        else if (!c.failure.empty()) ++failures;
      }
    fmt::print(out_, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fmt::print(out_, "<testsuites name=\"writ audit\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", tests, failures, errors);
    for (const auto& [name, cases] : suites_) {
      size_t f = 0, e = 0;
      for (const Case& c : cases) {
        if (c.error) ++e;
        else if (!c.failure.empty()) ++f;
      }
      fmt::print(out_, "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", xml(name), cases.size(), f, e);
      for (const Case& c : cases) {
        fmt::print(out_, "    <testcase name=\"{}\" classname=\"{}\"", xml(c.name), xml(name));
        if (c.failure.empty() && c.note.empty()) {
          fmt::print(out_, "/>\n");
          continue;
        }
        fmt::print(out_, ">\n");
        if (!c.failure.empty())
          fmt::print(out_, "      <{} message=\"{}\">{}</{}>\n", c.error ? "error" : "failure",
                     xml(c.failure.substr(0, c.failure.find('\n'))), xml(c.failure), c.error ? "error" : "failure");
        if (!c.note.empty()) fmt::print(out_, "      <system-out>{}</system-out>\n", xml(c.note));
        fmt::print(out_, "    </testcase>\n");
      }
      fmt::print(out_, "  </testsuite>\n");
    }
    fmt::print(out_, "</testsuites>\n");
  }

 private:
  struct Case {
    std::string name, failure, note;
    bool error = false;
  };
  std::FILE* out_;
  int fail_level_;
  std::map<std::string, std::vector<Case>> suites_;
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out, int fail_level) {
  return std::make_unique<JUnit>(out, fail_level);
}

}  // namespace writ::cli
