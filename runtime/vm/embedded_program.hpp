// EmbeddedProgram: a compiled program built into the host binary, as a
// bundle and as machine code.
//
// `writ build --emit-cpp FILE.cpp` (and, for the standard packs,
// writ_precompile) writes one C++ file holding the program's bundle
// (runtime/bytecode/bundle.hpp) and the same program as C++
// (compiler/emit/emit_cpp.hpp); compiling that file into a host makes the
// program's functions machine code. read_embedded_program reads the bundle,
// verified like any bundle, and attaches the code to its functions.
//
// The two halves are written together, from one program, so they match by
// construction; the code's table must still have one entry per function of
// the bundle, or the program is refused. The generated file checks
// kMachineCodeVersion when it is compiled: C++ emitted by another writ does
// not build against this one.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>

#include "runtime/bytecode/program.hpp"
#include "runtime/support/status.hpp"
#include "runtime/vm/native_registry.hpp"

namespace writ {

// Bumped whenever what generated code may assume changes: the contract in
// runtime/vm/compiled_code.hpp, or the meaning of an instruction.
inline constexpr int kMachineCodeVersion = 1;

struct EmbeddedProgram {
  const char* name;         // what it was built from, for messages: "pss/restricted"
  std::string_view bundle;  // what `writ build` would write
  std::span<const CompiledFn> code;  // the bundle's functions as machine code, in its order
};

// True when $WRIT_INTERPRET asks for the interpreter: set, and neither ""
// nor "0".
bool interpreter_requested();

// The program of `embedded`, its functions running as machine code unless
// `machine_code` is false or interpreter_requested(). Fails as read_bundle
// fails (a native the host does not register, a corrupted bundle), and when
// the code does not have one function for each of the bundle's.
Result<std::shared_ptr<Program>> read_embedded_program(const EmbeddedProgram& embedded,
                                                       const NativeRegistry& natives, bool machine_code = true);

}  // namespace writ
