// Tab completion: what may follow the text left of the cursor.
//
//   :lo<TAB>                  commands
//   :load examples/po<TAB>    files (.writ for :load, inputs for :input)
//   k8s.cont<TAB>             a module's functions
//   object.spec.cont<TAB>     the fields the value before the dot has on
//                             the bound input (the expression is evaluated);
//                             a field holding a map gets its dot
//   sor<TAB>                  names in scope: inputs, params, the session's
//                             lets and fns, loaded modules, built-ins, keywords
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/repl/session.hpp"

namespace writ::cli::repl {

struct Candidate {
  std::string word;
  std::string suffix;  // added when it is the only candidate: "(" after a function, "." after a module or a map
};

struct Completion {
  size_t start = 0;  // the word being completed starts here in the line
  std::vector<Candidate> candidates;  // sorted, unique, each starting with the word
};

// `line`: the current line up to the cursor; `first_line`: whether it is
// the first line of an entry (only there can a :command start).
Completion complete(Session& session, std::string_view line, bool first_line);

// The expression whose member is being completed, ending just before the
// dot at `dot`: `k8s.containers(object)[0]` in `k8s.containers(object)[0].na`.
std::string member_prefix(std::string_view line, size_t dot);

// The longest prefix all candidates share.
std::string common_prefix(const std::vector<Candidate>& candidates);

}  // namespace writ::cli::repl
