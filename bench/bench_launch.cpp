// bench_launch: wall time and peak RSS of a whole process, e.g. a cold
// `writ eval -p pss/restricted pod.yaml`, or `writ eval` over 100,000 pods.
//
//   bench_launch --id ID --label TEXT [--runs R] [--max-ms X] [--max-rss-mib Y]
//                [--ok-codes 0,1] -- COMMAND ARGS...
//
// Each run forks and execs COMMAND (stdout to /dev/null), waits with wait4()
// and takes the child's ru_maxrss: its own peak resident set, not ours.
// Exit codes outside --ok-codes (default 0,1: writ's "no deny" and "deny")
// fail the benchmark. A run during which other processes used the CPU is
// repeated (support/foreign_load.hpp).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "support/foreign_load.hpp"
#include "support/results.hpp"

using namespace writ::bench;

namespace {

struct RunResult {
  double seconds = 0;
  double max_rss_mib = 0;
  int exit_code = -1;
};

RunResult run(char** argv) {
  RunResult r;
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execvp(argv[0], argv);
    std::perror(argv[0]);
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  r.seconds = seconds_since(t0);
  r.max_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::string id, label, ok_codes = "0,1";
  int runs = 10;
  double max_ms = -1, max_rss = -1;
  int cmd = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--") {
      cmd = i + 1;
      break;
    }
    if (a == "--id") id = next();
    else if (a == "--label") label = next();
    else if (a == "--runs") runs = std::stoi(next());
    else if (a == "--max-ms") max_ms = std::stod(next());
    else if (a == "--max-rss-mib") max_rss = std::stod(next());
    else if (a == "--ok-codes") ok_codes = next();
  }
  if (cmd < 0 || cmd >= argc || id.empty()) {
    std::fprintf(stderr, "usage: bench_launch --id ID --label TEXT [--runs R] [--max-ms X] [--max-rss-mib Y] -- CMD...\n");
    return 2;
  }
  std::vector<double> ms, rss;
  int codes = 0, discarded = 0;
  for (int r = 0; r < runs; ++r) {
    ForeignLoad load;
    load.start();
    RunResult res = run(argv + cmd);
    // A run during which others used the CPU is repeated (up to 3 times the runs).
    if (!load.clean()) {
      if (discarded < 3 * runs) {
        ++discarded;
        --r;
        continue;
      }
      count_dirty_run();
    }
    record_kept_load(load.stop());
    bool ok = false;
    std::stringstream ss(ok_codes);
    for (std::string c; std::getline(ss, c, ',');) ok |= std::stoi(c) == res.exit_code;
    if (!ok) {
      std::fprintf(stderr, "bench_launch: %s exited with %d\n", argv[cmd], res.exit_code);
      return 1;
    }
    codes = res.exit_code;
    ms.push_back(res.seconds * 1e3);
    rss.push_back(res.max_rss_mib);
  }
  Results out("bench_launch");
  std::string command;
  for (int i = cmd; i < argc; ++i) command += std::string(i > cmd ? " " : "") + argv[i];
  out.info(id + ".command", command);
  out.info(id + ".exit_code", codes);
  out.info(id + ".discarded_runs", discarded);
  out.info(id + ".dirty_runs_kept", dirty_runs_kept());
  out.info(id + ".neighbour_load_cores", mean_foreign_load_kept());
  std::optional<Target> t_ms, t_rss;
  if (max_ms >= 0) t_ms = Target::at_most(max_ms);
  if (max_rss >= 0) t_rss = Target::at_most(max_rss);
  out.metric(id + ".wall_ms", label + ": wall time", "ms", stats_of(ms), t_ms);
  out.metric(id + ".peak_rss_mib", label + ": peak RSS", "MiB", stats_of(rss), t_rss);
  out.print();
  return 0;
}
