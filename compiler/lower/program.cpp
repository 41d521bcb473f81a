// The Program's tables (packages, params, constants, natives), user
// functions and rules.

#include "compiler/check/checker.hpp"
#include "compiler/lower/lowerer.hpp"
#include "compiler/lower/lowering.hpp"

namespace writ {

namespace lower {

uint32_t Lowerer::constant(const Value& v) {
  std::string k = std::to_string(static_cast<int>(v.type)) + ":";
  switch (v.type) {
    case Type::Null: break;
    case Type::Bool: k += v.b ? "1" : "0"; break;
    case Type::Int: k += std::to_string(v.i); break;
    case Type::Float: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%a", v.f);
      k += buf;
      break;
    }
    case Type::String: k.append(v.s, v.len); break;
    default: k = "";  // containers are not de-duplicated
  }
  if (!k.empty()) {
    auto it = const_index_.find(k);
    if (it != const_index_.end()) return it->second;
  }
  Value stored = v;
  if (v.type == Type::String) stored = Value::string(p_->constant_arena().copy(v.str()));
  p_->constants.push_back(stored);
  auto idx = static_cast<uint32_t>(p_->constants.size() - 1);
  if (!k.empty()) const_index_[k] = idx;
  return idx;
}

uint32_t Lowerer::constant_string(std::string_view s) { return constant(Value::string(s)); }

uint32_t Lowerer::native_index(const NativeDescriptor* d) {
  auto it = native_index_.find(d);
  if (it != native_index_.end()) return it->second;
  p_->natives.push_back(NativeBinding{d->qualified_name(), d->fn, d->memoize, d->reads_inventory, d->data});
  auto idx = static_cast<uint32_t>(p_->natives.size() - 1);
  native_index_[d] = idx;
  return idx;
}

KeyId Lowerer::key(std::string_view name) { return p_->keys.intern(name); }

int32_t Lowerer::param_index(uint32_t package_module, const std::string& name) {
  const auto& params = u_.modules[package_module].params;
  auto it = params.find(name);
  return it == params.end() ? -1 : param_program_index_[it->second];
}

void Lowerer::declare_tables() {
  for (uint32_t f = 0; f < u_.sources.size(); ++f) p_->sources.push_back(SourceFile{u_.sources.name(f), u_.sources.text(f)});
  for (uint32_t m = 0; m < u_.modules.size(); ++m) {
    const ModuleInfo& info = u_.modules[m];
    Package pkg;
    pkg.name = info.ast->package;
    if (info.versioned) {
      pkg.version_min = info.versioned->first;
      pkg.version_max = info.versioned->second;
    }
    package_of_module_.push_back(static_cast<uint32_t>(p_->packages.size()));
    p_->packages.push_back(pkg);
  }
  param_program_index_.assign(u_.params.size(), -1);
  for (uint32_t i = 0; i < u_.params.size(); ++i) {
    const ParamInfo& pi = u_.params[i];
    Param p;
    p.name = pi.name;
    p.package = package_of_module_[pi.package];
    if (pi.decl == nullptr) {
      p.default_value = Value::string(p_->constant_arena().copy("latest"));
    } else {
      p.span = pi.decl->span;
      if (pi.decl->default_value) fold_constant(*pi.decl->default_value, p_->constant_arena(), &p_->keys, &p.default_value);
    }
    param_program_index_[i] = static_cast<int32_t>(p_->params.size());
    if (pi.name == "version" && u_.modules[pi.package].versioned)
      p_->packages[p.package].version_param = static_cast<int32_t>(p_->params.size());
    p_->params.push_back(p);
  }
}

void Lowerer::lower_fn(uint32_t id) {
  const FnInfo& f = u_.fns[id];
  Function& fn = p_->functions[id];
  fn.name = u_.modules[f.module].ast->package + "." + f.decl->name;
  FunctionBuilder b(fn, f.decl->num_locals, u_.diags);
  FnCtx c;
  c.b = &b;
  c.package_module = f.module;
  b.at(f.decl->span);
  c.eager = eager_lets(*f.decl);
  uint32_t lazy_lets = 0;
  for (size_t i = 0; i < f.decl->lets.size(); ++i) lazy_lets += is_lazy(f.decl->let_slots[i], *f.decl->lets[i].second, c);
  uint32_t flag = clear_flags(lazy_lets, c);
  for (size_t i = 0; i < f.decl->lets.size(); ++i) {
    const ast::Expr& value = *f.decl->lets[i].second;
    c.let_of[f.decl->let_slots[i]] = &value;
    bind_let(f.decl->let_slots[i], value, c, flag);
  }
  uint32_t r = operand(*f.decl->body, c);
  b.emit(Op::Return, r);
  emit_lazy_blocks(c);
  b.finish(static_cast<uint16_t>(f.decl->params.size()));
}

uint32_t Lowerer::lower_when(const RuleInfo& r, uint32_t rule_index) {
  p_->functions.emplace_back();
  auto idx = static_cast<uint32_t>(p_->functions.size() - 1);
  Function& fn = p_->functions.back();
  fn.name = p_->rules[rule_index].policy + "." + r.decl->name + ".when";
  uint32_t locals = 0;
  for (const ast::MatchField* w : r.whens) locals = std::max(locals, w->num_locals);
  FunctionBuilder b(fn, locals, u_.diags);
  FnCtx c;
  c.b = &b;
  c.package_module = r.scope_module;
  uint32_t dst = b.temp();
  std::vector<size_t> exits;
  for (size_t i = 0; i < r.whens.size(); ++i) {
    b.at(r.whens[i]->value->span);
    expr(*r.whens[i]->value, dst, c);
    b.emit(Op::Truth, dst, dst);
    if (i + 1 < r.whens.size()) exits.push_back(b.jump(Op::JumpIfFalse, dst));
  }
  for (size_t e : exits) b.patch_to_here(e);
  b.emit(Op::Return, dst);
  b.finish(0);
  return idx;
}

void Lowerer::lower_rule(const RuleInfo& r) {
  const ModuleInfo& pkg_mod = u_.modules[r.package_module];
  const ModuleInfo& scope_mod = u_.modules[r.scope_module];
  Rule rule;
  rule.name = r.decl->name;
  rule.policy = pkg_mod.ast->package;
  rule.package = package_of_module_[r.package_module];
  rule.severity = r.decl->severity.value_or(Severity::kMedium);
  rule.span = r.decl->span;
  rule.match = r.match;
  rule.since = r.decl->since.value_or(scope_mod.versioned ? scope_mod.versioned->first : kNoVersion);
  rule.overrides = r.decl->overrides;
  rule.description = r.decl->description;
  auto rule_index = static_cast<uint32_t>(p_->rules.size());
  p_->rules.push_back(rule);
  if (!r.whens.empty()) p_->rules[rule_index].match.when_fn = static_cast<int32_t>(lower_when(r, rule_index));

  p_->functions.emplace_back();
  auto fn_index = static_cast<uint32_t>(p_->functions.size() - 1);
  p_->rules[rule_index].body_fn = fn_index;
  Function& fn = p_->functions.back();
  fn.name = rule.policy + "." + rule.name;
  FunctionBuilder b(fn, r.decl->num_locals, u_.diags);
  FnCtx c;
  c.b = &b;
  c.package_module = r.package_module;
  c.rule = rule_index;
  c.num_locals = static_cast<uint16_t>(r.decl->num_locals);
  b.at(r.decl->span);
  stmts(r.decl->body, c);
  b.emit(Op::Halt);
  emit_lazy_blocks(c);
  b.finish(0);
  lower_pending_probes(r.package_module);  // after: they add functions
}

std::shared_ptr<Program> Lowerer::run() {
  declare_tables();
  p_->functions.resize(u_.fns.size());
  for (uint32_t id = 0; id < u_.fns.size(); ++id) lower_fn(id);
  for (const RuleInfo& r : u_.rules) lower_rule(r);
  p_->max_stack = compute_max_stack(*p_);
  hint_constant_keys(*p_, true);
  if (u_.diags.has_errors()) return nullptr;
  return p_;
}

}  // namespace lower

std::shared_ptr<Program> lower_unit(Unit& unit, bool explain) { return lower::Lowerer(unit, explain).run(); }

}  // namespace writ
