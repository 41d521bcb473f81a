// Lines from a pipe or a file: no editing, no prompt, no history.
#include <cstdlib>

#include "cli/repl/reader.hpp"

namespace writ::cli::repl {

namespace {

class StreamReader : public LineReader {
 public:
  explicit StreamReader(std::FILE* in) : in_(in) {}

  Status read(const std::string&, std::string* line) override {
    line->clear();
    int c;
    bool any = false;
    while ((c = std::fgetc(in_)) != EOF) {
      any = true;
      if (c == '\n') break;
      line->push_back(static_cast<char>(c));
    }
    if (!any) return Status::kEnd;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return Status::kLine;
  }

 private:
  std::FILE* in_;
};

}  // namespace

std::unique_ptr<LineReader> make_stream_reader(std::FILE* in) { return std::make_unique<StreamReader>(in); }

std::string default_history_file() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.writ_history";
}

}  // namespace writ::cli::repl
