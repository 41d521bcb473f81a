// The `:commands` of the REPL: their table (for :help and completion) and
// what each does with the session.
#pragma once

#include <string>
#include <vector>

#include "cli/repl/session.hpp"

namespace writ::cli::repl {

struct CommandInfo {
  const char* name;  // ":load"
  const char* args;  // "FILE.writ..."
  const char* help;  // one line
};

const std::vector<CommandInfo>& commands();

enum class Outcome { kOk, kError, kQuit };

// Runs one `:command` entry.
Outcome run_command(Session& session, const std::string& entry);

// Any entry: a command, a declaration or an expression.
Outcome run_entry(Session& session, const std::string& entry);

}  // namespace writ::cli::repl
