// Operations on Values that do not allocate: equality, ordering, hashing
// (and a_type, which names a type for messages).
#pragma once

#include <cstdint>
#include <string>

#include "runtime/value/value.hpp"

namespace writ {

// Structural equality. Int and float compare numerically (1 == 1.0); values
// of different types are unequal (null == false is false); maps compare as
// sets of entries, lists item by item.
bool values_equal(const Value& a, const Value& b);

enum class Ordering : int8_t { kLess = -1, kEqual = 0, kGreater = 1, kUnordered = 2 };

// Order of two numbers or two strings (byte order); kUnordered otherwise.
Ordering compare_values(const Value& a, const Value& b);

// A hash consistent with values_equal (1 and 1.0 hash alike).
uint64_t hash_value(const Value& v);

// True when `needle` equals an item of the list `list`.
bool list_contains(const Value& list, const Value& needle);

// "a string", "an int": for messages.
std::string a_type(Type t);

// Map lookup by key string (when the key is not known to be interned).
bool map_get_str(const Value& map, std::string_view key, Value* out);

// Map lookup by a string value: by id when the string carries its key id
// (Value::key_hint) and the map is an input map, else as map_get_str.
inline bool map_get_key(const Value& map, const Value& key, Value* out) {
  if (KeyId id = key.key_hint(); id != kNoKey && map.rep == Value::kTree) {
    const Node* n = map.node->field(id);
    if (n == nullptr) return false;
    *out = Value::of(n);
    return true;
  }
  return map_get_str(map, key.str(), out);
}

}  // namespace writ
