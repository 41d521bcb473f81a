#include "support/engine.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"
#include "stdlib/precompiled.hpp"

// The control policy as machine code, compiled into the benchmarks
// (bench/CMakeLists.txt: writ_add_machine_code).
extern const writ::EmbeddedProgram bench_pss_verdicts;

namespace writ::bench {

namespace {

// The program compiled into the benchmarks from the file `policy`, if any.
const EmbeddedProgram* embedded_for(const std::string& policy) {
  std::error_code ec;
  if (std::filesystem::equivalent(policy, WRIT_BENCH_DIR "/policies/pss_verdicts.writ", ec)) return &bench_pss_verdicts;
  return nullptr;
}

}  // namespace

PolicySource policy_named(const std::string& name) { return PolicySource{name, {}, false}; }

PolicySource policy_text(const std::string& label, std::string text) {
  return PolicySource{label, std::move(text), true};
}

CompileOptions compile_options() {
  CompileOptions o;
  o.natives = &standard_natives();
  o.stdlib = find_stdlib_pack;
  return o;
}

std::shared_ptr<const Program> compile_or_die(const std::vector<PolicySource>& policies) {
  Compilation c = compile(policies, compile_options());
  if (!c.ok()) {
    std::fprintf(stderr, "bench: the policies do not compile:\n%s\n", render_all(c.diagnostics, c.sources).c_str());
    std::exit(2);
  }
  return c.program;
}

std::shared_ptr<const Program> load_or_die(const std::string& policy, bool machine_code) {
  if (auto program = precompiled_program(policy, standard_natives(), machine_code)) return program;
  if (const EmbeddedProgram* embedded = embedded_for(policy); embedded && machine_code) {
    auto program = read_embedded_program(*embedded, standard_natives());
    if (!program) {
      std::fprintf(stderr, "bench: %s\n", program.status().message().c_str());
      std::exit(2);
    }
    return *program;
  }
  return compile_or_die({policy_named(policy)});
}

std::shared_ptr<const Plan> plan_or_die(std::shared_ptr<const Program> program, const std::string& version) {
  std::vector<ParamOverride> overrides;
  if (!version.empty()) overrides.push_back(ParamOverride{"version", Value::string(version)});
  auto plan = Plan::create(std::move(program), overrides);
  if (!plan) {
    std::fprintf(stderr, "bench: cannot bind the plan: %s\n", plan.status().message().c_str());
    std::exit(2);
  }
  return *plan;
}

}  // namespace writ::bench
