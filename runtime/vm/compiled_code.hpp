// Compiled code: a Function as machine code, through C++.
//
// The standard packs are compiled twice when writ is built: to bytecode
// (the embedded bundles, stdlib/precompiled.hpp) and from that bytecode to
// C++ (compiler/emit/emit_cpp.hpp), which the C++ compiler turns into machine
// code linked into the library. A Function whose `compiled` pointer is set
// runs that code instead of the interpreter's dispatch loop.
//
// The contract that keeps the two in step: compiled code does, instruction
// for instruction, what the interpreter does, charging the budget as it
// does (one step per instruction, taken a run at a time: WRIT_STEPS
// below); but it only has the fast paths. Whenever one does not
// apply (an unusual type, an error, the budget running out, an opcode it
// does not compile) it hands the frame to the interpreter *before* that
// instruction changed anything (`Interpreter::run_from`), and the
// interpreter redoes it and carries on to the end of the function. Errors,
// their messages and spans therefore always come from the interpreter.
// Everything compiled code reads is the same Program the interpreter
// would read (constants, key ids, call sites): it is generated from the
// very bundle it is attached to (stdlib/precompiled.cpp).
//
// This header is what generated code includes: the fast paths below, each
// returning false when it must hand over. They mirror the interpreter's
// handlers (runtime/vm/interpreter.cpp); the differential tests and the
// fuzz_eval target run both and compare every decision.
#pragma once

#include <cstdint>
#include <cstring>

#include "runtime/support/copy_bytes.hpp"
#include "runtime/value/document.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/interpreter.hpp"
#include "runtime/vm/operators.hpp"

namespace writ {

// Forced: in the long functions of generated code GCC's inlining limits
// would otherwise leave each fast path a call (34,100 instructions per
// pss/restricted evaluation instead of ~25,000).
#define WRIT_FAST [[gnu::always_inline]] inline

// What generated code may touch of an evaluation (a friend of EvalContext).
struct CompiledCode {
  static uint64_t& budget(EvalContext& ctx) { return ctx.remaining_; }
  static const EvalInput& input(const EvalContext& ctx) { return *ctx.input_; }
  static const Program& program(const EvalContext& ctx) { return ctx.plan_->program(); }
  static const Value& param(const EvalContext& ctx, uint16_t i) { return ctx.plan_->param(i); }
  static Arena& arena(EvalContext& ctx) { return ctx.arena_; }
  // Where an operator of operators.hpp may write its error; compiled code
  // ignores it (the interpreter redoes the instruction and reports).
  static std::string& scratch_error(EvalContext& ctx) { return ctx.vm_error_; }

  // Hands the frame to the interpreter at instruction `pc`, not yet run nor
  // charged. Cold: GCC then moves every block that only leads here (budget
  // exhausted, a failed call, an unexpected type) out of the function's
  // hot body into .text.unlikely, so the code an evaluation runs is denser.
  [[gnu::cold, gnu::noinline]] static bool hand_over(EvalContext& ctx, const Function& fn, Value* R, Value* result,
                                                     size_t pc, uint64_t budget) {
    ctx.remaining_ = budget;
    return Interpreter::run_from(ctx, fn, R, result, pc);
  }

  // R[a] := native call CALL[site] on R[a+1 ...], through the evaluation's
  // memo for natives that ask for one; the interpreter's Call (defined in
  // interpreter.cpp, inlined there). On kFailed the error is in the context.
  enum class CallOutcome { kOk, kFailed, kOutOfBudget };

  // The memo of this evaluation's calls of memoizing natives
  // (NativeBinding::memoize), keyed by the native and its argument's
  // collection; a hit charges nothing beyond the Call's own step.
  WRIT_FAST static const void* memo_key_of(const Value& arg) {
    return arg.type == Type::Map || arg.type == Type::List ? static_cast<const void*>(arg.node) : nullptr;
  }
  WRIT_FAST static bool memo_find(const EvalContext& ctx, NativeFn fn, const void* key, Value* out) {
    for (uint32_t m = 0; m < ctx.memo_count_; ++m)
      if (ctx.memo_[m].arg == key && ctx.memo_[m].fn == fn) {
        *out = ctx.memo_[m].result;
        return true;
      }
    return false;
  }
  // Generated code asks before call_native, inline: R[a] := the memo's
  // answer for call site `site` if it has one.
  WRIT_FAST static bool memo_hit(EvalContext& ctx, const Program& prog, const Function& fn, uint32_t site, Value* R,
                                 uint16_t a) {
    const NativeBinding& nb = prog.natives[fn.calls[site].target];
    if (!nb.memoize) return false;
    const void* key = memo_key_of(R[a + 1]);
    return key != nullptr && memo_find(ctx, nb.fn, key, &R[a]);
  }
  static CallOutcome call_site(EvalContext& ctx, const Program& prog, const Function& fn, uint32_t site, Value* R,
                               uint16_t a, uint64_t* budget);

  // The instructions that call out anyway, shared with the interpreter
  // (interpreter.cpp). call_native leaves the budget left in budget(ctx);
  // it returns false, having changed nothing but the arena (budget(ctx) is
  // `budget` again), when the call fails: the interpreter then redoes it
  // (natives are deterministic) and reports the error.
  static bool call_native(EvalContext& ctx, const Function& fn, uint32_t site, Value* R, uint16_t a, uint64_t budget);
  static void path_of(EvalContext& ctx, Value* R, uint16_t a, uint16_t b, uint16_t path);
  static void path_of_item(EvalContext& ctx, Value* R, uint16_t a, uint16_t b, uint16_t path);
  static void emit(EvalContext& ctx, const Value* R, uint16_t a, uint32_t site);
  // R[a] := R[a] with key R[b] set to R[c]; false unless R[a] was built by
  // NewMap and R[b] is a string.
  static bool map_set(EvalContext& ctx, Value* R, uint16_t a, uint16_t b, uint16_t c);
};

namespace compiled {

// R[a] := R[b].k1 of a map (a document's or a computed one) or of null;
// anything else is the interpreter's error.
WRIT_FAST bool get_field(Value* R, uint16_t a, uint16_t b, KeyId k1) {
  const Value& src = R[b];
  if (src.type == Type::Map && src.rep == Value::kTree) {
    const Node* n = src.node->field(k1);
    R[a] = n ? Value::of(n) : Value::null();
    return true;
  }
  if (src.type == Type::Map) {
    if (!map_get(src, k1, &R[a])) R[a] = Value::null();
    return true;
  }
  if (src.type != Type::Null) return false;
  R[a] = Value::null();
  return true;
}

// get_field_path through maps of either representation: a missing key
// makes null, a step from anything but a map hands over.
[[gnu::noinline]] inline bool get_field_path_any(Value* R, uint16_t a, Value v, KeyId k1, KeyId k2, KeyId k3, int steps) {
  const KeyId keys[3] = {k1, k2, k3};
  for (int i = 0; i < steps; ++i) {
    if (v.type != Type::Map) return false;
    if (!map_get(v, keys[i], &v)) {
      R[a] = Value::null();
      return true;
    }
  }
  R[a] = v;
  return true;
}

// R[a] := R[b].k1.k2[.k3] through document maps; anything else hands over.
// R[b] may also be a computed map: the input of a controller's rules is
// one, the virtual Pod (autogen.cpp), whose spec is the template's.
WRIT_FAST bool get_field_path(Value* R, uint16_t a, uint16_t b, KeyId k1, KeyId k2, KeyId k3 = kNoKey, int steps = 2) {
  const Value& src = R[b];
  if (src.type != Type::Map || src.rep != Value::kTree) [[unlikely]]
    return get_field_path_any(R, a, src, k1, k2, k3, steps);
  const Node* n = src.node->field(k1);
  if (n == nullptr) {
    R[a] = Value::null();
    return true;
  }
  if (n->type != Type::Map) return false;
  n = n->field(k2);
  if (steps == 3) {
    if (n == nullptr) {
      R[a] = Value::null();
      return true;
    }
    if (n->type != Type::Map) return false;
    n = n->field(k3);
  }
  R[a] = n ? Value::of(n) : Value::null();
  return true;
}

// R[a] := R[b][R[c]]. A document map indexed by a string that carries its
// key id (`v[source]` over a list of field names) is looked up inline by
// map_get_key; anything else through index_value (out of line, which
// calls map_get_key too), whose errors the interpreter reports.
WRIT_FAST bool get_index(Value* R, uint16_t a, uint16_t b, uint16_t c, std::string* err) {
  const Value& x = R[b];
  if (R[c].key_hint() != kNoKey && x.type == Type::Map && x.rep == Value::kTree) {
    if (!map_get_key(x, R[c], &R[a])) R[a] = Value::null();
    return true;
  }
  Value t;
  if (!index_value(x, R[c], &t, err)) return false;
  R[a] = t;
  return true;
}

// truth() of a condition: bool or null, else the interpreter's type error.
WRIT_FAST bool is_condition(const Value& v) { return v.type == Type::Bool || v.type == Type::Null; }

WRIT_FAST bool length(Value* R, uint16_t a, uint16_t b, bool not_empty) {
  const Value& v = R[b];
  uint32_t n = 0;
  if (v.type == Type::String || v.type == Type::List || v.type == Type::Map) n = v.len;
  else if (!v.is_null()) return false;
  R[a] = not_empty ? Value::boolean(n != 0) : Value::integer(n);
  return true;
}

// x == K for a string constant whose KeyTable id is `id` (kNoKey if none).
WRIT_FAST bool eq_string(Value* R, uint16_t a, uint16_t b, const Value& k, KeyId id, bool eq) {
  const Value& x = R[b];
  if (x.type == Type::String) {
    bool same = x.flags != kNoKey && id != kNoKey ? x.flags == id : x.str() == k.str();
    R[a] = Value::boolean(same == eq);
    return true;
  }
  if (!x.is_null()) return false;
  R[a] = Value::boolean(!eq);
  return true;
}
// x == k for a bool or an int constant k: same type compares, null is
// never equal, anything else is the interpreter's (floats, errors).
template <Type kType>
WRIT_FAST bool eq_scalar(Value* R, uint16_t a, uint16_t b, int64_t k, bool eq) {
  static_assert(kType == Type::Bool || kType == Type::Int);
  const Value& x = R[b];
  if (x.type == kType) R[a] = Value::boolean(((kType == Type::Bool ? int64_t{x.b} : x.i) == k) == eq);
  else if (x.is_null()) R[a] = Value::boolean(!eq);
  else return false;
  return true;
}

WRIT_FAST bool iter_init(Value* R, uint16_t a, uint16_t b) {
  const Value& src = R[b];
  if (src.type == Type::List || src.type == Type::Map) R[a] = src;
  else if (src.type == Type::Null) R[a] = Value::list(nullptr, 0);
  else return false;
  R[a + 1] = Value::integer(-1);
  return true;
}

enum class Step { kItem, kEnd, kHandOver };
WRIT_FAST Step iter_next(const KeyTable& keys, Value* R, uint16_t a, uint16_t b, bool two) {
  const Value& coll = R[a];
  if ((coll.type != Type::List && coll.type != Type::Map) || R[a + 1].type != Type::Int) return Step::kHandOver;
  int64_t i = ++R[a + 1].i;
  if (static_cast<uint64_t>(i) >= coll.len) return Step::kEnd;
  auto j = static_cast<uint32_t>(i);
  if (coll.type == Type::List) {
    if (two) R[b] = Value::integer(i);
    Value* item = &R[two ? b + 1 : b];
    // A computed item is copied as 16 bytes: through list_at's `?:` GCC
    // copies it field by field, five loads and five stores. (Done in
    // list_at itself, for every caller, it measured worse: +117
    // instructions per pss/restricted evaluation here, +89 interpreted.)
    if (coll.rep == Value::kTree) *item = Value::of(coll.node->children + j);
    else std::memcpy(static_cast<void*>(item), &coll.items[j], sizeof(Value));
  } else {
    R[b] = map_key_value_at(coll, j, keys);
    if (two) R[b + 1] = map_value_at(coll, j);
  }
  return Step::kItem;
}

// Capacity of an arena list/map built by Append/MapSet: implicit, so the
// register needs no extra field. Grows when the length hits a power of two.
WRIT_FAST bool needs_growth(uint32_t len) { return len >= 4 && (len & (len - 1)) == 0; }
template <typename T>
inline T* grow(Arena& arena, const T* old, uint32_t len) {
  T* fresh = arena.allocate_array<T>(len * 2);
  std::memcpy(static_cast<void*>(fresh), old, sizeof(T) * len);
  return fresh;
}

WRIT_FAST void new_list(Arena& arena, Value* R, uint16_t a, uint32_t cap) {
  R[a] = Value::list(arena.allocate_array<Value>(cap), 0);
  R[a].flags = Value::kGrowable;
}
WRIT_FAST void new_map(Arena& arena, Value* R, uint16_t a, uint32_t cap) {
  R[a] = Value::map(arena.allocate_array<MapEntry>(cap), 0);
  R[a].flags = Value::kGrowable;
}
WRIT_FAST bool append(Arena& arena, Value* R, uint16_t a, uint16_t b) {
  Value& list = R[a];
  if (list.type != Type::List || !(list.flags & Value::kGrowable)) return false;
  auto* items = const_cast<Value*>(list.items);
  if (needs_growth(list.len)) items = grow(arena, items, list.len);
  items[list.len] = R[b];
  list.items = items;
  ++list.len;
  return true;
}

// Interpolation of strings only (anything else is displayed as JSON by the
// interpreter), charged like the interpreter: one step per 16 bytes.
WRIT_FAST bool concat(Arena& arena, Value* R, uint16_t a, uint16_t b, uint16_t n, uint64_t* budget) {
  const Value* parts = &R[b];
  size_t size = 0;
  for (uint16_t j = 0; j < n; ++j) {
    if (parts[j].type != Type::String) return false;
    size += parts[j].len;
  }
  if (*budget < size / 16) return false;
  std::string_view text;
  if (size != 0) {
    char* out = static_cast<char*>(arena.allocate(size, 1));
    char* p = out;
    for (uint16_t j = 0; j < n; ++j) {
      if (parts[j].len != 0) copy_bytes(p, parts[j].s, parts[j].len);  // an empty part may have no bytes
      p += parts[j].len;
    }
    text = {out, size};
  }
  *budget -= size / 16;
  R[a] = Value::string(text);
  return true;
}

}  // namespace compiled
}  // namespace writ

// The two macros every generated function uses (`budget` and `at` in
// scope, and the exit `out_of_steps:` that hands the frame over with
// `at` and `budget`). WRIT_STEPS charges the n instructions of a run at
// its first, `pc`; when fewer steps are left the interpreter runs it
// instead, instruction by instruction, and stops where it runs out. A run
// never holds a call or anything else that charges (emit_cpp.cpp), so no
// code sees the budget lower than the interpreter would. WRIT_HAND_OVER
// hands instruction `pc` over, refunding the `charged` steps taken ahead
// for it and the rest of its run.
#define WRIT_STEPS(pc, n)                   \
  do {                                      \
    if (__builtin_expect(budget < (n), 0)) { \
      at = pc;                              \
      goto out_of_steps;                    \
    }                                       \
    budget -= (n);                          \
  } while (0)
#define WRIT_HAND_OVER(pc, charged) \
  do {                              \
    at = pc;                        \
    budget += (charged);            \
    goto out_of_steps;              \
  } while (0)
