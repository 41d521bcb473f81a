// The dispatch loop. One case per opcode, about ten lines each; anything
// longer is a named slow path (operators.cpp, paths below), as in Lua's
// lvm.c. Dispatch is computed goto (GCC/Clang): one indirect jump per
// instruction, each with its own branch-predictor slot. The fast paths that
// compiled code shares are in compiled_code.hpp, so both do the same.
#include "runtime/vm/interpreter.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include "runtime/value/document.hpp"
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/vm/compiled_code.hpp"
#include "runtime/vm/native.hpp"
#include "runtime/vm/operators.hpp"

namespace writ {

namespace {

// Error messages are built out of the dispatch loop: `err = prefix + a
// type`, in a function the compiler keeps apart (cold).
[[gnu::cold, gnu::noinline]] void type_error(std::string& err, const char* prefix, Type t) {
  err = prefix + a_type(t);
}
[[gnu::cold, gnu::noinline]] void field_error(std::string& err, const KeyTable& keys, KeyId id, Type t) {
  err = "cannot read field '" + std::string(keys.name(id)) + "' of " + a_type(t);
}
[[gnu::cold, gnu::noinline]] void native_error(std::string& err, const std::string& name, const std::string& why) {
  err = name + ": " + why;
}

// GetField's steps on any value: a map (tree or computed), null, or an
// error naming the field.
bool field_step(const KeyTable& keys, std::string& err, const Value& src, KeyId id, Value* out) {
  if (src.type == Type::Map) {
    if (!map_get(src, id, out)) *out = Value::null();
    return true;
  }
  if (src.type == Type::Null) {
    *out = Value::null();
    return true;
  }
  field_error(err, keys, id, src.type);
  return false;
}

// GetField2 and GetField3 off their fast path: GetField steps. On an error,
// *failed is the step that failed: the instruction word whose span the
// error reports (the GetField2/3 for the first key, a KeyArg for the others).
__attribute__((noinline)) bool field_path(const KeyTable& keys, std::string& err, const Value& src,
                                          std::initializer_list<KeyId> ids, Value* out, size_t* failed) {
  Value v = src;
  size_t step = 0;
  for (KeyId id : ids) {
    if (!field_step(keys, err, v, id, &v)) {
      *failed = step;
      return false;
    }
    ++step;
  }
  *out = v;
  return true;
}

// Concat with a part that is not a string (shown as JSON), in `buf`.
__attribute__((noinline)) std::string_view display_all(std::string& buf, const Value* parts, uint16_t n) {
  buf.clear();
  for (uint16_t j = 0; j < n; ++j) append_display(buf, parts[j]);
  return buf;
}

// MapSet's work, out of the dispatch loop (rare: `{message: ..., offender:
// ...}` literals). A constant key knows its id; others are looked up.
__attribute__((noinline)) void map_set(Arena& arena, const KeyTable& keys, Value& map, const Value& key,
                                       const Value& value) {
  auto* entries = const_cast<MapEntry*>(map.entries);
  for (uint32_t j = 0; j < map.len; ++j)
    if (entries[j].key_str() == key.str()) {
      entries[j].value = value;
      return;
    }
  if (compiled::needs_growth(map.len)) entries = compiled::grow(arena, entries, map.len);
  KeyId id = key.key_hint() != kNoKey ? key.key_hint() : keys.find(key.str());
  entries[map.len] = MapEntry{key.s, key.len, id, value};
  map.entries = entries;
  ++map.len;
}

// Copies the steps of `suffix` to `out`, with the keys and indexes computed
// at run time (`at xs[i]`) filled in from their registers.
void resolve_steps(EvalContext& ctx, const PathSuffix& suffix, const Value* regs, PathStep* out) {
  for (size_t i = 0; i < suffix.steps.size(); ++i) {
    PathStep& s = out[i];
    s = suffix.steps[i];
    if (s.reg < 0) continue;
    const Value& v = regs[s.reg];
    if (v.type == Type::Int) {
      s.is_index = true;
      s.index = v.i;
    } else {
      s.is_index = false;
      s.key = v.type == Type::String ? std::string(v.str()) : to_json(v);
      s.id = ctx.plan().program().keys.find(s.key);
    }
  }
}

// Walks `steps` down from the anchor as far as the values go, then spells
// the rest: the path of `at spec.hostNetwork` is right even when the field
// is absent, and `at cap` names the list item itself. The anchor may be a
// computed value (the Pod that autogen builds from a template) whose
// fields are document nodes: the walk continues on the nodes.
std::string_view spell_path(EvalContext& ctx, std::string& buf, Value anchor, const Node* node, const PathStep* steps,
                            size_t n) {
  size_t k = 0;
  if (node == nullptr) {
    for (; anchor.rep == Value::kComputed && k < n; ++k) {
      const PathStep& s = steps[k];
      Value next;
      bool found = false;
      if (s.is_index && anchor.type == Type::List) {
        int64_t i = s.index < 0 ? s.index + anchor.len : s.index;
        if (i >= 0 && i < anchor.len) { next = anchor.items[i]; found = true; }
      } else if (!s.is_index && anchor.type == Type::Map) {
        found = map_get(anchor, s.id, &next);
      }
      if (!found) break;
      anchor = next;
    }
    if (anchor.rep == Value::kTree) node = anchor.node;
  }
  for (; node != nullptr && k < n; ++k) {
    const PathStep& s = steps[k];
    const Node* next = nullptr;
    if (s.is_index && node->type == Type::List) {
      int64_t i = s.index < 0 ? s.index + node->len : s.index;
      if (i >= 0 && i < node->len) next = node->children + i;
    } else if (!s.is_index && node->type == Type::Map && s.id != kNoKey) {
      next = node->field(s.id);
    }
    if (next == nullptr) break;
    node = next;
  }
  const KeyTable& keys = ctx.plan().program().keys;
  PathBuffer path;
  path.node_path(node, ctx.input().path_root);
  for (size_t j = k; j < n && path.ok(); ++j) {
    const PathStep& s = steps[j];
    if (s.is_index) path.index(static_cast<uint32_t>(s.index));
    else if (s.id != kNoKey) path.step(keys.path_step(s.id));
    else path.fail();  // a key the table does not know: spelled below
  }
  if (path.ok()) return ctx.arena().copy(path.view());
  // Any other path, into the reused string: no allocation either.
  buf.clear();
  append_field_path(buf, node, ctx.input().path_root);
  for (; k < n; ++k) {
    const PathStep& s = steps[k];
    if (s.is_index) append_path_index(buf, static_cast<uint32_t>(s.index));
    else if (s.id != kNoKey) append_path_step(buf, keys.path_step(s.id));
    else append_path_key(buf, s.key);
  }
  return ctx.arena().copy(buf);
}

// A path with a step computed at run time (`at xs[i]`): its steps are
// copied with the keys and indexes filled in from their registers.
__attribute__((noinline)) std::string_view spell_dynamic_path(EvalContext& ctx, std::string& buf, Value anchor,
                                                              const Node* node, const PathSuffix& suffix,
                                                              const Value* regs) {
  size_t n = suffix.steps.size();
  std::optional<std::array<PathStep, 8>> few;  // on the stack up to 8 steps
  std::vector<PathStep> many;
  PathStep* steps = n <= 8 ? few.emplace().data() : (many.resize(n), many.data());
  resolve_steps(ctx, suffix, regs, steps);
  return spell_path(ctx, buf, anchor, node, steps, n);
}

std::string_view build_path(EvalContext& ctx, std::string& buf, Value anchor, const Node* node,
                            const PathSuffix& suffix, const Value* regs) {
  for (const PathStep& s : suffix.steps)
    if (s.reg >= 0) return spell_dynamic_path(ctx, buf, anchor, node, suffix, regs);
  return spell_path(ctx, buf, anchor, node, suffix.steps.data(), suffix.steps.size());
}

}  // namespace

// R[a] := native call CALL[site] on R[a+1 ...], through the evaluation's memo
// for natives that ask for one. On kFailed the error is in ctx.native_error_.
[[gnu::always_inline]] inline CompiledCode::CallOutcome CompiledCode::call_site(EvalContext& ctx, const Program& prog,
                                                                              const Function& fn, uint32_t site,
                                                                              Value* R, uint16_t a, uint64_t* budget) {
  const CallSite& cs = fn.calls[site];
  const NativeBinding& nb = prog.natives[cs.target];
  const void* memo_key = nb.memoize ? memo_key_of(R[a + 1]) : nullptr;
  if (memo_key != nullptr && memo_find(ctx, nb.fn, memo_key, &R[a])) return CallOutcome::kOk;
  NativeCall call{ctx, &R[a + 1], cs.argc,
                  cs.prepared >= 0 ? prog.prepared[static_cast<size_t>(cs.prepared)].object.get() : nullptr,
                  Value::null(), nb.data};
  ctx.remaining_ = *budget;
  ctx.native_error_.clear();
  bool ok = nb.fn(call);
  *budget = ctx.remaining_;
  if (!ok) return *budget == 0 ? CallOutcome::kOutOfBudget : CallOutcome::kFailed;
  R[a] = call.result;
  if (memo_key != nullptr && ctx.memo_count_ < EvalContext::kMemoSize)
    ctx.memo_[ctx.memo_count_++] = EvalContext::MemoEntry{nb.fn, memo_key, call.result};
  return CallOutcome::kOk;
}

bool CompiledCode::call_native(EvalContext& ctx, const Function& fn, uint32_t site, Value* R, uint16_t a,
                               uint64_t budget) {
  uint64_t left = budget;
  bool ok = call_site(ctx, ctx.plan_->program(), fn, site, R, a, &left) == CallOutcome::kOk;
  ctx.remaining_ = ok ? left : budget;  // failed: the interpreter redoes the call and reports it
  return ok;
}

void CompiledCode::path_of(EvalContext& ctx, Value* R, uint16_t a, uint16_t b, uint16_t path) {
  R[a] = Value::string(build_path(ctx, ctx.scratch_, R[b], nullptr, ctx.plan_->program().paths[path], R));
}

void CompiledCode::path_of_item(EvalContext& ctx, Value* R, uint16_t a, uint16_t b, uint16_t path) {
  const Node* node = iterated_node(R[b], R[b + 1]);
  R[a] = Value::string(build_path(ctx, ctx.scratch_, Value::null(), node, ctx.plan_->program().paths[path], R));
}

bool CompiledCode::map_set(EvalContext& ctx, Value* R, uint16_t a, uint16_t b, uint16_t c) {
  Value& map = R[a];
  const Value& key = R[b];
  if (map.type != Type::Map || !(map.flags & Value::kGrowable) || key.type != Type::String) return false;
  writ::map_set(ctx.arena_, ctx.plan_->program().keys, map, key, R[c]);
  return true;
}

void CompiledCode::emit(EvalContext& ctx, const Value* R, uint16_t a, uint32_t site_index) {
  const ViolationSite& site = ctx.plan_->program().sites[site_index];
  const Value& msg = R[a];
  std::string_view text;
  if (msg.type == Type::String) {
    text = msg.str();
  } else {
    ctx.scratch_.clear();
    append_display(ctx.scratch_, msg);
    text = ctx.arena_.copy(ctx.scratch_);
  }
  std::string_view why = ctx.pending_site_ == site_index ? ctx.pending_explanation_ : std::string_view();
  ctx.decision_.violations.push_back(Violation{site.rule, site_index, site.action, text, R[a + 1].str(), why});
}

bool Interpreter::run_from(EvalContext& ctx, const Function& fn, Value* R, Value* result, size_t pc) {
  const Program& prog = ctx.plan_->program();
  const Insn* code = fn.code.data();
  const Insn* ip = code + pc;
  const Value* K = prog.constants.data();
  uint64_t budget = ctx.remaining_;
  // In the context, not a local: the dispatch loop then has no object to
  // destroy, and the compiler keeps more of its state in registers.
  std::string& err = ctx.vm_error_;

#define FAIL_AT(msg_expr)                     \
  do {                                        \
    err = (msg_expr);                         \
    goto fail;                                \
  } while (0)
#define FAIL_TYPE(prefix, type)               \
  do {                                        \
    type_error(err, prefix, type);            \
    goto fail;                                \
  } while (0)

  static const void* const kDispatch[] = {
#define WRIT_OP_LABEL(name, fmt, doc) &&op_##name,
      WRIT_OPCODES(WRIT_OP_LABEL)
#undef WRIT_OP_LABEL
  };
  Insn in;
#define DISPATCH()                                  \
  do {                                              \
    if (__builtin_expect(budget == 0, 0)) goto out_of_budget; \
    --budget;                                       \
    in = *ip++;                                     \
    goto *kDispatch[static_cast<size_t>(in.op())];  \
  } while (0)

  DISPATCH();

op_LoadNull:
  R[in.a()] = Value::null();
  DISPATCH();
op_LoadBool:
  R[in.a()] = Value::boolean(in.b() != 0);
  DISPATCH();
op_ClearFlags:
  for (Value *r = R + in.a(), *end = r + in.b(); r != end; ++r) *r = Value::boolean(false);
  DISPATCH();
op_LoadInt:
  R[in.a()] = Value::integer(in.sbc());
  DISPATCH();
op_LoadConst:
  R[in.a()] = K[in.bc()];
  DISPATCH();
op_Move:
  R[in.a()] = R[in.b()];
  DISPATCH();
op_LoadInput: {
  const EvalInput& inp = *ctx.input_;
  switch (static_cast<InputSlot>(in.b())) {
    case InputSlot::kObject: R[in.a()] = inp.object; break;
    case InputSlot::kOldObject: R[in.a()] = inp.old_object; break;
    case InputSlot::kRequest: R[in.a()] = inp.request; break;
    case InputSlot::kNamespaceObject: R[in.a()] = inp.namespace_object; break;
    case InputSlot::kEvent: R[in.a()] = inp.event; break;
    case InputSlot::kInventory: R[in.a()] = inp.inventory ? inp.inventory->value() : Value::null(); break;
    default: R[in.a()] = Value::null(); break;
  }
  DISPATCH();
}
op_LoadParam:
  R[in.a()] = ctx.plan_->param(in.b());
  DISPATCH();
op_GetField:
  if (!compiled::get_field(R, in.a(), in.b(), in.c()) && !field_step(prog.keys, err, R[in.b()], in.c(), &R[in.a()]))
    goto fail;
  DISPATCH();
op_GetField2: {
  // x.f.g: the common case (a tree map whose f is a tree map or absent)
  // without storing and reloading x.f; anything else takes field_path().
  const Value& src = R[in.b()];
  KeyId second = ip->c();
  ++ip;  // the KeyArg word
  if (src.type == Type::Map && src.rep == Value::kTree) {
    const Node* mid = src.node->field(in.c());
    if (mid == nullptr) {
      R[in.a()] = Value::null();
      DISPATCH();
    }
    if (mid->type == Type::Map) {
      const Node* n = mid->field(second);
      R[in.a()] = n ? Value::of(n) : Value::null();
      DISPATCH();
    }
  }
  if (size_t step; !field_path(prog.keys, err, src, {in.c(), second}, &R[in.a()], &step)) {
    ip = ip - 2 + step + 1;  // fail reports the span of ip[-1]: the word of the failed step
    goto fail;
  }
  DISPATCH();
}
op_GetField3: {
  // x.f.g.h: as GetField2, one more step.
  const Value& src = R[in.b()];
  KeyId second = ip[0].c(), third = ip[1].c();
  ip += 2;  // the KeyArg words
  if (src.type == Type::Map && src.rep == Value::kTree) {
    const Node* n = src.node->field(in.c());
    if (n != nullptr && n->type == Type::Map) n = n->field(second);
    else if (n != nullptr) goto get_field3_slow;
    if (n != nullptr && n->type == Type::Map) n = n->field(third);
    else if (n != nullptr) goto get_field3_slow;
    R[in.a()] = n ? Value::of(n) : Value::null();
    DISPATCH();
  }
get_field3_slow:
  if (size_t step; !field_path(prog.keys, err, src, {in.c(), second, third}, &R[in.a()], &step)) {
    ip = ip - 3 + step + 1;
    goto fail;
  }
  DISPATCH();
}
op_KeyArg:
  FAIL_AT("corrupt program: a KeyArg run as an instruction");
op_GetIndex:
  if (!compiled::get_index(R, in.a(), in.b(), in.c(), &err)) goto fail;
  DISPATCH();
op_Slice:
  if (!slice_value(R[in.b()], R[in.c()], R[in.c() + 1], ctx.arena_, &R[in.a()], &err)) goto fail;
  DISPATCH();
op_Not: {
  const Value& v = R[in.b()];
  if (!compiled::is_condition(v)) FAIL_TYPE("'not' needs a bool, got ", v.type);
  R[in.a()] = Value::boolean(!v.is_true());
  DISPATCH();
}
op_Truth: {
  const Value& v = R[in.b()];
  if (!compiled::is_condition(v)) FAIL_TYPE("a condition must be a bool, got ", v.type);
  R[in.a()] = Value::boolean(v.is_true());
  DISPATCH();
}
  // The `len` built-in without a native call (the most called one), and
  // `len(x) > 0` as NotEmpty.
#define LENGTH(not_empty)                                           \
  if (!compiled::length(R, in.a(), in.b(), not_empty))              \
    FAIL_TYPE("len: len needs a string, list or map, got ", R[in.b()].type); \
  DISPATCH();
op_Len:
  LENGTH(false);
op_NotEmpty:
  LENGTH(true);
#undef LENGTH
op_Neg:
  if (!negate(R[in.b()], &R[in.a()], &err)) goto fail;
  DISPATCH();
op_Add:
op_Sub:
op_Mul:
op_Div:
op_Mod:
  if (!arith(in.op(), R[in.b()], R[in.c()], ctx.arena_, &R[in.a()], &err)) goto fail;
  DISPATCH();
op_Eq:
  if (!equality(true, R[in.b()], R[in.c()], &R[in.a()], &err)) goto fail;
  DISPATCH();
op_Ne:
  if (!equality(false, R[in.b()], R[in.c()], &R[in.a()], &err)) goto fail;
  DISPATCH();
op_EqConst:
op_NeConst: {
  const Value& x = R[in.b()];
  const Value& k = K[in.c()];
  bool eq = in.op() == Op::EqConst;
  // Fast paths: a string field against a string constant (compared as
  // string_views: an empty string may have a null pointer, which memcmp
  // must not be given even for 0 bytes), a bool against a bool, an absent
  // field, a field against null (`x != null`), two ints. Two strings that
  // both know their KeyTable id are equal exactly when the ids are. The rest,
  // type errors included, in equality().
  if (x.type == Type::String && k.type == Type::String) {
    bool same = x.flags != kNoKey && k.flags != kNoKey ? x.flags == k.flags : x.str() == k.str();
    R[in.a()] = Value::boolean(same == eq);
  } else if (x.type == Type::Bool && k.type == Type::Bool)
    R[in.a()] = Value::boolean((x.b == k.b) == eq);
  else if (x.is_null() || k.is_null())
    R[in.a()] = Value::boolean((x.is_null() && k.is_null()) == eq);
  else if (x.type == Type::Int && k.type == Type::Int)
    R[in.a()] = Value::boolean((x.i == k.i) == eq);
  else if (!equality(eq, x, k, &R[in.a()], &err))
    goto fail;
  DISPATCH();
}
  // Two ints (`len(x) > 0`) compare here; the rest in order().
#define ORDER(cmp)                                                   \
  do {                                                               \
    const Value& x = R[in.b()];                                      \
    const Value& y = R[in.c()];                                      \
    if (x.type == Type::Int && y.type == Type::Int) {                \
      R[in.a()] = Value::boolean(x.i cmp y.i);                       \
      DISPATCH();                                                    \
    }                                                                \
    if (!order(in.op(), x, y, &R[in.a()], &err)) goto fail;          \
    DISPATCH();                                                      \
  } while (0)
op_Lt:
  ORDER(<);
op_Le:
  ORDER(<=);
op_Gt:
  ORDER(>);
op_Ge:
  ORDER(>=);
#undef ORDER
op_In:
  if (!membership(R[in.b()], R[in.c()], &R[in.a()], &err)) goto fail;
  DISPATCH();
op_InSet:
  R[in.a()] = Value::boolean(prog.sets[in.c()].contains(R[in.b()]));
  DISPATCH();
op_Jump:
  ip += in.sbc();
  DISPATCH();
op_JumpIfFalse: {
  const Value& v = R[in.a()];
  if (!v.is_true()) {
    if (!compiled::is_condition(v)) FAIL_TYPE("a condition must be a bool, got ", v.type);
    ip += in.sbc();
  }
  DISPATCH();
}
op_JumpIfTrue: {
  const Value& v = R[in.a()];
  if (v.is_true()) ip += in.sbc();
  else if (!compiled::is_condition(v)) FAIL_TYPE("a condition must be a bool, got ", v.type);
  DISPATCH();
}
op_JumpIfNotNull:
  if (!R[in.a()].is_null()) ip += in.sbc();
  DISPATCH();
op_Force:
  if (!R[in.a()].is_true()) {
    R[in.a()] = Value::integer(ip - code);
    ip += in.sbc();
  }
  DISPATCH();
op_Resume: {
  // The return address comes from a register: checked, as a forged bundle
  // could put anything there.
  const Value& back = R[in.a()];
  if (back.type != Type::Int || back.i < 0 || static_cast<size_t>(back.i) >= fn.code.size())
    FAIL_AT("corrupt program: Resume without its Force");
  ip = code + back.i;
  R[in.a()] = Value::boolean(true);
  DISPATCH();
}
op_IterInit:
  if (!compiled::iter_init(R, in.a(), in.b())) FAIL_TYPE("cannot iterate over ", R[in.b()].type);
  DISPATCH();
  // IterInit made R[a] a list or map and R[a+1] an int; checked all the
  // same (two predictable branches) so that forged bytecode cannot index
  // past a collection. Two handlers: `two` is then a constant in each.
#define ITER_NEXT(two)                                                            \
  switch (compiled::iter_next(prog.keys, R, in.a(), in.b(), two)) {               \
    case compiled::Step::kItem: DISPATCH();                                       \
    case compiled::Step::kEnd: ip += in.sc(); DISPATCH();                         \
    case compiled::Step::kHandOver: FAIL_AT("corrupt program: IterNext without IterInit"); \
  }
op_IterNext:
  ITER_NEXT(false);
op_IterNext2:
  ITER_NEXT(true);
#undef ITER_NEXT
op_NewList:
  compiled::new_list(ctx.arena_, R, in.a(), in.b() < 4 ? 4 : in.b());
  DISPATCH();
op_Append:
  if (!compiled::append(ctx.arena_, R, in.a(), in.b())) FAIL_AT("corrupt program: Append to a list NewList did not make");
  DISPATCH();
op_NewMap:
  compiled::new_map(ctx.arena_, R, in.a(), in.b() < 4 ? 4 : in.b());
  DISPATCH();
op_MapSet: {
  const Value& map = R[in.a()];
  if (map.type != Type::Map || !(map.flags & Value::kGrowable))
    FAIL_AT("corrupt program: MapSet on a map NewMap did not make");
  if (!CompiledCode::map_set(ctx, R, in.a(), in.b(), in.c()))
    FAIL_TYPE("a map key must be a string, got ", R[in.b()].type);
  DISPATCH();
}
op_Concat:
  // Strings are sized first and copied once, into the arena; a part of
  // another type is displayed as JSON, through the scratch buffer.
  if (!compiled::concat(ctx.arena_, R, in.a(), in.b(), in.c(), &budget)) {
    std::string_view text = display_all(ctx.scratch_, &R[in.b()], in.c());
    if (budget < text.size() / 16) goto out_of_budget;
    budget -= text.size() / 16;
    R[in.a()] = Value::string(ctx.arena_.copy(text));
  }
  DISPATCH();
op_Call:
  switch (CompiledCode::call_site(ctx, prog, fn, in.bc(), R, in.a(), &budget)) {
    case CompiledCode::CallOutcome::kOk: DISPATCH();
    case CompiledCode::CallOutcome::kOutOfBudget: goto out_of_budget;
    case CompiledCode::CallOutcome::kFailed:
      native_error(err, prog.natives[fn.calls[in.bc()].target].name, ctx.native_error_);
      goto fail;
  }
op_CallFn: {
  const CallSite& cs = fn.calls[in.bc()];
  ctx.remaining_ = budget;
  if (!run(ctx, prog.functions[cs.target], &R[in.a() + 1], &R[in.a()])) return false;
  budget = ctx.remaining_;
  DISPATCH();
}
op_Return:
  *result = R[in.a()];
  ctx.remaining_ = budget;
  return true;
op_PathOf:
  CompiledCode::path_of(ctx, R, in.a(), in.b(), in.c());
  DISPATCH();
op_PathOfItem:
  CompiledCode::path_of_item(ctx, R, in.a(), in.b(), in.c());
  DISPATCH();
op_Emit:
  CompiledCode::emit(ctx, R, in.a(), in.bc());
  DISPATCH();
op_Probe:
  if (ctx.options_.explain) {
    ctx.remaining_ = budget;
    ctx.probe(in.bc(), R[in.a()], R);
    budget = ctx.remaining_;
  }
  DISPATCH();
op_Halt:
  *result = Value::null();
  ctx.remaining_ = budget;
  return true;

out_of_budget: {
  ctx.remaining_ = 0;
  EvalFailure& f = ctx.failure_;
  f.code = StatusCode::kBudgetExceeded;
  f.message = "evaluation budget of " + std::to_string(ctx.options_.budget) + " steps exceeded";
  size_t pc = static_cast<size_t>(ip - code) - (ip > code ? 1 : 0);
  f.span = pc < fn.spans.size() ? fn.spans[pc] : Span{};
  return false;
}
fail: {
  ctx.remaining_ = budget;
  EvalFailure& f = ctx.failure_;
  f.code = StatusCode::kEvalError;
  f.message = std::move(err);
  size_t pc = static_cast<size_t>(ip - code) - 1;
  f.span = pc < fn.spans.size() ? fn.spans[pc] : Span{};
  return false;
}
#undef DISPATCH
#undef FAIL_AT
#undef FAIL_TYPE
}

}  // namespace writ
