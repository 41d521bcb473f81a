// Realistic Pods and pod controllers for the benchmarks, after the shape of
// the peers' gen-pods.mjs: 1-4 containers, 0-2 init containers, ephemeral
// debug containers in ~5% of pods, probes, env, resources, volumes of many
// types, labels, annotations, ownerReferences, and pod- and
// container-level security contexts. Each object is built for an intended
// Pod Security level at v1.37 (label `bench.peers/expected-level`):
// restricted (~30%), baseline (~40%), privileged (~30%).
#pragma once

#include <string>

#include "gen/json.hpp"
#include "gen/rng.hpp"

namespace writ::bench {

// The label that records the intended level; the verifier checks it.
inline constexpr const char* kExpectedLevelLabel = "bench.peers/expected-level";

class PodFactory {
 public:
  explicit PodFactory(Rng& rng) : rng_(rng) {}

  // Object number i: a Pod with its security profile applied.
  Json make_pod(int i);

 private:
  // Structure (pods.cpp).
  Json base_pod(int i);
  Json container(const std::string& kind, const std::string& name, const std::string& image,
                 const std::string& app, const Json& volumes);
  Json resources(bool big);
  Json probe(int port, const std::string& kind);
  Json env(const std::string& app);
  Json allowed_volume(const std::string& app, int i);
  Json restricted_forbidden_volume();

  // Security profiles (profiles.cpp).
  void harden(Json& pod);
  void benign_extras(Json& pod);
  void windows_restricted(Json& pod);
  void user_namespace_restricted(Json& pod);
  void default_pod(Json& pod);
  void restricted_violation(Json& pod, int which);
  void baseline_violation(Json& pod, int which);
  void apply_some(Json& pod, bool baseline_table, int lo, int hi);
  Json& pick_container(Json& pod);

  Rng& rng_;
};

// Every container of a pod: containers, then init, then ephemeral.
std::vector<Json*> all_containers(Json& pod);

// RFC 3339 time `seconds` after 2024-06-01T00:00:00Z.
std::string timestamp(int64_t seconds);

}  // namespace writ::bench
