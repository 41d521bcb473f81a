// PolicyReport (wgpolicyk8s.io/v1alpha2), the format Kyverno and Kubewarden
// emit: one PolicyReport per namespace, one ClusterPolicyReport for
// cluster-scoped resources, as a YAML stream. Every rule that ran on a
// resource gives a result: fail (deny), warn (warn, audit), error, or pass.
// Audit events are not resources and are left out.
#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <map>

#include "cli/audit/formats.hpp"
#include "runtime/value/format.hpp"

namespace writ::cli {

namespace {

std::string q(const std::string& s) {
  std::string out;
  append_json_string(out, s);  // a JSON string is a valid YAML scalar
  return out;
}

struct Entry {
  std::string policy, rule, result, severity, message, path, action, source;
  ResourceId resource;
  std::string uid;
};

class PolicyReports : public Reporter {
 public:
  PolicyReports(std::FILE* out, const Program& p) : out_(out) {
    for (const Rule& r : p.rules) severity_[{r.policy, r.name}] = severity_name(r.severity);
    // SOURCE_DATE_EPOCH makes reports reproducible (tests, builds).
    const char* fixed = std::getenv("SOURCE_DATE_EPOCH");
    seconds_ = fixed != nullptr ? std::strtoll(fixed, nullptr, 10) : static_cast<long long>(std::time(nullptr));
  }

  void result(const ResultRecord& r) override {
    if (r.input_error || r.is_event) return;
    auto base = [&](const std::string& policy, const std::string& rule) {
      Entry e;
      e.policy = policy;
      e.rule = rule;
      e.resource = r.resource;
      e.uid = r.uid;
      e.source = r.source;
      auto it = severity_.find({policy, rule});
      e.severity = it == severity_.end() ? "medium" : it->second;
      return e;
    };
    auto& list = reports_[r.resource.namespace_];
    for (const ViolationRecord& v : r.violations) {
      Entry e = base(v.policy, v.rule);
      e.result = v.action == "deny" ? "fail" : "warn";
      e.message = v.message;
      e.path = v.path;
      e.action = v.action;
      list.push_back(std::move(e));
    }
    for (const ErrorRecord& er : r.errors) {
      Entry e = base(er.policy, er.rule);
      e.result = "error";
      e.message = er.message;
      list.push_back(std::move(e));
    }
    for (const auto& [policy, rule] : r.passed) {
      Entry e = base(policy, rule);
      e.result = "pass";
      e.message = "rule passed";
      list.push_back(std::move(e));
    }
  }

  void end(const Summary&) override {
    bool first = true;
    for (const auto& [ns, entries] : reports_) {
      if (!first) fmt::print(out_, "---\n");
      first = false;
      std::map<std::string, int> counts{{"pass", 0}, {"fail", 0}, {"warn", 0}, {"error", 0}, {"skip", 0}};
      for (const Entry& e : entries) ++counts[e.result];
      fmt::print(out_, "apiVersion: wgpolicyk8s.io/v1alpha2\nkind: {}\nmetadata:\n", ns.empty() ? "ClusterPolicyReport" : "PolicyReport");
      fmt::print(out_, "  name: {}\n", ns.empty() ? "writ-cluster" : q("writ-" + ns));
      if (!ns.empty()) fmt::print(out_, "  namespace: {}\n", q(ns));
      fmt::print(out_, "  labels:\n    app.kubernetes.io/managed-by: writ\n");
      fmt::print(out_, "summary:\n  pass: {}\n  fail: {}\n  warn: {}\n  error: {}\n  skip: {}\n", counts["pass"], counts["fail"],
                 counts["warn"], counts["error"], counts["skip"]);
      fmt::print(out_, "results:{}\n", entries.empty() ? " []" : "");
      for (const Entry& e : entries) {
        fmt::print(out_, "- policy: {}\n  rule: {}\n  result: {}\n  severity: {}\n  category: {}\n  message: {}\n", q(e.policy),
                   q(e.rule), e.result, e.severity, q(e.policy), q(e.message));
        fmt::print(out_, "  source: writ\n  scored: true\n  timestamp:\n    seconds: {}\n    nanos: 0\n", seconds_);
        fmt::print(out_, "  resources:\n  - apiVersion: {}\n    kind: {}\n    name: {}\n", q(e.resource.api_version),
                   q(e.resource.kind), q(e.resource.name));
        if (!e.resource.namespace_.empty()) fmt::print(out_, "    namespace: {}\n", q(e.resource.namespace_));
        if (!e.uid.empty()) fmt::print(out_, "    uid: {}\n", q(e.uid));
        fmt::print(out_, "  properties:\n    location: {}\n", q(e.source));
        if (!e.path.empty()) fmt::print(out_, "    path: {}\n", q(e.path));
        if (!e.action.empty()) fmt::print(out_, "    action: {}\n", e.action);
      }
    }
  }

 private:
  std::FILE* out_;
  std::map<std::pair<std::string, std::string>, std::string> severity_;
  std::map<std::string, std::vector<Entry>> reports_;  // "" = cluster-scoped
  long long seconds_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_policyreport_reporter(std::FILE* out, const Program& program) {
  return std::make_unique<PolicyReports>(out, program);
}

}  // namespace writ::cli
