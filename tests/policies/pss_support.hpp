// Helpers for the PSS pack tests: the packs compiled once, evaluation at a
// version, and small pods built from security contexts.
#pragma once

#include <string>
#include <vector>

#include "support/writ_test.hpp"

namespace writ::testing::pss {

// pss/baseline or pss/restricted, compiled once per test binary.
const Compiled& pack(const std::string& level);

// Evaluates `yaml` with the pack at `version` (v1.N or latest).
Outcome eval(const std::string& level, const std::string& yaml, const std::string& version = "latest");

// The rules that denied, in report order.
std::vector<std::string> denied(const Outcome& o);

// The security contexts of a pod that passes the restricted level at every
// version: spread them into pod() and add what a test needs.
inline const std::string kRestrictedPod = "runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}";
inline const std::string kRestrictedContainer = "allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}";

// A Pod named `p` with containers "a" and "b"; each argument is the inside
// of a YAML flow map (the securityContext), and `spec_extra` lines are
// added to the spec (e.g. "hostUsers: false").
std::string pod(const std::string& pod_sc, const std::string& a_sc, const std::string& b_sc,
                const std::string& spec_extra = "");

}  // namespace writ::testing::pss
