// bench_compile: what compiling the standard packs costs.
//
//   bench_compile [--runs R]
//
//   first         the first compile of all packs in a process (ANTLR's
//                 lazily built parser tables are part of it: a CLI pays
//                 this); measured in R forked children, forked before this
//                 process compiles anything, so each starts cold
//   all packs     every embedded pack in one compile() call, warm
//   <pack>        each pack alone, warm
//   plan          Plan::create for pss/restricted (params, versions, kind index)
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "stdlib/packs.hpp"
#include "support/args.hpp"
#include "support/engine.hpp"
#include "support/foreign_load.hpp"
#include "support/results.hpp"

using namespace writ;
using namespace writ::bench;

int main(int argc, char** argv) {
  Args args(argc, argv, "usage: bench_compile [--runs R]");
  int runs = static_cast<int>(args.number("--runs", 20));
  std::vector<PolicySource> all;
  std::string names;
  for (const EmbeddedPack& p : embedded_packs()) {
    all.push_back(policy_named(p.name));
    names += std::string(names.empty() ? "" : ", ") + p.name;
  }
  Results out("bench_compile");
  out.info("compile.packs", names);
  int discarded = 0;  // samples thrown away because others used the CPU meanwhile
  std::vector<double> first;
  for (int r = 0; r < runs; ++r) {
    ForeignLoad load;
    load.start();
    int fds[2];
    if (pipe(fds) != 0) return 2;
    pid_t pid = fork();
    if (pid == 0) {
      double t = time_once([&] { compile_or_die(all); });
      ssize_t w = write(fds[1], &t, sizeof t);
      _exit(w == sizeof t ? 0 : 1);
    }
    double t = 0;
    ssize_t got = read(fds[0], &t, sizeof t);
    close(fds[0]);
    close(fds[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got != sizeof t || status != 0) return 2;
    if (!load.clean()) {
      if (discarded < 3 * runs) {
        ++discarded;
        --r;
        continue;
      }
      count_dirty_run();
    }
    record_kept_load(load.stop());
    first.push_back(t);
  }
  out.metric("compile.first_all_ms", "compile all stdlib packs, first in a process", "ms", scaled(stats_of(first), 1e3),
             Target::at_most(50));
  auto program = compile_or_die(all);
  out.info("compile.rules", static_cast<double>(program->rules.size()));

  auto median_ms = [&](const std::vector<PolicySource>& sources) {
    std::vector<double> t;
    for (int r = 0; r < runs; ++r)
      discarded += run_clean([&] {
        double s = time_once([&] { compile_or_die(sources); });
        return [&, s] { t.push_back(s); };
      });
    return scaled(stats_of(t), 1e3);
  };
  out.metric("compile.all_ms", "compile all stdlib packs (" + names + "), warm", "ms", median_ms(all),
             Target::at_most(50));
  for (const EmbeddedPack& p : embedded_packs())
    out.metric(std::string("compile.pack.") + p.name, std::string("compile ") + p.name + " alone", "ms",
               median_ms({policy_named(p.name)}));

  auto restricted = compile_or_die({policy_named("pss/restricted")});
  std::vector<double> t;
  for (int r = 0; r < runs; ++r) t.push_back(time_once([&] { plan_or_die(restricted); }));
  out.metric("compile.plan_ms", "Plan::create, pss/restricted", "ms", scaled(stats_of(t), 1e3));
  out.info("compile.discarded_runs", static_cast<double>(discarded));
  out.info("compile.dirty_runs_kept", static_cast<double>(dirty_runs_kept()));
  out.info("compile.neighbour_load_cores", mean_foreign_load_kept());
  out.print();
  return 0;
}
