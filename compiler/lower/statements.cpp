// Rule statements → instructions, and the `at` path of a violation.
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
        e = let->second;
        continue;
      }
    }
    break;
  }
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

void Lowerer::stmts(const std::vector<ast::StmtPtr>& list, FnCtx& c) {
  FunctionBuilder& b = *c.b;
  for (const auto& sp : list) {
    const ast::Stmt& s = *sp;
    b.at(s.span);
    switch (s.kind) {
      case StmtKind::kLet:
        expr(*s.value, s.slot, c);
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
        size_t loop = b.here();
        size_t next = b.emit(Insn::make(s.vars.size() == 2 ? writ::Op::IterNext2 : writ::Op::IterNext,
                                        static_cast<uint16_t>(it), static_cast<uint16_t>(s.var_slots[0]), 0));
        if (s.cond) {
          uint32_t save = b.top();
          uint32_t t = b.temp();
          expr(*s.cond, t, c);
          b.at(s.cond->span);
          b.jump_back(writ::Op::JumpIfFalse, t, loop);
          b.release(save);
        }
        c.for_iters.push_back(it);
        stmts(s.body, c);
        c.for_iters.pop_back();
        b.jump_back(writ::Op::Jump, 0, loop);
        b.patch_to_here(next);
        for (uint32_t slot : s.var_slots) c.iter_of.erase(slot);
        b.release(mark);
        break;
      }
      case StmtKind::kIf: {
        uint32_t mark = b.top();
        uint32_t t = b.temp();
        expr(*s.cond, t, c);
        b.at(s.cond->span);
        size_t to_else = b.jump(writ::Op::JumpIfFalse, t);
        b.release(mark);
        stmts(s.body, c);
        if (s.else_body.empty()) {
          b.patch_to_here(to_else);
        } else {
          size_t to_end = b.jump(writ::Op::Jump);
          b.patch_to_here(to_else);
          stmts(s.else_body, c);
          b.patch_to_here(to_end);
        }
        break;
      }
      case StmtKind::kEmit: {
        uint32_t mark = b.top();
        size_t skip = 0;
        if (s.cond) {
          uint32_t t = b.temp();
          expr(*s.cond, t, c);
          b.at(s.cond->span);
          skip = b.jump(writ::Op::JumpIfFalse, t);
          b.release(mark);
        }
        uint32_t pair = b.temp(2);
        expr(*s.value, pair, c);
        emit_path(s.at.get(), pair + 1, c);
        p_->sites.push_back(ViolationSite{c.rule, s.action, s.span});
        b.at(s.span);
        b.emit_bc(writ::Op::Emit, pair, static_cast<uint32_t>(p_->sites.size() - 1));
        if (s.cond) b.patch_to_here(skip);
        b.release(mark);
        break;
      }
    }
  }
}

}  // namespace writ::lower
