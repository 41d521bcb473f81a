#include "cli/repl/diag.hpp"

#include <algorithm>

namespace writ::cli::repl {

namespace {

std::string_view line_of(std::string_view text, uint32_t line) {
  size_t start = 0;
  for (uint32_t i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

uint32_t count_lines(std::string_view text) { return static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n')) + 1; }

const char* level_name(DiagLevel l) { return l == DiagLevel::kError ? "error" : l == DiagLevel::kWarning ? "warning" : "note"; }
const char* level_color(DiagLevel l) {
  return l == DiagLevel::kError ? "\033[1;31m" : l == DiagLevel::kWarning ? "\033[1;35m" : "\033[1;36m";
}

std::string headline(DiagLevel level, const std::string& message, bool color) {
  if (!color) return std::string(level_name(level)) + ": " + message + "\n";
  return std::string(level_color(level)) + level_name(level) + ":\033[0m \033[1m" + message + "\033[0m\n";
}

// The line, then a caret (and tildes over the span's length) under it.
std::string underline(std::string_view line, uint32_t column, uint32_t length, DiagLevel level, bool color) {
  std::string out = "  " + std::string(line) + "\n  ";
  for (uint32_t i = 1; i < column && i - 1 < line.size(); ++i) out += line[i - 1] == '\t' ? '\t' : ' ';
  if (color) out += level_color(level);
  out += '^';
  uint32_t room = line.size() >= column ? static_cast<uint32_t>(line.size() - column + 1) : 1;
  for (uint32_t i = 1; i < std::min(length, room); ++i) out += '~';
  if (color) out += "\033[0m";
  out += '\n';
  return out;
}

// The entry is the end of the session source: a span after it (the end of
// the file, when the entry stops too early) is about its last line.
bool in_entry(const Span& s, const EntryPlace& entry) {
  return s.valid() && s.file == entry.file && entry.first_line != 0 && s.line >= entry.first_line;
}

}  // namespace

std::string render_diagnostic(const Diagnostic& d, const SourceMap& sources, const EntryPlace& entry, bool color) {
  if (d.span.valid() && d.span.file == entry.file && !in_entry(d.span, entry)) {
    for (const auto& [first, text] : entry.earlier)
      if (d.span.line >= first && d.span.line < first + count_lines(text))
        return headline(d.level, d.message, color) +
               underline(line_of(text, d.span.line - first + 1), d.span.column, d.span.length, d.level, color);
  }
  if (!in_entry(d.span, entry)) return render(d, sources, color);
  uint32_t n = d.span.line - entry.first_line + 1, column = d.span.column;
  if (n > count_lines(entry.text)) {
    n = count_lines(entry.text);
    column = static_cast<uint32_t>(line_of(entry.text, n).size()) + 1;
  }
  std::string_view line = line_of(entry.text, n);
  return headline(d.level, d.message, color) + underline(line, column, d.span.length, d.level, color);
}

std::string render_error(const std::string& message, const Span& span, const SourceMap& sources, const EntryPlace& entry,
                         bool color) {
  // Inside the entry, inside an earlier declaration, or in a loaded file.
  return render_diagnostic(Diagnostic{DiagLevel::kError, message, span}, sources, entry, color);
}

std::string error_at(const std::string& message, const std::string& entry, uint32_t column, uint32_t length, bool color) {
  return headline(DiagLevel::kError, message, color) + underline(line_of(entry, 1), column, length, DiagLevel::kError, color);
}

std::string plain_error(const std::string& message, bool color) { return headline(DiagLevel::kError, message, color); }

}  // namespace writ::cli::repl
