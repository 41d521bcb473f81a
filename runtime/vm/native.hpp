// NativeCall: what a built-in function implemented in C++ receives.
//
// A native reads its arguments, writes `result` and returns true, or calls
// fail() and returns its false: errors are values, never exceptions
// (wren's primitives work the same way). Results that need memory
// (strings, lists, maps) are allocated in the evaluation arena.
#pragma once

#include <string>
#include <string_view>

#include "runtime/support/arena.hpp"
#include "runtime/value/key_table.hpp"
#include "runtime/value/value.hpp"

namespace writ {

class EvalContext;

struct NativeCall {
  EvalContext& ctx;
  const Value* args;
  uint32_t argc;
  const void* prepared;  // the precompiled constant argument, if any
  Value result;
  const void* data = nullptr;  // NativeDescriptor::data (host functions)

  Arena& arena();
  const KeyTable& keys() const;
  // Records an error message for the call site; returns false.
  bool fail(std::string message);
  // Charges `cost` units to the budget; false (and an error) when exhausted.
  bool charge(uint64_t cost);

  Value make_string(std::string_view s) { return Value::string(arena().copy(s)); }
  // An empty buffer to build a string in, reused from call to call (its
  // capacity stays: no allocation in the steady state). Copy the result out
  // with make_string before the next call.
  std::string& scratch();
  // A list of n Values in the arena, to be filled by the caller.
  Value* new_list(uint32_t n, Value* out_list) {
    Value* items = arena().allocate_array<Value>(n);
    *out_list = Value::list(items, n);
    return items;
  }
  // The key id of a map key built by a native (kNoKey when not interned).
  KeyId key_id(std::string_view name) const { return keys().find(name); }
};

}  // namespace writ
