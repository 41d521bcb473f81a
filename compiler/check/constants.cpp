// Compile-time helpers of the checker: constant folding, label selectors,
// "did you mean" suggestions, and the entry point.
#include <algorithm>

#include "compiler/check/checker_impl.hpp"

namespace writ {

bool fold_constant(const ast::Expr& e, Arena& arena, KeyTable* keys, Value* out) {
  using ast::ExprKind;
  switch (e.kind) {
    case ExprKind::kNull: *out = Value::null(); return true;
    case ExprKind::kBool: *out = Value::boolean(e.bool_value); return true;
    case ExprKind::kInt: *out = Value::integer(e.int_value); return true;
    case ExprKind::kFloat: *out = Value::real(e.float_value); return true;
    case ExprKind::kString: *out = Value::string(arena.copy(e.text)); return true;
    case ExprKind::kUnary: {
      Value v;
      if (e.op != ast::Op::kNeg || !fold_constant(*e.a, arena, keys, &v)) return false;
      if (v.type == Type::Int && v.i != INT64_MIN) { *out = Value::integer(-v.i); return true; }
      if (v.type == Type::Float) { *out = Value::real(-v.f); return true; }
      return false;
    }
    case ExprKind::kList: {
      Value* items = arena.allocate_array<Value>(e.items.size());
      for (size_t i = 0; i < e.items.size(); ++i)
        if (!fold_constant(*e.items[i], arena, keys, &items[i])) return false;
      *out = Value::list(items, static_cast<uint32_t>(e.items.size()));
      return true;
    }
    case ExprKind::kMap: {
      MapEntry* entries = arena.allocate_array<MapEntry>(e.entries.size());
      for (size_t i = 0; i < e.entries.size(); ++i) {
        Value k;
        if (!fold_constant(*e.entries[i].key, arena, keys, &k) || k.type != Type::String) return false;
        for (size_t j = 0; j < i; ++j)
          if (entries[j].key_str() == k.str()) return false;  // duplicate key: not a constant we accept
        entries[i].key = k.s;
        entries[i].key_len = k.len;
        entries[i].id = keys != nullptr ? keys->intern(k.str()) : kNoKey;
        if (!fold_constant(*e.entries[i].value, arena, keys, &entries[i].value)) return false;
      }
      *out = Value::map(entries, static_cast<uint32_t>(e.entries.size()));
      return true;
    }
    default:
      return false;
  }
}

static std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

bool parse_label_selector(std::string_view text, std::vector<LabelRequirement>* out, std::string* error) {
  // Split on commas outside parentheses.
  std::vector<std::string> terms;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] == '(') ++depth;
    if (i < text.size() && text[i] == ')') --depth;
    if (i == text.size() || (text[i] == ',' && depth == 0)) {
      std::string t = trim(text.substr(start, i - start));
      if (!t.empty()) terms.push_back(t);
      start = i + 1;
    }
  }
  for (const std::string& t : terms) {
    LabelRequirement r;
    auto set_values = [&](std::string_view list) {
      std::string_view inner = list;
      if (inner.size() < 2 || inner.front() != '(' || inner.back() != ')') return false;
      inner = inner.substr(1, inner.size() - 2);
      size_t s = 0;
      for (size_t i = 0; i <= inner.size(); ++i)
        if (i == inner.size() || inner[i] == ',') {
          r.values.push_back(trim(inner.substr(s, i - s)));
          s = i + 1;
        }
      return true;
    };
    size_t p;
    if (t[0] == '!') {
      r.op = LabelRequirement::Op::kDoesNotExist;
      r.key = trim(t.substr(1));
    } else if ((p = t.find("!=")) != std::string::npos) {
      r.op = LabelRequirement::Op::kNotEquals;
      r.key = trim(t.substr(0, p));
      r.values.push_back(trim(t.substr(p + 2)));
    } else if ((p = t.find("==")) != std::string::npos) {
      r.key = trim(t.substr(0, p));
      r.values.push_back(trim(t.substr(p + 2)));
    } else if ((p = t.find('=')) != std::string::npos) {
      r.key = trim(t.substr(0, p));
      r.values.push_back(trim(t.substr(p + 1)));
    } else if ((p = t.find(" notin ")) != std::string::npos) {
      r.op = LabelRequirement::Op::kNotIn;
      r.key = trim(t.substr(0, p));
      if (!set_values(trim(t.substr(p + 7)))) { *error = "expected (a, b, ...) after notin in '" + t + "'"; return false; }
    } else if ((p = t.find(" in ")) != std::string::npos) {
      r.op = LabelRequirement::Op::kIn;
      r.key = trim(t.substr(0, p));
      if (!set_values(trim(t.substr(p + 4)))) { *error = "expected (a, b, ...) after in in '" + t + "'"; return false; }
    } else {
      r.op = LabelRequirement::Op::kExists;
      r.key = t;
    }
    if (r.key.empty() || r.key.find_first_of(" (),!=") != std::string::npos) {
      *error = "cannot read '" + t + "'";
      return false;
    }
    out->push_back(std::move(r));
  }
  return true;
}

static size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(1, name.size() / 3) + 1;
  for (const std::string& c : candidates) {
    if (c == name) continue;
    size_t d = edit_distance(name, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

void check_unit(Unit& unit) {
  check::Checker checker(unit);
  checker.run();
}

}  // namespace writ
