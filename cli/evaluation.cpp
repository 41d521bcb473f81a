#include "cli/evaluation.hpp"

#include <algorithm>

#include "runtime/value/well_known_keys.hpp"

namespace writ::cli {

bool prepare_policies(const PolicyOptions& opts, bool explain, const std::string& explain_rule, RunPolicies* out) {
  // pss/auto is not a file: the two packs it needs are compiled with the
  // other policies (one program, one KeyTable for the inputs) and get plans
  // of their own per level and version.
  std::vector<std::string> compiled, packages;
  bool auto_mode = false;
  for (const std::string& p : opts.policies) {
    if (p == kPssAuto) auto_mode = true;
    else compiled.push_back(p);
  }
  // Packs added only for pss/auto stay out of the main plan.
  std::vector<std::string> added;
  if (auto_mode) {
    for (const char* pack : {"pss/baseline", "pss/restricted"}) {
      if (std::find(compiled.begin(), compiled.end(), pack) != compiled.end()) continue;
      compiled.push_back(pack);
      added.push_back(std::string(pack).replace(3, 1, "."));  // pss/baseline -> pss.baseline
    }
  }
  bool own = compiled.size() > added.size();
  out->program = compile_policies(compiled, true, explain);
  if (!out->program) return false;
  if (auto_mode) out->pss_auto = std::make_unique<PssAuto>(out->program);
  if (own) {
    if (!added.empty())
      for (const Rule& r : out->program->rules)
        if (std::find(added.begin(), added.end(), r.policy) == added.end() &&
            std::find(packages.begin(), packages.end(), r.policy) == packages.end())
          packages.push_back(r.policy);
    out->plan = bind_params(out->program, opts, packages);
    if (!out->plan) return false;
  } else if (!opts.params.empty() || !opts.param_files.empty()) {
    print_error("pss/auto takes its levels and versions from Namespace labels: --param does not apply to it");
    return false;
  }
  if (!explain_rule.empty() && out->program) {
    for (uint32_t r = 0; r < out->program->rules.size(); ++r) {
      const Rule& rule = out->program->rules[r];
      if (explain_rule == rule.name || explain_rule == rule.policy + "/" + rule.name) out->explain_rules.push_back(r);
    }
  }
  if (!explain_rule.empty() && out->explain_rules.empty()) {
    print_error("--explain " + explain_rule + ": the policies have no such rule");
    return false;
  }
  return true;
}

bool reads_input(const Program& p, InputSlot slot) {
  for (const Function& f : p.functions)
    for (const Insn& in : f.code)
      if (in.op() == Op::LoadInput && in.b() == static_cast<uint16_t>(slot)) return true;
  return false;
}

bool needs_whole_run(const RunPolicies& policies) {
  if (policies.pss_auto != nullptr) return true;
  if (!policies.program) return false;
  const Program& p = *policies.program;
  for (const NativeBinding& n : p.natives)
    if (n.reads_inventory) return true;
  return reads_input(p, InputSlot::kInventory) || reads_input(p, InputSlot::kNamespaceObject);
}

ResourceEvaluator::ResourceEvaluator(RunPolicies& policies, uint64_t budget, bool explain) : policies_(policies) {
  writ::EvalOptions opts;
  opts.budget = budget;
  opts.explain = explain;
  if (policies.plan) ctx_ = std::make_unique<EvalContext>(policies.plan, opts);
  if (policies.pss_auto) pss_ = std::make_unique<PssAuto::Evaluator>(*policies.pss_auto, budget, explain);
}

namespace {

// --explain RULE: why each implementation of RULE yielded nothing here: a
// match clause, or the conditions that were false.
void explain_rules(EvalContext& ctx, const Program& p, const EvalInput& in, const Decision& d,
                   const std::vector<uint32_t>& rules, ResultRecord* rec) {
  struct Pending {
    uint32_t rule;
    size_t note;
  };
  std::vector<Pending> unmatched;
  for (uint32_t r : rules) {
    bool fired = false;
    for (const Violation& v : d.violations) fired = fired || v.rule == r;
    if (fired || !ctx.plan().is_active(r)) continue;
    std::string head = p.rules[r].policy + "/" + p.rules[r].name + " did not fire: ";
    if (std::find(d.rules_run.begin(), d.rules_run.end(), r) == d.rules_run.end()) {
      unmatched.push_back({r, rec->notes.size()});
      rec->notes.push_back(head + "its match excludes this resource");
      continue;
    }
    std::string text = head + "every condition was false";
    size_t shown = 0;
    for (const Miss& m : d.misses)
      if (m.rule == r && shown++ < 10) text += "\n" + std::string(m.explanation);
    rec->notes.push_back(shown == 0 ? head + "it ran and reached no deny, warn or audit" : text);
  }
  // Asking the match for its reason evaluates again: only once d is used up.
  for (const Pending& u : unmatched) rec->notes[u.note] += " (" + ctx.why_not_matched(u.rule, in) + ")";
}

}  // namespace

ResultRecord ResourceEvaluator::evaluate(const Resource& r, const InventoryIndex* inventory, bool with_passes) {
  EvalInput in = input_of(r);
  in.inventory = inventory;
  const Value& obj = in.object.type == Type::Map ? in.object : in.old_object;
  Value meta = field_of(obj, keys::kMetadata);
  std::string_view ns = string_of(field_of(meta, keys::kNamespace));
  if (inventory != nullptr && !ns.empty() && in.namespace_object.is_null())
    in.namespace_object = inventory->lookup("Namespace", "", ns);
  ResultRecord rec;
  rec.source = r.location.to_string();
  rec.file = r.location.file;
  rec.line = r.location.line;
  rec.is_event = r.kind == ResourceKind::kAuditEvent;
  identify(r, in, &rec.resource);
  if (ctx_) {
    rec.uid = std::string(string_of(field_of(meta, policies_.program->keys.find("uid"))));
    const Decision& d = ctx_->evaluate(in);
    record_decision(*policies_.program, d, &rec, with_passes);
    if (!policies_.explain_rules.empty()) explain_rules(*ctx_, *policies_.program, in, d, policies_.explain_rules, &rec);
  }
  if (pss_) pss_->evaluate(in, &rec, with_passes);
  return rec;
}

}  // namespace writ::cli
