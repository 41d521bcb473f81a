// `writ eval`: evaluate policies against manifests, admission requests and
// audit events. Inputs stream through: memory stays bounded whatever the
// number of documents.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/report.hpp"

namespace writ::cli {

int run_eval(const EvalOptions& opts) {
  auto program = compile_policies(opts.policy.policies);
  if (!program) return kExitError;
  auto plan = bind_params(program, opts.policy);
  if (!plan) return kExitError;

  std::unique_ptr<Reporter> reporter;
  if (opts.format == "json") reporter = make_json_reporter(stdout);
  else reporter = make_text_reporter(stdout, opts.color && want_color(stdout));

  writ::EvalOptions eval_opts;
  eval_opts.budget = opts.budget;
  EvalContext ctx(plan, eval_opts);
  InputLoader loader(program->keys);
  Summary summary;
  bool input_errors = false;
  reporter->begin();
  std::vector<std::string> inputs = opts.inputs;
  if (inputs.empty()) inputs.push_back("-");
  for (const std::string& path : inputs) {
    loader.load(path, [&](LoadedDocument&& doc) {
      if (!doc.ok()) {
        input_errors = true;
        ResultRecord rec;
        rec.input_error = true;
        rec.source = doc.error_line ? doc.location.file + ":" + std::to_string(doc.error_line) : doc.location.to_string();
        rec.errors.push_back(ErrorRecord{"", "", doc.error_text(), ""});
        summary.add(rec);
        reporter->result(rec);
        return;
      }
      for (const Resource& r : resources_of(doc)) {
        EvalInput in = input_of(r);
        ResultRecord rec;
        rec.source = r.location.to_string();
        rec.file = r.location.file;
        rec.line = r.location.line;
        identify(r, in, &rec.resource);
        const Decision& d = ctx.evaluate(in);
        record_decision(*program, d, &rec);
        summary.add(rec);
        reporter->result(rec);
      }
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
