// `writ audit`: load everything, index it, evaluate on every core, report.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli/audit/audit.hpp"
#include "cli/audit/formats.hpp"
#include "cli/commands.hpp"

namespace writ::cli {

namespace {

// A progress line on stderr, only on a terminal and only once the run has
// taken longer than half a second.
class ProgressBar : public Progress {
 public:
  ProgressBar() : start_(std::chrono::steady_clock::now()), enabled_(isatty(2) != 0) {}
  ~ProgressBar() override {
    if (shown_) fmt::print(stderr, "\r\033[K");
  }
  void update(size_t done, size_t total) override {
    if (!enabled_) return;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (secs < 0.5 || done == total) return;
    shown_ = true;
    constexpr int kWidth = 30;
    int filled = total ? static_cast<int>(kWidth * done / total) : 0;
    fmt::print(stderr, "\r[{}{}] {}/{} resources, {:.0f}/s", std::string(static_cast<size_t>(filled), '='),
               std::string(static_cast<size_t>(kWidth - filled), ' '), done, total, done / secs);
    std::fflush(stderr);
  }

 private:
  std::chrono::steady_clock::time_point start_;
  bool enabled_;
  bool shown_ = false;
};

int fail_level_of(const std::string& fail_on) {
  if (fail_on == "deny") return 3;
  if (fail_on == "warn") return 2;
  if (fail_on == "audit") return 1;
  return 0;
}

}  // namespace

int run_audit(const AuditOptions& opts) {
  RunPolicies policies;
  if (!prepare_policies(opts.policy, false, "", &policies)) return kExitError;
  const Program& program = *policies.program;
  InputLimits limits;
  if (!input_limits_of(opts.limits, &limits)) return kExitError;
  std::vector<std::string> inputs = opts.inputs.empty() ? std::vector<std::string>{"-"} : opts.inputs;
  AuditSet set = collect(inputs, program.keys, limits);

  int fail_level = fail_level_of(opts.fail_on);
  std::unique_ptr<Reporter> reporter;
  if (opts.format == "json") reporter = make_json_reporter(stdout);
  else if (opts.format == "jsonl") reporter = make_jsonl_reporter(stdout);
  else if (opts.format == "junit") reporter = make_junit_reporter(stdout, fail_level);
  else if (opts.format == "sarif") reporter = make_sarif_reporter(stdout, program);
  else if (opts.format == "policyreport") reporter = make_policyreport_reporter(stdout, program);
  else reporter = make_audit_text_reporter(stdout, opts.color && want_color(stdout));

  Summary summary;
  reporter->begin();
  for (const std::string& e : set.input_errors) {
    ResultRecord rec;
    rec.input_error = true;
    rec.source = e.substr(0, e.find(": "));
    rec.errors.push_back(ErrorRecord{"", "", e, ""});
    summary.add(rec);
    reporter->result(rec);
  }
  unsigned threads = opts.threads > 0 ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  bool with_passes = opts.format == "policyreport" || opts.format == "junit";
  ProgressBar bar;
  evaluate_all(set, policies, opts.budget, threads, with_passes,
               [&](const ResultRecord& r) {
                 summary.add(r);
                 reporter->result(r);
               },
               &bar);
  reporter->end(summary);
  std::fflush(stdout);
  if (summary.errors > 0) return kExitError;
  bool failed = fail_level > 0 && (summary.deny > 0 || (fail_level <= 2 && summary.warn > 0) ||
                                   (fail_level <= 1 && summary.audit > 0));
  return failed ? kExitDeny : kExitOk;
}

}  // namespace writ::cli
