// Exact Pod Security Admission wording in multi-container cases: plural
// forms, sorted and de-duplicated value sets, quoting (CHECKS.md §1.4, §3).
#include "policies/pss_support.hpp"

using namespace writ::testing;
using writ::testing::pss::denied;
using writ::testing::pss::eval;
using writ::testing::pss::kRestrictedContainer;
using writ::testing::pss::kRestrictedPod;
using writ::testing::pss::pod;

using Rules = std::vector<std::string>;

namespace {

// The one deny of `o`, which must come from `rule` (a copy: `o` is
// usually a temporary).
Found only(const Outcome& o, const std::string& rule) {
  REQUIRE(denied(o) == Rules{rule});
  return o.violations[0];
}

std::string pod_with_spec(const std::string& spec_lines, const std::string& metadata = "{name: p}") {
  return "apiVersion: v1\nkind: Pod\nmetadata: " + metadata + "\nspec:\n" + spec_lines;
}

}  // namespace

TEST_CASE("pss messages: hostNamespaces lists every shared namespace and points at the first") {
  Found f = only(eval("baseline", pod_with_spec("  hostIPC: true\n  hostPID: true\n  hostNetwork: true\n"
                                                       "  containers: [{name: a, image: x}]\n")),
                        "hostNamespaces");
  CHECK(f.message == "host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)");
  CHECK(f.path == "spec.hostNetwork");
  Found g = only(eval("baseline", pod_with_spec("  hostIPC: true\n  hostPID: true\n"
                                                       "  containers: [{name: a, image: x}]\n")),
                        "hostNamespaces");
  CHECK(g.message == "host namespaces (hostPID=true, hostIPC=true)");
  CHECK(g.path == "spec.hostPID");
}

TEST_CASE("pss messages: capabilities are a sorted set across containers") {
  Found f = only(eval("baseline", pod("", "capabilities: {add: [SYS_ADMIN, NET_RAW, CHOWN]}",
                                             "capabilities: {add: [NET_RAW, BPF]}")),
                        "capabilities_baseline");
  CHECK(f.message == "non-default capabilities (containers \"a\", \"b\" must not include \"BPF\", \"NET_RAW\", "
                     "\"SYS_ADMIN\" in securityContext.capabilities.add)");
  CHECK(f.path == "spec.containers[0].securityContext.capabilities.add");
}

TEST_CASE("pss messages: host ports sort as text, and uses/use follows the container count") {
  Found f = only(eval("baseline", pod_with_spec("  containers:\n"
                                                       "  - {name: a, image: x, ports: [{containerPort: 1, hostPort: 0}, "
                                                       "{containerPort: 2, hostPort: 9000}, {containerPort: 3, hostPort: 10000}]}\n"
                                                       "  - {name: b, image: x, ports: [{containerPort: 4, hostPort: 10000}]}\n")),
                        "hostPorts");
  CHECK(f.message == "hostPort (containers \"a\", \"b\" use hostPorts 10000, 9000)");
  CHECK(f.path == "spec.containers[0].ports[1].hostPort");
  Found g = only(eval("baseline", pod_with_spec("  containers:\n"
                                                       "  - {name: a, image: x, ports: [{containerPort: 1, hostPort: 80}]}\n")),
                        "hostPorts");
  CHECK(g.message == "hostPort (container \"a\" uses hostPort 80)");
}

TEST_CASE("pss messages: AppArmor setters, profile and annotation values, quoting") {
  // Annotation entries are `key="value"` with Go %q on the value, then
  // wrapped in quotes again without escaping.
  std::string metadata = "{name: p, annotations: {container.apparmor.security.beta.kubernetes.io/x: 'un\"confined', "
                         "container.apparmor.security.beta.kubernetes.io/b: runtime/default}}";
  Found f = only(eval("baseline", pod_with_spec("  securityContext: {appArmorProfile: {type: Unconfined}}\n"
                                                       "  containers:\n"
                                                       "  - {name: a, image: x, securityContext: {appArmorProfile: {type: Unconfined}}}\n"
                                                       "  - {name: b, image: x, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: p}}}\n",
                                                       metadata)),
                        "appArmorProfile");
  CHECK(f.message == "forbidden AppArmor profiles (pod and container \"a\" and annotation must not set AppArmor profile "
                     "type to \"Unconfined\", \"container.apparmor.security.beta.kubernetes.io/x=\"un\\\"confined\"\")");
  CHECK(f.path == "spec.securityContext.appArmorProfile.type");
  // One bad value: singular reason. Annotations are checked whatever the container names.
  std::string several = "{name: p, annotations: {container.apparmor.security.beta.kubernetes.io/: bogus, "
                        "container.apparmor.security.beta.kubernetes.io/a: '', "
                        "container.apparmor.security.beta.kubernetes.io/c: localhost/, "
                        "container.apparmor.security.beta.kubernetes.io/f: unknown, "
                        "container.apparmor.security.beta.kubernetes.io/e: unconfined}}";
  Found g = only(eval("baseline", pod_with_spec("  containers: [{name: a, image: x}]\n", several)), "appArmorProfile");
  CHECK(g.message == "forbidden AppArmor profiles (annotations must not set AppArmor profile type to "
                     "\"container.apparmor.security.beta.kubernetes.io/=\"bogus\"\", "
                     "\"container.apparmor.security.beta.kubernetes.io/e=\"unconfined\"\", "
                     "\"container.apparmor.security.beta.kubernetes.io/f=\"unknown\"\")");
  CHECK(g.path == "metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/\"]");
}

TEST_CASE("pss messages: seLinuxOptions parts, setters and sorted types") {
  std::string spec =
      "  securityContext: {seLinuxOptions: {type: foo, user: bar, role: baz}}\n"
      "  containers:\n"
      "  - {name: a, image: x, securityContext: {seLinuxOptions: {type: container_t, level: 's0:c1'}}}\n"
      "  - {name: b, image: x, securityContext: {seLinuxOptions: {type: container_init_t}}}\n"
      "  - {name: c, image: x, securityContext: {seLinuxOptions: {type: container_kvm_t}}}\n"
      "  - {name: d, image: x, securityContext: {seLinuxOptions: {type: bar}}}\n"
      "  - {name: e, image: x, securityContext: {seLinuxOptions: {user: bar}}}\n"
      "  - {name: f, image: x, securityContext: {seLinuxOptions: {role: baz}}}\n";
  Found f = only(eval("baseline", pod_with_spec(spec)), "seLinuxOptions");
  CHECK(f.message == "seLinuxOptions (pod and containers \"d\", \"e\", \"f\" set forbidden "
                     "securityContext.seLinuxOptions: types \"bar\", \"foo\"; user may not be set; role may not be set)");
  CHECK(f.path == "spec.securityContext.seLinuxOptions");
}

TEST_CASE("pss messages: probe hosts sort and de-duplicate container names") {
  std::string spec =
      "  containers:\n"
      "  - {name: b, image: x, livenessProbe: {httpGet: {host: y.example, port: 80}}}\n"
      "  - name: a\n"
      "    image: x\n"
      "    readinessProbe: {httpGet: {host: y.example, port: 80}}\n"
      "    startupProbe: {exec: {command: [true]}}\n"
      "    lifecycle: {preStop: {tcpSocket: {host: x.example, port: 81}}, postStart: {httpGet: {host: '', port: 82}}}\n";
  Found f = only(eval("baseline", pod_with_spec(spec)), "hostProbesAndHostLifecycle");
  CHECK(f.message == "probe or lifecycle host (containers \"a\", \"b\" use probe or lifecycle hosts "
                     "\"x.example\", \"y.example\")");
  CHECK(f.path == "spec.containers[0].livenessProbe.httpGet.host");
}

TEST_CASE("pss messages: sysctls are neither quoted nor de-duplicated") {
  Found f = only(eval("baseline", pod("sysctls: [{name: a.b, value: '1'}, {name: kernel.shm_rmid_forced, value: '0'}, "
                                             "{name: a.b, value: '2'}, {name: c, value: '3'}]",
                                             "", "")),
                        "sysctls");
  CHECK(f.message == "forbidden sysctls (a.b, a.b, c)");
  CHECK(f.path == "spec.securityContext.sysctls[0].name");
}

TEST_CASE("pss messages: restricted volume types, source-less volumes are emptyDir") {
  std::string spec = "  securityContext: {" + kRestrictedPod + "}\n"
                     "  containers: [{name: a, image: x, securityContext: {" + kRestrictedContainer + "}}]\n"
                     "  volumes:\n"
                     "  - {name: ok, emptyDir: {}}\n"
                     "  - {name: v1, nfs: {server: s, path: /}}\n"
                     "  - {name: plain}\n"
                     "  - {name: v2, hostPath: {path: /}}\n"
                     "  - {name: v3, newSource: {x: 1}}\n"
                     "  - {name: v4, nfs: {server: s, path: /x}}\n";
  Found f = only(eval("restricted", pod_with_spec(spec)), "restrictedVolumes");
  CHECK(f.message == "restricted volume types (volumes \"v1\", \"v2\", \"v3\", \"v4\" use restricted volume types "
                     "\"hostPath\", \"nfs\", \"unknown\")");
  CHECK(f.path == "spec.volumes[1]");
}

TEST_CASE("pss messages: unrestricted capabilities has two parts") {
  Found f = only(eval("restricted", pod(kRestrictedPod,
                                               "allowPrivilegeEscalation: false, capabilities: {drop: [ALL], "
                                               "add: [NET_BIND_SERVICE, SYS_TIME, CHOWN]}",
                                               "allowPrivilegeEscalation: false, capabilities: {drop: [CHOWN, KILL]}")),
                        "capabilities_restricted");
  CHECK(f.message == "unrestricted capabilities (container \"b\" must set securityContext.capabilities.drop=[\"ALL\"]; "
                     "container \"a\" must not include \"CHOWN\", \"SYS_TIME\" in securityContext.capabilities.add)");
  CHECK(f.path == "spec.containers[1].securityContext.capabilities.drop");
}

TEST_CASE("pss messages: seccomp annotations before v1.19") {
  std::string metadata = "{name: p, annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined, "
                         "container.seccomp.security.alpha.kubernetes.io/b: '', "
                         "container.seccomp.security.alpha.kubernetes.io/zz: unconfined, "
                         "container.seccomp.security.alpha.kubernetes.io/a: docker/default}}";
  std::string yaml = pod_with_spec("  containers: [{name: a, image: x}, {name: b, image: x}]\n", metadata);
  Found f = only(eval("baseline", yaml, "v1.18"), "seccompProfile_baseline");
  // Only annotations of the pod's containers count; an empty value is invalid.
  CHECK(f.message == "seccompProfile (forbidden annotations container.seccomp.security.alpha.kubernetes.io/b=\"\", "
                     "seccomp.security.alpha.kubernetes.io/pod=\"unconfined\")");
  CHECK(f.path == "metadata.annotations[\"seccomp.security.alpha.kubernetes.io/pod\"]");
  // From v1.19 the annotations are ignored.
  CHECK(denied(eval("baseline", yaml, "v1.19")).empty());
}

TEST_CASE("pss messages: hostProcess and procMount setters") {
  std::string hp = "windowsOptions: {hostProcess: true}";
  Found f = only(eval("baseline", pod(hp, hp, hp, "hostNetwork: false")), "windowsHostProcess");
  CHECK(f.message == "hostProcess (pod and containers \"a\", \"b\" must not set securityContext.windowsOptions.hostProcess=true)");
  CHECK(f.path == "spec.securityContext.windowsOptions.hostProcess");
  Found g = only(eval("baseline", pod("", "procMount: Unmasked", "procMount: Default")), "procMount");
  CHECK(g.message == "procMount (container \"a\" must not set securityContext.procMount to \"Unmasked\")");
}
