// Collection and conversion built-ins: len, keys, values, sort, unique,
// sum, min, max, flatten, to_int, to_float, type_of.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "runtime/value/document.hpp"
#include "runtime/value/ops.hpp"
#include "stdlib/native/args.hpp"
#include "stdlib/native/registry.hpp"

namespace writ {

namespace {

using native::def;
using native::expect;

bool less_value(const Value& a, const Value& b) { return compare_values(a, b) == Ordering::kLess; }

// std::stable_sort would take its buffer from the heap; evaluations
// allocate from their arena only (bench_alloc counts it). Short lists, the
// common case (container names), are insertion-sorted in place; longer ones
// merged bottom-up through an arena buffer. Both are stable.
void stable_sort_values(Value* items, uint32_t n, Arena& arena) {
  constexpr uint32_t kRun = 16;
  for (uint32_t lo = 0; lo < n; lo += kRun) {
    uint32_t hi = std::min(n, lo + kRun);
    for (uint32_t i = lo + 1; i < hi; ++i) {
      Value v = items[i];
      uint32_t j = i;
      for (; j > lo && less_value(v, items[j - 1]); --j) items[j] = items[j - 1];
      items[j] = v;
    }
  }
  if (n <= kRun) return;
  Value* src = items;
  Value* dst = arena.allocate_array<Value>(n);
  for (uint32_t width = kRun; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = std::min(n, lo + width), hi = std::min(n, lo + 2 * width);
      uint32_t a = lo, b = mid, o = lo;
      while (a < mid && b < hi) dst[o++] = less_value(src[b], src[a]) ? src[b++] : src[a++];
      while (a < mid) dst[o++] = src[a++];
      while (b < hi) dst[o++] = src[b++];
    }
    std::swap(src, dst);
  }
  if (src != items) std::copy(src, src + n, items);
}

// The distinct items of `list` in first-seen order, written to out;
// returns how many. An open-addressing table of indices in the arena, not
// std::unordered_set, so that an evaluation does not touch the heap.
uint32_t distinct_values(const Value& list, Value* out, Arena& arena) {
  uint32_t capacity = 64;
  while (capacity < static_cast<uint64_t>(list.len) * 2) capacity *= 2;
  uint32_t* slots = arena.allocate_array<uint32_t>(capacity);
  std::fill(slots, slots + capacity, UINT32_MAX);
  uint32_t n = 0;
  for (uint32_t j = 0; j < list.len; ++j) {
    Value v = list_at(list, j);
    uint32_t s = static_cast<uint32_t>(hash_value(v)) & (capacity - 1);
    while (slots[s] != UINT32_MAX && !values_equal(out[slots[s]], v)) s = (s + 1) & (capacity - 1);
    if (slots[s] != UINT32_MAX) continue;
    slots[s] = n;
    out[n++] = v;
  }
  return n;
}

// The compiler emits the Len instruction for `len(x)` (interpreter.cpp,
// same results and message); this stays as the descriptor's implementation
// for a bundle that calls the native.
bool c_len(NativeCall& c) {
  const Value& v = c.args[0];
  switch (v.type) {
    case Type::Null: c.result = Value::integer(0); return true;
    case Type::String:
    case Type::List:
    case Type::Map: c.result = Value::integer(v.len); return true;
    default: return c.fail("len needs a string, list or map, got " + a_type(v.type));
  }
}

bool c_keys(NativeCall& c) {
  const Value& m = c.args[0];
  if (m.is_null()) { c.new_list(0, &c.result); return true; }
  if (!expect(c, 0, Type::Map)) return false;
  if (!c.charge(m.len)) return false;
  Value* items = c.new_list(m.len, &c.result);
  for (uint32_t j = 0; j < m.len; ++j) items[j] = Value::string(map_key_at(m, j));
  return true;
}

bool c_values(NativeCall& c) {
  const Value& m = c.args[0];
  if (m.is_null()) { c.new_list(0, &c.result); return true; }
  if (!expect(c, 0, Type::Map)) return false;
  if (!c.charge(m.len)) return false;
  Value* items = c.new_list(m.len, &c.result);
  for (uint32_t j = 0; j < m.len; ++j) items[j] = map_value_at(m, j);
  return true;
}

// Sorts numbers or strings; a mix (or anything else) is an error.
bool c_sort(NativeCall& c) {
  const Value& l = c.args[0];
  if (l.is_null()) { c.new_list(0, &c.result); return true; }
  if (!expect(c, 0, Type::List)) return false;
  uint64_t n = l.len;
  if (!c.charge(n * (64 - static_cast<uint64_t>(__builtin_clzll(n | 1))))) return false;
  Value* items = c.new_list(l.len, &c.result);
  for (uint32_t j = 0; j < l.len; ++j) {
    items[j] = list_at(l, j);
    bool ok = items[j].is_number() || items[j].type == Type::String;
    if (!ok || (j > 0 && compare_values(items[0], items[j]) == Ordering::kUnordered))
      return c.fail("sort needs a list of numbers or a list of strings");
  }
  stable_sort_values(items, l.len, c.arena());
  return true;
}

bool c_unique(NativeCall& c) {
  const Value& l = c.args[0];
  if (l.is_null()) { c.new_list(0, &c.result); return true; }
  if (!expect(c, 0, Type::List)) return false;
  if (!c.charge(l.len)) return false;
  Value* items = c.arena().allocate_array<Value>(l.len);
  uint32_t n = 0;
  if (l.len <= 32) {
    for (uint32_t j = 0; j < l.len; ++j) {
      Value v = list_at(l, j);
      bool seen = false;
      for (uint32_t k = 0; k < n && !seen; ++k) seen = values_equal(items[k], v);
      if (!seen) items[n++] = v;
    }
  } else {
    n = distinct_values(l, items, c.arena());
  }
  c.result = Value::list(items, n);
  return true;
}

bool numbers_of(NativeCall& c, const Value& l) {
  for (uint32_t j = 0; j < l.len; ++j)
    if (!list_at(l, j).is_number()) return c.fail("needs a list of numbers, item " + std::to_string(j) + " is " + a_type(list_at(l, j).type));
  return true;
}

bool c_sum(NativeCall& c) {
  const Value& l = c.args[0];
  if (l.is_null()) { c.result = Value::integer(0); return true; }
  if (!expect(c, 0, Type::List) || !numbers_of(c, l) || !c.charge(l.len)) return false;
  int64_t si = 0;
  double sf = 0;
  bool is_float = false;
  for (uint32_t j = 0; j < l.len; ++j) {
    Value v = list_at(l, j);
    if (v.type == Type::Float || is_float) {
      if (!is_float) { sf = static_cast<double>(si); is_float = true; }
      sf += v.as_double();
    } else if (__builtin_add_overflow(si, v.i, &si)) {
      return c.fail("integer overflow");
    }
  }
  c.result = is_float ? Value::real(sf) : Value::integer(si);
  return true;
}

bool extreme(NativeCall& c, bool want_max) {
  const Value& l = c.args[0];
  if (l.is_null() || (l.type == Type::List && l.len == 0)) { c.result = Value::null(); return true; }
  if (!expect(c, 0, Type::List) || !c.charge(l.len)) return false;
  Value best = list_at(l, 0);
  for (uint32_t j = 1; j < l.len; ++j) {
    Value v = list_at(l, j);
    Ordering o = compare_values(v, best);
    if (o == Ordering::kUnordered) return c.fail("needs a list of numbers or a list of strings");
    if ((want_max && o == Ordering::kGreater) || (!want_max && o == Ordering::kLess)) best = v;
  }
  if (!best.is_number() && best.type != Type::String) return c.fail("needs a list of numbers or a list of strings");
  c.result = best;
  return true;
}
bool c_min(NativeCall& c) { return extreme(c, false); }
bool c_max(NativeCall& c) { return extreme(c, true); }

bool c_flatten(NativeCall& c) {
  const Value& l = c.args[0];
  if (l.is_null()) { c.new_list(0, &c.result); return true; }
  if (!expect(c, 0, Type::List)) return false;
  uint64_t n = 0;
  for (uint32_t j = 0; j < l.len; ++j) {
    Value v = list_at(l, j);
    n += v.type == Type::List ? v.len : 1;
  }
  if (!c.charge(n)) return false;
  Value* items = c.new_list(static_cast<uint32_t>(n), &c.result);
  uint32_t k = 0;
  for (uint32_t j = 0; j < l.len; ++j) {
    Value v = list_at(l, j);
    if (v.type == Type::List)
      for (uint32_t i = 0; i < v.len; ++i) items[k++] = list_at(v, i);
    else
      items[k++] = v;
  }
  return true;
}

bool c_to_int(NativeCall& c) {
  const Value& v = c.args[0];
  switch (v.type) {
    case Type::Null: c.result = v; return true;
    case Type::Int: c.result = v; return true;
    case Type::Bool: c.result = Value::integer(v.b ? 1 : 0); return true;
    case Type::Float:
      if (!std::isfinite(v.f) || v.f >= 9.2233720368547758e18 || v.f < -9.2233720368547758e18)
        return c.fail("float out of the int range");
      c.result = Value::integer(static_cast<int64_t>(v.f));
      return true;
    case Type::String: {
      std::string_view s = v.str();
      int64_t out = 0;
      const char* b = s.data();
      if (!s.empty() && s[0] == '+') ++b;
      auto r = std::from_chars(b, s.data() + s.size(), out);
      if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        return c.fail("\"" + std::string(s.substr(0, 64)) + "\" is not an integer");
      c.result = Value::integer(out);
      return true;
    }
    default: return c.fail("cannot convert " + a_type(v.type) + " to an int");
  }
}

bool c_to_float(NativeCall& c) {
  const Value& v = c.args[0];
  switch (v.type) {
    case Type::Null: c.result = v; return true;
    case Type::Int: c.result = Value::real(static_cast<double>(v.i)); return true;
    case Type::Float: c.result = v; return true;
    case Type::String: {
      std::string_view s = v.str();
      double out = 0;
      auto r = std::from_chars(s.data(), s.data() + s.size(), out);
      if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        return c.fail("\"" + std::string(s.substr(0, 64)) + "\" is not a number");
      c.result = Value::real(out);
      return true;
    }
    default: return c.fail("cannot convert " + a_type(v.type) + " to a float");
  }
}

bool c_type_of(NativeCall& c) {
  c.result = Value::string(type_name(c.args[0].type));
  return true;
}

}  // namespace

void register_collections(NativeRegistry& r) {
  const TypeSet L = kListType | kNullType, M = kMapType | kNullType;
  r.add(def("len", 1, 1, {kStringType | L | M}, type_bit(Type::Int), c_len, "len(v: string|list|map) -> int",
            "number of bytes, items or entries; 0 for null"));
  r.add(def("keys", 1, 1, {M}, kListType, c_keys, "keys(m: map) -> list", "the keys of m, in order"));
  r.add(def("values", 1, 1, {M}, kListType, c_values, "values(m: map) -> list", "the values of m, in order"));
  r.add(def("sort", 1, 1, {L}, kListType, c_sort, "sort(l: list) -> list", "numbers or strings in ascending order"));
  r.add(def("unique", 1, 1, {L}, kListType, c_unique, "unique(l: list) -> list",
            "l without repeated items, first occurrences kept in order"));
  r.add(def("sum", 1, 1, {L}, kNumberType, c_sum, "sum(l: list) -> number", "the sum of a list of numbers"));
  r.add(def("min", 1, 1, {L}, kAnyType, c_min, "min(l: list) -> number|string", "the smallest item; null if empty"));
  r.add(def("max", 1, 1, {L}, kAnyType, c_max, "max(l: list) -> number|string", "the largest item; null if empty"));
  r.add(def("flatten", 1, 1, {L}, kListType, c_flatten, "flatten(l: list) -> list", "items of nested lists, one level"));
  r.add(def("to_int", 1, 1, {kAnyType}, type_bit(Type::Int) | kNullType, c_to_int, "to_int(v) -> int",
            "v as an int: from a decimal string, a float (truncated) or a bool"));
  r.add(def("to_float", 1, 1, {kAnyType}, type_bit(Type::Float) | kNullType, c_to_float, "to_float(v) -> float",
            "v as a float: from an int or a decimal string"));
  r.add(def("type_of", 1, 1, {kAnyType}, kStringType, c_type_of, "type_of(v) -> string",
            "\"null\", \"bool\", \"int\", \"float\", \"string\", \"list\" or \"map\""));
}

}  // namespace writ
