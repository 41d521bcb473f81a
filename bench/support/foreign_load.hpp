// Did the measured code get the CPU it needed? The machine is shared: a run
// during which other processes took our CPU is thrown away and repeated,
// instead of being averaged in.
//
// Two needs: a single-threaded measurement needs one core to itself (a
// neighbour on the other core is tolerated: the report records how busy the
// machine was), a multi-threaded one needs the whole machine.
#pragma once

#include <cstdint>

namespace writ::bench {

enum class Need { kOneCore, kWholeMachine };

class ForeignLoad {
 public:
  void start();
  // Cores' worth of CPU used by others since start() (0 = none, 1 = a whole core).
  double stop() const;
  // Was the interval free of interference for `need`? Clock ticks are
  // 10 ms, so short intervals allow a tick of noise.
  bool clean(Need need = Need::kOneCore) const;

 private:
  uint64_t busy_ticks_ = 0;   // all CPUs, from /proc/stat
  double own_seconds_ = 0;    // this process (all threads) and its waited-for children
  double wall_start_ = 0;
};

// Runs kept although the CPU was taken from them (every try was), in this
// process so far; and the neighbours' average load during kept runs.
int dirty_runs_kept();
void count_dirty_run();
double mean_foreign_load_kept();
void record_kept_load(double cores);

// Runs `run` until it is clean or `max_tries` is reached; returns how many
// tries were thrown away. `run` returns a callable that records its figures:
// it is called only for the try that counts.
template <typename Run>
int run_clean(Run&& run, Need need = Need::kOneCore, int max_tries = 10) {
  for (int attempt = 1;; ++attempt) {
    ForeignLoad load;
    load.start();
    auto keep = run();
    bool clean = load.clean(need);
    if (clean || attempt == max_tries) {
      if (!clean) count_dirty_run();
      record_kept_load(load.stop());
      keep();
      return attempt - 1;
    }
  }
}

}  // namespace writ::bench
