// Shared argument validation for natives, so every built-in words its
// errors the same way (after wren's validateNum/validateIndex).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/vm/native.hpp"
#include "runtime/vm/native_registry.hpp"
#include "runtime/vm/operators.hpp"

namespace writ::native {

// Argument i must have type t. On mismatch fails the call with
// "argument 2 must be a string, got an int".
[[gnu::cold, gnu::noinline]] inline bool fail_expected(NativeCall& c, uint32_t i, Type t) {
  return c.fail("argument " + std::to_string(i + 1) + " must be " + a_type(t) + ", got " + a_type(c.args[i].type));
}
// The message is built out of line: inlined, it made `expect` too big to
// inline into the natives (~290 instructions per pss/restricted evaluation
// in calls).
inline bool expect(NativeCall& c, uint32_t i, Type t) { return c.args[i].type == t || fail_expected(c, i, t); }

// For functions where an absent (null) subject gives an absent result.
inline bool null_in_null_out(NativeCall& c) {
  for (uint32_t i = 0; i < c.argc; ++i)
    if (c.args[i].is_null()) {
      c.result = Value::null();
      return true;
    }
  return false;
}

// A registry entry of a global function (module "" unless given).
inline NativeDescriptor def(std::string name, uint8_t min, uint8_t max, std::vector<TypeSet> params, TypeSet result,
                            NativeFn f, std::string signature, std::string doc, std::string module = {}) {
  NativeDescriptor d;
  d.module = std::move(module);
  d.name = std::move(name);
  d.min_args = min;
  d.max_args = max;
  d.params = std::move(params);
  d.result = result;
  d.fn = f;
  d.signature = std::move(signature);
  d.doc = std::move(doc);
  return d;
}

}  // namespace writ::native
