#include "runtime/value/ops.hpp"

#include <cmath>
#include <cstring>
#include <string_view>

#include "runtime/value/document.hpp"

namespace writ {

static bool maps_equal(const Value& a, const Value& b) {
  if (a.len != b.len) return false;
  for (uint32_t j = 0; j < a.len; ++j) {
    Value other;
    if (!map_get_str(b, map_key_at(a, j), &other)) return false;
    if (!values_equal(map_value_at(a, j), other)) return false;
  }
  return true;
}

bool values_equal(const Value& a, const Value& b) {
  if (a.type != b.type) {
    if (a.is_number() && b.is_number()) return a.as_double() == b.as_double();
    return false;
  }
  switch (a.type) {
    case Type::Null: return true;
    case Type::Bool: return a.b == b.b;
    case Type::Int: return a.i == b.i;
    case Type::Float: return a.f == b.f;
    case Type::String: return a.str() == b.str();  // not memcmp: "" may have a null pointer
    case Type::List:
      if (a.len != b.len) return false;
      if (a.rep == b.rep && a.rep == Value::kTree && a.node == b.node) return true;
      for (uint32_t j = 0; j < a.len; ++j)
        if (!values_equal(list_at(a, j), list_at(b, j))) return false;
      return true;
    case Type::Map:
      if (a.rep == b.rep && a.rep == Value::kTree && a.node == b.node) return true;
      return maps_equal(a, b);
  }
  return false;
}

Ordering compare_values(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.type == Type::Int && b.type == Type::Int)
      return a.i < b.i ? Ordering::kLess : a.i > b.i ? Ordering::kGreater : Ordering::kEqual;
    double x = a.as_double(), y = b.as_double();
    if (std::isnan(x) || std::isnan(y)) return Ordering::kUnordered;
    return x < y ? Ordering::kLess : x > y ? Ordering::kGreater : Ordering::kEqual;
  }
  if (a.type == Type::String && b.type == Type::String) {
    int c = a.str().compare(b.str());
    return c < 0 ? Ordering::kLess : c > 0 ? Ordering::kGreater : Ordering::kEqual;
  }
  return Ordering::kUnordered;
}

static uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

uint64_t hash_value(const Value& v) {
  switch (v.type) {
    case Type::Null: return 0x9e3779b97f4a7c15ull;
    case Type::Bool: return v.b ? 0x51ed27u : 0x2545f4u;
    case Type::Int:
    case Type::Float: {
      double d = v.as_double();
      if (v.type == Type::Int && static_cast<int64_t>(d) != v.i) return mix(static_cast<uint64_t>(v.i));
      if (d == 0) d = 0;  // -0.0 hashes like 0
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      return mix(bits);
    }
    case Type::String: {
      uint64_t h = 0xcbf29ce484222325ull;
      for (uint32_t j = 0; j < v.len; ++j) h = (h ^ static_cast<unsigned char>(v.s[j])) * 0x100000001b3ull;
      return mix(h);
    }
    case Type::List: {
      uint64_t h = 0x1234567ull + v.len;
      for (uint32_t j = 0; j < v.len; ++j) h = mix(h * 31 + hash_value(list_at(v, j)));
      return h;
    }
    case Type::Map: {
      uint64_t h = 0x7654321ull + v.len;  // order-independent
      for (uint32_t j = 0; j < v.len; ++j) {
        std::string_view k = map_key_at(v, j);
        h += mix(hash_value(Value::string(k)) ^ hash_value(map_value_at(v, j)));
      }
      return h;
    }
  }
  return 0;
}

std::string a_type(Type t) {
  return (t == Type::Int ? "an " : "a ") + std::string(type_name(t));
}

bool list_contains(const Value& list, const Value& needle) {
  for (uint32_t j = 0; j < list.len; ++j)
    if (values_equal(list_at(list, j), needle)) return true;
  return false;
}

bool map_get_str(const Value& map, std::string_view key, Value* out) {
  if (map.rep == Value::kTree) {
    const Document* doc = map.node->document();
    KeyId id = doc->key_table()->find(key);
    const KeyId* keys = map.node->keys();
    for (uint32_t j = 0; j < map.len; ++j) {
      bool hit = id != kNoKey ? keys[j] == id : ((keys[j] & kOverflowKey) && doc->key_name(keys[j]) == key);
      if (hit) { *out = Value::of(map.node->children + j); return true; }
    }
    return false;
  }
  for (uint32_t j = 0; j < map.len; ++j)
    if (map.entries[j].key_str() == key) { *out = map.entries[j].value; return true; }
  return false;
}

}  // namespace writ
