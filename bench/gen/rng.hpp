// The generator's only source of variation: mulberry32 (the PRNG the peers'
// gen-pods.mjs uses), with the same helper vocabulary. Every draw goes
// through next(), so a seed fixes the output byte for byte on any platform
// (no std::*_distribution, whose results are implementation-defined).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace writ::bench {

class Rng {
 public:
  explicit Rng(uint32_t seed) : a_(seed) {}

  // Uniform in [0, 1), a multiple of 2^-32 (exact in a double).
  double next() {
    a_ += 0x6d2b79f5u;
    uint32_t t = (a_ ^ (a_ >> 15)) * (1u | a_);
    t = (t + ((t ^ (t >> 7)) * (61u | t))) ^ t;
    return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
  }

  bool chance(double p) { return next() < p; }
  // Inclusive on both ends.
  int between(int lo, int hi) { return lo + static_cast<int>(next() * (hi - lo + 1)); }
  size_t index(size_t n) { return static_cast<size_t>(next() * static_cast<double>(n)); }

  // By value: callers often pick from a temporary list.
  template <typename T>
  T pick(const std::vector<T>& v) { return v[index(v.size())]; }

  // entries: (value, weight); weights need not sum to 1.
  template <typename T>
  T weighted(const std::vector<std::pair<T, double>>& entries) {
    double total = 0;
    for (const auto& e : entries) total += e.second;
    double r = next() * total;
    for (const auto& e : entries)
      if ((r -= e.second) < 0) return e.first;
    return entries.back().first;
  }

  // k distinct elements, in draw order.
  template <typename T>
  std::vector<T> sample(std::vector<T> pool, size_t k) {
    std::vector<T> out;
    while (out.size() < k && !pool.empty()) {
      size_t i = index(pool.size());
      out.push_back(pool[i]);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
    }
    return out;
  }

  std::string chars(const char* alphabet, size_t alphabet_len, int len) {
    std::string s;
    for (int i = 0; i < len; ++i) s += alphabet[index(alphabet_len)];
    return s;
  }
  std::string hex(int len) { return chars("0123456789abcdef", 16, len); }
  std::string alnum(int len) { return chars("bcdfghjklmnpqrstvwxz2456789", 27, len); }
  std::string uuid() {
    return concat({hex(8), "-", hex(4), "-4", hex(3), "-", std::string(1, "89ab"[index(4)]), hex(3), "-", hex(12)});
  }

  // Concatenation in a braced list: its elements are evaluated left to right
  // (unlike the operands of `+` or function arguments), so draws keep their order.
  static std::string concat(std::initializer_list<std::string> parts) {
    std::string s;
    for (const std::string& p : parts) s += p;
    return s;
  }

 private:
  uint32_t a_;
};

}  // namespace writ::bench
