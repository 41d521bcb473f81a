// Expressions: what names refer to, which function a call calls, and the
// set of types each expression can have. Type errors are reported only when
// both sides are known for certain (a literal, a call's declared result):
// input fields are of any type until the input says otherwise.
#include <algorithm>

#include "compiler/check/checker_impl.hpp"
#include "runtime/vm/operators.hpp"

namespace writ {

namespace check {

using ast::Expr;
using ast::ExprKind;
using ast::Op;

bool single(TypeSet t) { return t != 0 && (t & (t - 1)) == 0; }

static Type the_type(TypeSet t) {
  for (unsigned i = 0; i < 7; ++i)
    if (t == (1u << i)) return static_cast<Type>(i);
  return Type::Null;
}

std::string a_type_name(TypeSet t) {
  if (t != kNullType && (t & kNullType) && t != kAnyType) t &= static_cast<TypeSet>(~kNullType);  // null is always allowed
  return single(t) ? a_type(the_type(t)) : describe_types(t);
}

struct InputName {
  const char* name;
  InputSlot slot;
};
static const InputName kInputs[] = {
    {"object", InputSlot::kObject},       {"oldObject", InputSlot::kOldObject},
    {"request", InputSlot::kRequest},     {"namespaceObject", InputSlot::kNamespaceObject},
    {"event", InputSlot::kEvent},         {"inventory", InputSlot::kInventory},
};

uint32_t Checker::bind(Ctx& ctx, const std::string& n, TypeSet type, Span span) {
  for (const Local& l : ctx.locals)
    if (l.name == n) {
      d_.error(span, "'" + n + "' is already defined (line " + std::to_string(l.span.line) + "); choose another name");
      break;
    }
  for (const InputName& in : kInputs)
    if (n == in.name) d_.error(span, "'" + n + "' is an input of every rule; choose another name");
  if (n == "params") d_.error(span, "'params' holds the package's params; choose another name");
  uint32_t slot = ctx.next_slot++;
  if (ctx.max_slots != nullptr) *ctx.max_slots = std::max(*ctx.max_slots, ctx.next_slot);
  ctx.locals.push_back(Local{n, slot, type, span});
  return slot;
}

std::vector<std::string> Checker::names_in_scope(const Ctx& ctx) const {
  std::vector<std::string> out;
  for (const Local& l : ctx.locals) out.push_back(l.name);
  for (const InputName& in : kInputs) out.push_back(in.name);
  out.push_back("params");
  for (const auto& [n, b] : u_.modules[ctx.scope_module].names) out.push_back(n);
  for (const NativeDescriptor& d : u_.natives->all())
    if (d.module.empty()) out.push_back(d.name);
  return out;
}

void Checker::unknown_name(const Expr& e, const Ctx& ctx) {
  std::string msg = "unknown name '" + e.text + "'";
  if (u_.natives->has_module(e.text)) {
    msg += "; '" + e.text + "' is a built-in module: add `import " + e.text + "` at the top of the file";
  } else {
    std::string best = closest_name(e.text, names_in_scope(ctx));
    if (!best.empty()) msg += "; did you mean '" + best + "'?";
  }
  d_.error(e.span, msg);
}

TypeSet Checker::name(Expr& e, Ctx& ctx) {
  for (auto it = ctx.locals.rbegin(); it != ctx.locals.rend(); ++it)
    if (it->name == e.text) {
      e.sym = ast::Symbol{ast::SymKind::kLocal, it->slot, nullptr};
      return it->type;
    }
  for (const InputName& in : kInputs)
    if (e.text == in.name) {
      e.sym = ast::Symbol{ast::SymKind::kInput, static_cast<uint32_t>(in.slot), nullptr};
      return in.slot == InputSlot::kInventory ? kAnyType : (kMapType | kNullType);
    }
  if (e.text == "params") {
    e.sym.kind = ast::SymKind::kParams;
    return kMapType;
  }
  const auto& names = u_.modules[ctx.scope_module].names;
  if (auto it = names.find(e.text); it != names.end()) {
    if (it->second.kind == ModuleBinding::kConst) {
      e.sym = ast::Symbol{ast::SymKind::kConst, it->second.index, nullptr};
      return u_.consts[it->second.index].type;
    }
    if (it->second.kind == ModuleBinding::kFn)
      d_.error(e.span, "'" + e.text + "' is a function: call it, as in " + e.text + "(...)");
    else
      d_.error(e.span, "'" + e.text + "' is a module: call one of its functions, as in " + e.text + ".name(...)");
    return kAnyType;
  }
  unknown_name(e, ctx);
  return kAnyType;
}

TypeSet Checker::member(Expr& e, Ctx& ctx) {
  // params.NAME
  if (e.a->kind == ExprKind::kName && e.a->text == "params") {
    bool shadowed = false;
    for (const Local& l : ctx.locals) shadowed = shadowed || l.name == "params";
    if (!shadowed) {
      e.a->sym.kind = ast::SymKind::kParams;
      const auto& params = u_.modules[ctx.package_module].params;
      auto it = params.find(e.text);
      if (it == params.end()) {
        std::vector<std::string> known;
        for (const auto& [n, i] : params) known.push_back(n);
        std::string best = closest_name(e.text, known);
        d_.error(e.span, "unknown param '" + e.text + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?") +
                             (known.empty() ? " (this package declares no params)" : ""));
        return kAnyType;
      }
      e.sym = ast::Symbol{ast::SymKind::kParam, it->second, nullptr};
      return u_.params[it->second].type;
    }
  }
  if (e.a->kind == ExprKind::kName) {
    const auto& names = u_.modules[ctx.scope_module].names;
    auto it = names.find(e.a->text);
    bool local = false;
    for (const Local& l : ctx.locals) local = local || l.name == e.a->text;
    if (it != names.end() && it->second.kind == ModuleBinding::kWritModule && !local) {
      const auto& target = u_.modules[it->second.index].names;
      auto k = target.find(e.text);
      if (k != target.end() && k->second.kind == ModuleBinding::kConst) {
        e.sym = ast::Symbol{ast::SymKind::kConst, k->second.index, nullptr};
        return u_.consts[k->second.index].type;
      }
    }
    if (it != names.end() && (it->second.kind == ModuleBinding::kWritModule || it->second.kind == ModuleBinding::kNativeModule) &&
        !local) {
      bool is_fn = false;
      if (it->second.kind == ModuleBinding::kNativeModule) {
        is_fn = u_.natives->find(it->second.native_module, e.text) != nullptr;
      } else {
        const auto& target = u_.modules[it->second.index].names;
        auto k = target.find(e.text);
        is_fn = k != target.end() && k->second.kind == ModuleBinding::kFn;
      }
      if (is_fn)
        d_.error(e.span, "'" + e.a->text + "." + e.text + "' is a function of module '" + e.a->text + "': call it, as in " +
                             e.a->text + "." + e.text + "(...)");
      else
        d_.error(e.span, "module " + e.a->text + " has no function or constant '" + e.text + "'");
      return kAnyType;
    }
  }
  TypeSet t = expr(*e.a, ctx);
  if (single(t) && t != kMapType && t != kNullType)
    d_.error(e.span, "cannot read field '" + e.text + "' of " + a_type_name(t));
  return kAnyType;
}

void Checker::check_args(Expr& call, const std::vector<TypeSet>& arg_types, const NativeDescriptor* native,
                         const std::string& fname, size_t min, size_t max) {
  size_t n = call.items.size();
  if (n < min || n > max) {
    std::string want = min == max ? std::to_string(min) : max == 255 ? "at least " + std::to_string(min)
                                                                      : std::to_string(min) + " to " + std::to_string(max);
    d_.error(call.span, fname + " takes " + want + " argument" + (min == 1 && max == 1 ? "" : "s") + ", got " + std::to_string(n));
    return;
  }
  if (native == nullptr) return;
  for (size_t i = 0; i < n; ++i) {
    TypeSet want = native->param_type(i);
    if ((arg_types[i] & want) == 0)
      d_.error(call.items[i]->span, "argument " + std::to_string(i + 1) + " of " + fname + " must be " + a_type_name(want) +
                                        ", got " + a_type_name(arg_types[i]));
  }
}

TypeSet Checker::call(Expr& e, Ctx& ctx) {
  std::vector<TypeSet> args;
  for (auto& a : e.items) args.push_back(expr(*a, ctx));
  Expr& callee = *e.a;
  const ModuleInfo& scope = u_.modules[ctx.scope_module];
  auto user_fn = [&](uint32_t id, const std::string& shown) -> TypeSet {
    e.sym = ast::Symbol{ast::SymKind::kFunction, id, nullptr};
    const FnInfo& f = u_.fns[id];
    check_args(e, args, nullptr, shown, f.decl->params.size(), f.decl->params.size());
    if (ctx.fn >= 0) u_.fns[static_cast<size_t>(ctx.fn)].callees.push_back(id);
    check_fn(id);
    return u_.fns[id].result;
  };
  auto native_fn = [&](const NativeDescriptor* d) -> TypeSet {
    e.sym = ast::Symbol{ast::SymKind::kNative, 0, d};
    check_args(e, args, d, d->qualified_name(), d->min_args, d->max_args);
    return d->result;
  };
  if (callee.kind == ExprKind::kName) {
    for (const Local& l : ctx.locals)
      if (l.name == callee.text) {
        d_.error(callee.span, "'" + callee.text + "' is a variable, not a function");
        return kAnyType;
      }
    if (auto it = scope.names.find(callee.text); it != scope.names.end() && it->second.kind == ModuleBinding::kFn)
      return user_fn(it->second.index, callee.text);
    if (const NativeDescriptor* d = u_.natives->find("", callee.text)) return native_fn(d);
    std::vector<std::string> fns;
    for (const auto& [n, b] : scope.names)
      if (b.kind == ModuleBinding::kFn) fns.push_back(n);
    for (const NativeDescriptor& d : u_.natives->all())
      if (d.module.empty()) fns.push_back(d.name);
    std::string best = closest_name(callee.text, fns);
    d_.error(callee.span, "unknown function '" + callee.text + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?"));
    return kAnyType;
  }
  if (callee.kind == ExprKind::kMember && callee.a->kind == ExprKind::kName) {
    const std::string& mod = callee.a->text;
    auto it = scope.names.find(mod);
    if (it != scope.names.end() && it->second.kind == ModuleBinding::kNativeModule) {
      if (const NativeDescriptor* d = u_.natives->find(it->second.native_module, callee.text)) return native_fn(d);
      std::vector<std::string> fns;
      for (const NativeDescriptor& d : u_.natives->all())
        if (d.module == it->second.native_module) fns.push_back(d.name);
      std::string best = closest_name(callee.text, fns);
      d_.error(callee.span, "module " + mod + " has no function '" + callee.text + "'" +
                                (best.empty() ? "" : "; did you mean '" + best + "'?"));
      return kAnyType;
    }
    if (it != scope.names.end() && it->second.kind == ModuleBinding::kWritModule) {
      const ModuleInfo& target = u_.modules[it->second.index];
      auto f = target.names.find(callee.text);
      if (f != target.names.end() && f->second.kind == ModuleBinding::kFn) return user_fn(f->second.index, mod + "." + callee.text);
      d_.error(callee.span, "module " + mod + " has no function '" + callee.text + "'");
      return kAnyType;
    }
    if (it == scope.names.end() && u_.natives->has_module(mod)) {
      bool local = false;
      for (const Local& l : ctx.locals) local = local || l.name == mod;
      if (!local) {
        d_.error(callee.a->span, "'" + mod + "' is a built-in module: add `import " + mod + "` at the top of the file");
        return kAnyType;
      }
    }
  }
  d_.error(callee.span, "only functions can be called (values have no methods: write f(x), not x.f())");
  return kAnyType;
}

void Checker::condition(Expr& e, Ctx& ctx, const char* what) {
  TypeSet t = expr(e, ctx);
  if ((t & (kBoolType | kNullType)) == 0) d_.error(e.span, std::string(what) + " must be a bool, got " + a_type_name(t));
}

TypeSet Checker::iterable(Expr& e, Ctx& ctx) {
  TypeSet t = expr(e, ctx);
  if ((t & (kListType | kMapType | kNullType)) == 0) d_.error(e.span, "cannot iterate over " + a_type_name(t));
  return t;
}

TypeSet Checker::binary(Expr& e, Ctx& ctx) {
  TypeSet a = expr(*e.a, ctx), b = expr(*e.b, ctx);
  auto mismatch = [&](bool comparison) {
    std::string op = std::string("'") + ast::op_spelling(e.op) + "'";
    d_.error(e.span, comparison ? "cannot compare " + a_type_name(a) + " with " + a_type_name(b) + " using " + op
                                : "cannot apply " + op + " to " + a_type_name(a) + " and " + a_type_name(b));
  };
  bool definite = single(a) && single(b) && a != kNullType && b != kNullType;
  switch (e.op) {
    case Op::kAdd:
      if (definite && !((a & kNumberType) && (b & kNumberType)) && !(a == b && (a & (kStringType | kListType)))) mismatch(false);
      if (single(a) && a == b) return a;
      if ((a & kNumberType) && (b & kNumberType) && !((a | b) & ~kNumberType)) return kNumberType;
      return kAnyType;
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
    case Op::kMod:
      if (definite && !((a & kNumberType) && (b & kNumberType))) mismatch(false);
      return kNumberType | kNullType;
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      if (definite && !((a & kNumberType) && (b & kNumberType)) && !(a == kStringType && b == kStringType)) mismatch(true);
      return kBoolType | kNullType;
    case Op::kEq:
    case Op::kNe:
      return kBoolType;
    case Op::kIn:
    case Op::kNotIn:
      if ((b & (kListType | kMapType | kStringType | kNullType)) == 0)
        d_.error(e.b->span, std::string("'") + ast::op_spelling(e.op) + "' needs a list, map or string on the right, got " + a_type_name(b));
      else if (b == kStringType && single(a) && a != kStringType && a != kNullType)
        d_.error(e.a->span, "'in' a string needs a string on the left, got " + a_type_name(a));
      return kBoolType;
    case Op::kAnd:
    case Op::kOr:
      if ((a & (kBoolType | kNullType)) == 0) d_.error(e.a->span, std::string("'") + ast::op_spelling(e.op) + "' needs bools, got " + a_type_name(a));
      if ((b & (kBoolType | kNullType)) == 0) d_.error(e.b->span, std::string("'") + ast::op_spelling(e.op) + "' needs bools, got " + a_type_name(b));
      return kBoolType;
    case Op::kCoalesce:
      return (a == kNullType ? 0 : (a & ~kNullType)) | b;
    default:
      return kAnyType;
  }
}

TypeSet Checker::comprehension(Expr& e, Ctx& ctx) {
  TypeSet it = iterable(*e.b, ctx);
  Ctx::Mark m = ctx.mark();
  e.var_slots.clear();
  for (size_t i = 0; i < e.vars.size(); ++i) {
    TypeSet t = kAnyType;
    if (e.vars.size() == 2 && i == 0) t = it == kListType ? type_bit(Type::Int) : it == kMapType ? kStringType : kAnyType;
    if (e.vars.size() == 1 && it == kMapType) t = kStringType;
    e.var_slots.push_back(bind(ctx, e.vars[i], t, e.span));
  }
  TypeSet result = kAnyType;
  switch (e.kind) {
    case ExprKind::kQuant:
      condition(*e.a, ctx, "the condition of a quantifier");
      result = e.quant == ast::Quant::kCount ? type_bit(Type::Int) : kBoolType;
      break;
    case ExprKind::kListComp:
      if (e.c) condition(*e.c, ctx, "a comprehension filter");
      expr(*e.a, ctx);
      result = kListType;
      break;
    case ExprKind::kMapComp: {
      if (e.c) condition(*e.c, ctx, "a comprehension filter");
      TypeSet k = expr(*e.a, ctx);
      if ((k & kStringType) == 0) d_.error(e.a->span, "map keys must be strings, got " + a_type_name(k));
      expr(*e.d, ctx);
      result = kMapType;
      break;
    }
    default:
      break;
  }
  ctx.restore(m);
  return result;
}

TypeSet Checker::expr(Expr& e, Ctx& ctx) {
  TypeSet t = kAnyType;
  switch (e.kind) {
    case ExprKind::kNull: t = kNullType; break;
    case ExprKind::kBool: t = kBoolType; break;
    case ExprKind::kInt: t = type_bit(Type::Int); break;
    case ExprKind::kFloat: t = type_bit(Type::Float); break;
    case ExprKind::kString: t = kStringType; break;
    case ExprKind::kInterp:
      for (auto& p : e.items) expr(*p, ctx);
      t = kStringType;
      break;
    case ExprKind::kList:
      for (auto& p : e.items) expr(*p, ctx);
      t = kListType;
      break;
    case ExprKind::kMap:
      for (auto& en : e.entries) {
        TypeSet k = expr(*en.key, ctx);
        if ((k & kStringType) == 0) d_.error(en.key->span, "map keys must be strings, got " + a_type_name(k));
        expr(*en.value, ctx);
      }
      t = kMapType;
      break;
    case ExprKind::kName: t = name(e, ctx); break;
    case ExprKind::kMember: t = member(e, ctx); break;
    case ExprKind::kIndex: {
      TypeSet a = expr(*e.a, ctx), i = expr(*e.b, ctx);
      if (single(a) && !(a & (kListType | kMapType | kNullType))) d_.error(e.span, "cannot index " + a_type_name(a));
      else if (a == kListType && single(i) && i != type_bit(Type::Int) && i != kNullType)
        d_.error(e.b->span, "a list index must be an int, got " + a_type_name(i));
      else if (a == kMapType && single(i) && i != kStringType && i != kNullType)
        d_.error(e.b->span, "a map key must be a string, got " + a_type_name(i));
      break;
    }
    case ExprKind::kSlice: {
      TypeSet a = expr(*e.a, ctx);
      if (e.b) expr(*e.b, ctx);
      if (e.c) expr(*e.c, ctx);
      if (single(a) && !(a & (kListType | kStringType | kNullType))) d_.error(e.span, "cannot slice " + a_type_name(a));
      t = (a & (kListType | kStringType)) ? (a & (kListType | kStringType)) | kNullType : kAnyType;
      break;
    }
    case ExprKind::kCall: t = call(e, ctx); break;
    case ExprKind::kUnary: {
      TypeSet a = expr(*e.a, ctx);
      if (e.op == Op::kNot) {
        if ((a & (kBoolType | kNullType)) == 0) d_.error(e.span, "'not' needs a bool, got " + a_type_name(a));
        t = kBoolType;
      } else {
        if ((a & (kNumberType | kNullType)) == 0) d_.error(e.span, "cannot negate " + a_type_name(a));
        t = a & (kNumberType | kNullType);
      }
      break;
    }
    case ExprKind::kBinary: t = binary(e, ctx); break;
    case ExprKind::kCond:
      condition(*e.a, ctx, "the condition of '?:'");
      t = expr(*e.b, ctx) | expr(*e.c, ctx);
      break;
    case ExprKind::kQuant:
    case ExprKind::kListComp:
    case ExprKind::kMapComp: t = comprehension(e, ctx); break;
  }
  e.type = t;
  return t;
}

void Checker::check_fn(uint32_t id) {
  FnInfo& f = u_.fns[id];
  if (f.state == FnInfo::kChecked) return;
  if (f.state == FnInfo::kChecking) {
    d_.error(f.decl->span, "function '" + f.decl->name + "' calls itself (directly or through other functions): recursion is not allowed, so that every policy terminates");
    f.result = kAnyType;
    return;
  }
  f.state = FnInfo::kChecking;
  Ctx ctx;
  ctx.scope_module = f.module;
  ctx.package_module = f.module;
  ctx.fn = static_cast<int32_t>(id);
  f.decl->num_locals = 0;
  ctx.max_slots = &f.decl->num_locals;
  for (size_t i = 0; i < f.decl->params.size(); ++i) bind(ctx, f.decl->params[i], kAnyType, f.decl->param_spans[i]);
  f.decl->let_slots.clear();
  for (size_t i = 0; i < f.decl->lets.size(); ++i) {
    TypeSet t = expr(*f.decl->lets[i].second, ctx);
    f.decl->let_slots.push_back(bind(ctx, f.decl->lets[i].first, t, f.decl->let_spans[i]));
  }
  f.result = expr(*f.decl->body, ctx);
  f.state = FnInfo::kChecked;
}

}  // namespace check

}  // namespace writ
