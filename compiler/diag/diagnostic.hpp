// Diagnostics of the compiler: collected, never thrown, printed like a
// modern compiler:
//
//   policies/pods.writ:12:9: error: unknown name 'contaners'
//      12 |   for c in contaners {
//         |            ^~~~~~~~~
//
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/source_map.hpp"
#include "runtime/support/span.hpp"

namespace writ {

enum class DiagLevel : uint8_t { kError, kWarning, kNote };

struct Diagnostic {
  DiagLevel level = DiagLevel::kError;
  std::string message;
  Span span;
};

class Diagnostics {
 public:
  void error(Span span, std::string message) { items_.push_back({DiagLevel::kError, std::move(message), span}); }
  void warning(Span span, std::string message) { items_.push_back({DiagLevel::kWarning, std::move(message), span}); }
  void note(Span span, std::string message) { items_.push_back({DiagLevel::kNote, std::move(message), span}); }
  bool has_errors() const;
  size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }
  // Orders by file and position (stable), so output does not depend on pass order.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// Renders one diagnostic with its source line and caret; `color` adds ANSI
// colours (for a terminal that wants them).
std::string render(const Diagnostic& d, const SourceMap& sources, bool color = false);
std::string render_all(const Diagnostics& d, const SourceMap& sources, bool color = false);

}  // namespace writ
