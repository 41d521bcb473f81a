#include "runtime/vm/plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "runtime/value/copy.hpp"
#include "runtime/vm/operators.hpp"

namespace writ {

static constexpr std::string_view kPodControllerKinds[] = {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
                                                            "Job", "CronJob", "ReplicationController", "PodTemplate"};

bool is_pod_controller_kind(std::string_view kind) {
  // The first letter before the compare: asked once per evaluation, and
  // "Pod" has the length of "Job".
  for (std::string_view k : kPodControllerKinds)
    if (kind.size() == k.size() && kind[0] == k[0] && kind == k) return true;
  return false;
}

Result<std::shared_ptr<const Plan>> Plan::create(std::shared_ptr<const Program> program,
                                                 const std::vector<ParamOverride>& overrides,
                                                 const std::vector<std::string>& packages) {
  std::shared_ptr<Plan> plan(new Plan());
  plan->program_ = std::move(program);
  WRIT_TRY(plan->bind_params(overrides));
  WRIT_TRY(plan->select_rules(packages));
  plan->build_index();
  return std::shared_ptr<const Plan>(std::move(plan));
}

static bool compatible(const Value& def, const Value& v) {
  if (def.is_null() || v.is_null()) return true;
  if (def.is_number() && v.is_number()) return def.type == Type::Float || v.type == Type::Int;
  return def.type == v.type;
}

Status Plan::bind_params(const std::vector<ParamOverride>& overrides) {
  const Program& p = *program_;
  params_.resize(p.params.size());
  for (size_t i = 0; i < p.params.size(); ++i) params_[i] = p.params[i].default_value;
  for (const ParamOverride& o : overrides) {
    bool found = false;
    for (size_t i = 0; i < p.params.size(); ++i) {
      const Param& decl = p.params[i];
      const std::string& pkg = p.packages[decl.package].name;
      bool hit = o.name == decl.name || (o.name.size() == pkg.size() + 1 + decl.name.size() &&
                                         o.name.compare(0, pkg.size(), pkg) == 0 && o.name[pkg.size()] == '.' &&
                                         o.name.compare(pkg.size() + 1, std::string::npos, decl.name) == 0);
      if (!hit) continue;
      found = true;
      if (!compatible(decl.default_value, o.value))
        return error(StatusCode::kInvalidArgument,
                     "param " + pkg + "." + decl.name + " expects " + a_type(decl.default_value.type) +
                         ", got " + a_type(o.value.type));
      Value v = deep_copy(o.value, *arena_, p.keys);
      if (decl.default_value.type == Type::Float && v.type == Type::Int) v = Value::real(static_cast<double>(v.i));
      params_[i] = v;
    }
    if (!found) {
      std::string known;
      for (const Param& d : p.params) known += (known.empty() ? "" : ", ") + p.packages[d.package].name + "." + d.name;
      return error(StatusCode::kInvalidArgument,
                   "unknown param \"" + o.name + "\"" + (known.empty() ? " (the policies declare none)" : " (declared: " + known + ")"));
    }
  }
  // Resolve the "as of" version of each versioned package.
  versions_.assign(p.packages.size(), kNoVersion);
  for (size_t k = 0; k < p.packages.size(); ++k) {
    const Package& pkg = p.packages[k];
    if (pkg.version_param < 0) continue;
    const Value& v = params_[static_cast<size_t>(pkg.version_param)];
    KubeVersion ver = pkg.version_max;
    if (v.type != Type::String)
      return error(StatusCode::kInvalidArgument, "param " + pkg.name + ".version must be a string like \"v1.30\" or \"latest\"");
    if (v.str() != "latest") {
      if (!parse_kube_version(v.str(), &ver))
        return error(StatusCode::kInvalidArgument, "param " + pkg.name + ".version: \"" + std::string(v.str()) +
                                                        "\" is not a Kubernetes version (v1.N or latest)");
      if (ver < pkg.version_min)
        return error(StatusCode::kInvalidArgument, "param " + pkg.name + ".version: " + std::string(v.str()) +
                                                        " is older than the oldest version the package knows, " +
                                                        kube_version_string(pkg.version_min));
      ver = std::min(ver, pkg.version_max);  // newer versions are evaluated as the newest known one
    }
    versions_[k] = ver;
  }
  return Status::ok();
}

Status Plan::select_rules(const std::vector<std::string>& packages) {
  const Program& p = *program_;
  auto wanted = [&](const Rule& r) {
    return packages.empty() || std::find(packages.begin(), packages.end(), r.policy) != packages.end();
  };
  // Implementations of one rule share (package, name); the active one has
  // the greatest `since` not after the package's version.
  std::map<std::pair<uint32_t, std::string>, int64_t> chosen;
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    const Rule& rule = p.rules[r];
    if (!wanted(rule)) continue;
    KubeVersion ver = versions_[rule.package];
    if (ver != kNoVersion && rule.since > ver) continue;
    auto key = std::make_pair(rule.package, rule.name);
    auto it = chosen.find(key);
    if (it == chosen.end() || p.rules[static_cast<size_t>(it->second)].since < rule.since) chosen[key] = r;
  }
  std::set<std::pair<uint32_t, std::string>> overridden;
  for (const auto& [key, r] : chosen)
    for (const std::string& o : p.rules[static_cast<size_t>(r)].overrides) overridden.insert({key.first, o});
  active_mask_.assign(p.rules.size(), false);
  for (const auto& [key, r] : chosen)
    if (!overridden.count(key)) active_mask_[static_cast<size_t>(r)] = true;
  for (uint32_t r = 0; r < p.rules.size(); ++r)
    if (active_mask_[r]) active_.push_back(r);
  return Status::ok();
}

void Plan::build_index() {
  const Program& p = *program_;
  // Match classes: rules of one package usually share their match block,
  // and their neighbours are where to look (quadratic only in a run of
  // distinct blocks, bounded to 8 back).
  std::vector<uint32_t> match_class(p.rules.size());
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    match_class[r] = r;
    for (uint32_t back = 1; back <= 8 && back <= r; ++back)
      if (p.rules[r - back].match.same_selection(p.rules[r].match)) {
        match_class[r] = match_class[r - back];
        break;
      }
  }
  auto kinds_of = [&](const Rule& rule, std::vector<std::string>* out) {
    // Returns false when the rule may match any kind.
    if (rule.match.kinds.empty()) return false;
    for (const KindPattern& k : rule.match.kinds) {
      if (k.kind == "*") return false;
      out->push_back(k.kind);
      if (rule.match.autogen && k.kind == "Pod")
        for (std::string_view c : kPodControllerKinds) out->push_back(std::string(c));
    }
    return true;
  };
  for (uint32_t r : active_) {
    std::vector<std::string> kinds;
    if (kinds_of(p.rules[r], &kinds))
      for (const std::string& k : kinds) by_kind_[k];
  }
  for (uint32_t r : active_) {
    const Rule& rule = p.rules[r];
    PlannedRule planned{r, match_class[r], &p.functions[rule.body_fn], rule.match.when_fn >= 0};
    std::vector<std::string> kinds;
    if (!kinds_of(rule, &kinds)) {
      wildcard_.push_back(planned);
      for (auto& [k, list] : by_kind_) list.push_back(planned);
      continue;
    }
    std::sort(kinds.begin(), kinds.end());
    kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
    for (const std::string& k : kinds) by_kind_[k].push_back(planned);
  }
}

}  // namespace writ
