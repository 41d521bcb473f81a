// `writ test`: run *.test.yaml suites, report like a unit-test runner.
#include <chrono>

#include "cli/commands.hpp"
#include "cli/report.hpp"
#include "cli/testing/output.hpp"

namespace writ::cli {

int run_test(const TestOptions& opts) {
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> errors;
  std::vector<std::string> paths = opts.paths.empty() ? std::vector<std::string>{"."} : opts.paths;
  std::vector<std::string> suites = find_suites(paths, &errors);
  for (const std::string& e : errors) print_error(e);
  if (suites.empty()) {
    print_error("no *.test.yaml suites found");
    return kExitError;
  }
  bool junit = opts.format == "junit";
  bool color = !junit && opts.color && want_color(stdout);
  TestRunner runner(opts.run);
  std::vector<SuiteResult> results;
  for (const std::string& path : suites) {
    results.push_back(runner.run_suite(path));
    if (!junit) print_suite_text(stdout, results.back(), color, opts.verbose, opts.quiet);
  }
  double millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (junit) print_junit(stdout, results, millis);
  else print_summary_text(stdout, results, millis, color);
  if (opts.coverage) print_coverage(junit ? stderr : stdout, runner.coverage(), color);
  bool failed = false, broken = !errors.empty();
  for (const SuiteResult& s : results) {
    broken = broken || !s.error.empty();
    for (const CaseResult& c : s.cases) failed = failed || !c.passed;
  }
  if (broken) return kExitError;
  return failed ? kExitDeny : kExitOk;
}

}  // namespace writ::cli
