// What every subcommand that runs policies does first: compile the -p
// arguments (files, folders, stdlib packs), print diagnostics, bind params.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/compiler.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/plan.hpp"
#include "runtime/vm/resource_input.hpp"  // input_of

namespace writ::cli {

enum ExitCode { kExitOk = 0, kExitDeny = 1, kExitError = 2 };

struct PolicyOptions {
  std::vector<std::string> policies;      // -p
  std::vector<std::string> params;        // --param NAME=VALUE
  std::vector<std::string> param_files;   // --params FILE
};

// Compiles the policies; prints diagnostics (with colour if stderr is a
// terminal). Null on errors.
std::shared_ptr<const Program> compile_policies(const std::vector<std::string>& policies, bool print_warnings = true,
                                                bool explain = false);

// Binds --param/--params; prints the error and returns null on failure.
std::shared_ptr<const Plan> bind_params(std::shared_ptr<const Program> program, const PolicyOptions& opts,
                                        const std::vector<std::string>& packages = {});

// apiVersion, kind, namespace, name of what an input is about.
struct ResourceId;
void identify(const Resource& r, const EvalInput& in, ResourceId* id);

void print_error(const std::string& message);

// --limit NAME=VALUE assignments over the defaults; prints the error and
// returns false on a bad one.
bool input_limits_of(const std::vector<std::string>& assignments, InputLimits* out);

}  // namespace writ::cli
