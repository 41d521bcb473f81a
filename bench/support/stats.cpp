#include "support/stats.hpp"

#include <algorithm>

namespace writ::bench {

Stats stats_of(std::vector<double> samples) {
  Stats s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  size_t n = samples.size();
  s.median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  s.min = samples.front();
  s.max = samples.back();
  s.runs = static_cast<int>(n);
  return s;
}

Stats scaled(const Stats& s, double k) { return Stats{s.median * k, s.min * k, s.max * k, s.runs}; }

}  // namespace writ::bench
