#include "runtime/value/document.hpp"

namespace writ {

std::string SourceLocation::to_string() const {
  if (jsonl) return file + "#" + std::to_string(index);
  if (line == 0) return file;
  return file + ":" + std::to_string(line);
}

std::string_view map_key_at(const Value& map, uint32_t j) {
  if (map.rep == Value::kComputed) return map.entries[j].key_str();
  return map.node->document()->key_name(map.node->keys()[j]);
}

}  // namespace writ
