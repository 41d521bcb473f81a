#include "conformance/plan_runner.hpp"

namespace writ::testing {

PlanRunner::PlanRunner(std::shared_ptr<const Program> program, const std::string& version)
    : program_(std::move(program)) {
  // The Plan copies the override's value, so a view of `version` is enough.
  auto plan = Plan::create(program_, {ParamOverride{"version", Value::string(version)}});
  if (!plan) {
    error_ = plan.status().message();
    return;
  }
  plan_ = *plan;
  context_ = std::make_unique<EvalContext>(plan_);
}

Outcome PlanRunner::run_file(const std::string& path) {
  Outcome out;
  out.compiled = plan_ != nullptr;
  if (!plan_) return out;
  InputLoader loader(program_->keys);
  loader.load(path, [&](LoadedDocument&& d) {
    if (!d.ok()) {
      out.input_errors.push_back(d.error_text());
      return;
    }
    for (const Resource& r : resources_of(d)) {
      EvalInput in;
      in.object = Value::of(r.node);
      const Decision& dec = context_->evaluate(in);
      for (const Violation& v : dec.violations) {
        const Rule& rule = program_->rules[v.rule];
        out.violations.push_back(
            Found{rule.policy, rule.name, action_name(v.action), std::string(v.message), std::string(v.path)});
      }
      for (const EvalError& e : dec.errors) {
        std::string rule = e.rule >= 0 ? program_->rules[static_cast<size_t>(e.rule)].name : "";
        out.errors.push_back(rule + ": " + std::string(e.message));
      }
    }
  });
  return out;
}

}  // namespace writ::testing
