// Which lets are read on every path: those are computed where they are
// bound, without the flag and Force of a lazy let (see bind_let).
#include "compiler/lower/certain_reads.hpp"

namespace writ::lower {

using ast::Expr;
using ast::ExprKind;
using ast::Stmt;
using ast::StmtKind;

void certain_reads(const Expr& e, std::set<uint32_t>* out) {
  switch (e.kind) {
    case ExprKind::kName:
      if (e.sym.kind == ast::SymKind::kLocal) out->insert(e.sym.index);
      break;
    case ExprKind::kInterp:
    case ExprKind::kList:
    case ExprKind::kCall:  // a call's callee is a name or a module member, never a local
      for (const auto& item : e.items) certain_reads(*item, out);
      break;
    case ExprKind::kMap:
      for (const auto& entry : e.entries) {
        certain_reads(*entry.key, out);
        certain_reads(*entry.value, out);
      }
      break;
    case ExprKind::kMember:
    case ExprKind::kUnary:
      certain_reads(*e.a, out);
      break;
    case ExprKind::kIndex:
    case ExprKind::kSlice:
      certain_reads(*e.a, out);
      if (e.b) certain_reads(*e.b, out);
      if (e.c) certain_reads(*e.c, out);
      break;
    case ExprKind::kBinary:
      certain_reads(*e.a, out);
      // The right side of and, or, ?? may be skipped.
      if (e.op != ast::Op::kAnd && e.op != ast::Op::kOr && e.op != ast::Op::kCoalesce) certain_reads(*e.b, out);
      break;
    case ExprKind::kCond:
      certain_reads(*e.a, out);  // only one branch runs
      break;
    case ExprKind::kQuant:
    case ExprKind::kListComp:
    case ExprKind::kMapComp:
      certain_reads(*e.b, out);  // the collection; the body may run zero times
      break;
    default:
      break;
  }
}

// Backwards: a let read for sure by a later statement is computed when bound,
// so what its value reads is read for sure from there on.
std::set<uint32_t> eager_lets(const std::vector<ast::StmtPtr>& list) {
  std::set<uint32_t> read;
  std::set<uint32_t> eager;
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    const Stmt& s = **it;
    switch (s.kind) {
      case StmtKind::kLet:
        if (read.count(s.slot) != 0) {
          eager.insert(s.slot);
          certain_reads(*s.value, &read);
        }
        break;
      case StmtKind::kFor:
        certain_reads(*s.value, &read);
        break;
      case StmtKind::kIf:
        certain_reads(*s.cond, &read);
        break;
      case StmtKind::kEmit:
        certain_reads(s.cond ? *s.cond : *s.value, &read);
        break;
    }
  }
  return eager;
}

std::set<uint32_t> eager_lets(const ast::FnDecl& fn) {
  std::set<uint32_t> read;
  std::set<uint32_t> eager;
  certain_reads(*fn.body, &read);
  for (size_t i = fn.lets.size(); i-- > 0;) {
    if (read.count(fn.let_slots[i]) == 0) continue;
    eager.insert(fn.let_slots[i]);
    certain_reads(*fn.lets[i].second, &read);
  }
  return eager;
}

}  // namespace writ::lower
