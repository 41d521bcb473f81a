// Decision: what one evaluation found.
//
// Two channels (STYLE.md, after cel-cpp): violations, and errors of rules
// that could not be evaluated (a type error in the input, the budget). The
// strings are views into the EvalContext that produced the Decision and stay
// valid until its next evaluation; copy them to keep them longer.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/support/status.hpp"

namespace writ {

struct Violation {
  uint32_t rule = 0;   // Program::rules index
  uint32_t site = 0;   // Program::sites index (action, span)
  Action action = Action::kDeny;
  std::string_view message;
  std::string_view path;
  std::string_view explanation;  // explain mode: why it fired (lines, see EvalContext)
  bool operator==(const Violation&) const = default;  // strings by content
};

// Explain mode: a condition that was false, so its statement did not fire.
struct Miss {
  uint32_t rule = 0;
  uint32_t site = 0;
  std::string_view explanation;
  bool operator==(const Miss&) const = default;
};

struct EvalError {
  int32_t rule = -1;   // Program::rules index, -1 if no rule was running
  StatusCode code = StatusCode::kEvalError;
  std::string_view message;
  Span span;
  bool operator==(const EvalError&) const = default;
};

struct Decision {
  std::vector<Violation> violations;
  std::vector<EvalError> errors;
  std::vector<uint32_t> rules_run;  // rules whose body ran (they matched), in order
  std::vector<Miss> misses;         // explain mode only
  uint64_t instructions = 0;

  // Same findings, errors, rules and instructions (compiled code and the
  // interpreter must agree on all of it: runtime/vm/compiled_code.hpp).
  bool operator==(const Decision&) const = default;

  void clear() {
    violations.clear();
    errors.clear();
    rules_run.clear();
    misses.clear();
    instructions = 0;
  }
  bool denied() const {
    for (const Violation& v : violations)
      if (v.action == Action::kDeny) return true;
    return false;
  }
};

}  // namespace writ
