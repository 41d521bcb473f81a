// Slow paths of the arithmetic and comparison opcodes (internal to the VM).
//
// Each returns false with a message in *err when the operands do not fit
// the operator (LANGUAGE.md item 5: a genuine type error is an error).
#pragma once

#include <string>

#include "runtime/bytecode/opcodes.hpp"
#include "runtime/support/arena.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/value.hpp"

namespace writ {

bool arith(Op op, const Value& x, const Value& y, Arena& arena, Value* out, std::string* err);
bool negate(const Value& x, Value* out, std::string* err);
// Lt, Le, Gt, Ge.
bool order(Op op, const Value& x, const Value& y, Value* out, std::string* err);
// Eq, Ne (and their Const forms): a string against a bool is a type error,
// not `false`, so a malformed input (`hostNetwork: "true"`) cannot pass a
// check unnoticed. null compares with anything; ints with floats.
inline bool equality_comparable(const Value& x, const Value& y) {
  return x.type == y.type || x.is_null() || y.is_null() || (x.is_number() && y.is_number());
}
bool equality(bool equal, const Value& x, const Value& y, Value* out, std::string* err);
bool membership(const Value& needle, const Value& haystack, Value* out, std::string* err);
bool index_value(const Value& x, const Value& idx, Value* out, std::string* err);
bool slice_value(const Value& x, const Value& lo, const Value& hi, Arena& arena, Value* out, std::string* err);

}  // namespace writ
