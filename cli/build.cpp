// `writ build`: compile policies into a bundle that hosts load without the
// parser (runtime/bytecode/bundle.hpp).
#include <fmt/format.h>

#include <chrono>
#include <fstream>

#include "cli/commands.hpp"
#include "runtime/bytecode/bundle.hpp"

namespace writ::cli {

int run_build(const BuildOptions& opts) {
  auto start = std::chrono::steady_clock::now();
  auto program = compile_policies(opts.policies);
  if (!program) return kExitError;
  BundleOptions bo;
  bo.include_sources = !opts.strip_sources;
  std::string bytes = write_bundle(*program, bo);
  std::ofstream out(opts.output, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    print_error(opts.output + ": cannot write the bundle");
    return kExitError;
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  fmt::print("wrote {}: {} rules, {} functions, {} bytes ({:.1f} ms)\n", opts.output, program->rules.size(),
             program->functions.size(), bytes.size(), ms);
  return kExitOk;
}

}  // namespace writ::cli
