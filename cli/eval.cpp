// `writ eval`: evaluate policies against manifests, admission requests and
// audit events. Inputs stream through: memory stays bounded whatever the
// number of documents.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/report.hpp"

#include <algorithm>

namespace writ::cli {

namespace {

// --explain RULE: for each implementation of RULE that yielded nothing on
// this input, say why: a match clause, or the conditions that were false.
void explain_rules(EvalContext& ctx, const Program& p, const EvalInput& in, const Decision& d,
                   const std::vector<uint32_t>& rules, ResultRecord* rec) {
  std::vector<std::string> notes;
  for (uint32_t r : rules) {
    bool fired = false;
    for (const Violation& v : d.violations) fired = fired || v.rule == r;
    if (fired || !ctx.plan().is_active(r)) continue;
    std::string head = p.rules[r].policy + "/" + p.rules[r].name + " did not fire: ";
    bool ran = std::find(d.rules_run.begin(), d.rules_run.end(), r) != d.rules_run.end();
    if (!ran) {
      notes.push_back(head + "its match excludes this resource (" + std::string() + "%WHY%" + ")");
      continue;
    }
    std::string text = head + "every condition was false";
    size_t shown = 0;
    for (const Miss& m : d.misses)
      if (m.rule == r && shown++ < 10) text += "\n" + std::string(m.explanation);
    if (shown == 0) text = head + "it ran and reached no deny, warn or audit";
    notes.push_back(text);
  }
  // The match reason needs a fresh evaluation: do it last, once d is copied.
  for (std::string& n : notes) {
    size_t at = n.find("%WHY%");
    if (at == std::string::npos) continue;
    for (uint32_t r : rules)
      if (n.rfind(p.rules[r].policy + "/" + p.rules[r].name + " ", 0) == 0) {
        n.replace(at, 5, ctx.why_not_matched(r, in));
        break;
      }
  }
  rec->notes = std::move(notes);
}

}  // namespace

int run_eval(const EvalOptions& opts) {
  auto program = compile_policies(opts.policy.policies, true, opts.explain);
  if (!program) return kExitError;
  auto plan = bind_params(program, opts.policy);
  if (!plan) return kExitError;
  std::vector<uint32_t> explained;  // rules named by --explain RULE
  if (!opts.explain_rule.empty()) {
    for (uint32_t r = 0; r < program->rules.size(); ++r) {
      const Rule& rule = program->rules[r];
      if (opts.explain_rule == rule.name || opts.explain_rule == rule.policy + "/" + rule.name) explained.push_back(r);
    }
    if (explained.empty()) {
      print_error("--explain " + opts.explain_rule + ": the policies have no such rule");
      return kExitError;
    }
  }

  std::unique_ptr<Reporter> reporter;
  if (opts.format == "json") reporter = make_json_reporter(stdout);
  else reporter = make_text_reporter(stdout, opts.color && want_color(stdout));

  writ::EvalOptions eval_opts;
  eval_opts.budget = opts.budget;
  eval_opts.explain = opts.explain;
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
        if (!explained.empty()) explain_rules(ctx, *program, in, d, explained, &rec);
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
