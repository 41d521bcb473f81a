// The `version` param: implementations that change with the Kubernetes
// version (Windows exemption at v1.25, user namespaces at v1.35, allow-lists)
// and the restricted checks that replace baseline ones.
#include "policies/pss_support.hpp"

using namespace writ::testing;
using writ::testing::pss::denied;
using writ::testing::pss::eval;
using writ::testing::pss::kRestrictedContainer;
using writ::testing::pss::kRestrictedPod;
using writ::testing::pss::pod;

using Rules = std::vector<std::string>;

namespace {

// Only runAsNonRoot, as restricted/*/pass/base_windows.yaml has it.
std::string os_pod(const std::string& os, const std::string& pod_sc = "runAsNonRoot: true") {
  return pod(pod_sc, "", "", "os: {name: " + os + "}");
}

}  // namespace

TEST_CASE("pss Windows pods: exempt from the Linux-only restricted checks from v1.25") {
  Rules linux_only = {"allowPrivilegeEscalation", "seccompProfile_restricted", "capabilities_restricted"};
  CHECK(denied(eval("restricted", os_pod("windows"), "v1.24")) == linux_only);
  CHECK(denied(eval("restricted", os_pod("windows"), "v1.25")).empty());
  CHECK(denied(eval("restricted", os_pod("windows"), "latest")).empty());
  // Only Windows: a Linux pod is not exempt.
  CHECK(denied(eval("restricted", os_pod("linux"), "v1.30")) == linux_only);
  // runAsNonRoot has no Windows exemption.
  CHECK(denied(eval("restricted", os_pod("windows", ""), "v1.30")) == Rules{"runAsNonRoot"});
}

TEST_CASE("pss hostUsers: false relaxes procMount at baseline from v1.35") {
  std::string unmasked = "procMount: Unmasked";
  std::string userns = pod("", unmasked, "", "hostUsers: false");
  CHECK(denied(eval("baseline", userns, "v1.34")) == Rules{"procMount"});
  CHECK(denied(eval("baseline", userns, "v1.35")).empty());
  CHECK(denied(eval("baseline", userns, "latest")).empty());
  // Only an explicit false relaxes it.
  CHECK(denied(eval("baseline", pod("", unmasked, "", "hostUsers: true"), "v1.35")) == Rules{"procMount"});
  CHECK(denied(eval("baseline", pod("", unmasked, ""), "v1.35")) == Rules{"procMount"});
}

TEST_CASE("pss hostUsers: false does not relax procMount at restricted (procMount_restricted)") {
  std::string c = kRestrictedContainer;
  std::string userns = pod(kRestrictedPod, c + ", procMount: Unmasked", c, "hostUsers: false");
  Outcome before = eval("restricted", userns, "v1.34");
  REQUIRE(denied(before) == Rules{"procMount"});
  Outcome after = eval("restricted", userns, "v1.35");
  REQUIRE(denied(after) == Rules{"procMount_restricted"});
  CHECK(after.violations[0].message ==
        "procMount (container \"a\" must not set securityContext.procMount to \"Unmasked\")");
  CHECK(after.violations[0].path == "spec.containers[0].securityContext.procMount");
}

TEST_CASE("pss hostUsers: false relaxes runAsNonRoot and runAsUser from v1.35") {
  std::string c = kRestrictedContainer;
  std::string root = pod("runAsUser: 0, seccompProfile: {type: RuntimeDefault}", c, c, "hostUsers: false");
  CHECK(denied(eval("restricted", root, "v1.34")) == Rules{"runAsNonRoot", "runAsUser"});
  CHECK(denied(eval("restricted", root, "v1.35")).empty());
  std::string host = pod("runAsUser: 0, seccompProfile: {type: RuntimeDefault}", c, c, "hostUsers: true");
  Outcome o = eval("restricted", host, "v1.35");
  CHECK(denied(o) == Rules{"runAsNonRoot", "runAsUser"});
  const Found* f = o.find("runAsUser");
  REQUIRE(f != nullptr);
  CHECK(f->message == "runAsUser=0 (pod must not set runAsUser=0)");
  CHECK(f->path == "spec.securityContext.runAsUser");
}

TEST_CASE("pss versions: checks exist from their first version") {
  std::string c = kRestrictedContainer;
  // allowPrivilegeEscalation from v1.8, seccomp from v1.19, drop ALL from v1.22, runAsUser from v1.23.
  std::string root = pod("runAsNonRoot: true, runAsUser: 0", "", "");
  CHECK(denied(eval("restricted", root, "v1.7")).empty());
  CHECK(denied(eval("restricted", root, "v1.8")) == Rules{"allowPrivilegeEscalation"});
  CHECK(denied(eval("restricted", root, "v1.19")) == Rules{"allowPrivilegeEscalation", "seccompProfile_restricted"});
  CHECK(denied(eval("restricted", root, "v1.22")) ==
        Rules{"allowPrivilegeEscalation", "seccompProfile_restricted", "capabilities_restricted"});
  CHECK(denied(eval("restricted", root, "v1.23")) ==
        Rules{"allowPrivilegeEscalation", "seccompProfile_restricted", "capabilities_restricted", "runAsUser"});
  // hostProbesAndHostLifecycle from v1.34.
  std::string probe = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                      "  - {name: a, image: x, livenessProbe: {tcpSocket: {host: example.com, port: 80}}}\n";
  CHECK(denied(eval("baseline", probe, "v1.33")).empty());
  CHECK(denied(eval("baseline", probe, "v1.34")) == Rules{"hostProbesAndHostLifecycle"});
}

TEST_CASE("pss versions: restricted replaces capabilities_baseline from v1.22") {
  std::string c = "allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [SYS_ADMIN]}";
  std::string yaml = pod(kRestrictedPod, c, kRestrictedContainer);
  Outcome before = eval("restricted", yaml, "v1.21");
  REQUIRE(denied(before) == Rules{"capabilities_baseline"});
  CHECK(before.violations[0].message ==
        "non-default capabilities (container \"a\" must not include \"SYS_ADMIN\" in securityContext.capabilities.add)");
  Outcome after = eval("restricted", yaml, "v1.22");
  REQUIRE(denied(after) == Rules{"capabilities_restricted"});
  CHECK(after.violations[0].message ==
        "unrestricted capabilities (container \"a\" must not include \"SYS_ADMIN\" in securityContext.capabilities.add)");
}

TEST_CASE("pss versions: seLinuxOptions allows container_engine_t from v1.31") {
  std::string yaml = pod("seLinuxOptions: {type: container_engine_t}", "", "");
  Outcome o = eval("baseline", yaml, "v1.30");
  REQUIRE(denied(o) == Rules{"seLinuxOptions"});
  CHECK(o.violations[0].message ==
        "seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type \"container_engine_t\")");
  CHECK(denied(eval("baseline", yaml, "v1.31")).empty());
}

TEST_CASE("pss versions: the sysctl allow-list grows") {
  struct Case {
    const char* sysctl;
    const char* first_allowed;
    const char* last_forbidden;
  };
  for (const Case& k : {Case{"net.ipv4.ip_local_reserved_ports", "v1.27", "v1.26"},
                        Case{"net.ipv4.tcp_keepalive_probes", "v1.29", "v1.28"},
                        Case{"net.ipv4.tcp_wmem", "v1.32", "v1.31"},
                        Case{"net.ipv4.tcp_notsent_lowat", "v1.37", "v1.36"}}) {
    std::string yaml = pod(std::string("sysctls: [{name: ") + k.sysctl + ", value: \"1\"}]", "", "");
    INFO(k.sysctl);
    CHECK(denied(eval("baseline", yaml, k.last_forbidden)) == Rules{"sysctls"});
    CHECK(denied(eval("baseline", yaml, k.first_allowed)).empty());
  }
}
