// The subcommands of the `writ` binary. main.cpp parses flags (CLI11 lives
// in that one file: it is slow to compile) and calls these.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/session.hpp"

namespace writ::cli {

struct EvalOptions {
  PolicyOptions policy;
  std::vector<std::string> inputs;
  std::string format = "text";
  uint64_t budget = 10'000'000;
  std::vector<std::string> limits;  // --limit NAME=VALUE (InputLimits)
  bool color = true;
  bool explain = false;        // --explain: why each violation fired
  std::string explain_rule;    // --explain RULE: also why RULE did not fire
};
int run_eval(const EvalOptions& opts);

struct AuditOptions {
  PolicyOptions policy;
  std::vector<std::string> inputs;
  std::string format = "text";   // text json jsonl junit sarif policyreport
  std::string fail_on = "deny";  // deny warn audit none
  uint64_t budget = 10'000'000;
  std::vector<std::string> limits;  // --limit NAME=VALUE (InputLimits)
  unsigned threads = 0;          // 0 = every core
  bool color = true;
};
int run_audit(const AuditOptions& opts);

struct FmtOptions {
  std::vector<std::string> paths;  // files or folders; default "."
  bool check = false;              // only report files that would change
  bool diff = false;               // print a unified diff instead of writing
};
int run_fmt(const FmtOptions& opts);

struct BuildOptions {
  std::vector<std::string> policies;
  std::string output = "policies.wbc";
  bool strip_sources = false;  // leave the policy texts out (smaller; no source quotes in messages)
  std::string emit_cpp;        // write C++ (bundle + machine code) to this file instead
  std::string symbol;          // its EmbeddedProgram's name; default: from emit_cpp's stem
};
int run_build(const BuildOptions& opts);

struct CheckOptions {
  std::vector<std::string> policies;
};
int run_check(const CheckOptions& opts);

struct TestOptions {
  std::vector<std::string> paths;  // suites or folders; default "."
  std::string format = "text";     // text | junit
  std::string run;                 // RE2 selecting cases by name
  bool coverage = false;
  bool verbose = false;
  bool quiet = false;              // only failures, errors and the summary
  bool color = true;
};
int run_test(const TestOptions& opts);

}  // namespace writ::cli
