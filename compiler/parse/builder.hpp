// Parse tree → AST (internal to compiler/parse).
#pragma once

#include <memory>

#include "Writ.h"
#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"

namespace writ {

std::unique_ptr<ast::Module> build_module(writ_antlr::Writ::FileContext* tree, uint32_t file, const SourceMap& sources,
                                          Diagnostics& diags, uint32_t max_depth);
ast::ExprPtr build_expression(writ_antlr::Writ::ExprContext* tree, uint32_t file, const SourceMap& sources, Diagnostics& diags,
                              uint32_t max_depth);

}  // namespace writ
