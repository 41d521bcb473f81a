// ANTLR counts characters in code points; our spans and slices are in
// bytes. Positions converts between the two for one source text (internal
// to compiler/parse).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace writ {

class Positions {
 public:
  explicit Positions(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts_.push_back(static_cast<uint32_t>(i));
      if (text[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
    starts_.push_back(static_cast<uint32_t>(text.size()));
  }
  // Byte offset of code point `cp` (the text's size past the end).
  size_t byte(size_t cp) const { return cp < starts_.size() ? starts_[cp] : text_.size(); }
  // 1-based byte column of code point `cp`.
  // A binary search over line starts: scanning back to the previous newline
  // made a one-line file of n tokens cost O(n^2) (issue 9).
  uint32_t column(size_t cp) const {
    size_t b = byte(cp);
    auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<uint32_t>(b)) - 1;
    return static_cast<uint32_t>(b - *line + 1);
  }
  // Bytes from code point `from` up to and including code point `to`.
  uint32_t length(size_t from, size_t to) const { return static_cast<uint32_t>(byte(to + 1) - byte(from)); }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;       // byte offset of each code point
  std::vector<uint32_t> line_starts_;  // byte offset of each line
};

}  // namespace writ
