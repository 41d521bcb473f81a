// Deep copies of Values into an arena, as computed (non-tree) values.
//
// Used where a value must outlive the document it came from: param values
// bound into a Plan, constants folded by the compiler.
#pragma once

#include "runtime/support/arena.hpp"
#include "runtime/value/key_table.hpp"
#include "runtime/value/value.hpp"

namespace writ {

// Copies `v` (and everything it reaches) into `arena`. Map keys are
// re-interned through `keys` so field access by id keeps working.
Value deep_copy(const Value& v, Arena& arena, const KeyTable& keys);

}  // namespace writ
