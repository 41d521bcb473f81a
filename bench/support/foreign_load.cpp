#include "support/foreign_load.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>

namespace writ::bench {

namespace {

// user + nice + system + irq + softirq + steal, in clock ticks, all CPUs.
uint64_t busy_ticks() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  uint64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  return user + nice + system + irq + softirq + steal;
}

double cpu_seconds(int who) {
  struct rusage u {};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// Ours: this process and the children it has waited for (bench_launch's runs).
double own_cpu_seconds() { return cpu_seconds(RUSAGE_SELF) + cpu_seconds(RUSAGE_CHILDREN); }

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int g_dirty_kept = 0;
double g_kept_load_sum = 0;
int g_kept = 0;

}  // namespace

int dirty_runs_kept() { return g_dirty_kept; }
void count_dirty_run() { ++g_dirty_kept; }
double mean_foreign_load_kept() { return g_kept ? g_kept_load_sum / g_kept : 0; }
void record_kept_load(double cores) {
  g_kept_load_sum += cores;
  ++g_kept;
}

void ForeignLoad::start() {
  busy_ticks_ = busy_ticks();
  own_seconds_ = own_cpu_seconds();
  wall_start_ = now();
}

static double tick_seconds() { return 1.0 / static_cast<double>(sysconf(_SC_CLK_TCK)); }

double ForeignLoad::stop() const {
  double wall = now() - wall_start_;
  double busy = static_cast<double>(busy_ticks() - busy_ticks_) * tick_seconds();
  double own = own_cpu_seconds() - own_seconds_;
  // Tick accounting is coarse (10 ms): never report less than nothing.
  double foreign = busy - own;
  return wall > 0 && foreign > 0 ? foreign / wall : 0;
}

bool ForeignLoad::clean(Need need) const {
  double wall = now() - wall_start_;
  double noise = std::max(0.15 * wall, 1.5 * tick_seconds());  // seconds of CPU
  if (need == Need::kWholeMachine) return stop() * wall <= noise;
  // One core: we were not descheduled (our CPU time kept up with the wall
  // clock), and others left us a core (they used at most the rest).
  static const double cores = static_cast<double>(sysconf(_SC_NPROCESSORS_ONLN));
  double own = own_cpu_seconds() - own_seconds_;
  return own >= wall - noise && stop() * wall <= (cores - 1) * wall + noise;
}

}  // namespace writ::bench
