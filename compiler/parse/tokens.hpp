// The token stream of a file, for the formatter: every token with its
// position, comments included, and which tokens start a statement. No ANTLR
// types cross this header.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.hpp"

namespace writ {

struct FormatToken {
  enum class Class : uint8_t {
    kWord,         // identifiers, keywords, numbers, versions
    kOpen,         // ( [ {
    kClose,        // ) ] }
    kComma,
    kColon,
    kDot,          // . and ..
    kOperator,     // binary operators, = ? ??
    kMinus,        // - (binary or unary: decided by the formatter)
    kString,       // a whole string literal, interpolations included, verbatim
    kComment,
  };
  Class cls;
  std::string text;
  uint32_t line = 0;           // 1-based, of the first character
  uint32_t end_line = 0;       // of the last character (strings may not span lines, but be safe)
  bool statement_start = false;  // first token of a declaration, statement, match field or fn-body let/return
  bool block_brace = false;    // an opening `{` whose contents are statements (rule, fn, for, if, match)
  bool keyword = false;
};

// Lexes and parses the file (so that statement boundaries are known).
// Returns false, with diagnostics, when the file has syntax errors.
bool tokenize_for_format(uint32_t file, const SourceMap& sources, Diagnostics& diags, std::vector<FormatToken>* out);

}  // namespace writ
