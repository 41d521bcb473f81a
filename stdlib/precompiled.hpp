// The standard packs precompiled at build time (stdlib/precompile_main.cpp),
// so `writ eval -p pss/restricted` on a cold process reads a bundle instead
// of parsing and checking the pack: ~26 ms -> ~7 ms (docs/performance.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/vm/embedded_program.hpp"
#include "runtime/vm/native_registry.hpp"

namespace writ {

// Generated at build time: one per pack, named as the pack ("pss/restricted").
const std::vector<const EmbeddedProgram*>& precompiled_packs();

// The program `compile({policy})` would make, read from its precompiled
// bundle; null when there is none, or when the bundle cannot stand for the
// compile: `policy` names a file or folder (it would win over the pack),
// $WRIT_STDLIB is set (packs edited without a rebuild), or `natives` lacks a
// native the pack calls. Callers compile when it returns null; programs
// compiled for --explain carry probes a bundle has not, so they never ask.
//
// Its functions run as machine code (read_embedded_program) unless
// `machine_code` is false or $WRIT_INTERPRET is set to anything but "" or
// "0": then the interpreter runs the bytecode, as for any other program.
std::shared_ptr<const Program> precompiled_program(const std::string& policy, const NativeRegistry& natives,
                                                   bool machine_code = true);

}  // namespace writ
