// Rules: their match blocks (constant fields checked and folded here) and
// their statements.
#include <map>
#include <set>

#include "compiler/check/checker_impl.hpp"

namespace writ {

namespace check {

using ast::StmtKind;

void Checker::check_stmts(std::vector<ast::StmtPtr>& stmts, Ctx& ctx) {
  Ctx::Mark block = ctx.mark();
  for (auto& sp : stmts) {
    ast::Stmt& s = *sp;
    switch (s.kind) {
      case StmtKind::kLet: {
        TypeSet t = expr(*s.value, ctx);
        s.slot = bind(ctx, s.name, t, s.span);
        break;
      }
      case StmtKind::kFor: {
        TypeSet it = iterable(*s.value, ctx);
        Ctx::Mark m = ctx.mark();
        s.var_slots.clear();
        for (size_t i = 0; i < s.vars.size(); ++i) {
          TypeSet t = kAnyType;
          if (s.vars.size() == 2 && i == 0) t = it == kListType ? type_bit(Type::Int) : it == kMapType ? kStringType : kAnyType;
          if (s.vars.size() == 1 && it == kMapType) t = kStringType;
          s.var_slots.push_back(bind(ctx, s.vars[i], t, s.span));
        }
        if (s.cond) condition(*s.cond, ctx, "a `for` filter");
        check_stmts(s.body, ctx);
        ctx.restore(m);
        break;
      }
      case StmtKind::kIf:
        condition(*s.cond, ctx, "an `if` condition");
        check_stmts(s.body, ctx);
        check_stmts(s.else_body, ctx);
        break;
      case StmtKind::kEmit:
        expr(*s.value, ctx);
        if (s.at) expr(*s.at, ctx);
        if (s.cond) condition(*s.cond, ctx, std::string("the condition of `" + std::string(action_name(s.action)) + "`").c_str());
        break;
    }
  }
  ctx.restore(block);
}

static bool constant_strings(const ast::Expr& e, std::vector<std::string>* out) {
  Arena arena;
  Value v;
  if (!fold_constant(e, arena, nullptr, &v) || v.type != Type::List) return false;
  for (uint32_t j = 0; j < v.len; ++j) {
    if (v.items[j].type != Type::String) return false;
    out->emplace_back(v.items[j].str());
  }
  return true;
}

static bool parse_kind(const std::string& s, KindPattern* k) {
  // Kind | group/Kind | v1/Kind (core) | group/version/Kind; `*` anywhere.
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t p = s.find('/'); ; p = s.find('/', start)) {
    parts.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  for (const std::string& p : parts)
    if (p.empty()) return false;
  k->group = "*";
  k->version = "*";
  if (parts.size() == 1) {
    k->kind = parts[0];
  } else if (parts.size() == 2) {
    bool is_version = parts[0].size() >= 2 && parts[0][0] == 'v' && std::isdigit(static_cast<unsigned char>(parts[0][1]));
    if (is_version) {
      k->group = "";
      k->version = parts[0];
    } else {
      k->group = parts[0] == "core" ? "" : parts[0];
    }
    k->kind = parts[1];
  } else if (parts.size() == 3) {
    k->group = parts[0] == "core" ? "" : parts[0];
    k->version = parts[1];
    k->kind = parts[2];
  } else {
    return false;
  }
  return true;
}

// Folds the constant fields of the package's file-level match blocks and
// the rule's own (the rule's fields win) into r.match.
void Checker::build_match(RuleInfo& r) {
  std::vector<ast::MatchBlock*> blocks;
  for (ast::MatchBlock& b : u_.modules[r.scope_module].ast->file_matches) blocks.push_back(&b);
  for (ast::MatchBlock& b : r.decl->matches) blocks.push_back(&b);
  RuleMatch& m = r.match;
  bool autogen_set = false;
  for (ast::MatchBlock* b : blocks) {
    std::set<std::string> seen;
    for (ast::MatchField& f : b->fields) {
      if (!seen.insert(f.name).second) d_.error(f.span, "match field '" + f.name + "' given twice");
      std::vector<std::string> strs;
      auto want_strings = [&]() {
        if (constant_strings(*f.value, &strs)) return true;
        d_.error(f.value->span, "`" + f.name + "` must be a constant list of strings");
        return false;
      };
      if (f.name == "kinds") {
        if (!want_strings()) continue;
        m.kinds.clear();
        for (const std::string& s : strs) {
          KindPattern k;
          if (!parse_kind(s, &k)) d_.error(f.value->span, "'" + s + "' is not a kind (Kind, group/Kind or group/version/Kind)");
          else m.kinds.push_back(k);
        }
      } else if (f.name == "operations") {
        if (!want_strings()) continue;
        m.operations = 0;
        for (const std::string& s : strs) {
          if (s == "CREATE") m.operations |= kOpCreate;
          else if (s == "UPDATE") m.operations |= kOpUpdate;
          else if (s == "DELETE") m.operations |= kOpDelete;
          else if (s == "CONNECT") m.operations |= kOpConnect;
          else if (s == "*") m.operations = kOpAll;
          else d_.error(f.value->span, "'" + s + "' is not an operation (CREATE, UPDATE, DELETE, CONNECT or *)");
        }
      } else if (f.name == "namespaces") {
        if (want_strings()) m.namespaces = strs;
      } else if (f.name == "exclude_namespaces") {
        if (want_strings()) m.exclude_namespaces = strs;
      } else if (f.name == "labels") {
        Arena arena;
        Value v;
        if (!fold_constant(*f.value, arena, nullptr, &v) || v.type != Type::Map) {
          d_.error(f.value->span, "`labels` must be a constant map of strings, like {app: \"web\"}");
          continue;
        }
        for (uint32_t j = 0; j < v.len; ++j) {
          if (v.entries[j].value.type != Type::String) {
            d_.error(f.value->span, "label values must be strings");
            continue;
          }
          m.labels.push_back(LabelRequirement{std::string(v.entries[j].key_str()), LabelRequirement::Op::kEquals,
                                              {std::string(v.entries[j].value.str())}});
        }
      } else if (f.name == "selector") {
        if (f.value->kind != ast::ExprKind::kString) {
          d_.error(f.value->span, "`selector` must be a constant string, like \"app=web,tier!=db\"");
          continue;
        }
        std::string err;
        if (!parse_label_selector(f.value->text, &m.labels, &err)) d_.error(f.value->span, "invalid label selector: " + err);
      } else if (f.name == "autogen") {
        if (f.value->kind != ast::ExprKind::kBool) {
          d_.error(f.value->span, "`autogen` must be true or false");
          continue;
        }
        m.autogen = f.value->bool_value;
        autogen_set = true;
      } else if (f.name == "when") {
        r.whens.push_back(&f);
      } else {
        std::string best = closest_name(f.name, {"kinds", "operations", "namespaces", "exclude_namespaces", "labels",
                                                 "selector", "when", "autogen"});
        d_.error(f.span, "unknown match field '" + f.name + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?") +
                             " (kinds, operations, namespaces, exclude_namespaces, labels, selector, when, autogen)");
      }
    }
  }
  // Pod rules apply to pod controllers through their template unless told not to.
  if (!autogen_set)
    for (const KindPattern& k : m.kinds) m.autogen = m.autogen || k.kind == "Pod";
}

void Checker::check_when(ast::MatchField& f, const RuleInfo& r) {
  Ctx ctx;
  ctx.scope_module = r.scope_module;
  ctx.package_module = r.scope_module;
  f.num_locals = 0;
  ctx.max_slots = &f.num_locals;
  condition(*f.value, ctx, "`when`");
}

void Checker::check_rule(RuleInfo& r) {
  build_match(r);
  for (ast::MatchField* w : r.whens) check_when(*w, r);
  Ctx ctx;
  ctx.scope_module = r.scope_module;
  ctx.package_module = r.scope_module;
  r.decl->num_locals = 0;
  ctx.max_slots = &r.decl->num_locals;
  check_stmts(r.decl->body, ctx);
}

void Checker::run() {
  declare_names();
  std::set<const ast::ParamDecl*> reported;
  for (ParamInfo& p : u_.params) {
    if (p.decl == nullptr || p.decl->default_value == nullptr) continue;
    Arena arena;
    Value v;
    if (!fold_constant(*p.decl->default_value, arena, nullptr, &v)) {
      if (reported.insert(p.decl).second)
        d_.error(p.decl->default_value->span, "a param's default must be a constant: a literal, or a list or map of literals");
      continue;
    }
    p.type = v.is_null() ? kAnyType : type_bit(v.type);
  }
  declare_rules();
  // Every rule declaration is checked once, in its own module; a package
  // that adopts it through `extends` reuses the result.
  std::map<const ast::RuleDecl*, const RuleInfo*> first;
  for (RuleInfo& r : u_.rules) {
    auto it = first.find(r.decl);
    if (it != first.end()) {
      r.match = it->second->match;
      r.whens = it->second->whens;
      continue;
    }
    check_rule(r);
    first[r.decl] = &r;
  }
  for (uint32_t m = 0; m < u_.modules.size(); ++m)
    for (ast::RuleDecl& d : u_.modules[m].ast->rules) {
      if (first.count(&d)) continue;
      RuleInfo r;
      r.scope_module = m;
      r.package_module = m;
      r.decl = &d;
      check_rule(r);
    }
  for (uint32_t id = 0; id < u_.fns.size(); ++id) check_fn(id);
}

}  // namespace check

}  // namespace writ
