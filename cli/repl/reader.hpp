// Where the REPL's lines come from: a terminal, through libedit (editing,
// history, completion, Ctrl-C), or a pipe or file, read as it is (no
// prompts: scripts and tests drive the REPL this way).
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cli/repl/completion.hpp"

namespace writ::cli::repl {

class LineReader {
 public:
  enum class Status { kLine, kInterrupted, kEnd };
  virtual ~LineReader() = default;
  // One line, without its newline. kInterrupted: Ctrl-C; kEnd: Ctrl-D or
  // the end of the input.
  virtual Status read(const std::string& prompt, std::string* line) = 0;
  // Adds a line to the history.
  virtual void remember(const std::string& line) {}
};

std::unique_ptr<LineReader> make_stream_reader(std::FILE* in);

// Completes the text left of the cursor.
using Completer = std::function<Completion(std::string_view before_cursor)>;

// libedit on stdin/stdout. `history_file` may be empty (no history kept
// across runs). Installs SIGINT and SIGWINCH handlers while it lives.
std::unique_ptr<LineReader> make_terminal_reader(Completer complete, const std::string& history_file);

// $HOME/.writ_history, or "" when HOME is not set.
std::string default_history_file();

}  // namespace writ::cli::repl
