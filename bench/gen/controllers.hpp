// Pod controllers around a generated pod: the pod's metadata and spec become
// the pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job
// or CronJob, the way a cluster's objects look before any Pod exists.
#pragma once

#include <string>

#include "gen/json.hpp"
#include "gen/rng.hpp"

namespace writ::bench {

// Wraps `pod` into a controller of `kind`; the template keeps the pod's
// labels (including the expected level) and annotations.
Json wrap_in_controller(Json pod, const std::string& kind, Rng& rng);

}  // namespace writ::bench
