// SARIF 2.1.0, so code-scanning UIs (GitHub, GitLab, Azure DevOps) show each
// violation on its manifest line, with the rule's help text.
#include <fmt/format.h>

#include <map>

#include "cli/audit/formats.hpp"
#include "runtime/value/format.hpp"

namespace writ::cli {

namespace {

std::string q(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

const char* sarif_level(const std::string& action) { return action == "deny" ? "error" : action == "warn" ? "warning" : "note"; }

// GitHub code scanning ranks alerts by this number (0.0-10.0).
const char* security_severity(Severity s) {
  switch (s) {
    case Severity::kCritical: return "9.5";
    case Severity::kHigh: return "8.0";
    case Severity::kMedium: return "5.5";
    case Severity::kLow: return "3.0";
    case Severity::kInfo: return "1.0";
  }
  return "5.5";
}

uint64_t fnv(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

class Sarif : public Reporter {
 public:
  Sarif(std::FILE* out, const Program& p) : out_(out), p_(p) {
    // One reportingDescriptor per rule name of each policy (versions of a rule share it).
    for (const Rule& r : p.rules) {
      std::string id = r.policy + "/" + r.name;
      if (index_.count(id)) continue;
      index_[id] = rules_.size();
      rules_.push_back(&r);
    }
  }

  void result(const ResultRecord& r) override {
    if (r.input_error) {
      for (const ErrorRecord& e : r.errors) notifications_.push_back(e.message);
      return;
    }
    for (const ViolationRecord& v : r.violations) results_.push_back(violation(r, v));
    for (const ErrorRecord& e : r.errors)
      notifications_.push_back(r.source + ": " + e.policy + "/" + e.rule + ": " + e.message);
  }

  std::string violation(const ResultRecord& r, const ViolationRecord& v) {
    std::string id = v.policy + "/" + v.rule;
    std::string who = r.resource.kind + " " + (r.resource.namespace_.empty() ? "" : r.resource.namespace_ + "/") + r.resource.name;
    std::string text = v.message + " (" + who + (v.path.empty() ? "" : ", " + v.path) + ")";
    std::string uri = r.file == "-" ? "stdin" : r.file;
    std::string fqn = r.resource.kind + "/" + (r.resource.namespace_.empty() ? "" : r.resource.namespace_ + "/") + r.resource.name +
                      (v.path.empty() ? "" : "." + v.path);
    std::string s = "{\"ruleId\": " + q(id);
    if (auto it = index_.find(id); it != index_.end()) s += ", \"ruleIndex\": " + std::to_string(it->second);
    s += ", \"level\": \"" + std::string(sarif_level(v.action)) + "\", \"message\": {\"text\": " + q(text) + "}";
    s += ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": " + q(uri) + "}";
    s += ", \"region\": {\"startLine\": " + std::to_string(std::max<uint32_t>(1, r.line)) + "}}";
    s += ", \"logicalLocations\": [{\"name\": " + q(v.path.empty() ? who : v.path) + ", \"fullyQualifiedName\": " + q(fqn) +
         ", \"kind\": \"resource\"}]}]";
    s += ", \"partialFingerprints\": {\"writResource/v1\": \"" + fmt::format("{:016x}", fnv(id + "|" + fqn)) + "\"}";
    s += ", \"properties\": {\"action\": " + q(v.action) + ", \"severity\": " + q(v.severity) + ", \"path\": " + q(v.path) +
         ", \"resource\": {\"apiVersion\": " + q(r.resource.api_version) + ", \"kind\": " + q(r.resource.kind) +
         ", \"namespace\": " + q(r.resource.namespace_) + ", \"name\": " + q(r.resource.name) + "}, \"policySpan\": " +
         q(v.span) + "}}";
    return s;
  }

  std::string descriptor(const Rule& r) {
    std::string id = r.policy + "/" + r.name;
    std::string text = r.description.empty() ? r.name : r.description;
    std::string where = r.span.file < p_.sources.size() ? p_.sources[r.span.file].name + ":" + std::to_string(r.span.line) : "";
    std::string help = text + "\n\nPolicy " + r.policy + ", rule " + r.name + ", severity " + severity_name(r.severity) +
                       (where.empty() ? "" : ", defined at " + where) + ".";
    std::string md = "**" + text + "**\n\nPolicy `" + r.policy + "`, rule `" + r.name + "`, severity " +
                     severity_name(r.severity) + (where.empty() ? "" : ", defined at `" + where + "`") + ".";
    return "{\"id\": " + q(id) + ", \"name\": " + q(r.name) + ", \"shortDescription\": {\"text\": " + q(text) +
           "}, \"fullDescription\": {\"text\": " + q(text) + "}, \"help\": {\"text\": " + q(help) + ", \"markdown\": " + q(md) +
           "}, \"defaultConfiguration\": {\"level\": \"error\"}, \"properties\": {\"tags\": [\"security\", \"kubernetes\", " +
           q(r.policy) + "], \"precision\": \"high\", \"security-severity\": \"" + security_severity(r.severity) + "\"}}";
  }

  void end(const Summary&) override {
    fmt::print(out_, "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n");
    fmt::print(out_, "  \"runs\": [{{\n    \"tool\": {{\"driver\": {{\"name\": \"writ\", \"version\": \"0.1.0\", "
                     "\"informationUri\": \"https://github.com/writ-policy/writ\", \"rules\": [");
    for (size_t i = 0; i < rules_.size(); ++i) fmt::print(out_, "{}\n      {}", i ? "," : "", descriptor(*rules_[i]));
    fmt::print(out_, "\n    ]}}}},\n");
    fmt::print(out_, "    \"invocations\": [{{\"executionSuccessful\": {}, \"toolExecutionNotifications\": [",
               notifications_.empty() ? "true" : "false");
    for (size_t i = 0; i < notifications_.size(); ++i)
      fmt::print(out_, "{}\n      {{\"level\": \"error\", \"message\": {{\"text\": {}}}}}", i ? "," : "", q(notifications_[i]));
    fmt::print(out_, "]}}],\n    \"results\": [");
    for (size_t i = 0; i < results_.size(); ++i) fmt::print(out_, "{}\n      {}", i ? "," : "", results_[i]);
    fmt::print(out_, "\n    ]\n  }}]\n}}\n");
  }

 private:
  std::FILE* out_;
  const Program& p_;
  std::map<std::string, size_t> index_;
  std::vector<const Rule*> rules_;
  std::vector<std::string> results_;
  std::vector<std::string> notifications_;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, const Program& program) {
  return std::make_unique<Sarif>(out, program);
}

}  // namespace writ::cli
