// ANTLR counts characters in code points; our spans and slices are in
// bytes. Positions converts between the two for one source text (internal
// to compiler/parse).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace writ {

class Positions {
 public:
  explicit Positions(std::string_view text) : text_(text) {
    for (size_t i = 0; i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts_.push_back(static_cast<uint32_t>(i));
    starts_.push_back(static_cast<uint32_t>(text.size()));
  }
  // Byte offset of code point `cp` (the text's size past the end).
  size_t byte(size_t cp) const { return cp < starts_.size() ? starts_[cp] : text_.size(); }
  // 1-based byte column of code point `cp`.
  uint32_t column(size_t cp) const {
    size_t b = byte(cp);
    size_t line_start = text_.rfind('\n', b == 0 ? 0 : b - 1);
    line_start = (line_start == std::string_view::npos || b == 0) ? 0 : line_start + 1;
    if (b > 0 && text_[b - 1] == '\n') line_start = b;
    return static_cast<uint32_t>(b - line_start + 1);
  }
  // Bytes from code point `from` up to and including code point `to`.
  uint32_t length(size_t from, size_t to) const { return static_cast<uint32_t>(byte(to + 1) - byte(from)); }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

}  // namespace writ
