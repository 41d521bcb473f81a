// The seven value types of the writ language (LANGUAGE.md item 6).
#pragma once

#include <cstdint>

namespace writ {

enum class Type : uint8_t { Null, Bool, Int, Float, String, List, Map };

inline const char* type_name(Type t) {
  switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::String: return "string";
    case Type::List: return "list";
    case Type::Map: return "map";
  }
  return "?";
}

// A field name, interned. Ids below kOverflowKey index the policy set's
// KeyTable (every name a policy mentions); an input key no policy mentions
// gets kOverflowKey | i, an index into its Document's own key list, so
// decoding never has to grow a shared table.
using KeyId = uint32_t;
inline constexpr KeyId kNoKey = 0;
inline constexpr KeyId kOverflowKey = 0x80000000u;

}  // namespace writ
