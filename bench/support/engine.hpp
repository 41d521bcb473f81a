// Compiling policies and binding plans for the benchmarks. Failures are
// fatal: a benchmark that cannot compile its policy has nothing to measure.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/compiler.hpp"
#include "runtime/vm/plan.hpp"

namespace writ::bench {

// A stdlib pack ("pss/restricted"), a .writ file or folder.
PolicySource policy_named(const std::string& name);
// Source text compiled as if it were the file `label`.
PolicySource policy_text(const std::string& label, std::string text);

// The compiler's options with the standard natives and packs.
CompileOptions compile_options();

// A policy as `writ eval -p POLICY` loads it: a standard pack from its
// precompiled bundle, its functions as machine code unless `machine_code`
// is false (stdlib/precompiled.hpp); anything else compiled. The control
// policy, bench/policies/pss_verdicts.writ, is compiled into the benchmarks
// as a host compiles its own (writ_add_machine_code): it too runs as
// machine code unless `machine_code` is false.
std::shared_ptr<const Program> load_or_die(const std::string& policy, bool machine_code = true);

// Compiles or exits with the diagnostics.
std::shared_ptr<const Program> compile_or_die(const std::vector<PolicySource>& policies);

// Binds params or exits; `version` ("v1.36", ...) is passed as the
// `version` param when not empty.
std::shared_ptr<const Plan> plan_or_die(std::shared_ptr<const Program> program, const std::string& version = "");

}  // namespace writ::bench
