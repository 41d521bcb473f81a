// `writ eval`: evaluate policies against manifests, admission requests and
// audit events. Inputs stream through, so memory stays bounded whatever the
// number of documents; only when a rule reads `inventory` or
// `namespaceObject` (or with pss/auto) is the whole run kept, so that the
// other resources and the Namespaces of the inputs are visible.
#include <fmt/format.h>

#include "cli/audit/audit.hpp"
#include "cli/commands.hpp"
#include "cli/evaluation.hpp"

namespace writ::cli {

int run_eval(const EvalOptions& opts) {
  InputLimits limits;
  if (!input_limits_of(opts.limits, &limits)) return kExitError;
  RunPolicies policies;
  if (!prepare_policies(opts.policy, opts.explain, opts.explain_rule, &policies)) return kExitError;
  const KeyTable& keys = policies.program->keys;

  std::unique_ptr<Reporter> reporter;
  if (opts.format == "json") reporter = make_json_reporter(stdout);
  else reporter = make_text_reporter(stdout, opts.color && want_color(stdout));

  ResourceEvaluator evaluator(policies, opts.budget, opts.explain);
  Summary summary;
  bool input_errors = false;
  reporter->begin();
  auto report_input_error = [&](const std::string& source, const std::string& text) {
    input_errors = true;
    ResultRecord rec;
    rec.input_error = true;
    rec.source = source;
    rec.errors.push_back(ErrorRecord{"", "", text, ""});
    summary.add(rec);
    reporter->result(rec);
  };
  auto report = [&](const ResultRecord& rec) {
    summary.add(rec);
    reporter->result(rec);
  };
  std::vector<std::string> inputs = opts.inputs.empty() ? std::vector<std::string>{"-"} : opts.inputs;
  if (needs_whole_run(policies)) {
    AuditSet set = collect(inputs, keys, limits);
    for (const std::string& e : set.input_errors) report_input_error(e.substr(0, e.find(": ")), e);
    for (const Resource& r : set.resources) report(evaluator.evaluate(r, set.inventory.get(), false));
  } else {
    InputLoader loader(keys, limits);
    for (const std::string& path : inputs)
      loader.load(path, [&](LoadedDocument&& doc) {
        if (!doc.ok()) {
          report_input_error(doc.error_line ? doc.location.file + ":" + std::to_string(doc.error_line) : doc.location.to_string(),
                             doc.error_text());
          return;
        }
        for (const Resource& r : resources_of(doc)) report(evaluator.evaluate(r, nullptr, false));
      });
  }
  reporter->end(summary);
  std::fflush(stdout);
  if (input_errors || summary.errors > 0) return kExitError;
  return summary.deny > 0 ? kExitDeny : kExitOk;
}

int run_check(const CheckOptions& opts) {
  auto program = compile_policies(opts.policies);
  if (!program) return kExitError;
  size_t rules = program->rules.size();
  fmt::print("ok: {} polic{}, {} rule{}\n", opts.policies.size(), opts.policies.size() == 1 ? "y" : "ies", rules,
             rules == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace writ::cli
