// From bytecode to C++: the second compilation of a program, to machine code.
//
// emit_cpp writes a translation unit holding a program twice: its bundle
// (runtime/bytecode/bundle.hpp), and one C++ function per Function of the
// program doing what the interpreter does with its bytecode (see
// runtime/vm/compiled_code.hpp for the contract), in a table in the
// program's order. Both are tied together at global scope as
//
//   extern const writ::EmbeddedProgram <symbol>;  // runtime/vm/embedded_program.hpp
//
// writ_precompile emits one for each standard pack, `writ build --emit-cpp`
// one for any policies; the C++ compiler makes machine code of it when the
// host (writ itself, for the packs) is built. Operands, jump targets, call
// targets and the constants that `==` compares with are written into the
// code: the code is only valid for the bundle it was emitted with.
#pragma once

#include <string>
#include <string_view>

#include "runtime/bytecode/program.hpp"

namespace writ {

// `bundle` is write_bundle(program); `name` says what it was built from.
std::string emit_cpp(const Program& program, std::string_view bundle, const std::string& symbol,
                     std::string_view name);

// [A-Za-z_][A-Za-z0-9_]*: what `symbol` must be.
bool is_cpp_identifier(std::string_view s);
// `s` made one: every other character becomes `_`, and a leading digit gets
// a `_` before it (`pss/restricted` -> `pss_restricted`, `2024` -> `_2024`).
std::string cpp_identifier(std::string_view s);

}  // namespace writ
