#include "cli/pss_auto.hpp"

#include "cli/session.hpp"
#include "runtime/value/builder.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"
#include "runtime/vm/plan.hpp"

namespace writ::cli {

std::shared_ptr<const Plan> PssAuto::plan(const std::string& level, const std::string& version) {
  std::lock_guard<std::mutex> lock(mu_);
  auto key = std::make_pair(level, version);
  auto it = plans_.find(key);
  if (it != plans_.end()) return it->second;
  const auto& program = program_;
  std::string package = level == "baseline" ? "pss.baseline" : "pss.restricted";
  // An invalid version label is evaluated as latest.
  KubeVersion v;
  std::string effective = version == "latest" || parse_kube_version(version, &v) ? version : "latest";
  Document doc(&program->keys);
  DocumentBuilder b(doc, InputLimits{});
  (void)b.string_value(effective);
  (void)b.finish();
  auto plan = Plan::create(program, {ParamOverride{package + ".version", doc.root_value()}}, {package});
  if (!plan) plan = Plan::create(program, {}, {package});  // older than the packs know: as latest
  std::shared_ptr<const Plan> p = plan ? *plan : nullptr;
  plans_[key] = p;
  return p;
}

void PssAuto::Evaluator::evaluate(const EvalInput& in, ResultRecord* rec, bool with_passes) {
  const Value& obj = in.object.type == Type::Map ? in.object : in.old_object;
  std::string_view kind = string_of(field_of(obj, keys::kKind));
  bool pod = kind == "Pod";
  if (!pod && !is_pod_controller_kind(kind)) return;
  Value labels = field_of(field_of(in.namespace_object, keys::kMetadata), keys::kLabels);
  struct Mode {
    const char* name;
    Action action;
  };
  static const Mode modes[] = {{"enforce", Action::kDeny}, {"warn", Action::kWarn}, {"audit", Action::kAudit}};
  for (const Mode& m : modes) {
    if (!pod && m.action == Action::kDeny) continue;  // enforce: Pods only
    Value level_v;
    std::string label = std::string("pod-security.kubernetes.io/") + m.name;
    if (!map_get_str(labels, label, &level_v)) continue;
    std::string level = level_v.type == Type::String ? std::string(level_v.str()) : "";
    if (level == "privileged") continue;
    if (level != "baseline") level = "restricted";  // restricted, or invalid: fail closed
    Value version_v;
    std::string version = map_get_str(labels, label + "-version", &version_v) && version_v.type == Type::String
                              ? std::string(version_v.str())
                              : "latest";
    std::shared_ptr<const Plan> plan = owner_.plan(level, version);
    if (!plan) continue;
    auto& ctx = contexts_[plan.get()];
    if (!ctx) {
      writ::EvalOptions opts;
      opts.budget = budget_;
      opts.explain = explain_;
      ctx = std::make_unique<EvalContext>(plan, opts);
    }
    ResultRecord part;
    record_decision(plan->program(), ctx->evaluate(in), &part, with_passes);
    for (ViolationRecord& v : part.violations) {
      v.action = action_name(m.action);
      rec->violations.push_back(std::move(v));
    }
    for (ErrorRecord& e : part.errors) rec->errors.push_back(std::move(e));
    for (auto& p : part.passed) rec->passed.push_back(std::move(p));
  }
}

}  // namespace writ::cli
