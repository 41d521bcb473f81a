// Values as the REPL shows them: indented JSON, a list or map kept on one
// line when it fits, coloured (as jq does) when the output is a terminal.
// And values back to writ source, so that `let x = <expression>` can be
// kept in the session as the constant it evaluated to.
#pragma once

#include <string>

#include "runtime/value/value.hpp"

namespace writ::cli::repl {

struct PrettyOptions {
  bool color = false;
  size_t width = 80;  // a list or map whose one-line form fits stays on one line
};

std::string pretty(const Value& v, const PrettyOptions& options = {});

// A writ literal for `v` (`[1, "a", {"k": null}]`), or false when there is
// none (a float that is not finite).
bool to_literal(const Value& v, std::string* out);

// `s` as a writ string literal: quotes, escapes, and `{` `}` escaped so
// that nothing is interpolated.
std::string writ_string(std::string_view s);

}  // namespace writ::cli::repl
