// The checker's tables: module-level names, params (own and inherited
// through `extends`), and the rules of each policy package.
#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/checker_impl.hpp"

namespace writ {

namespace check {

void Checker::declare_names() {
  // Packages: two policy files may not claim the same package.
  std::map<std::string, uint32_t> packages;
  for (uint32_t m = 0; m < u_.modules.size(); ++m) {
    const ast::Module& mod = *u_.modules[m].ast;
    auto [it, fresh] = packages.emplace(mod.package, m);
    if (!fresh) {
      d_.error(mod.package_span, "package '" + mod.package + "' is declared twice (also in " +
                                     u_.sources.name(u_.modules[it->second].ast->file) + ")");
    }
  }
  // Constants: literals only, so that `x in allowed` compiles to a hashed set.
  for (uint32_t m = 0; m < u_.modules.size(); ++m) {
    ModuleInfo& info = u_.modules[m];
    for (const ast::ConstDecl& k : info.ast->consts) {
      if (info.names.count(k.name)) {
        d_.error(k.span, "'" + k.name + "' is already defined in this file");
        continue;
      }
      Arena arena;
      Value v;
      if (!fold_constant(*k.value, arena, nullptr, &v)) {
        d_.error(k.value->span, "a top-level `let` must be a constant: a literal, or a list or map of literals");
        continue;
      }
      ModuleBinding b;
      b.kind = ModuleBinding::kConst;
      b.index = static_cast<uint32_t>(u_.consts.size());
      b.span = k.span;
      info.names[k.name] = b;
      u_.consts.push_back(ConstInfo{m, &k, v.is_null() ? kAnyType : type_bit(v.type)});
    }
  }
  // Functions.
  for (uint32_t m = 0; m < u_.modules.size(); ++m) {
    ModuleInfo& info = u_.modules[m];
    for (ast::FnDecl& f : info.ast->fns) {
      auto it = info.names.find(f.name);
      if (it != info.names.end()) {
        d_.error(f.span, "'" + f.name + "' is already defined in this file");
        continue;
      }
      std::set<std::string> seen;
      for (size_t i = 0; i < f.params.size(); ++i)
        if (!seen.insert(f.params[i]).second) d_.error(f.param_spans[i], "parameter '" + f.params[i] + "' appears twice");
      ModuleBinding b;
      b.kind = ModuleBinding::kFn;
      b.index = static_cast<uint32_t>(u_.fns.size());
      b.span = f.span;
      info.names[f.name] = b;
      FnInfo fi;
      fi.module = m;
      fi.decl = &f;
      u_.fns.push_back(fi);
    }
  }
  // Params, in an order where extended modules come first.
  std::vector<uint8_t> state(u_.modules.size(), 0);
  for (uint32_t m = 0; m < u_.modules.size(); ++m) declare_params(m, state);
}

void Checker::declare_params(uint32_t m, std::vector<uint8_t>& state) {
  if (state[m] != 0) return;  // done, or in a cycle (already reported)
  state[m] = 1;
  ModuleInfo& info = u_.modules[m];
  for (const ast::ParamDecl& p : info.ast->params) {
    if (info.params.count(p.name)) {
      d_.error(p.span, "param '" + p.name + "' is declared twice");
      continue;
    }
    ParamInfo pi;
    pi.package = m;
    pi.name = p.name;
    pi.decl = &p;
    info.params[p.name] = static_cast<uint32_t>(u_.params.size());
    u_.params.push_back(pi);
  }
  if (info.ast->versioned) info.versioned = info.ast->versioned;
  for (const auto& [base, span] : info.extends) {
    declare_params(base, state);
    const ModuleInfo& b = u_.modules[base];
    if (!info.versioned) info.versioned = b.versioned;
    for (const auto& [name, idx] : b.params) {
      if (info.params.count(name)) continue;  // redeclared here: the new default wins
      ParamInfo pi = u_.params[idx];
      pi.package = m;
      info.params[name] = static_cast<uint32_t>(u_.params.size());
      u_.params.push_back(pi);
    }
  }
  if (info.versioned && !info.params.count("version")) {
    ParamInfo pi;
    pi.package = m;
    pi.name = "version";
    pi.type = kStringType;
    info.params["version"] = static_cast<uint32_t>(u_.params.size());
    u_.params.push_back(pi);
  }
  state[m] = 2;
}

// The rules a package gets from `from`: its own, then those of what it
// extends, depth first.
void Checker::collect_rules(uint32_t package, uint32_t from, std::vector<uint32_t>& seen) {
  for (uint32_t s : seen)
    if (s == from) return;
  seen.push_back(from);
  ModuleInfo& src = u_.modules[from];
  // The base package's rules come first, as its checks are the more basic ones.
  for (const auto& [base, span] : src.extends) collect_rules(package, base, seen);
  for (ast::RuleDecl& r : src.ast->rules) {
    RuleInfo ri;
    ri.scope_module = from;
    ri.package_module = package;
    ri.decl = &r;
    u_.rules.push_back(std::move(ri));
  }
}

void Checker::declare_rules() {
  for (uint32_t m = 0; m < u_.modules.size(); ++m) {
    if (!u_.modules[m].is_policy) continue;
    std::vector<uint32_t> seen;
    collect_rules(m, m, seen);
  }
  check_rule_versions();
}

void Checker::check_rule_versions() {
  // Per package: duplicate names, `since` and `overrides`.
  std::map<std::pair<uint32_t, std::string>, std::vector<const RuleInfo*>> by_name;
  for (const RuleInfo& r : u_.rules) by_name[{r.package_module, r.decl->name}].push_back(&r);
  std::set<const ast::RuleDecl*> reported;
  for (const RuleInfo& r : u_.rules) {
    const ModuleInfo& pkg = u_.modules[r.package_module];
    const ModuleInfo& scope = u_.modules[r.scope_module];
    const ast::RuleDecl& d = *r.decl;
    if (!reported.insert(&d).second) continue;  // report each declaration once
    if (d.since) {
      auto range = scope.versioned;
      if (!range) {
        d_.error(d.since_span, "`since` needs the package to be versioned: add `versioned v1.0 .. v1.N` to the file");
      } else if (*d.since < range->first || *d.since > range->second) {
        d_.error(d.since_span, "`since " + kube_version_string(*d.since) + "` is outside the package's versions " +
                                   kube_version_string(range->first) + " .. " + kube_version_string(range->second));
      }
    }
    for (const std::string& o : d.overrides) {
      if (!by_name.count({r.package_module, o}))
        d_.error(d.overrides_span, "`overrides " + o + "`: the package has no rule named '" + o + "'");
      else if (o == d.name)
        d_.error(d.overrides_span, "a rule cannot override itself");
    }
    (void)pkg;
  }
  // An implementation that stops overriding what an earlier one overrode
  // brings that rule back: legal, but usually a forgotten clause.
  std::set<std::pair<const ast::RuleDecl*, std::string>> warned;
  for (const auto& [key, list] : by_name) {
    std::vector<const RuleInfo*> chain(list.begin(), list.end());
    std::sort(chain.begin(), chain.end(), [](const RuleInfo* a, const RuleInfo* b) {
      return a->decl->since.value_or(0) < b->decl->since.value_or(0);
    });
    for (size_t i = 1; i < chain.size(); ++i)
      for (const std::string& o : chain[i - 1]->decl->overrides) {
        const auto& now = chain[i]->decl->overrides;
        if (std::find(now.begin(), now.end(), o) != now.end()) continue;
        if (!warned.insert({chain[i]->decl, o}).second) continue;
        d_.warning(chain[i]->decl->span, "this implementation of '" + key.second + "' does not override '" + o +
                                             "', which the previous one does: '" + o +
                                             "' runs again from here (repeat `overrides " + o + "` if that is not intended)");
      }
  }
  for (const auto& [key, list] : by_name) {
    if (list.size() < 2) continue;
    std::set<KubeVersion> sinces;
    bool first = true;
    for (const RuleInfo* r : list) {
      const ast::RuleDecl& d = *r->decl;
      const auto& range = u_.modules[r->package_module].versioned;
      bool versioned = range.has_value();
      KubeVersion s = d.since.value_or(versioned ? range->first : kNoVersion);
      bool fresh = sinces.insert(s).second;
      if (first) {
        first = false;
        continue;
      }
      if (!fresh || !versioned) {
        std::string where = r->scope_module == r->package_module ? "" : " (inherited from " + u_.modules[r->scope_module].ast->package + ")";
        d_.error(d.span, "rule '" + d.name + "' is defined twice" + where +
                             (versioned ? ": versions of one rule need distinct `since` versions" : ""));
        break;
      }
    }
  }
}

}  // namespace check

}  // namespace writ
