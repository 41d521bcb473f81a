// Runs test suites: compiles each suite's policies once, evaluates every
// case and compares the violations with the expectations.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/report.hpp"
#include "cli/testing/suite.hpp"
#include "runtime/bytecode/program.hpp"

namespace writ::cli {

struct CaseResult {
  std::string name;
  bool passed = false;
  std::vector<std::string> failures;  // lines explaining what differed
  double millis = 0;
};

struct SuiteResult {
  std::string path, name;
  std::string error;                  // the suite could not be loaded or compiled
  std::vector<CaseResult> cases;
  double millis = 0;
};

// What the suites exercised, per policy file (for --coverage).
struct Coverage {
  struct Statement {
    std::string rule, action;
    bool fired = false;
  };
  struct File {
    std::map<std::pair<uint32_t, uint32_t>, Statement> statements;  // (line, column)
    std::map<std::string, bool> rules;                               // rule → ran
  };
  std::map<std::string, File> files;
  void add_program(const Program& p);
  void record(const Program& p, const Decision& d);
};

class TestRunner {
 public:
  explicit TestRunner(std::string run_filter = "") : filter_(std::move(run_filter)) {}
  SuiteResult run_suite(const std::string& path);
  Coverage& coverage() { return coverage_; }

 private:
  std::shared_ptr<const Program> compile(const std::vector<std::string>& policies, std::string* diagnostics);
  CaseResult run_case(const Program& program, const std::shared_ptr<const Program>& owner, const Suite& s,
                      const TestCase& tc);

  std::string filter_;
  std::map<std::vector<std::string>, std::shared_ptr<const Program>> compiled_;
  Coverage coverage_;
};

}  // namespace writ::cli
