// The canonical formatter behind `writ fmt`.
//
// Formatting only changes whitespace: the token sequence is kept, so the
// compiled program is the same before and after (tests/compiler/format_test
// checks it for every .writ file of the repository). Line breaks stay where
// the author put them (runs of blank lines become one; none right inside a
// block); indentation is two spaces per open bracket, plus one for a
// statement that continues on the next line; spacing within a line follows
// fixed rules. String literals are copied verbatim. The result is a fixed
// point: formatting it again changes nothing.
#pragma once

#include <string>

#include "compiler/diag/diagnostic.hpp"

namespace writ {

// Formats file `file` of `sources`. Returns false (with diagnostics) when the
// file does not parse: a file with syntax errors is never rewritten.
bool format_source(uint32_t file, const SourceMap& sources, Diagnostics& diags, std::string* out);

}  // namespace writ
