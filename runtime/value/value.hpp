// Value: what a VM register holds. 16 bytes, trivially copyable.
//
// Scalars are inline. Strings are a pointer and a length (into an input
// document, the module's constants or the evaluation arena). Lists and maps
// have two representations, told apart by `rep`:
//   kTree      a Node of an input document: no copy is ever made of input,
//              and the node keeps its identity (parent links, field path);
//   kComputed  built during evaluation or a constant of the module: a
//              contiguous array of Values (lists) or MapEntries (maps).
// Code that reads lists and maps goes through the accessors below so it does
// not care which representation it has.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "runtime/value/node.hpp"
#include "runtime/value/types.hpp"

namespace writ {

// The few accessors on every path of evaluation are forced inline: in the
// long functions of the standard packs' machine code (compiled_code.hpp)
// GCC's inlining limits would otherwise leave them calls.
#define WRIT_HOT_INLINE [[gnu::always_inline]] inline

struct MapEntry;

struct Value {
  enum Rep : uint8_t { kComputed = 0, kTree = 1 };

  Type type = Type::Null;
  Rep rep = kComputed;
  // kGrowable: a list or map under construction by NewList/NewMap, whose
  // arena array has room for Append/MapSet (capacity 4, then doubling at
  // each power of two). Only such values may be appended to: the VM checks
  // it, so a forged bundle cannot make it write past an array.
  static constexpr uint16_t kGrowable = 1;
  // Strings: the string's id in the policy set's KeyTable when known and
  // below 2^16 (constants, keys of input maps), else 0 (kNoKey): `m[k]`
  // then finds a field of an input map by id instead of hashing k.
  uint16_t flags = 0;
  uint32_t len = 0;  // string bytes, list items, map entries
  union {
    bool b;
    int64_t i;
    double f;
    const char* s;
    const Node* node;        // rep == kTree
    const Value* items;      // List, kComputed
    const MapEntry* entries; // Map, kComputed
  };

  Value() : i(0) {}

  WRIT_HOT_INLINE static Value null() { return Value(); }
  WRIT_HOT_INLINE static Value boolean(bool v) { Value r; r.type = Type::Bool; r.b = v; return r; }
  WRIT_HOT_INLINE static Value integer(int64_t v) { Value r; r.type = Type::Int; r.i = v; return r; }
  static Value real(double v) { Value r; r.type = Type::Float; r.f = v; return r; }
  static Value string(std::string_view sv) {
    Value r; r.type = Type::String; r.len = static_cast<uint32_t>(sv.size()); r.s = sv.data(); return r;
  }
  // A string known to be the key `id` of the policy set's KeyTable.
  static Value key_string(std::string_view sv, KeyId id) {
    Value r = string(sv);
    r.flags = id < 0x10000 ? static_cast<uint16_t>(id) : 0;
    return r;
  }
  static Value list(const Value* items, uint32_t n) {
    Value r; r.type = Type::List; r.len = n; r.items = items; return r;
  }
  static Value map(const MapEntry* entries, uint32_t n) {
    Value r; r.type = Type::Map; r.len = n; r.entries = entries; return r;
  }
  // A view of a document node: scalars are copied out, containers referenced.
  // Without a branch on the type: a scalar's payload has the same layout in
  // a Node and a Value and is copied as one word (a Node's unused payload
  // bytes are zero: DocumentBuilder value-initializes every node); a
  // container's payload becomes the node itself.
  WRIT_HOT_INLINE static Value of(const Node* n) {
    static_assert(sizeof(Node::i) == sizeof(uint64_t) && sizeof(Value::i) == sizeof(uint64_t));
    Value r;
    r.type = n->type;
    r.len = n->len;
    bool container = n->type == Type::List || n->type == Type::Map;
    uint64_t word;
    std::memcpy(&word, &n->i, sizeof word);
    word = container ? reinterpret_cast<uintptr_t>(n) : word;
    std::memcpy(&r.i, &word, sizeof word);
    r.rep = container ? kTree : kComputed;
    return r;
  }

  bool is_null() const { return type == Type::Null; }
  bool is_true() const { return type == Type::Bool && b; }
  bool is_number() const { return type == Type::Int || type == Type::Float; }
  bool is_tree() const { return rep == kTree; }
  KeyId key_hint() const { return type == Type::String ? flags : kNoKey; }
  std::string_view str() const { return {s, len}; }
  double as_double() const { return type == Type::Int ? static_cast<double>(i) : f; }
};
static_assert(sizeof(Value) == 16, "Value must stay two words");

struct MapEntry {
  const char* key;
  uint32_t key_len;
  KeyId id;  // kNoKey when the key is not in the KeyTable
  Value value;
  std::string_view key_str() const { return {key, key_len}; }
};
static_assert(sizeof(MapEntry) == 32);

// ---- uniform access to lists and maps, whatever their representation ----

WRIT_HOT_INLINE Value list_at(const Value& list, uint32_t i) {
  return list.rep == Value::kTree ? Value::of(list.node->children + i) : list.items[i];
}

// The document node of list item i, if the list is a tree list (else null).
inline const Node* list_node_at(const Value& list, uint32_t i) {
  if (list.rep == Value::kTree) return list.node->children + i;
  const Value& v = list.items[i];
  return v.rep == Value::kTree ? v.node : nullptr;
}

// The document node of item `index` of a collection being iterated (a
// list, or a tree map), or null: not a document node, or not an item
// (checked, so that a wrong register in forged bytecode reads nothing).
inline const Node* iterated_node(const Value& coll, const Value& index) {
  if (index.type != Type::Int || index.i < 0 || static_cast<uint64_t>(index.i) >= coll.len) return nullptr;
  auto j = static_cast<uint32_t>(index.i);
  if (coll.type == Type::List) return list_node_at(coll, j);
  if (coll.type == Type::Map && coll.rep == Value::kTree) return coll.node->children + j;
  return nullptr;
}

// Field lookup by interned id. Returns false when absent.
inline bool map_get(const Value& map, KeyId id, Value* out) {
  if (map.rep == Value::kTree) {
    const Node* n = map.node->field(id);
    if (n == nullptr) return false;
    *out = Value::of(n);
    return true;
  }
  for (uint32_t j = 0; j < map.len; ++j)
    if (map.entries[j].id == id) { *out = map.entries[j].value; return true; }
  return false;
}

// m.<id>, or null when m is not a map or has no such key.
inline Value field_of(const Value& m, KeyId id) {
  Value out;
  if (m.type == Type::Map && map_get(m, id, &out)) return out;
  return Value::null();
}

// The string, or empty when v is not a string.
inline std::string_view string_of(const Value& v) { return v.type == Type::String ? v.str() : std::string_view(); }

WRIT_HOT_INLINE Value map_value_at(const Value& map, uint32_t j) {
  return map.rep == Value::kTree ? Value::of(map.node->children + j) : map.entries[j].value;
}

}  // namespace writ
