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

Value map_key_value_at(const Value& map, uint32_t j) {
  // Only an input map's ids are sure to come from the policy set's table.
  if (map.rep == Value::kComputed) return Value::string(map.entries[j].key_str());
  KeyId id = map.node->keys()[j];
  return Value::key_string(map.node->document()->key_name(id), (id & kOverflowKey) ? kNoKey : id);
}

}  // namespace writ
