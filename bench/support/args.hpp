// Command-line flags of the benchmark programs: `--name value` and `--flag`.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace writ::bench {

class Args {
 public:
  Args(int argc, char** argv, const char* usage) : usage_(usage) {
    for (int i = 1; i < argc; ++i) args_.emplace_back(argv[i]);
    for (const std::string& a : args_)
      if (a == "-h" || a == "--help") {
        std::fprintf(stderr, "%s\n", usage_);
        std::exit(0);
      }
  }

  std::string get(const char* name, const std::string& fallback = "") const {
    for (size_t i = 0; i + 1 < args_.size(); ++i)
      if (args_[i] == name) return args_[i + 1];
    return fallback;
  }
  std::string require(const char* name) const {
    std::string v = get(name);
    if (v.empty()) {
      std::fprintf(stderr, "missing %s\n%s\n", name, usage_);
      std::exit(2);
    }
    return v;
  }
  long number(const char* name, long fallback) const {
    std::string v = get(name);
    return v.empty() ? fallback : std::strtol(v.c_str(), nullptr, 10);
  }
  bool flag(const char* name) const {
    for (const std::string& a : args_)
      if (a == name) return true;
    return false;
  }

 private:
  const char* usage_;
  std::vector<std::string> args_;
};

}  // namespace writ::bench
