// The text report of an audit: grouped by namespace, then resource, with a
// summary table by policy and rule.
#include <fmt/format.h>

#include <map>

#include "cli/audit/formats.hpp"

namespace writ::cli {

namespace {

class AuditText : public Reporter {
 public:
  AuditText(std::FILE* out, bool color) : out_(out), color_(color) {}
  std::string c(const char* code, const std::string& s) const { return color_ ? code + s + "\033[0m" : s; }

  void result(const ResultRecord& r) override {
    if (r.input_error) {
      errors_.push_back(r);
      return;
    }
    ++resources_;
    events_ += r.is_event;
    for (const ViolationRecord& v : r.violations) {
      auto& row = table_[{v.policy, v.rule}];
      (v.action == "deny" ? row.deny : v.action == "warn" ? row.warn : row.audit)++;
    }
    for (const ErrorRecord& e : r.errors) table_[{e.policy, e.rule}].errors++;
    if (r.violations.empty() && r.errors.empty()) return;
    std::string group = r.is_event ? "\177audit events" : r.resource.namespace_.empty() ? "\001cluster-scoped" : r.resource.namespace_;
    groups_[group].push_back(r);
  }

  void print_resource(const ResultRecord& r) {
    std::string who = r.resource.kind + " " + (r.resource.namespace_.empty() ? "" : r.resource.namespace_ + "/") + r.resource.name;
    fmt::print(out_, "  {}  {}\n", c("\033[1m", who), c("\033[2m", r.source));
    for (const ViolationRecord& v : r.violations) {
      const char* col = v.action == "deny" ? "\033[1;31m" : v.action == "warn" ? "\033[1;33m" : "\033[1;36m";
      std::string action = v.action == "deny" ? "DENY " : v.action == "warn" ? "WARN " : "AUDIT";
      fmt::print(out_, "    {}  {}/{}  {}\n", c(col, action), v.policy, v.rule, c("\033[2m", v.path.empty() ? "(resource)" : v.path));
      fmt::print(out_, "           {}\n", v.message);
    }
    for (const ErrorRecord& e : r.errors)
      fmt::print(out_, "    {}  {}/{}: {}{}\n", c("\033[1;35m", "ERROR"), e.policy, e.rule, e.message,
                 e.span.empty() ? "" : " (" + e.span + ")");
  }

  void end(const Summary& s) override {
    for (const ResultRecord& r : errors_)
      for (const ErrorRecord& e : r.errors) fmt::print(out_, "{}  {}\n", c("\033[1;35m", "ERROR"), e.message);
    if (!errors_.empty()) fmt::print(out_, "\n");
    for (const auto& [group, list] : groups_) {
      std::string title = group == "\001cluster-scoped" ? "Cluster-scoped resources"
                          : group == "\177audit events" ? "Audit events"
                                                         : "Namespace " + group;
      fmt::print(out_, "{}\n", c("\033[1;4m", title));
      for (const ResultRecord& r : list) print_resource(r);
      fmt::print(out_, "\n");
    }
    if (!table_.empty()) {
      size_t w_policy = 6, w_rule = 4;
      for (const auto& [k, row] : table_) {
        w_policy = std::max(w_policy, k.first.size());
        w_rule = std::max(w_rule, k.second.size());
      }
      fmt::print(out_, "{}\n", c("\033[1m", "Summary by rule"));
      fmt::print(out_, "  {:<{}}  {:<{}}  {:>5}  {:>5}  {:>5}  {:>6}\n", "policy", w_policy, "rule", w_rule, "deny", "warn", "audit", "errors");
      Row total;
      for (const auto& [k, row] : table_) {
        fmt::print(out_, "  {:<{}}  {:<{}}  {:>5}  {:>5}  {:>5}  {:>6}\n", k.first, w_policy, k.second, w_rule, row.deny, row.warn,
                   row.audit, row.errors);
        total.deny += row.deny;
        total.warn += row.warn;
        total.audit += row.audit;
        total.errors += row.errors;
      }
      fmt::print(out_, "  {:<{}}  {:<{}}  {:>5}  {:>5}  {:>5}  {:>6}\n\n", "total", w_policy, "", w_rule, total.deny, total.warn,
                 total.audit, total.errors);
    }
    size_t clean = resources_;
    for (const auto& [g, list] : groups_) clean -= list.size();
    std::string line = fmt::format("{} resource{} checked ({} object{}, {} audit event{}), {} without findings; "
                                   "{} violation{} ({} deny, {} warn, {} audit), {} error{}",
                                   s.resources, s.resources == 1 ? "" : "s", resources_ - events_,
                                   resources_ - events_ == 1 ? "" : "s", events_, events_ == 1 ? "" : "s", clean,
                                   s.violations, s.violations == 1 ? "" : "s", s.deny, s.warn, s.audit, s.errors,
                                   s.errors == 1 ? "" : "s");
    const char* col = s.errors ? "\033[1;35m" : s.deny ? "\033[1;31m" : s.violations ? "\033[1;33m" : "\033[1;32m";
    fmt::print(out_, "{}\n", c(col, line));
  }

 private:
  struct Row {
    uint64_t deny = 0, warn = 0, audit = 0, errors = 0;
  };
  std::FILE* out_;
  bool color_;
  std::map<std::string, std::vector<ResultRecord>> groups_;  // ordered: cluster-scoped first (\001), events last (\177)
  std::map<std::pair<std::string, std::string>, Row> table_;
  std::vector<ResultRecord> errors_;
  uint64_t resources_ = 0, events_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_audit_text_reporter(std::FILE* out, bool color) { return std::make_unique<AuditText>(out, color); }

}  // namespace writ::cli
