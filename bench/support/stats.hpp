// Timing and summary statistics. Every figure the benchmarks report is a
// median over several runs, with the min and max next to it: the machine
// is shared and noisy, and one number alone would hide that.
#pragma once

#include <chrono>
#include <utility>
#include <vector>

namespace writ::bench {

struct Stats {
  double median = 0, min = 0, max = 0;
  int runs = 0;
};

Stats stats_of(std::vector<double> samples);
// The same figures multiplied by `k` (seconds → µs per pod, ...).
Stats scaled(const Stats& s, double k);

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Seconds `f` takes.
template <typename F>
double time_once(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return seconds_since(t0);
}
// The same after `prepare()`, which is not timed (evicting the inputs).
template <typename F, typename P>
double time_once(F&& f, P&& prepare) {
  prepare();
  return time_once(std::forward<F>(f));
}

}  // namespace writ::bench
