// Test suites for `writ test`: YAML files (*.test.yaml) naming policies,
// params and cases with their expected violations. docs/testing.md is the
// reference for the format.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/decode/yaml_config.hpp"

namespace writ::cli {

// What one rule is expected to yield in a case.
struct Expectation {
  std::string rule;                 // "rule" or "package/rule"
  bool none = false;                // no violation at all from this rule
  std::optional<int> deny, warn, audit;
  std::string message;              // RE2, unanchored; empty = any
  std::string path;                 // exact; empty = any
  uint32_t line = 0;
};

struct TestCase {
  std::string name;
  uint32_t line = 0;
  // Exactly one input: an object, a file of manifests, an admission
  // request (or a whole AdmissionReview), or an audit event.
  enum class InputKind { kObject, kFile, kRequest, kReview, kEvent } input_kind = InputKind::kObject;
  ConfigNode input;                 // the inline input (all but kFile)
  std::string file;                 // kFile: resolved path
  std::optional<ConfigNode> namespace_object;
  std::vector<ConfigNode> inventory;
  ConfigNode params;                // kMap or kNull
  bool expect_none = false;         // `expect: none`: no violation from any rule
  std::vector<Expectation> expect;
};

struct Suite {
  std::string path;                 // as found
  std::string name;
  std::vector<std::string> policies;  // resolved paths or stdlib pack names
  ConfigNode params;
  std::vector<TestCase> cases;
};

// Reads and validates a suite. Errors name the file and line:
// "suites/pods.test.yaml:14: case 'x': unknown key 'expct' (did you mean 'expect'?)".
Result<Suite> load_suite(const std::string& path);

// Suites under each path: *.test.yaml found recursively in folders (sorted),
// or files named explicitly.
std::vector<std::string> find_suites(const std::vector<std::string>& paths, std::vector<std::string>* errors);

}  // namespace writ::cli
