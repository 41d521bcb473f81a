// Session: the bound input, params, and running the rules on the input
// (`:rules`, `:explain`) the way `writ eval` does.
#include "cli/evaluation.hpp"
#include "cli/repl/entry.hpp"
#include "cli/repl/session.hpp"
#include "cli/repl/values.hpp"
#include "cli/report.hpp"

namespace writ::cli::repl {

bool Session::bind_input(const std::string& arg) {
  std::string path = trim(arg);
  if (path.empty()) {
    if (input_.bound()) print(input_.describe() + "\n");
    else fail("usage: :input FILE or :input FILE#N");
    return input_.bound();
  }
  BoundInput b;
  std::string error;
  if (!b.open(path, &error)) {
    fail(error);
    return false;
  }
  input_ = std::move(b);
  print(input_.describe() + "\n");
  return true;
}

bool Session::show_params() {
  Compiled c;
  if (!compile_current(&c)) {
    report(c, false);
    return false;
  }
  const Program& p = *c.build.program;
  if (p.params.empty()) {
    print("no params: declare one with `param NAME = DEFAULT`, or load policies that do\n");
    return true;
  }
  std::string text;
  for (size_t i = 0; i < p.params.size(); ++i)
    text += p.packages[p.params[i].package].name + "." + p.params[i].name + " = " +
            pretty(c.plan->param(static_cast<uint32_t>(i)), PrettyOptions{color_}) + "\n";
  print(text);
  return true;
}

bool Session::set_param(const std::string& assignment) {
  std::string a = trim(assignment);
  if (a.empty()) return show_params();
  size_t eq = a.find('=');
  if (eq == std::string::npos || eq == 0) {
    fail("usage: :param NAME=VALUE (VALUE is YAML: 3, v1.30, [a, b]); NAME or PACKAGE.NAME");
    return false;
  }
  std::string name = trim(a.substr(0, eq));
  a = name + "=" + trim(a.substr(eq + 1));
  Compiled c;
  if (!compile_current(&c)) {
    report(c, false);
    return false;
  }
  std::vector<std::string> overrides;
  for (const std::string& o : param_overrides_)
    if (o.substr(0, o.find('=')) != name) overrides.push_back(o);
  overrides.push_back(a);
  std::string error;
  std::shared_ptr<const Plan> plan = make_plan(c.build.program, overrides, &error);
  if (!plan) {
    fail(error);
    return false;
  }
  param_overrides_ = std::move(overrides);
  const Program& p = *c.build.program;
  std::string text;
  for (size_t i = 0; i < p.params.size(); ++i) {
    std::string full = p.packages[p.params[i].package].name + "." + p.params[i].name;
    if (name == p.params[i].name || name == full)
      text += full + " = " + pretty(plan->param(static_cast<uint32_t>(i)), PrettyOptions{color_}) + "\n";
  }
  print(text);
  return true;
}

bool Session::run_rules(const std::string& explain_rule) {
  bool explain = !explain_rule.empty();
  std::string rule = explain_rule == "*" ? "" : explain_rule;  // `:explain` alone: every violation, no rule
  if (!input_.bound()) {
    fail("no input: bind one with :input FILE");
    return false;
  }
  Compiled c;
  if (!compile_current(&c, explain)) {
    report(c, false);
    return false;
  }
  RunPolicies policies;
  policies.program = c.build.program;
  policies.plan = c.plan;
  if (policies.program->rules.empty()) {
    print("no rules: load policies with :load FILE.writ, or enter a rule\n");
    return true;
  }
  if (!rule.empty()) {
    for (uint32_t r = 0; r < policies.program->rules.size(); ++r) {
      const Rule& x = policies.program->rules[r];
      if (rule == x.name || rule == x.policy + "/" + x.name) policies.explain_rules.push_back(r);
    }
    if (policies.explain_rules.empty()) {
      fail(":explain " + rule + ": no such rule (:rules runs them all)");
      return false;
    }
  }
  DecodedInput in;
  std::string error;
  if (!input_.decode(policies.program->keys, &in, &error)) {
    fail(error);
    return false;
  }
  ResourceEvaluator evaluator(policies, budget_, explain);
  ResultRecord rec = evaluator.evaluate(in.resource, nullptr, false);
  Summary summary;
  summary.add(rec);
  std::unique_ptr<Reporter> reporter = make_text_reporter(out_, color_);
  reporter->begin();
  reporter->result(rec);
  reporter->end(summary);
  std::fflush(out_);
  return rec.errors.empty();
}

}  // namespace writ::cli::repl
