// Expressions back to source text, canonically spaced: for explanations
// (`--explain`), the REPL and diagnostics that quote an expression.
#pragma once

#include <string>

#include "compiler/ast/ast.hpp"

namespace writ::ast {

std::string to_source(const Expr& e);

}  // namespace writ::ast
