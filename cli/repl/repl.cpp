// The REPL's loop: read lines until an entry is complete (every bracket and
// block closed), run it, repeat until :quit or the end of input.
#include "cli/repl/repl.hpp"

#include <unistd.h>

#include "cli/repl/commands.hpp"
#include "cli/repl/entry.hpp"
#include "cli/repl/reader.hpp"
#include "cli/report.hpp"
#include "cli/session.hpp"

namespace writ::cli {

using namespace repl;

int run_repl(const ReplOptions& opts) {
  bool terminal = ::isatty(STDIN_FILENO) != 0;
  Session session(stdout, opts.color && want_color(stdout), opts.budget);
  bool failed = false;
  if (!opts.policies.empty()) failed |= !session.load(opts.policies);
  for (const std::string& p : opts.params) failed |= !session.set_param(p);
  if (!opts.input.empty()) failed |= !session.bind_input(opts.input);

  std::string entry;  // the lines of the entry being typed
  std::unique_ptr<LineReader> reader;
  if (terminal) {
    // Only the first line of an entry can be a :command.
    reader = make_terminal_reader([&](std::string_view line) { return complete(session, line, entry.empty()); },
                                  default_history_file());
    session.print("writ repl: an expression, a declaration or a :command (:help lists them); Ctrl-D leaves\n");
  } else {
    reader = make_stream_reader(stdin);
  }

  for (;;) {
    std::string line;
    LineReader::Status status = reader->read(entry.empty() ? "writ> " : "  ... ", &line);
    if (status == LineReader::Status::kInterrupted) {
      entry.clear();
      continue;
    }
    bool end = status == LineReader::Status::kEnd;
    if (!end) {
      if (entry.empty() && classify(line) == EntryKind::kEmpty) continue;
      if (terminal) reader->remember(line);
      entry += entry.empty() ? line : "\n" + line;
      if (!entry_complete(entry)) continue;
    }
    // At the end of piped input, an unfinished entry still runs: the
    // compiler says what is missing. Ctrl-D on a terminal just leaves.
    if (!entry.empty() && !(end && terminal)) {
      std::string text;
      text.swap(entry);
      Outcome o = run_entry(session, text);
      if (o == Outcome::kQuit) break;
      failed |= o == Outcome::kError;
    }
    if (end) {
      if (terminal) session.print("\n");
      break;
    }
  }
  if (terminal) return kExitOk;
  return failed ? kExitError : kExitOk;
}

}  // namespace writ::cli
