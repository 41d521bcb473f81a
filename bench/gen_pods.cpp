// gen_pods: a deterministic generator of realistic Pods and pod controllers,
// one JSON document per line.
//
//   gen_pods N [--seed S] [--out FILE] [--pods-only]
//
// The same N and seed give the same bytes, and the first M objects of a run
// with N > M are the objects of a run with M. By default about half the
// objects are Pods and half controllers (Deployment, StatefulSet, DaemonSet,
// ReplicaSet, Job, CronJob), whose pod templates carry the same security
// profiles; `--pods-only` writes Pods only. The intended Pod Security level
// (v1.37) of each object is its label `bench.peers/expected-level`.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "gen/controllers.hpp"
#include "gen/pods.hpp"

using namespace writ::bench;

static int usage() {
  std::fprintf(stderr, "usage: gen_pods N [--seed S] [--out FILE] [--pods-only]\n");
  return 2;
}

int main(int argc, char** argv) {
  long n = -1;
  unsigned long seed = 20240601;
  const char* out_path = nullptr;
  bool pods_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoul(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out_path = argv[++i];
    else if (!std::strcmp(argv[i], "--pods-only")) pods_only = true;
    else if (argv[i][0] != '-' && n < 0) n = std::strtol(argv[i], nullptr, 10);
    else return usage();
  }
  if (n <= 0) return usage();
  FILE* out = out_path ? std::fopen(out_path, "wb") : stdout;
  if (!out) {
    std::perror(out_path);
    return 1;
  }
  Rng rng(static_cast<uint32_t>(seed));
  // Kinds and controller fields come from their own stream, so --pods-only
  // gives the same pods (controllers become their own pods) and nothing else changes.
  Rng kinds(static_cast<uint32_t>(seed) ^ 0x9e3779b9u);
  PodFactory factory(rng);
  const std::vector<std::pair<std::string, double>> mix = {
      {"Pod", 50}, {"Deployment", 16}, {"StatefulSet", 7}, {"DaemonSet", 6},
      {"ReplicaSet", 7}, {"Job", 6}, {"CronJob", 8}};
  std::string line;
  size_t bytes = 0;
  for (long i = 0; i < n; ++i) {
    Json obj = factory.make_pod(static_cast<int>(i));
    std::string kind = kinds.weighted(mix);
    if (!pods_only && kind != "Pod") obj = wrap_in_controller(std::move(obj), kind, kinds);
    line.clear();
    obj.write(line);
    line += '\n';
    bytes += line.size();
    if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
      std::perror("write");
      return 1;
    }
  }
  if (out != stdout && std::fclose(out) != 0) {
    std::perror(out_path);
    return 1;
  }
  std::fprintf(stderr, "gen_pods: %ld objects, %.1f MiB, %.0f bytes each on average (seed %lu)\n", n,
               static_cast<double>(bytes) / 1048576.0, static_cast<double>(bytes) / static_cast<double>(n), seed);
  return 0;
}
