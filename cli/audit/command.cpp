// `writ audit`: read the inputs, evaluate on every core, report. The run is
// held in memory (and indexed) only when a cross-resource rule needs it;
// otherwise it streams through in batches, in bounded memory.
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
    if (total == 0) {  // streamed: the total is not known yet
      fmt::print(stderr, "\r{} resources, {:.0f}/s", done, done / secs);
      std::fflush(stderr);
      return;
    }
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

// A batch's progress as part of a streamed run.
class StreamProgress : public Progress {
 public:
  explicit StreamProgress(Progress& bar) : bar_(bar) {}
  void update(size_t done, size_t) override { bar_.update(before_ + done, 0); }
  void finish_batch(size_t n) { before_ += n; }

 private:
  Progress& bar_;
  size_t before_ = 0;
};

// Resources are evaluated this many at a time when the run streams: enough
// to keep every core busy, few enough that only their documents are held.
constexpr size_t kStreamBatch = 1024;

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
  auto report = [&](const ResultRecord& r) {
    summary.add(r);
    reporter->result(r);
  };
  auto report_input_error = [&](const std::string& e) {
    ResultRecord rec;
    rec.input_error = true;
    rec.source = e.substr(0, e.find(": "));
    rec.errors.push_back(ErrorRecord{"", "", e, ""});
    report(rec);
  };
  unsigned threads = opts.threads > 0 ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  bool with_passes = opts.format == "policyreport" || opts.format == "junit";
  ProgressBar bar;
  if (needs_whole_run(policies)) {
    AuditSet set = collect(inputs, program.keys, limits);
    for (const std::string& e : set.input_errors) report_input_error(e);
    evaluate_all(set.resources, set.inventory.get(), policies, opts.budget, threads, with_passes, report, &bar);
  } else {
    // Input errors are reported where they occur, as `writ eval` does.
    StreamProgress progress(bar);
    std::vector<Resource> batch;
    auto flush = [&] {
      if (batch.empty()) return;
      evaluate_all(batch, nullptr, policies, opts.budget, threads, with_passes, report, &progress);
      progress.finish_batch(batch.size());
      batch.clear();
    };
    InputLoader loader(program.keys, limits);
    for (const std::string& path : inputs)
      loader.load(path, [&](LoadedDocument&& d) {
        if (!d.ok()) {
          flush();
          report_input_error(d.error_text());
          return;
        }
        for (Resource& r : resources_of(d)) batch.push_back(std::move(r));
        if (batch.size() >= kStreamBatch) flush();
      });
    flush();
  }
  reporter->end(summary);
  std::fflush(stdout);
  if (summary.errors > 0) return kExitError;
  bool failed = fail_level > 0 && (summary.deny > 0 || (fail_level <= 2 && summary.warn > 0) ||
                                   (fail_level <= 1 && summary.audit > 0));
  return failed ? kExitDeny : kExitOk;
}

}  // namespace writ::cli
