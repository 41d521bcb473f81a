// SourceMap: the policy files of a compilation, by id, for spans and
// diagnostics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/support/span.hpp"

namespace writ {

class SourceMap {
 public:
  uint32_t add(std::string name, std::string text);
  const std::string& name(uint32_t file) const { return files_[file].name; }
  const std::string& text(uint32_t file) const { return files_[file].text; }
  size_t size() const { return files_.size(); }
  // The text of a 1-based line, without its newline.
  std::string_view line(uint32_t file, uint32_t line) const;

 private:
  struct File {
    std::string name;
    std::string text;
    std::vector<uint32_t> line_starts;
  };
  std::vector<File> files_;
};

}  // namespace writ
