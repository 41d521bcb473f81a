// The bytecode interpreter (internal to runtime/vm).
#pragma once

#include <string>

#include "runtime/vm/context.hpp"

namespace writ {

class Interpreter {
 public:
  // Runs `fn` with its frame at `regs` (arguments already in regs[0..]).
  // On success stores the returned value (null for rule bodies) and returns
  // true. On failure the context's `failure_` holds code, message and span.
  static bool run(EvalContext& ctx, const Function& fn, Value* regs, Value* result);
};

}  // namespace writ
