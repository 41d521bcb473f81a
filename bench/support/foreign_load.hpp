// How much CPU other processes (and the hypervisor, as steal time) took
// while we measured. The machine is shared: a run during which someone else
// used the CPU is thrown away and repeated, instead of being averaged in.
#pragma once

#include <cstdint>

namespace writ::bench {

class ForeignLoad {
 public:
  void start();
  // Cores' worth of CPU used by others since start() (0 = none, 1 = a whole core).
  double stop() const;
  // Did others use less than kMaxForeignCores? Short intervals allow one
  // clock tick of noise (the kernel counts CPU time in 10 ms ticks).
  bool clean() const;

 private:
  uint64_t busy_ticks_ = 0;   // all CPUs, from /proc/stat
  double own_seconds_ = 0;    // this process (all threads) and its waited-for children
  double wall_start_ = 0;
};

// A run is clean when others used less than this.
inline constexpr double kMaxForeignCores = 0.15;

// Runs kept although others used the CPU (every try of them was busy), in
// this process so far: the report says how far to trust the figures.
int dirty_runs_kept();
void count_dirty_run();

// Runs `run` until it is clean or `max_tries` is reached; returns how many
// tries were thrown away. `run` must record its figures only through
// `keep`: it is told at the end whether the try counts.
template <typename Run>
int run_clean(Run&& run, int max_tries = 10) {
  for (int attempt = 1;; ++attempt) {
    ForeignLoad load;
    load.start();
    auto keep = run();
    bool clean = load.clean();
    if (clean || attempt == max_tries) {
      if (!clean) count_dirty_run();
      keep();
      return attempt - 1;
    }
  }
}

}  // namespace writ::bench
