// From bytecode to C++: the second compilation of the standard packs.
//
// emit_cpp writes a translation unit with one C++ function per Function of
// `program`, doing what the interpreter does with its bytecode (see
// runtime/vm/compiled_code.hpp for the contract), and a table of them:
//
//   extern const CompiledFn <table>[];  // program.functions.size() entries
//
// in namespace writ, in the order of program.functions. writ_precompile
// emits one for each standard pack, next to its bundle; the C++ compiler
// makes machine code of it when writ is built. Operands, jump targets, call
// targets and the constants that `==` compares with are written into the
// code: the table is only valid for the program it was emitted from.
#pragma once

#include <string>

#include "runtime/bytecode/program.hpp"

namespace writ {

std::string emit_cpp(const Program& program, const std::string& table, const std::string& comment);

}  // namespace writ
