// Errors about what the user just typed, shown under the line they typed:
//
//   error: cannot apply '+' to an int and a string
//     1 + "a"
//       ^
//
// The entry is compiled inside the session source; `EntryPlace` says where,
// so that spans in it are turned back into the user's own lines and
// columns. Spans elsewhere (a loaded file, an earlier declaration) are
// rendered as `writ check` does, with their file name.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compiler/diag/diagnostic.hpp"

namespace writ::cli::repl {

struct EntryPlace {
  uint32_t file = Span::kNoFile;  // the session source
  uint32_t first_line = 0;        // line of the session source where the entry starts
  std::string text;               // the entry as typed (lines separated by '\n')
  // The declarations entered before, where they are in the session source:
  // an error inside one of them (a function the entry called) is shown on
  // its own line, not on a line number of a source the user never saw.
  std::vector<std::pair<uint32_t, std::string>> earlier;  // first line, text
};

std::string render_diagnostic(const Diagnostic& d, const SourceMap& sources, const EntryPlace& entry, bool color);

// An evaluation error (message and span of the failing instruction).
std::string render_error(const std::string& message, const Span& span, const SourceMap& sources, const EntryPlace& entry,
                         bool color);

// An error about the entry found without compiling it (an unknown command):
// the caret goes under bytes [column, column + length) of its first line.
std::string error_at(const std::string& message, const std::string& entry, uint32_t column, uint32_t length, bool color);

// "error: message" alone.
std::string plain_error(const std::string& message, bool color);

}  // namespace writ::cli::repl
