// Helpers for tests: compile a policy from text, evaluate YAML/JSON text,
// look at violations. Everything a test needs in one include.
#pragma once

#include <catch2/catch.hpp>

#include <sstream>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/compiler.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/plan.hpp"

namespace writ::testing {

struct Found {
  std::string policy, rule, action, message, path;
};

struct Outcome {
  bool compiled = false;
  std::string diagnostics;          // rendered, as the CLI prints them
  std::vector<Found> violations;
  std::vector<std::string> errors;  // evaluation errors, "rule: message"
  std::vector<std::string> input_errors;

  size_t count(const std::string& rule, const std::string& action = "") const;
  const Found* find(const std::string& rule) const;
};

using Params = std::vector<std::pair<std::string, std::string>>;  // name, YAML value

// Compiles `sources` (name → text; names ending in .writ are files, others
// stdlib packs loaded through the embedded packs).
struct Compiled {
  std::shared_ptr<const Program> program;
  std::string diagnostics;
  std::vector<Diagnostic> items;
};
Compiled compile_text(const std::string& source, const std::string& name = "test.writ");
Compiled compile_packs(const std::vector<std::string>& names);

// Evaluates every document of `input` (YAML or JSON text).
Outcome evaluate(const Compiled& c, const std::string& input, const Params& params = {}, uint64_t budget = 10'000'000);
// compile_text + evaluate; fails the test when the policy does not compile.
Outcome run(const std::string& policy, const std::string& input, const Params& params = {});

// One expression evaluated with `object` bound to `input` (may be empty).
std::string eval_expr(const std::string& expr, const std::string& input = "", const std::string& imports = "import k8s\nimport regex\nimport glob\n");

std::string read_file(const std::string& path);
std::string source_path(const std::string& relative);  // in the repo
std::string corpus_path(const std::string& relative);  // in ../shared/corpus

// Runs the writ binary (or any program) in the source folder; returns the
// exit code, fills stdout/stderr.
int run_cli(const std::vector<std::string>& args, std::string* out, std::string* err = nullptr, const std::string& stdin_text = "");
int run_program(const std::string& binary, const std::vector<std::string>& args, std::string* out, std::string* err = nullptr,
                const std::string& stdin_text = "");

// What a bounded run cost. The child gets `cpu_seconds` of CPU (RLIMIT_CPU:
// a hang is killed, not waited for); a killed child's exit code is -1.
struct RunStats {
  double cpu_seconds = 0;  // user + system
  long max_rss_kib = 0;    // peak resident memory
  int signal = 0;          // the signal that ended it, 0 if it exited
};
int run_cli_bounded(const std::vector<std::string>& args, unsigned cpu_seconds, RunStats* stats, std::string* out,
                    std::string* err = nullptr);

}  // namespace writ::testing
