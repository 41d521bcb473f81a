// bench_disasm: the bytecode of a policy's rules and functions, to read
// next to a profile (what does one check cost, in instructions?).
//
//   bench_disasm [--policy pss/restricted] [--rule NAME]
#include <cstdio>

#include "support/args.hpp"
#include "support/engine.hpp"

using namespace writ;
using namespace writ::bench;

int main(int argc, char** argv) {
  Args args(argc, argv, "usage: bench_disasm [--policy pss/restricted] [--rule NAME]");
  auto program = compile_or_die({policy_named(args.get("--policy", "pss/restricted"))});
  std::string only = args.get("--rule");
  for (const Rule& r : program->rules) {
    if (!only.empty() && r.name != only) continue;
    std::printf("== rule %s.%s (since %u)\n%s\n", r.policy.c_str(), r.name.c_str(), static_cast<unsigned>(r.since),
                disassemble(*program, program->functions[r.body_fn]).c_str());
  }
  if (only.empty())
    for (const Function& f : program->functions) std::printf("%s\n", disassemble(*program, f).c_str());
  return 0;
}
