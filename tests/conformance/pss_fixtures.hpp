// The Pod Security Admission fixture tree (../shared/corpus/
// pod-security-admission/testdata) and what each fixture expects, as
// CHECKS.md §1.2 and §4 specify it. Written from the spec, not from the
// packs, so the tests check the packs against it.
#pragma once

#include <string>
#include <vector>

#include "support/writ_test.hpp"

namespace writ::testing::pss {

inline constexpr int kMaxMinor = 37;  // v1.37 is the newest policy version (latest)

struct Fixture {
  std::string level;    // baseline | restricted
  int minor = 0;        // the N of v1.N
  bool expect_pass = false;
  std::string path;
  std::string stem;     // file name without .yaml: "hostports2", "base"

  std::string version() const { return "v1." + std::to_string(minor); }
};

// Every fixture of the tree, sorted by level, version, pass/fail, name.
std::vector<Fixture> all_fixtures();

// The fixtures of one directory: <level>/v1.<minor>/{pass,fail}.
std::vector<Fixture> fixtures_of(const std::string& level, int minor);

// The check ID a fail fixture is written for: "hostports2" → "hostPorts".
// Empty if the stem names no check.
std::string check_of(const std::string& stem);

// The restricted check that replaces baseline `check` at (level, minor),
// or "" (CHECKS.md §1.2: only at the restricted level).
std::string overriding_check(const std::string& check, const std::string& level, int minor);

// The rule that must deny a fail fixture: its check, or at the restricted
// level the restricted check overriding it at that version (CHECKS.md §1.2).
std::string expected_rule(const Fixture& f);

// The substring the denial must contain (CHECKS.md §4.1).
std::string expected_substring(const Fixture& f);

// The runner's decision (CHECKS.md §4.2): a pass fixture has no deny; a
// fail fixture is denied by expected_rule() with expected_substring() in
// the message, and no message reads "unknown forbidden reason". Either
// way: no evaluation errors, and no deny from a baseline check that a
// restricted check overrides at that version. Returns "" when the outcome conforms, or
// what is wrong.
std::string judge(const Fixture& f, const Outcome& o);

}  // namespace writ::testing::pss
