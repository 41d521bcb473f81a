// A hand-written C++ implementation of the 19 Pod Security Admission checks
// (CHECKS.md, v1.35-v1.37), straight over writ's value tree: the yardstick
// for the bytecode. "writ time / reference time" is our distance to what
// native code does with the same tree.
//
// It computes verdicts only (which checks fail), not messages: the
// benchmark compares verdicts pod by pod with the pss packs and the peers.
// Pod controllers are checked through their pod template, as writ's
// autogen does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/value/key_table.hpp"
#include "runtime/value/node.hpp"

namespace writ {
class Document;
}

namespace writ::bench {

// Check ids in Pod Security Admission's reporting order (CHECKS.md §1.3):
// the 12 baseline checks, then the 7 restricted ones.
enum Check : uint32_t {
  kAppArmorProfile, kCapabilitiesBaseline, kHostNamespaces, kHostPathVolumes, kHostPorts,
  kHostProbesAndHostLifecycle, kPrivileged, kProcMount, kSeLinuxOptions, kSeccompProfileBaseline, kSysctls,
  kWindowsHostProcess,
  kAllowPrivilegeEscalation, kCapabilitiesRestricted, kProcMountRestricted, kRestrictedVolumes, kRunAsNonRoot,
  kRunAsUser, kSeccompProfileRestricted,
  kCheckCount
};
using CheckMask = uint32_t;

const char* check_name(uint32_t check);
// The check called `name`, or kCheckCount.
uint32_t check_by_name(std::string_view name);
// "privileged, runAsUser" (empty for none).
std::string mask_names(CheckMask mask);

inline constexpr CheckMask kBaselineChecks = (1u << 12) - 1;
inline constexpr CheckMask kAllChecks = (1u << kCheckCount) - 1;
// The baseline checks the restricted level replaces by a stricter one (from v1.35, all four).
inline constexpr CheckMask kOverriddenAtRestricted =
    (1u << kHostPathVolumes) | (1u << kSeccompProfileBaseline) | (1u << kCapabilitiesBaseline) | (1u << kProcMount);
// The checks the restricted level runs.
inline constexpr CheckMask kRestrictedLevelChecks = kAllChecks & ~kOverriddenAtRestricted;

class PssReference {
 public:
  // `keys` is the KeyTable documents are decoded against; `minor` the
  // Kubernetes minor version (35..37; only the sysctl list differs).
  PssReference(const KeyTable& keys, int minor = 37);

  // Field names the policy set did not intern: the reference cannot see
  // them (a decoded document stores them as overflow keys), so a
  // non-empty list means its verdicts would be wrong.
  const std::vector<std::string>& missing_keys() const { return missing_; }

  // The checks among `which` that `object` (a Pod, or a pod controller
  // through its template) fails. kRestrictedLevelChecks is what the
  // restricted level runs; kAllChecks gives all 19 verdicts.
  CheckMask evaluate(const Node* object, CheckMask which = kAllChecks) const;

 private:
  struct Pod {
    const Document* doc;  // for the names of keys no policy interns
    const Node* metadata;
    const Node* spec;
    const Node* lists[3];  // initContainers, containers, ephemeralContainers (may be null)
  };
  KeyId key(const KeyTable& keys, const char* name);
  bool pod_of(const Node* object, Pod* pod) const;

  // One function per check; true when the pod fails it.
  bool windows_host_process(const Pod& p) const;
  bool host_namespaces(const Pod& p) const;
  bool privileged(const Pod& p) const;
  bool capabilities_baseline(const Pod& p) const;
  bool host_path_volumes(const Pod& p) const;
  bool host_ports(const Pod& p) const;
  bool app_armor_profile(const Pod& p) const;
  bool se_linux_options(const Pod& p) const;
  bool proc_mount_bad(const Pod& p) const;  // the core test; baseline adds the user-namespace relaxation
  bool seccomp_profile_baseline(const Pod& p) const;
  bool sysctls(const Pod& p) const;
  bool host_probes_and_host_lifecycle(const Pod& p) const;
  bool restricted_volumes(const Pod& p) const;
  bool allow_privilege_escalation(const Pod& p) const;
  bool run_as_non_root(const Pod& p) const;
  bool run_as_user(const Pod& p) const;
  bool seccomp_profile_restricted(const Pod& p) const;
  bool capabilities_restricted(const Pod& p) const;

  bool windows(const Pod& p) const;
  bool user_namespaced(const Pod& p) const;

  std::vector<std::string> missing_;
  int minor_;
  KeyId kind_, metadata_, annotations_, spec_, template_, job_template_, security_context_, windows_options_,
      host_process_, host_network_, host_pid_, host_ipc_, privileged_, capabilities_, add_, drop_, volumes_, ports_, host_port_, app_armor_profile_, type_, se_linux_options_, user_, role_, proc_mount_,
      host_users_, seccomp_profile_, sysctls_, name_, lifecycle_, post_start_, pre_stop_, http_get_, tcp_socket_,
      host_, allow_privilege_escalation_, os_, run_as_non_root_, run_as_user_;
  KeyId list_keys_[3];
  KeyId probe_keys_[3];              // livenessProbe, readinessProbe, startupProbe
};

}  // namespace writ::bench
