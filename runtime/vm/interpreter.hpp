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
  static bool run(EvalContext& ctx, const Function& fn, Value* regs, Value* result) {
    if (fn.compiled != nullptr) return fn.compiled(ctx, fn, regs, result);
    return run_from(ctx, fn, regs, result, 0);
  }
  // Runs `fn` from instruction `pc` with the budget in the context: where
  // compiled code hands over what it does not compile.
  static bool run_from(EvalContext& ctx, const Function& fn, Value* regs, Value* result, size_t pc);
};

}  // namespace writ
