// Rule statements → instructions, and the `at` path of a violation.
#include "compiler/ast/printer.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower {

using ast::Expr;
using ast::ExprKind;
using ast::StmtKind;

// `at` paths. The expression is split into an anchor and constant steps:
// `at spec.hostNetwork` is the node of `spec` plus ["hostNetwork"], so the
// path is right even when the field is absent; `at cap` (a loop variable)
// is the list item the loop is on. Lets are followed to their definition so
// `let p = c.securityContext` ... `at p.privileged` keeps the container's
// path. Without `at`, a violation points at the item of the innermost
// `for` (the container it is about), or at the resource itself. Only
// evaluated when a violation fires.
void Lowerer::emit_path(const Expr* at, uint32_t dst, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  if (at == nullptr) {
    if (c.for_iters.empty()) {
      b.emit_bc(writ::Op::LoadConst, dst, constant_string(""));
    } else {
      p_->paths.emplace_back();
      b.emit(writ::Op::PathOfItem, dst, c.for_iters.back(), static_cast<uint32_t>(p_->paths.size() - 1));
    }
    return;
  }
  std::vector<PathStep> steps;
  std::vector<const Expr*> dynamic_keys;  // evaluated into registers below, in `steps` order
  const Expr* e = at;
  // The innermost `let` the walk went through, and how many steps it had
  // then: a let defined as a call (`let f = run_as_non_root(object)`)
  // anchors the path at the let's register, not at a second call.
  const Expr* via_let = nullptr;
  size_t steps_at_let = 0;
  for (int guard = 0; guard < 64; ++guard) {
    if (e->kind == ExprKind::kMember && e->sym.kind != ast::SymKind::kParam) {
      PathStep s;
      s.key = e->text;
      s.id = key(e->text);
      steps.push_back(s);
      e = e->a.get();
      continue;
    }
    if (e->kind == ExprKind::kIndex) {
      PathStep s;
      if (e->b->kind == ExprKind::kInt) {
        s.is_index = true;
        s.index = e->b->int_value;
      } else if (e->b->kind == ExprKind::kString) {
        s.key = e->b->text;
        s.id = key(e->b->text);
      } else {
        s.reg = static_cast<int32_t>(dynamic_keys.size());  // a placeholder until registers are known
        dynamic_keys.push_back(e->b.get());
      }
      steps.push_back(s);
      e = e->a.get();
      continue;
    }
    if (e->kind == ExprKind::kName && e->sym.kind == ast::SymKind::kLocal) {
      auto let = c.let_of.find(e->sym.index);
      if (let != c.let_of.end() && c.iter_of.find(e->sym.index) == c.iter_of.end()) {
        via_let = e;
        steps_at_let = steps.size();
        e = let->second;
        continue;
      }
    }
    break;
  }
  if (via_let != nullptr && steps.size() == steps_at_let && e->kind != ExprKind::kName) e = via_let;
  uint32_t mark = b.top();
  PathSuffix suffix;
  suffix.steps.assign(steps.rbegin(), steps.rend());
  for (PathStep& s : suffix.steps)
    if (s.reg >= 0) s.reg = static_cast<int32_t>(operand(*dynamic_keys[static_cast<size_t>(s.reg)], c));
  p_->paths.push_back(std::move(suffix));
  auto path_index = static_cast<uint32_t>(p_->paths.size() - 1);
  if (path_index > 0xffff) b.fail("too many `at` paths");
  b.at(at->span);
  if (e->kind == ExprKind::kName && e->sym.kind == ast::SymKind::kLocal) {
    auto it = c.iter_of.find(e->sym.index);
    if (it != c.iter_of.end()) {
      // The loop's map key variable names the key, its value variable the item:
      // both point at the item's node.
      b.emit(writ::Op::PathOfItem, dst, it->second, path_index);
      b.release(mark);
      return;
    }
  }
  uint32_t anchor = operand(*e, c);
  b.at(at->span);
  b.emit(writ::Op::PathOf, dst, anchor, path_index);
  b.release(mark);
}

// The sub-expressions worth showing about a condition: the operands of its
// comparisons, its calls and fields, through and/or/not.
static void explain_terms(const Expr& e, std::vector<const Expr*>* out, bool top) {
  if (out->size() >= 8) return;
  auto add = [&](const Expr& x) {
    bool literal = x.kind == ExprKind::kNull || x.kind == ExprKind::kBool || x.kind == ExprKind::kInt ||
                   x.kind == ExprKind::kFloat || x.kind == ExprKind::kString || x.kind == ExprKind::kList ||
                   x.kind == ExprKind::kMap;
    if (literal) return;
    std::string text = ast::to_source(x);
    for (const Expr* o : *out)
      if (ast::to_source(*o) == text) return;
    out->push_back(&x);
  };
  if (e.kind == ExprKind::kBinary && (e.op == ast::Op::kAnd || e.op == ast::Op::kOr)) {
    explain_terms(*e.a, out, false);
    explain_terms(*e.b, out, false);
  } else if (e.kind == ExprKind::kUnary && e.op == ast::Op::kNot) {
    explain_terms(*e.a, out, false);
  } else if (e.kind == ExprKind::kBinary) {
    add(*e.a);
    add(*e.b);
  } else if (!top) {
    add(e);
  } else if (e.kind == ExprKind::kCall || e.kind == ExprKind::kQuant) {
    for (const auto& arg : e.items) add(*arg);
    if (e.kind == ExprKind::kQuant) add(*e.b);
  }
}

uint32_t Lowerer::explain_point(const ast::Stmt& s, FnCtx& c) {
  ExplainPoint ep;
  ep.rule = c.rule;
  ep.site = static_cast<uint32_t>(p_->sites.size());  // the Emit below adds it next
  ep.bindings = c.for_vars;
  ep.num_locals = c.num_locals;
  auto index = static_cast<uint32_t>(p_->explains.size());
  // The condition that let this statement fire: the filters of the
  // enclosing loops, then its own `if`.
  std::vector<const Expr*> conds = c.for_filters;
  if (s.cond) conds.push_back(s.cond.get());
  if (!conds.empty()) {
    std::vector<const Expr*> terms;
    for (const Expr* cond : conds) {
      ep.condition += (ep.condition.empty() ? "" : " and ") + ast::to_source(*cond);
      explain_terms(*cond, &terms, true);
    }
    for (const Expr* t : terms) {
      pending_probes_.push_back(PendingProbe{index, static_cast<uint32_t>(ep.terms.size()), t});
      ep.terms.push_back(ExplainTerm{ast::to_source(*t), 0});
    }
  }
  p_->explains.push_back(std::move(ep));
  return index;
}

// Each term becomes a function over the rule's locals (run on a copy of
// them by EvalContext::probe).
void Lowerer::lower_pending_probes(uint32_t package_module) {
  for (const PendingProbe& pp : pending_probes_) {
    p_->functions.emplace_back();
    Function& fn = p_->functions.back();
    fn.name = "explain#" + std::to_string(pp.explain) + "." + std::to_string(pp.term);
    ExplainPoint& ep = p_->explains[pp.explain];
    FunctionBuilder b(fn, ep.num_locals, u_.diags);
    FnCtx c;
    c.b = &b;
    c.package_module = package_module;
    c.num_locals = ep.num_locals;
    b.at(pp.expr->span);
    uint32_t r = operand(*pp.expr, c);
    b.emit(writ::Op::Return, r);
    b.finish(0);
    ep.terms[pp.term].fn = static_cast<uint32_t>(p_->functions.size() - 1);
  }
  pending_probes_.clear();
}

void Lowerer::stmts(const std::vector<ast::StmtPtr>& list, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  std::set<uint32_t> eager = eager_lets(list);
  c.eager.insert(eager.begin(), eager.end());
  uint32_t lazy_lets = 0;
  for (const auto& sp : list) lazy_lets += sp->kind == StmtKind::kLet && is_lazy(sp->slot, *sp->value, c);
  uint32_t flag = clear_flags(lazy_lets, c);
  for (const auto& sp : list) {
    const ast::Stmt& s = *sp;
    b.at(s.span);
    switch (s.kind) {
      case StmtKind::kLet:
        bind_let(s.slot, *s.value, c, flag);
        c.let_of[s.slot] = s.value.get();
        break;
      case StmtKind::kFor: {
        uint32_t mark = b.top();
        uint32_t coll = operand(*s.value, c);
        uint32_t it = b.temp(2);
        b.at(s.value->span);
        b.emit(writ::Op::IterInit, it, coll);
        for (uint32_t slot : s.var_slots) {
          c.iter_of[slot] = it;
          c.let_of.erase(slot);
        }
        size_t bindings_mark = c.for_vars.size();
        for (size_t v = 0; v < s.vars.size(); ++v)
          c.for_vars.push_back(ExplainBinding{s.vars[v], s.var_slots[v], v + 1 == s.vars.size() ? static_cast<int32_t>(it) : -1});
        size_t loop = b.here();
        size_t next = b.emit(Insn::make(s.vars.size() == 2 ? writ::Op::IterNext2 : writ::Op::IterNext,
                                        static_cast<uint16_t>(it), static_cast<uint16_t>(s.var_slots[0]), 0));
        if (s.cond) {
          std::vector<size_t> to_next;
          branch(*s.cond, false, to_next, c);
          for (size_t j : to_next) b.patch(j, loop);
        }
        c.for_iters.push_back(it);
        if (s.cond) c.for_filters.push_back(s.cond.get());
        stmts(s.body, c);
        if (s.cond) c.for_filters.pop_back();
        c.for_iters.pop_back();
        c.for_vars.resize(bindings_mark);
        b.jump_back(writ::Op::Jump, 0, loop);
        b.patch_to_here(next);
        for (uint32_t slot : s.var_slots) c.iter_of.erase(slot);
        b.release(mark);
        break;
      }
      case StmtKind::kIf: {
        std::vector<size_t> to_else;
        branch(*s.cond, false, to_else, c);
        stmts(s.body, c);
        if (s.else_body.empty()) {
          for (size_t j : to_else) b.patch_to_here(j);
        } else {
          size_t to_end = b.jump(writ::Op::Jump);
          for (size_t j : to_else) b.patch_to_here(j);
          stmts(s.else_body, c);
          b.patch_to_here(to_end);
        }
        break;
      }
      case StmtKind::kEmit: {
        uint32_t mark = b.top();
        std::vector<size_t> skip;
        if (explain_) {  // the probe reads the condition's value
          uint32_t t = b.temp();
          if (s.cond) expr(*s.cond, t, c);
          else b.emit(writ::Op::LoadBool, t, 1);
          b.at(s.cond ? s.cond->span : s.span);
          b.emit_bc(writ::Op::Probe, t, explain_point(s, c));
          if (s.cond) skip.push_back(b.jump(writ::Op::JumpIfFalse, t));
          b.release(mark);
        } else if (s.cond) {
          branch(*s.cond, false, skip, c);
        }
        uint32_t pair = b.temp(2);
        expr(*s.value, pair, c);
        emit_path(s.at.get(), pair + 1, c);
        p_->sites.push_back(ViolationSite{c.rule, s.action, s.span});
        b.at(s.span);
        b.emit_bc(writ::Op::Emit, pair, static_cast<uint32_t>(p_->sites.size() - 1));
        for (size_t j : skip) b.patch_to_here(j);
        b.release(mark);
        break;
      }
    }
  }
}

}  // namespace writ::lower
