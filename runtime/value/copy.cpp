#include "runtime/value/copy.hpp"

#include "runtime/value/document.hpp"

namespace writ {

Value deep_copy(const Value& v, Arena& arena, const KeyTable& keys) {
  switch (v.type) {
    case Type::Null:
    case Type::Bool:
    case Type::Int:
    case Type::Float:
      return v;
    case Type::String:
      return Value::string(arena.copy(v.str()));
    case Type::List: {
      Value* items = arena.allocate_array<Value>(v.len);
      for (uint32_t j = 0; j < v.len; ++j) items[j] = deep_copy(list_at(v, j), arena, keys);
      return Value::list(items, v.len);
    }
    case Type::Map: {
      MapEntry* entries = arena.allocate_array<MapEntry>(v.len);
      for (uint32_t j = 0; j < v.len; ++j) {
        std::string_view k = arena.copy(map_key_at(v, j));
        entries[j].key = k.data();
        entries[j].key_len = static_cast<uint32_t>(k.size());
        entries[j].id = keys.find(k);
        entries[j].value = deep_copy(map_value_at(v, j), arena, keys);
      }
      return Value::map(entries, v.len);
    }
  }
  return Value::null();
}

}  // namespace writ
