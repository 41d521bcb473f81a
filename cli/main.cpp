// The `writ` command line. Flag parsing only: each subcommand lives in its
// own file (eval.cpp, ...). CLI11 is included here and nowhere else.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/repl/repl.hpp"

namespace {

const char* kVersion = "writ 0.1.0";

}  // namespace

int main(int argc, char** argv) {
  using namespace writ::cli;
  CLI::App app{"writ: a policy engine for Kubernetes.\n"
               "Policies are .writ files (docs/language.md), compiled to bytecode and evaluated against\n"
               "manifests, AdmissionReview requests and audit events."};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 no deny, 1 at least one deny, 2 usage, policy, input or evaluation error.\n"
             "Environment: NO_COLOR; WRIT_STDLIB=DIR (packs read from DIR first); WRIT_INTERPRET=1 (a standard\n"
             "pack alone runs in the interpreter instead of as the machine code built into writ).\n"
             "Documentation: docs/cli.md");

  EvalOptions eval;
  bool no_color = false;
  auto* ev = app.add_subcommand("eval", "Evaluate policies against Kubernetes objects, AdmissionReviews or audit events");
  ev->add_option("-p,--policy", eval.policy.policies,
                 "A .writ file, a folder of them, or a standard pack (pss/baseline, pss/restricted; one pack alone "
                 "runs as machine code built into writ); repeatable")
      ->required()
      ->allow_extra_args(false);
  ev->add_option("--param", eval.policy.params, "Set a param: NAME=VALUE (VALUE is YAML: 3, v1.30, [a, b]); "
                                                "NAME or PACKAGE.NAME; repeatable")
      ->allow_extra_args(false);
  ev->add_option("--params", eval.policy.param_files, "A YAML or JSON file mapping param names to values")
      ->allow_extra_args(false);
  ev->add_option("-f,--format", eval.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  ev->add_option("--budget", eval.budget, "Instructions one evaluation may spend (default 10,000,000)");
  ev->add_option("--limit", eval.limits,
                 "Refuse input documents past a limit: NAME=VALUE, e.g. max_document_bytes=1MiB, max_depth=64; "
                 "repeatable (names and defaults: docs/security.md)")
      ->allow_extra_args(false);
  ev->add_flag("--no-color", no_color, "Never colour the output (NO_COLOR is honoured too)");
  std::string explain_rule;
  auto* explain_opt = ev->add_option("--explain", explain_rule,
                                     "Explain each violation: the condition, its operands, the loop variables. "
                                     "With a RULE (name or policy/name), also say why that rule did not fire")
                          ->expected(0, 1);
  ev->add_option("inputs", eval.inputs,
                 "YAML, JSON or JSON Lines files, folders (recursive), or - for stdin (the default)");
  ev->footer("Example:\n  writ eval -p examples/policies/pods.writ examples/manifests/web-deployment.yaml --format json");

  AuditOptions audit;
  auto* au = app.add_subcommand("audit", "Audit every resource of a cluster dump, a folder of manifests or an audit log; "
                                         "cross-resource rules see them all (the run is then held in memory; "
                                         "otherwise it streams)");
  au->add_option("-p,--policy", audit.policy.policies, "A .writ file, a folder of them, or a standard pack; repeatable")
      ->required()
      ->allow_extra_args(false);
  au->add_option("--param", audit.policy.params, "Set a param: NAME=VALUE (VALUE is YAML); repeatable")->allow_extra_args(false);
  au->add_option("--params", audit.policy.param_files, "A YAML or JSON file mapping param names to values")->allow_extra_args(false);
  au->add_option("-f,--format", audit.format, "Report format: text (grouped by namespace, with a summary by rule), json, "
                                              "jsonl (one result per line, streamed), junit, sarif (2.1.0), policyreport "
                                              "(wgpolicyk8s.io/v1alpha2)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "junit", "sarif", "policyreport"}));
  au->add_option("--fail-on", audit.fail_on, "Exit 1 when a violation of this action or a stronger one is found "
                                             "(deny > warn > audit); none: only errors fail")
      ->check(CLI::IsMember({"deny", "warn", "audit", "none"}));
  au->add_option("--threads", audit.threads, "Evaluation threads (default: every core)");
  au->add_option("--budget", audit.budget, "Instructions one evaluation may spend (default 10,000,000)");
  au->add_option("--limit", audit.limits,
                 "Refuse input documents past a limit: NAME=VALUE, e.g. max_document_bytes=1MiB, max_depth=64; "
                 "repeatable (names and defaults: docs/security.md)")
      ->allow_extra_args(false);
  au->add_flag("--no-color", no_color, "Never colour the output");
  au->add_option("inputs", audit.inputs, "Files, folders (recursive: .yaml .yml .json .jsonl), or - for stdin (the default)");
  au->footer("Examples:\n  writ audit -p pss/restricted -p network -p rbac examples/cluster/\n"
             "  writ audit -p audit-events examples/audit/audit.jsonl --format sarif > audit.sarif");

  FmtOptions fmt_opts;
  auto* fm = app.add_subcommand("fmt", "Rewrite .writ files in the canonical layout (comments and meaning are kept)");
  fm->add_option("paths", fmt_opts.paths, "Files, or folders searched recursively for .writ files (default: .)");
  fm->add_flag("--check", fmt_opts.check, "Do not write; list files that would change and exit 1 if there is any");
  fm->add_flag("--diff", fmt_opts.diff, "Do not write; print a unified diff of the changes (exit 1 if there is any)");
  fm->footer("Example:\n  writ fmt --check stdlib/ examples/");

  BuildOptions build;
  auto* bd = app.add_subcommand("build", "Compile policies into a bundle (.wbc) that hosts load without the parser "
                                         "(`-p FILE.wbc` uses one), or into C++ a host compiles in as machine code");
  bd->add_option("-p,--policy", build.policies, "A .writ file, a folder of them, or a standard pack; repeatable")
      ->required()
      ->allow_extra_args(false);
  auto* bd_out = bd->add_option("-o,--output", build.output, "The bundle to write (default policies.wbc)");
  bd->add_flag("--strip-sources", build.strip_sources, "Leave the policy texts out of the bundle");
  bd->add_option("--emit-cpp", build.emit_cpp,
                 "Write C++ instead: the bundle and its functions as machine code, for a C++ host to compile in "
                 "and load with PolicySet::load_embedded (docs/embedding.md)")
      ->excludes(bd_out);
  bd->add_option("--symbol", build.symbol,
                 "With --emit-cpp: the name of the writ::EmbeddedProgram it defines (default: the file's stem)");
  bd->footer("Examples:\n  writ build -p pss/restricted -p policies/ -o policies.wbc\n  writ eval -p policies.wbc pod.yaml\n"
             "  writ build -p policies/ --emit-cpp my_policies.cpp   # defines writ::EmbeddedProgram my_policies");

  CheckOptions check;
  auto* ck = app.add_subcommand("check", "Parse and check policies without evaluating anything");
  ck->add_option("policies", check.policies, "Policy files, folders or standard packs")->required();

  TestOptions test;
  auto* ts = app.add_subcommand("test", "Run policy test suites (*.test.yaml): expected violations per case");
  ts->add_option("paths", test.paths, "Suite files or folders searched recursively (default: .)");
  ts->add_option("-f,--format", test.format, "Output format")->check(CLI::IsMember({"text", "junit"}));
  ts->add_option("--run", test.run, "Only cases whose name (or suite/name) matches this RE2 pattern");
  ts->add_flag("--coverage", test.coverage, "Report which rules ran and which deny/warn/audit statements fired");
  ts->add_flag("-v,--verbose", test.verbose, "Show the time of every case");
  ts->add_flag("-q,--quiet", test.quiet, "Show only failures, errors and the summary");
  ts->add_flag("--no-color", no_color, "Never colour the output");
  ts->footer("Exit codes: 0 all passed, 1 a case failed, 2 a suite could not be read or its policies do not compile.\n"
             "Example:\n  writ test examples/tests/ --coverage\nFormat of suites: docs/testing.md");

  ReplOptions repl;
  auto* rp = app.add_subcommand("repl", "Explore inputs and grow policies one expression at a time (docs/repl.md)");
  rp->add_option("-p,--policy", repl.policies, "Load a .writ file, a folder or a standard pack, as :load does; repeatable")
      ->allow_extra_args(false);
  rp->add_option("--param", repl.params, "Set a param, as :param NAME=VALUE does; repeatable")->allow_extra_args(false);
  rp->add_option("-i,--input", repl.input, "Bind the input, as :input FILE[#N] does");
  rp->add_option("--budget", repl.budget, "Instructions one evaluation may spend (default 10,000,000)");
  rp->add_flag("--no-color", no_color, "Never colour the output");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  eval.color = !no_color;
  eval.explain = explain_opt->count() > 0;
  eval.explain_rule = explain_rule;
  test.color = !no_color;
  audit.color = !no_color;
  if (ev->parsed()) return run_eval(eval);
  if (ts->parsed()) return run_test(test);
  if (au->parsed()) return run_audit(audit);
  if (fm->parsed()) return run_fmt(fmt_opts);
  if (bd->parsed()) return run_build(build);
  if (ck->parsed()) return run_check(check);
  repl.color = !no_color;
  if (rp->parsed()) return run_repl(repl);
  return kExitError;
}
