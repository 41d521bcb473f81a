#include "support/writ_test.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "runtime/value/document.hpp"
#include "runtime/vm/resource_input.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"

namespace writ::testing {

size_t Outcome::count(const std::string& rule, const std::string& action) const {
  size_t n = 0;
  for (const Found& f : violations) n += f.rule == rule && (action.empty() || f.action == action);
  return n;
}

const Found* Outcome::find(const std::string& rule) const {
  for (const Found& f : violations)
    if (f.rule == rule) return &f;
  return nullptr;
}

static Compiled finish(Compilation&& c) {
  Compiled out;
  out.program = c.program;
  out.diagnostics = render_all(c.diagnostics, c.sources);
  out.items = c.diagnostics.items();
  return out;
}

static CompileOptions options() {
  CompileOptions o;
  o.natives = &standard_natives();
  o.stdlib = find_stdlib_pack;
  return o;
}

Compiled compile_text(const std::string& source, const std::string& name) {
  return finish(compile({PolicySource{name, source, true}}, options()));
}

Compiled compile_packs(const std::vector<std::string>& names) {
  std::vector<PolicySource> src;
  for (const std::string& n : names) src.push_back(PolicySource{n, {}, false});
  return finish(compile(src, options()));
}

Outcome evaluate(const Compiled& c, const std::string& input, const Params& params, uint64_t budget) {
  Outcome out;
  out.diagnostics = c.diagnostics;
  if (!c.program) return out;
  out.compiled = true;
  std::vector<std::shared_ptr<Document>> keep;
  std::vector<ParamOverride> overrides;
  for (const auto& [name, yaml] : params) {
    auto doc = std::make_shared<Document>(&c.program->keys);
    YamlDecoder dec;
    YamlResult res;
    DecodeError err;
    REQUIRE(dec.decode(yaml, *doc, &res, &err));
    keep.push_back(doc);
    overrides.push_back(ParamOverride{name, doc->root_value()});
  }
  auto plan = Plan::create(c.program, overrides);
  if (!plan) {
    out.errors.push_back("plan: " + plan.status().message());
    return out;
  }
  writ::EvalOptions eo;
  eo.budget = budget;
  EvalContext ctx(*plan, eo);
  InputLoader loader(c.program->keys);
  loader.load_text(input, "input.yaml", InputFormat::kAuto, [&](LoadedDocument&& d) {
    if (!d.ok()) {
      out.input_errors.push_back(d.error_text());
      return;
    }
    for (const Resource& r : resources_of(d)) {
      EvalInput in = input_of(r);
      const Decision& dec = ctx.evaluate(in);
      for (const Violation& v2 : dec.violations) {
        const Rule& rule = c.program->rules[v2.rule];
        out.violations.push_back(Found{rule.policy, rule.name, action_name(v2.action), std::string(v2.message),
                                       std::string(v2.path)});
      }
      for (const EvalError& e : dec.errors) {
        std::string rule = e.rule >= 0 ? c.program->rules[static_cast<size_t>(e.rule)].name : "";
        out.errors.push_back(rule + ": " + std::string(e.message));
      }
    }
  });
  return out;
}

Outcome run(const std::string& policy, const std::string& input, const Params& params) {
  Outcome o = evaluate(compile_text(policy), input, params);
  // A policy that does not compile has no violations and no errors: a test
  // checking for none would pass without running anything.
  INFO(o.diagnostics);
  REQUIRE(o.compiled);
  return o;
}

std::string eval_expr(const std::string& expr, const std::string& input, const std::string& imports) {
  std::string src = "package t\n" + imports + "rule r {\n  deny to_string(" + expr + ")\n}\n";
  Outcome o = evaluate(compile_text(src), input.empty() ? "kind: Thing\n" : input);
  if (!o.compiled) return "<compile error> " + o.diagnostics;
  if (!o.errors.empty()) return "<error> " + o.errors[0];
  if (o.violations.size() != 1) return "<" + std::to_string(o.violations.size()) + " violations>";
  return o.violations[0].message;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string source_path(const std::string& relative) { return std::string(WRIT_SOURCE_DIR) + "/" + relative; }
std::string corpus_path(const std::string& relative) { return std::string(WRIT_CORPUS_DIR) + "/" + relative; }

int run_cli(const std::vector<std::string>& args, std::string* out, std::string* err, const std::string& stdin_text) {
  return run_program(WRIT_BINARY, args, out, err, stdin_text);
}

namespace {

int run_child(const std::string& binary, const std::vector<std::string>& args, std::string* out, std::string* err,
              const std::string& stdin_text, unsigned cpu_seconds, RunStats* stats) {
  // writ's stdout and stderr go to temporary files; stdin comes from one.
  char out_path[] = "/tmp/writ-test-out-XXXXXX", err_path[] = "/tmp/writ-test-err-XXXXXX", in_path[] = "/tmp/writ-test-in-XXXXXX";
  int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path), in_fd = mkstemp(in_path);
  if (::write(in_fd, stdin_text.data(), stdin_text.size()) < 0) return -1;
  lseek(in_fd, 0, SEEK_SET);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    if (cpu_seconds > 0) {
      rlimit cpu{cpu_seconds, cpu_seconds + 1};
      setrlimit(RLIMIT_CPU, &cpu);
    }
    std::vector<char*> argv;
    std::string bin = binary;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    setenv("NO_COLOR", "1", 1);
    if (chdir(WRIT_SOURCE_DIR) != 0) _exit(127);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (stats != nullptr) {
    stats->cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    stats->max_rss_kib = usage.ru_maxrss;
    stats->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  close(out_fd);
  close(err_fd);
  close(in_fd);
  if (out) *out = read_file(out_path);
  if (err) *err = read_file(err_path);
  unlink(out_path);
  unlink(err_path);
  unlink(in_path);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int run_program(const std::string& binary, const std::vector<std::string>& args, std::string* out, std::string* err,
                const std::string& stdin_text) {
  return run_child(binary, args, out, err, stdin_text, 0, nullptr);
}

int run_cli_bounded(const std::vector<std::string>& args, unsigned cpu_seconds, RunStats* stats, std::string* out,
                    std::string* err) {
  return run_child(WRIT_BINARY, args, out, err, "", cpu_seconds, stats);
}

}  // namespace writ::testing
