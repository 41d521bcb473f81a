// `writ repl`: the authoring REPL (docs/repl.md). main.cpp parses the flags
// and calls run_repl().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace writ::cli {

struct ReplOptions {
  std::vector<std::string> policies;  // -p: loaded as with :load
  std::vector<std::string> params;    // --param NAME=VALUE: as with :param
  std::string input;                  // --input FILE[#N]: as with :input
  uint64_t budget = 10'000'000;
  bool color = true;                  // false: --no-color
};

// On a terminal: line editing, history, completion; exits 0. Piped: reads
// the same entries without prompts or colours; exits 2 if any entry failed.
int run_repl(const ReplOptions& opts);

}  // namespace writ::cli
