// How `writ test` prints results: text like a unit-test runner, JUnit XML
// for CI systems, and the coverage table.
#pragma once

#include <cstdio>
#include <vector>

#include "cli/testing/runner.hpp"

namespace writ::cli {

// `quiet`: nothing for a suite whose cases all passed, no PASS lines.
void print_suite_text(std::FILE* out, const SuiteResult& s, bool color, bool verbose, bool quiet = false);
void print_summary_text(std::FILE* out, const std::vector<SuiteResult>& all, double millis, bool color);
void print_junit(std::FILE* out, const std::vector<SuiteResult>& all, double millis);
void print_coverage(std::FILE* out, const Coverage& c, bool color);

}  // namespace writ::cli
