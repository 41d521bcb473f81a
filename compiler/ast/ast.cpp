#include "compiler/ast/ast.hpp"

namespace writ::ast {

const char* op_spelling(Op op) {
  switch (op) {
    case Op::kNeg: return "-";
    case Op::kNot: return "not";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
    case Op::kMod: return "%";
    case Op::kEq: return "==";
    case Op::kNe: return "!=";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kIn: return "in";
    case Op::kNotIn: return "not in";
    case Op::kAnd: return "and";
    case Op::kOr: return "or";
    case Op::kCoalesce: return "??";
  }
  return "?";
}

}  // namespace writ::ast
