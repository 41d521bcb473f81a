// Span: a place in a source file, for diagnostics and violation spans.
//
// Files are identified by a small integer assigned by a SourceMap; a span
// with file == kNoFile points nowhere (a built-in, a host-made value).
#pragma once

#include <cstdint>

namespace writ {

struct Span {
  static constexpr uint32_t kNoFile = 0xffffffffu;
  uint32_t file = kNoFile;
  uint32_t line = 0;    // 1-based; 0 = unknown
  uint32_t column = 0;  // 1-based, in bytes; 0 = unknown
  uint32_t length = 0;  // bytes on the first line, for the caret underline

  bool valid() const { return file != kNoFile && line != 0; }
  bool operator==(const Span&) const = default;
};

}  // namespace writ
