#include "compiler/ast/printer.hpp"

#include "runtime/value/format.hpp"

namespace writ::ast {

namespace {

// Binding strength, to parenthesize only where needed.
int precedence(const Expr& e) {
  if (e.kind == ExprKind::kCond) return 1;
  if (e.kind == ExprKind::kQuant) return 0;
  if (e.kind == ExprKind::kUnary) return e.op == Op::kNot ? 4 : 9;
  if (e.kind != ExprKind::kBinary) return 10;
  switch (e.op) {
    case Op::kOr: return 2;
    case Op::kAnd: return 3;
    case Op::kEq: case Op::kNe: case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe: case Op::kIn: case Op::kNotIn: return 5;
    case Op::kCoalesce: return 6;
    case Op::kAdd: case Op::kSub: return 7;
    default: return 8;
  }
}

std::string wrap(const Expr& e, int min) {
  std::string s = to_source(e);
  return precedence(e) < min ? "(" + s + ")" : s;
}

std::string string_literal(const Expr& e) {
  std::string out = "\"";
  auto text = [&](const std::string& t) {
    for (char c : t) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '{': out += "\\{"; break;
        case '}': out += "\\}"; break;
        default: out += c;
      }
    }
  };
  if (e.kind == ExprKind::kString) {
    text(e.text);
  } else {
    for (const auto& part : e.items) {
      if (part->kind == ExprKind::kString) text(part->text);
      else out += "{" + to_source(*part) + "}";
    }
  }
  return out + "\"";
}

std::string vars(const Expr& e) {
  std::string s;
  for (size_t i = 0; i < e.vars.size(); ++i) s += (i ? ", " : "") + e.vars[i];
  return s;
}

}  // namespace

std::string to_source(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kNull: return "null";
    case ExprKind::kBool: return e.bool_value ? "true" : "false";
    case ExprKind::kInt: return std::to_string(e.int_value);
    case ExprKind::kFloat: {
      std::string s;
      append_float(s, e.float_value);
      return s;
    }
    case ExprKind::kString:
    case ExprKind::kInterp: return string_literal(e);
    case ExprKind::kList: {
      std::string s = "[";
      for (size_t i = 0; i < e.items.size(); ++i) s += (i ? ", " : "") + to_source(*e.items[i]);
      return s + "]";
    }
    case ExprKind::kMap: {
      std::string s = "{";
      for (size_t i = 0; i < e.entries.size(); ++i) {
        const Expr& k = *e.entries[i].key;
        std::string key = k.kind == ExprKind::kString && is_identifier(k.text) ? k.text
                          : k.kind == ExprKind::kString                         ? string_literal(k)
                                                                                : "(" + to_source(k) + ")";
        s += (i ? ", " : "") + key + ": " + to_source(*e.entries[i].value);
      }
      return s + "}";
    }
    case ExprKind::kName: return e.text;
    case ExprKind::kMember: return wrap(*e.a, 10) + "." + e.text;
    case ExprKind::kIndex: return wrap(*e.a, 10) + "[" + to_source(*e.b) + "]";
    case ExprKind::kSlice:
      return wrap(*e.a, 10) + "[" + (e.b ? to_source(*e.b) : "") + ":" + (e.c ? to_source(*e.c) : "") + "]";
    case ExprKind::kCall: {
      std::string s = to_source(*e.a) + "(";
      for (size_t i = 0; i < e.items.size(); ++i) s += (i ? ", " : "") + to_source(*e.items[i]);
      return s + ")";
    }
    case ExprKind::kUnary: return e.op == Op::kNot ? "not " + wrap(*e.a, 4) : "-" + wrap(*e.a, 9);
    case ExprKind::kBinary: {
      int p = precedence(e);
      // Comparisons do not chain: both sides bind tighter.
      int right = p == 5 ? 6 : p + 1;
      return wrap(*e.a, p == 5 ? 6 : p) + " " + op_spelling(e.op) + " " + wrap(*e.b, right);
    }
    case ExprKind::kCond: return wrap(*e.a, 2) + " ? " + to_source(*e.b) + " : " + to_source(*e.c);
    case ExprKind::kQuant: {
      const char* q = e.quant == Quant::kAny ? "any" : e.quant == Quant::kAll ? "all" : "count";
      return std::string(q) + " " + vars(e) + " in " + to_source(*e.b) + ": " + to_source(*e.a);
    }
    case ExprKind::kListComp:
      return "[" + to_source(*e.a) + " for " + vars(e) + " in " + to_source(*e.b) + (e.c ? " if " + to_source(*e.c) : "") + "]";
    case ExprKind::kMapComp:
      return "{" + to_source(*e.a) + ": " + to_source(*e.d) + " for " + vars(e) + " in " + to_source(*e.b) +
             (e.c ? " if " + to_source(*e.c) : "") + "}";
  }
  return "?";
}

}  // namespace writ::ast
