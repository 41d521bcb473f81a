// Lowering: a checked Unit → a bytecode Program (runtime/bytecode).
#pragma once

#include <memory>

#include "compiler/check/unit.hpp"

namespace writ {

// Returns null (with diagnostics in unit.diags) if a limit of the bytecode
// format is exceeded or a constant argument is invalid (a bad regex).
// With `explain`, conditions get Probe instructions and explain tables
// (runtime/bytecode/program.hpp, ExplainPoint).
std::shared_ptr<Program> lower_unit(Unit& unit, bool explain = false);

}  // namespace writ
