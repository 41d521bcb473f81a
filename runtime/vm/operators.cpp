#include "runtime/vm/operators.hpp"

#include <cmath>
#include <cstring>

#include "runtime/value/ops.hpp"

namespace writ {

static const char* op_symbol(Op op) {
  switch (op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    default: return "?";
  }
}

static bool mismatch(Op op, const Value& x, const Value& y, std::string* err) {
  *err = "cannot apply '" + std::string(op_symbol(op)) + "' to " + a_type(x.type) + " and " + a_type(y.type);
  return false;
}

static Value concat_lists(const Value& x, const Value& y, Arena& arena) {
  // `(cond ? [a] : []) + rest`: adding an empty list copies nothing. Values
  // are immutable once built, so the result may share the other's items (the
  // growable flag is not shared: only NewList's own register may grow).
  if (x.len == 0 || y.len == 0) {
    Value r = x.len == 0 ? y : x;
    r.flags = 0;
    return r;
  }
  uint32_t n = x.len + y.len;
  Value* items = arena.allocate_array<Value>(n);
  for (uint32_t j = 0; j < x.len; ++j) items[j] = list_at(x, j);
  for (uint32_t j = 0; j < y.len; ++j) items[x.len + j] = list_at(y, j);
  return Value::list(items, n);
}

bool arith(Op op, const Value& x, const Value& y, Arena& arena, Value* out, std::string* err) {
  if (x.is_null() || y.is_null()) { *out = Value::null(); return true; }
  if (x.type == Type::Int && y.type == Type::Int) {
    int64_t r = 0;
    switch (op) {
      case Op::Add: if (__builtin_add_overflow(x.i, y.i, &r)) { *err = "integer overflow in '+'"; return false; } break;
      case Op::Sub: if (__builtin_sub_overflow(x.i, y.i, &r)) { *err = "integer overflow in '-'"; return false; } break;
      case Op::Mul: if (__builtin_mul_overflow(x.i, y.i, &r)) { *err = "integer overflow in '*'"; return false; } break;
      case Op::Div:
      case Op::Mod:
        if (y.i == 0) { *err = op == Op::Div ? "division by zero" : "modulo by zero"; return false; }
        if (x.i == INT64_MIN && y.i == -1) { *err = "integer overflow in '/'"; return false; }
        r = op == Op::Div ? x.i / y.i : x.i % y.i;
        break;
      default: return mismatch(op, x, y, err);
    }
    *out = Value::integer(r);
    return true;
  }
  if (x.is_number() && y.is_number()) {
    double a = x.as_double(), b = y.as_double(), r = 0;
    switch (op) {
      case Op::Add: r = a + b; break;
      case Op::Sub: r = a - b; break;
      case Op::Mul: r = a * b; break;
      case Op::Div:
        if (b == 0) { *err = "division by zero"; return false; }
        r = a / b;
        break;
      case Op::Mod:
        if (b == 0) { *err = "modulo by zero"; return false; }
        r = std::fmod(a, b);
        break;
      default: return mismatch(op, x, y, err);
    }
    *out = Value::real(r);
    return true;
  }
  if (op == Op::Add && x.type == Type::String && y.type == Type::String) {
    char* p = static_cast<char*>(arena.allocate(x.len + y.len + 1, 1));
    // An empty string may have a null pointer, which memcpy must not get.
    if (x.len) std::memcpy(p, x.s, x.len);
    if (y.len) std::memcpy(p + x.len, y.s, y.len);
    *out = Value::string({p, static_cast<size_t>(x.len) + y.len});
    return true;
  }
  if (op == Op::Add && x.type == Type::List && y.type == Type::List) {
    *out = concat_lists(x, y, arena);
    return true;
  }
  return mismatch(op, x, y, err);
}

bool negate(const Value& x, Value* out, std::string* err) {
  switch (x.type) {
    case Type::Null: *out = x; return true;
    case Type::Int:
      if (x.i == INT64_MIN) { *err = "integer overflow in unary '-'"; return false; }
      *out = Value::integer(-x.i);
      return true;
    case Type::Float: *out = Value::real(-x.f); return true;
    default: *err = "cannot negate " + a_type(x.type); return false;
  }
}

bool equality(bool equal, const Value& x, const Value& y, Value* out, std::string* err) {
  if (!equality_comparable(x, y)) {
    *err = "cannot compare " + a_type(x.type) + " with " + a_type(y.type) + " using '" + (equal ? "==" : "!=") + "'";
    return false;
  }
  *out = Value::boolean(values_equal(x, y) == equal);
  return true;
}

bool order(Op op, const Value& x, const Value& y, Value* out, std::string* err) {
  if (x.is_null() || y.is_null()) { *out = Value::null(); return true; }
  Ordering o = compare_values(x, y);
  if (o == Ordering::kUnordered) {
    if (x.is_number() && y.is_number()) { *out = Value::boolean(false); return true; }  // NaN
    *err = "cannot compare " + a_type(x.type) + " with " + a_type(y.type) + " using '" + op_symbol(op) + "'";
    return false;
  }
  bool r = false;
  switch (op) {
    case Op::Lt: r = o == Ordering::kLess; break;
    case Op::Le: r = o != Ordering::kGreater; break;
    case Op::Gt: r = o == Ordering::kGreater; break;
    case Op::Ge: r = o != Ordering::kLess; break;
    default: break;
  }
  *out = Value::boolean(r);
  return true;
}

bool membership(const Value& needle, const Value& hay, Value* out, std::string* err) {
  switch (hay.type) {
    case Type::Null: *out = Value::boolean(false); return true;
    case Type::List: *out = Value::boolean(list_contains(hay, needle)); return true;
    case Type::Map: {
      if (needle.type != Type::String) { *out = Value::boolean(false); return true; }
      Value ignored;
      *out = Value::boolean(map_get_key(hay, needle, &ignored));
      return true;
    }
    case Type::String:
      if (needle.type != Type::String) {
        *err = "'in' a string needs a string on the left, got " + a_type(needle.type);
        return false;
      }
      *out = Value::boolean(hay.str().find(needle.str()) != std::string_view::npos);
      return true;
    default:
      *err = "'in' needs a list, map or string on the right, got " + a_type(hay.type);
      return false;
  }
}

bool index_value(const Value& x, const Value& idx, Value* out, std::string* err) {
  switch (x.type) {
    case Type::Null: *out = Value::null(); return true;
    case Type::List: {
      if (idx.type != Type::Int) { *err = "a list index must be an int, got " + a_type(idx.type); return false; }
      int64_t i = idx.i < 0 ? idx.i + x.len : idx.i;
      *out = (i < 0 || i >= static_cast<int64_t>(x.len)) ? Value::null() : list_at(x, static_cast<uint32_t>(i));
      return true;
    }
    case Type::Map:
      if (idx.type != Type::String) { *err = "a map key must be a string, got " + a_type(idx.type); return false; }
      if (!map_get_key(x, idx, out)) *out = Value::null();
      return true;
    default:
      *err = "cannot index " + a_type(x.type);
      return false;
  }
}

bool slice_value(const Value& x, const Value& lo, const Value& hi, Arena& arena, Value* out, std::string* err) {
  if (x.is_null()) { *out = x; return true; }
  if (x.type != Type::List && x.type != Type::String) { *err = "cannot slice " + a_type(x.type); return false; }
  auto bound = [&](const Value& b, int64_t dflt, int64_t* r) {
    if (b.is_null()) { *r = dflt; return true; }
    if (b.type != Type::Int) { *err = "slice bounds must be ints, got " + a_type(b.type); return false; }
    int64_t v = b.i < 0 ? b.i + x.len : b.i;
    *r = std::max<int64_t>(0, std::min<int64_t>(v, x.len));
    return true;
  };
  int64_t a = 0, b = 0;
  if (!bound(lo, 0, &a) || !bound(hi, x.len, &b)) return false;
  if (b < a) b = a;
  auto n = static_cast<uint32_t>(b - a);
  if (x.type == Type::String) {
    *out = Value::string(x.str().substr(static_cast<size_t>(a), n));
    return true;
  }
  Value* items = arena.allocate_array<Value>(n);
  for (uint32_t j = 0; j < n; ++j) items[j] = list_at(x, static_cast<uint32_t>(a) + j);
  *out = Value::list(items, n);
  return true;
}

}  // namespace writ
