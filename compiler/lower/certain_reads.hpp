// Lets read on every path through a statement list or a function body
// (internal to compiler/lower).
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include "compiler/ast/ast.hpp"

namespace writ::lower {

// The locals `e` reads whenever it is evaluated: not those behind a
// short-circuit, a conditional branch or a comprehension's body.
void certain_reads(const ast::Expr& e, std::set<uint32_t>* out);

// The slots of the lets, directly in `list` or `fn`, that are read on every
// path after their binding.
std::set<uint32_t> eager_lets(const std::vector<ast::StmtPtr>& list);
std::set<uint32_t> eager_lets(const ast::FnDecl& fn);

}  // namespace writ::lower
