#include "compiler/diag/diagnostic.hpp"

#include <algorithm>

namespace writ {

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  size_t n = 0;
  for (const Diagnostic& d : items_) n += d.level == DiagLevel::kError;
  return n;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    if (a.span.line != b.span.line) return a.span.line < b.span.line;
    return a.span.column < b.span.column;
  });
}

std::string render(const Diagnostic& d, const SourceMap& sources, bool color) {
  const char* level = d.level == DiagLevel::kError ? "error" : d.level == DiagLevel::kWarning ? "warning" : "note";
  const char* level_color = d.level == DiagLevel::kError ? "\033[1;31m" : d.level == DiagLevel::kWarning ? "\033[1;35m" : "\033[1;36m";
  auto c = [&](const char* code) { return color ? code : ""; };
  std::string out;
  if (d.span.file != Span::kNoFile && d.span.file < sources.size()) {
    out += c("\033[1m");
    out += sources.name(d.span.file);
    if (d.span.line) out += ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
    out += ": ";
    out += c("\033[0m");
  }
  out += c(level_color);
  out += level;
  out += ": ";
  out += c("\033[0m");
  out += c("\033[1m");
  out += d.message;
  out += c("\033[0m");
  out += '\n';
  if (d.span.valid() && d.span.file < sources.size()) {
    std::string_view line = sources.line(d.span.file, d.span.line);
    std::string num = std::to_string(d.span.line);
    std::string pad(num.size(), ' ');
    out += " " + num + " | " + std::string(line) + "\n";
    out += " " + pad + " | ";
    // Keep tabs so the caret lines up under tab-indented source.
    for (uint32_t i = 1; i < d.span.column && i - 1 < line.size(); ++i) out += line[i - 1] == '\t' ? '\t' : ' ';
    out += c(level_color);
    out += '^';
    uint32_t len = d.span.length;
    uint32_t room = line.size() >= d.span.column ? static_cast<uint32_t>(line.size() - d.span.column + 1) : 1;
    for (uint32_t i = 1; i < std::min(len, room); ++i) out += '~';
    out += c("\033[0m");
    out += '\n';
  }
  return out;
}

std::string render_all(const Diagnostics& d, const SourceMap& sources, bool color) {
  std::string out;
  for (const Diagnostic& x : d.items()) out += render(x, sources, color);
  return out;
}

}  // namespace writ
