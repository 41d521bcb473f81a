// Parsing: .writ text → ast::Module. The only place (with its .cpp files)
// that includes ANTLR: the parse tree never leaves this folder.
#pragma once

#include <memory>

#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"

namespace writ {

struct ParseOptions {
  uint32_t max_errors = 25;       // per file, after which parsing stops reporting
  uint32_t max_depth = 200;       // nesting of expressions and blocks
  size_t max_source_bytes = 4u << 20;
};

// Parses file `file` of `sources`. Syntax errors, all of them (one per
// line at most), go to `diags` in plain words. Returns null if the file
// has syntax errors.
std::unique_ptr<ast::Module> parse_module(uint32_t file, const SourceMap& sources, Diagnostics& diags,
                                          const ParseOptions& options = {});

// Parses one expression (the REPL). Returns null on errors.
ast::ExprPtr parse_expression(uint32_t file, const SourceMap& sources, Diagnostics& diags,
                              const ParseOptions& options = {});

}  // namespace writ
