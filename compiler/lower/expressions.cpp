// Expressions → instructions. Every lowering writes its result to `dst`;
// operand() avoids a copy when the value already sits in a local's register.
#include "compiler/check/checker.hpp"
#include "compiler/lower/lowerer.hpp"
#include "runtime/value/ops.hpp"

namespace writ::lower {

using ast::Expr;
using ast::ExprKind;
using ast::Op;

bool Lowerer::is_constant(const Expr& e, Value* out, const FnCtx* c) {
  if ((e.kind == ExprKind::kName || e.kind == ExprKind::kMember) && e.sym.kind == ast::SymKind::kConst)
    return fold_constant(*u_.consts[e.sym.index].decl->value, p_->constant_arena(), &p_->keys, out);
  if (e.kind == ExprKind::kName && e.sym.kind == ast::SymKind::kLocal && c != nullptr) {
    auto it = c->constant_locals.find(c->local(e.sym.index));
    if (it == c->constant_locals.end()) return false;
    *out = it->second;
    return true;
  }
  // `allowed_v1_0() + ["more"]`: lists (and strings) grown version by
  // version are one constant, and `x in` them a hashed set.
  if (e.kind == ExprKind::kBinary && e.op == Op::kAdd) {
    Value x, y;
    if (!is_constant(*e.a, &x, c) || !is_constant(*e.b, &y, c) || x.type != y.type) return false;
    Arena& arena = p_->constant_arena();
    if (x.type == Type::List) {
      Value* items = arena.allocate_array<Value>(x.len + y.len);
      std::copy(x.items, x.items + x.len, items);
      std::copy(y.items, y.items + y.len, items + x.len);
      *out = Value::list(items, x.len + y.len);
      return true;
    }
    if (x.type == Type::String) {
      *out = Value::string(arena.copy(std::string(x.str()) + std::string(y.str())));
      return true;
    }
    return false;
  }
  // The body of a function without parameters reads no local of the caller.
  if (e.kind == ExprKind::kCall && e.sym.kind != ast::SymKind::kNative && e.items.empty() && !explain_ &&
      inlinable(e.sym.index))
    return is_constant(*u_.fns[e.sym.index].decl->body, out);
  switch (e.kind) {
    case ExprKind::kNull:
    case ExprKind::kBool:
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kString:
    case ExprKind::kList:
    case ExprKind::kMap:
      return fold_constant(e, p_->constant_arena(), &p_->keys, out);
    case ExprKind::kUnary:
      return e.op == Op::kNeg && fold_constant(e, p_->constant_arena(), &p_->keys, out);
    default:
      return false;
  }
}

// Lets are lazy: computed at their first use, never if unused, so an unused
// let's error is never reported. Values that are cheap and cannot fail are
// computed where they are bound instead (a flag would cost more): literals,
// names, and a field of an input (inputs are maps or null).
static bool cheap_and_safe(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kNull: case ExprKind::kBool: case ExprKind::kInt: case ExprKind::kFloat: case ExprKind::kString:
    case ExprKind::kName:
      return true;
    case ExprKind::kMember: return e.a->kind == ExprKind::kName && e.a->sym.kind == ast::SymKind::kInput;
    default: return false;
  }
}

bool Lowerer::is_lazy(uint32_t slot, const Expr& value, const FnCtx& c) {
  // Explain mode reads locals from probes that cannot force them: eager there.
  Value folded;
  return !(explain_ || c.eager.count(slot) != 0 || cheap_and_safe(value) || is_constant(value, &folded));
}

// A block's lazy lets get their flags where the block begins: n registers
// in a row, cleared by one instruction instead of one LoadBool per let.
// Nothing can force a let before its binding, so clearing early is the same;
// a loop body clears them on every iteration.
uint32_t Lowerer::clear_flags(uint32_t n, FnCtx& c) {
  uint32_t first = c.b->temp(n);
  if (n == 1) c.b->emit(writ::Op::LoadBool, first, 0);
  else if (n > 1) c.b->emit(writ::Op::ClearFlags, first, n);
  return first;
}

// Slots are unique within a function (the checker never reuses one), so a
// lazy entry stays valid to the function's end. A lazy let takes the next of
// the flags clear_flags() made; they live as long as the block, which is as
// long as anything can force the let.
void Lowerer::bind_let(uint32_t slot, const Expr& value, FnCtx& c, uint32_t& next_flag) {
  if (!is_lazy(slot, value, c)) {
    expr(value, slot, c);
    return;
  }
  c.lazy[slot] = FnCtx::Lazy{next_flag++, &value, {}, SIZE_MAX};
}

void Lowerer::force(uint32_t slot, FnCtx& c) {
  auto it = c.lazy.find(slot);
  if (it == c.lazy.end()) return;
  FnCtx::Lazy& lazy = it->second;
  // A placed block sits below the one forcing it (see emit_lazy_blocks).
  if (lazy.block != SIZE_MAX) c.b->fail("internal error: a let forced after its block was placed");
  lazy.forces.push_back(c.b->jump(writ::Op::Force, lazy.flag));
}

// Each block gets a window of registers of its own, above every register
// used before it. A Force may run with any temporaries live below its own
// window, and a call clobbers every register above its own: so a block must
// sit above the windows of every block that can force it. A let's value only
// names lets bound before it, which have lower slots: emitting the blocks
// from the highest slot down puts every forced block above its forcers.
void Lowerer::emit_lazy_blocks(FnCtx& c) {
  FunctionBuilder& b = *c.b;
  for (auto it = c.lazy.rbegin(); it != c.lazy.rend(); ++it) {
    auto& [slot, lazy] = *it;
    if (lazy.forces.empty()) continue;  // never used on any path
    lazy.block = b.here();
    for (size_t at : lazy.forces) b.patch(at, lazy.block);
    lazy.forces.clear();
    b.release(b.high_water());
    b.at(lazy.value->span);
    expr(*lazy.value, slot, c);  // may force lets of lower slots only
    b.emit(writ::Op::Resume, lazy.flag);
  }
}

// `x.f` that reads a field (not a package's constant or param).
static bool is_field_read(const Expr& e) {
  return e.kind == ExprKind::kMember && e.sym.kind != ast::SymKind::kConst && e.sym.kind != ast::SymKind::kParam;
}

// The `len` built-in, lowered to Len (or NotEmpty) instead of a native call.
static bool is_len_call(const Expr& e) {
  return e.kind == ExprKind::kCall && e.sym.kind == ast::SymKind::kNative && e.items.size() == 1 &&
         e.sym.native->module.empty() && e.sym.native->name == "len";
}

uint32_t Lowerer::operand(const Expr& e, FnCtx& c) {
  if (e.kind == ExprKind::kName && e.sym.kind == ast::SymKind::kLocal) {
    force(c.local(e.sym.index), c);
    return c.local(e.sym.index);
  }
  uint32_t r = c.b->temp();
  expr(e, r, c);
  return r;
}

uint32_t Lowerer::const_set(const Value& list) {
  p_->sets.push_back(ConstSet::of(std::span<const Value>(list.items, list.len)));
  return static_cast<uint32_t>(p_->sets.size() - 1);
}

// Built in dst itself, as comprehensions are (see loop_expr).
void Lowerer::literal_collection(const Expr& e, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  uint32_t mark = b.top();
  uint32_t acc = dst;
  if (e.kind == ExprKind::kList) {
    b.emit(writ::Op::NewList, acc, static_cast<uint32_t>(std::min<size_t>(e.items.size(), 0xffff)));
    for (const auto& item : e.items) {
      uint32_t save = b.top();
      uint32_t r = operand(*item, c);
      b.at(e.span);
      b.emit(writ::Op::Append, acc, r);
      b.release(save);
    }
  } else {
    b.emit(writ::Op::NewMap, acc, static_cast<uint32_t>(std::min<size_t>(e.entries.size(), 0xffff)));
    for (const auto& en : e.entries) {
      uint32_t save = b.top();
      uint32_t k = operand(*en.key, c);
      uint32_t v = operand(*en.value, c);
      b.at(en.key->span);
      b.emit(writ::Op::MapSet, acc, k, v);
      b.release(save);
    }
  }
  b.release(mark);
}

// Calls to small functions are inlined: a call costs a frame, a dispatch
// into the callee and back, and a Move of the result. Not in explain mode,
// whose probes are per function; 4 levels at most.
static size_t expr_size(const Expr& e) {
  size_t n = 1;
  for (const ast::ExprPtr* p : {&e.a, &e.b, &e.c, &e.d})
    if (*p) n += expr_size(**p);
  for (const auto& item : e.items) n += expr_size(*item);
  for (const auto& entry : e.entries) n += expr_size(*entry.key) + expr_size(*entry.value);
  return n;
}

bool Lowerer::inlinable(uint32_t fn) {
  auto it = inlinable_.find(fn);
  if (it != inlinable_.end()) return it->second;
  const ast::FnDecl& d = *u_.fns[fn].decl;
  bool ok = d.lets.empty() && expr_size(*d.body) <= 48;
  inlinable_[fn] = ok;
  return ok;
}

void Lowerer::inline_call(const Expr& e, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  const FnInfo& f = u_.fns[e.sym.index];
  uint32_t mark = b.top();
  // The callee's locals, params first: arguments are evaluated once, in
  // the caller's scope, as for a call.
  uint32_t base = b.temp(std::max<uint32_t>(f.decl->num_locals, 1));
  for (size_t i = 0; i < e.items.size(); ++i) {
    uint32_t save = b.top();
    auto r = base + static_cast<uint32_t>(i);
    const Expr& arg = *e.items[i];
    // Immutable while the body runs (not a lazy let, which a Force would
    // write): the param is the caller's register itself.
    if (arg.kind == ExprKind::kName && arg.sym.kind == ast::SymKind::kLocal && !c.lazy.count(c.local(arg.sym.index))) {
      c.aliases[r] = c.local(arg.sym.index);
      continue;
    }
    expr(*e.items[i], r, c);
    if (Value v; is_constant(*e.items[i], &v, &c)) c.constant_locals[r] = v;
    b.release(save);
  }
  // The body reads only its own locals (remapped above the caller's: they
  // never meet a caller's lazy let) and its own package's params.
  uint32_t saved_base = c.slot_base, saved_module = c.package_module;
  c.slot_base = base;
  c.package_module = f.module;
  ++c.inline_depth;
  expr(*f.decl->body, dst, c);
  c.slot_base = saved_base;
  c.package_module = saved_module;
  // The params' registers are released below: forget what they stood for
  // (nested inlined calls, above them, have forgotten theirs already).
  for (size_t i = 0; i < e.items.size(); ++i) {
    c.constant_locals.erase(base + static_cast<uint32_t>(i));
    c.aliases.erase(base + static_cast<uint32_t>(i));
  }
  --c.inline_depth;
  b.release(mark);
}

void Lowerer::call(const Expr& e, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  if (Value k; is_constant(e, &k, &c)) {
    b.emit_bc(writ::Op::LoadConst, dst, constant(k));
    return;
  }
  if (e.sym.kind != ast::SymKind::kNative && !explain_ && c.inline_depth < 4 && inlinable(e.sym.index)) {
    inline_call(e, dst, c);
    return;
  }
  uint32_t mark = b.top();
  auto argc = static_cast<uint32_t>(e.items.size());
  if (is_len_call(e)) {
    uint32_t src = operand(*e.items[0], c);
    b.at(e.span);
    b.emit(writ::Op::Len, dst, src);
    b.release(mark);
    return;
  }
  // The result lands in the call's base register: when dst is the newest
  // register, it can be the base (no Move after the call).
  uint32_t base = dst + 1 == mark ? dst : b.temp(1);
  b.temp(argc);
  for (uint32_t i = 0; i < argc; ++i) {
    uint32_t save = b.top();
    expr(*e.items[i], base + 1 + i, c);
    b.release(save);
  }
  b.at(e.span);
  CallSite cs;
  cs.argc = static_cast<uint16_t>(argc);
  if (e.sym.kind == ast::SymKind::kNative) {
    const NativeDescriptor* d = e.sym.native;
    cs.target = native_index(d);
    Value k;
    if (d->prepare != nullptr && d->prepare_arg >= 0 && static_cast<uint32_t>(d->prepare_arg) < argc &&
        is_constant(*e.items[static_cast<size_t>(d->prepare_arg)], &k)) {
      std::string err;
      auto obj = d->prepare(k, &err);
      if (obj == nullptr) {
        u_.diags.error(e.items[static_cast<size_t>(d->prepare_arg)]->span, d->qualified_name() + ": " + err);
      } else {
        p_->prepared.push_back(Prepared{std::move(obj), cs.target, constant(k)});
        cs.prepared = static_cast<int32_t>(p_->prepared.size() - 1);
      }
    }
    b.emit_bc(writ::Op::Call, base, b.call_site(cs));
  } else {
    cs.target = e.sym.index;
    b.emit_bc(writ::Op::CallFn, base, b.call_site(cs));
  }
  if (dst != base) b.emit(writ::Op::Move, dst, base);
  b.release(mark);
}

void Lowerer::binary(const Expr& e, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  uint32_t mark = b.top();
  if (Value k; e.op == Op::kAdd && is_constant(e, &k, &c)) {
    b.emit_bc(writ::Op::LoadConst, dst, constant(k));
    return;
  }
  // len(x) > 0, len(x) != 0: one instruction, and a bool for and/or.
  if (const Expr* x = nonempty_test(e)) {
    uint32_t r = operand(*x, c);
    b.at(e.span);
    b.emit(writ::Op::NotEmpty, dst, r);
    b.release(mark);
    return;
  }
  // x == "const": compare against the constant directly.
  if (e.op == Op::kEq || e.op == Op::kNe) {
    Value k;
    const Expr* var = nullptr;
    if (is_constant(*e.b, &k, &c) && k.type != Type::List && k.type != Type::Map) var = e.a.get();
    else if (is_constant(*e.a, &k, &c) && k.type != Type::List && k.type != Type::Map) var = e.b.get();
    if (var != nullptr) {
      uint32_t ki = constant(k);
      if (ki <= 0xffff) {
        uint32_t r = operand(*var, c);
        b.at(e.span);
        b.emit(e.op == Op::kEq ? writ::Op::EqConst : writ::Op::NeConst, dst, r, ki);
        b.release(mark);
        return;
      }
    }
  }
  // x in ["a", "b", ...]: a hashed set.
  if (e.op == Op::kIn || e.op == Op::kNotIn) {
    Value k;
    if (is_constant(*e.b, &k, &c) && k.type == Type::List && k.len > 0) {
      bool scalars = true;
      for (uint32_t j = 0; j < k.len; ++j) scalars = scalars && k.items[j].type != Type::List && k.items[j].type != Type::Map;
      if (scalars) {
        uint32_t r = operand(*e.a, c);
        b.at(e.span);
        b.emit(writ::Op::InSet, dst, r, const_set(k));
        if (e.op == Op::kNotIn) b.emit(writ::Op::Not, dst, dst);
        b.release(mark);
        return;
      }
    }
  }
  uint32_t ra = operand(*e.a, c);
  uint32_t rb = operand(*e.b, c);
  b.at(e.span);
  writ::Op op = writ::Op::Add;
  switch (e.op) {
    case Op::kAdd: op = writ::Op::Add; break;
    case Op::kSub: op = writ::Op::Sub; break;
    case Op::kMul: op = writ::Op::Mul; break;
    case Op::kDiv: op = writ::Op::Div; break;
    case Op::kMod: op = writ::Op::Mod; break;
    case Op::kEq: op = writ::Op::Eq; break;
    case Op::kNe: op = writ::Op::Ne; break;
    case Op::kLt: op = writ::Op::Lt; break;
    case Op::kLe: op = writ::Op::Le; break;
    case Op::kGt: op = writ::Op::Gt; break;
    case Op::kGe: op = writ::Op::Ge; break;
    case Op::kIn:
    case Op::kNotIn: op = writ::Op::In; break;
    default: break;
  }
  b.emit(op, dst, ra, rb);
  if (e.op == Op::kNotIn) b.emit(writ::Op::Not, dst, dst);
  b.release(mark);
}

// `len(x) > 0` or `len(x) != 0` (either way round): x, else null.
const Expr* Lowerer::nonempty_test(const Expr& e) {
  if (e.kind != ExprKind::kBinary) return nullptr;
  auto is_zero = [&](const Expr& x) {
    Value k;
    return is_constant(x, &k) && k.type == Type::Int && k.i == 0;
  };
  if ((e.op == Op::kGt || e.op == Op::kNe) && is_len_call(*e.a) && is_zero(*e.b)) return e.a->items[0].get();
  if ((e.op == Op::kLt || e.op == Op::kNe) && is_zero(*e.a) && is_len_call(*e.b)) return e.b->items[0].get();
  return nullptr;
}

// Does `e` always evaluate to a bool (or fail)? Then an and/or operand
// needs no Truth instruction to make it one: equality (across types it is
// an error), membership, not, and/or, any/all, a bool literal, a ternary
// of two such, a call of a user function whose result is one, `len(x) > 0`.
// Not `<` in general: null when an operand is null.
bool Lowerer::always_bool(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kBool: return true;
    case ExprKind::kCond: return always_bool(*e.b) && always_bool(*e.c);
    case ExprKind::kCall:  // the checker refuses recursion: this ends
      return e.sym.kind != ast::SymKind::kNative && always_bool(*u_.fns[e.sym.index].decl->body);
    case ExprKind::kUnary: return e.op == Op::kNot;
    case ExprKind::kQuant: return e.quant != ast::Quant::kCount;
    case ExprKind::kBinary:
      return nonempty_test(e) != nullptr || e.op == Op::kEq || e.op == Op::kNe || e.op == Op::kIn || e.op == Op::kNotIn || e.op == Op::kAnd ||
             e.op == Op::kOr;
    default: return false;
  }
}

// A condition as control flow: jumps taken when truth(e) == when, added to
// `out` for the caller to patch; falls through otherwise. `and`, `or` and
// `not` become jumps instead of a bool in a register: no Not, and no second
// test of an `and` that already failed. The errors are those of the value
// form: JumpIfFalse refuses a non-bool like Truth does, and JumpIfTrue (which
// does not check) gets a Truth first unless e is always a bool.
void Lowerer::branch(const Expr& e, bool when, std::vector<size_t>& out, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  if (e.kind == ExprKind::kBinary && (e.op == Op::kAnd || e.op == Op::kOr)) {
    if ((e.op == Op::kAnd) != when) {  // `a and b` false, `a or b` true: either side decides
      branch(*e.a, when, out, c);
      branch(*e.b, when, out, c);
    } else {  // `a and b` true, `a or b` false: the left side can only rule it out
      std::vector<size_t> past;
      branch(*e.a, !when, past, c);
      branch(*e.b, when, out, c);
      for (size_t j : past) b.patch_to_here(j);
    }
    return;
  }
  if (e.kind == ExprKind::kUnary && e.op == Op::kNot && always_bool(*e.a)) {
    branch(*e.a, !when, out, c);
    return;
  }
  uint32_t mark = b.top();
  uint32_t r = operand(e, c);
  b.at(e.span);
  if (!when) {
    out.push_back(b.jump(writ::Op::JumpIfFalse, r));
  } else {
    if (!always_bool(e)) {
      uint32_t t = b.temp();
      b.emit(writ::Op::Truth, t, r);
      r = t;
    }
    out.push_back(b.jump(writ::Op::JumpIfTrue, r));
  }
  b.release(mark);
}

void Lowerer::logic(const Expr& e, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  switch (e.op) {
    case Op::kAnd:
    case Op::kOr: {
      expr(*e.a, dst, c);
      b.at(e.a->span);
      if (!always_bool(*e.a)) b.emit(writ::Op::Truth, dst, dst);
      size_t j = b.jump(e.op == Op::kAnd ? writ::Op::JumpIfFalse : writ::Op::JumpIfTrue, dst);
      expr(*e.b, dst, c);
      b.at(e.b->span);
      if (!always_bool(*e.b)) b.emit(writ::Op::Truth, dst, dst);
      b.patch_to_here(j);
      return;
    }
    case Op::kCoalesce: {
      expr(*e.a, dst, c);
      size_t j = b.jump(writ::Op::JumpIfNotNull, dst);
      expr(*e.b, dst, c);
      b.patch_to_here(j);
      return;
    }
    default:
      return;
  }
}

// Quantifiers and comprehensions: one loop over the collection.
// The result is built in dst itself (no Move at the end): dst is a fresh
// temporary or the register of the let or param being bound, which the
// comprehension cannot read.
void Lowerer::loop_expr(const Expr& e, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  uint32_t mark = b.top();
  uint32_t acc = dst;
  b.at(e.span);
  switch (e.kind) {
    case ExprKind::kQuant:
      if (e.quant == ast::Quant::kCount) b.emit(writ::Op::LoadInt, acc);
      else b.emit(writ::Op::LoadBool, acc, e.quant == ast::Quant::kAll ? 1 : 0);
      break;
    case ExprKind::kListComp: b.emit(writ::Op::NewList, acc, 0); break;
    default: b.emit(writ::Op::NewMap, acc, 0); break;
  }
  uint32_t coll = operand(*e.b, c);
  uint32_t it = b.temp(2);
  b.at(e.b->span);
  b.emit(writ::Op::IterInit, it, coll);
  for (uint32_t slot : e.var_slots) c.iter_of[c.local(slot)] = it;
  size_t loop = b.here();
  size_t next = b.emit(Insn::make(e.vars.size() == 2 ? writ::Op::IterNext2 : writ::Op::IterNext, static_cast<uint16_t>(it),
                                  static_cast<uint16_t>(c.local(e.var_slots[0])), 0));
  std::vector<size_t> to_done, to_next;  // to_next: back to IterNext
  if (e.kind == ExprKind::kQuant) {
    // any: on to the next item while the body is false; all: while true.
    branch(*e.a, e.quant == ast::Quant::kAll, to_next, c);
    b.at(e.a->span);
    if (e.quant == ast::Quant::kAny) {
      b.emit(writ::Op::LoadBool, acc, 1);
      to_done.push_back(b.jump(writ::Op::Jump));
    } else if (e.quant == ast::Quant::kAll) {
      b.emit(writ::Op::LoadBool, acc, 0);
      to_done.push_back(b.jump(writ::Op::Jump));
    } else {
      uint32_t one = b.temp();
      b.emit_bc(writ::Op::LoadInt, one, 1);
      b.emit(writ::Op::Add, acc, acc, one);
      b.jump_back(writ::Op::Jump, 0, loop);
    }
  } else {
    if (e.c) {
      branch(*e.c, false, to_next, c);
      b.at(e.c->span);
    }
    if (e.kind == ExprKind::kListComp) {
      uint32_t v = operand(*e.a, c);
      b.at(e.span);
      b.emit(writ::Op::Append, acc, v);
    } else {
      uint32_t k = operand(*e.a, c);
      uint32_t v = operand(*e.d, c);
      b.at(e.span);
      b.emit(writ::Op::MapSet, acc, k, v);
    }
    b.jump_back(writ::Op::Jump, 0, loop);
  }
  for (size_t j : to_next) b.patch(j, loop);
  b.patch_to_here(next);
  for (size_t j : to_done) b.patch_to_here(j);
  for (uint32_t slot : e.var_slots) c.iter_of.erase(c.local(slot));
  b.release(mark);
}

void Lowerer::expr(const Expr& e, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  Span saved = b.span();
  b.at(e.span);
  Value k;
  switch (e.kind) {
    case ExprKind::kNull: b.emit(writ::Op::LoadNull, dst); break;
    case ExprKind::kBool: b.emit(writ::Op::LoadBool, dst, e.bool_value ? 1 : 0); break;
    case ExprKind::kInt:
      if (e.int_value >= INT32_MIN && e.int_value <= INT32_MAX)
        b.emit_bc(writ::Op::LoadInt, dst, static_cast<uint32_t>(static_cast<int32_t>(e.int_value)));
      else
        b.emit_bc(writ::Op::LoadConst, dst, constant(Value::integer(e.int_value)));
      break;
    case ExprKind::kFloat: b.emit_bc(writ::Op::LoadConst, dst, constant(Value::real(e.float_value))); break;
    case ExprKind::kString: b.emit_bc(writ::Op::LoadConst, dst, constant_string(e.text)); break;
    case ExprKind::kInterp: {
      uint32_t mark = b.top();
      auto n = static_cast<uint32_t>(e.items.size());
      uint32_t base = b.temp(n);
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t save = b.top();
        expr(*e.items[i], base + i, c);
        b.release(save);
      }
      b.at(e.span);
      b.emit(writ::Op::Concat, dst, base, n);
      b.release(mark);
      break;
    }
    case ExprKind::kList:
    case ExprKind::kMap:
      if (is_constant(e, &k)) b.emit_bc(writ::Op::LoadConst, dst, constant(k));
      else literal_collection(e, dst, c);
      break;
    case ExprKind::kName:
      switch (e.sym.kind) {
        case ast::SymKind::kConst:
          if (is_constant(e, &k)) b.emit_bc(writ::Op::LoadConst, dst, constant(k));
          break;
        case ast::SymKind::kLocal:
          force(c.local(e.sym.index), c);
          if (c.local(e.sym.index) != dst) b.emit(writ::Op::Move, dst, c.local(e.sym.index));
          break;
        case ast::SymKind::kInput: b.emit(writ::Op::LoadInput, dst, e.sym.index); break;
        case ast::SymKind::kParams: {
          // `params` as a whole: a map built from the package's params.
          uint32_t mark = b.top();
          uint32_t acc = b.temp(), kr = b.temp(), vr = b.temp();
          const auto& params = u_.modules[c.package_module].params;
          b.emit(writ::Op::NewMap, acc, static_cast<uint32_t>(params.size()));
          for (const auto& [name, idx] : params) {
            b.emit_bc(writ::Op::LoadConst, kr, constant_string(name));
            b.emit(writ::Op::LoadParam, vr, static_cast<uint32_t>(param_program_index_[idx]));
            b.emit(writ::Op::MapSet, acc, kr, vr);
          }
          b.emit(writ::Op::Move, dst, acc);
          b.release(mark);
          break;
        }
        default: b.emit(writ::Op::LoadNull, dst); break;
      }
      break;
    case ExprKind::kMember:
      if (e.sym.kind == ast::SymKind::kConst) {
        if (is_constant(e, &k)) b.emit_bc(writ::Op::LoadConst, dst, constant(k));
      } else if (e.sym.kind == ast::SymKind::kParam) {
        int32_t idx = param_index(c.package_module, e.text);
        b.emit(writ::Op::LoadParam, dst, static_cast<uint32_t>(idx < 0 ? 0 : idx));
      } else {
        // x.f, or x.f.g and x.f.g.h in one GetField2 or GetField3 (x.f is
        // never stored): keys[0] is the first field read, the rest follow
        // in KeyArg words.
        uint32_t mark = b.top();
        std::vector<const Expr*> reads{&e};
        while (reads.size() < 3 && is_field_read(*reads.back()->a)) reads.push_back(reads.back()->a.get());
        uint32_t r = operand(*reads.back()->a, c);
        std::vector<KeyId> keys;
        for (auto it = reads.rbegin(); it != reads.rend(); ++it) {
          keys.push_back(key((*it)->text));
          if (keys.back() > 0xffff) b.fail("too many distinct field names (more than 65,535)");
        }
        // Each word carries the span of its own read: an error names the
        // field that could not be read.
        static constexpr writ::Op kByCount[] = {writ::Op::GetField, writ::Op::GetField2, writ::Op::GetField3};
        b.at(reads.back()->span);
        b.emit(kByCount[keys.size() - 1], dst, r, keys[0]);
        for (size_t j = 1; j < keys.size(); ++j) {
          b.at(reads[reads.size() - 1 - j]->span);
          b.emit(writ::Op::KeyArg, 0, 0, keys[j]);
        }
        b.release(mark);
      }
      break;
    case ExprKind::kIndex: {
      uint32_t mark = b.top();
      if (e.b->kind == ExprKind::kString) {  // m["key"]: an interned field access
        uint32_t ra = operand(*e.a, c);
        KeyId id = key(e.b->text);
        b.at(e.span);
        if (id <= 0xffff) {
          b.emit(writ::Op::GetField, dst, ra, id);
          b.release(mark);
          break;
        }
      }
      uint32_t ra = operand(*e.a, c), ri = operand(*e.b, c);
      b.at(e.span);
      b.emit(writ::Op::GetIndex, dst, ra, ri);
      b.release(mark);
      break;
    }
    case ExprKind::kSlice: {
      uint32_t mark = b.top();
      uint32_t ra = operand(*e.a, c);
      uint32_t bounds = b.temp(2);
      if (e.b) expr(*e.b, bounds, c);
      else b.emit(writ::Op::LoadNull, bounds);
      if (e.c) expr(*e.c, bounds + 1, c);
      else b.emit(writ::Op::LoadNull, bounds + 1);
      b.at(e.span);
      b.emit(writ::Op::Slice, dst, ra, bounds);
      b.release(mark);
      break;
    }
    case ExprKind::kCall: call(e, dst, c); break;
    case ExprKind::kUnary: {
      uint32_t mark = b.top();
      uint32_t r = operand(*e.a, c);
      b.at(e.span);
      b.emit(e.op == Op::kNot ? writ::Op::Not : writ::Op::Neg, dst, r);
      b.release(mark);
      break;
    }
    case ExprKind::kBinary:
      if (e.op == Op::kAnd || e.op == Op::kOr || e.op == Op::kCoalesce) logic(e, dst, c);
      else binary(e, dst, c);
      break;
    case ExprKind::kCond: {
      std::vector<size_t> to_else;
      branch(*e.a, false, to_else, c);
      expr(*e.b, dst, c);
      size_t to_end = b.jump(writ::Op::Jump);
      for (size_t j : to_else) b.patch_to_here(j);
      expr(*e.c, dst, c);
      b.patch_to_here(to_end);
      break;
    }
    case ExprKind::kQuant:
    case ExprKind::kListComp:
    case ExprKind::kMapComp: loop_expr(e, dst, c); break;
  }
  b.at(saved);
}

}  // namespace writ::lower
