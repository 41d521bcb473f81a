// Which containers the PSS packs look at, and how pod-level and
// container-level settings combine (runAsNonRoot, seccompProfile).
#include "policies/pss_support.hpp"

using namespace writ::testing;
using writ::testing::pss::denied;
using writ::testing::pss::eval;
using writ::testing::pss::kRestrictedContainer;
using writ::testing::pss::kRestrictedPod;
using writ::testing::pss::pod;

using Rules = std::vector<std::string>;

TEST_CASE("pss ephemeral containers: checked after init and regular containers") {
  const char* yaml = R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: init, image: x, securityContext: {privileged: true}}]
  containers: [{name: app, image: x, securityContext: {privileged: true}}]
  ephemeralContainers: [{name: debug, image: x, securityContext: {privileged: true}}]
)";
  Outcome o = eval("baseline", yaml);
  REQUIRE(denied(o) == Rules{"privileged"});
  CHECK(o.violations[0].message ==
        "privileged (containers \"init\", \"app\", \"debug\" must not set securityContext.privileged=true)");
  CHECK(o.violations[0].path == "spec.initContainers[0].securityContext.privileged");
}

TEST_CASE("pss ephemeral containers: an ephemeral container alone is enough to deny") {
  std::string yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                     "  securityContext: {" + kRestrictedPod + "}\n"
                     "  containers: [{name: app, image: x, securityContext: {" + kRestrictedContainer + "}}]\n"
                     "  ephemeralContainers:\n"
                     "  - {name: debug, image: x, securityContext: {capabilities: {drop: [ALL], add: [SYS_PTRACE]}}}\n";
  Outcome o = eval("restricted", yaml, "v1.30");
  CHECK(denied(o) == Rules{"allowPrivilegeEscalation", "capabilities_restricted"});
  const Found* ape = o.find("allowPrivilegeEscalation");
  REQUIRE(ape != nullptr);
  CHECK(ape->path == "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation");
  const Found* caps = o.find("capabilities_restricted");
  REQUIRE(caps != nullptr);
  CHECK(caps->message ==
        "unrestricted capabilities (container \"debug\" must not include \"SYS_PTRACE\" in securityContext.capabilities.add)");
  CHECK(caps->path == "spec.ephemeralContainers[0].securityContext.capabilities.add");
}

TEST_CASE("pss runAsNonRoot: pod level, container level, and explicit false") {
  const std::string seccomp = "seccompProfile: {type: RuntimeDefault}";
  const std::string c = kRestrictedContainer;
  SECTION("true on the pod covers containers that leave it unset") {
    CHECK(eval("restricted", pod("runAsNonRoot: true, " + seccomp, c, c)).violations.empty());
  }
  SECTION("true on every container is enough without the pod") {
    CHECK(eval("restricted", pod(seccomp, c + ", runAsNonRoot: true", c + ", runAsNonRoot: true")).violations.empty());
  }
  SECTION("a container that leaves it unset, without the pod, is named") {
    Outcome o = eval("restricted", pod(seccomp, c + ", runAsNonRoot: true", c));
    REQUIRE(denied(o) == Rules{"runAsNonRoot"});
    CHECK(o.violations[0].message ==
          "runAsNonRoot != true (pod or container \"b\" must set securityContext.runAsNonRoot=true)");
    CHECK(o.violations[0].path == "spec.containers[1].securityContext.runAsNonRoot");
  }
  SECTION("a container's explicit false beats the pod's true") {
    Outcome o = eval("restricted", pod("runAsNonRoot: true, " + seccomp, c, c + ", runAsNonRoot: false"));
    REQUIRE(denied(o) == Rules{"runAsNonRoot"});
    CHECK(o.violations[0].message ==
          "runAsNonRoot != true (container \"b\" must not set securityContext.runAsNonRoot=false)");
    CHECK(o.violations[0].path == "spec.containers[1].securityContext.runAsNonRoot");
  }
  SECTION("the pod's explicit false fails even when every container sets true") {
    Outcome o = eval("restricted",
                     pod("runAsNonRoot: false, " + seccomp, c + ", runAsNonRoot: true", c + ", runAsNonRoot: true"));
    REQUIRE(denied(o) == Rules{"runAsNonRoot"});
    CHECK(o.violations[0].message == "runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)");
    CHECK(o.violations[0].path == "spec.securityContext.runAsNonRoot");
  }
  SECTION("explicit false wins over unset in the wording: pod and containers") {
    Outcome o = eval("restricted", pod("runAsNonRoot: false, " + seccomp, c + ", runAsNonRoot: false", c));
    REQUIRE(denied(o) == Rules{"runAsNonRoot"});
    CHECK(o.violations[0].message ==
          "runAsNonRoot != true (pod and container \"a\" must not set securityContext.runAsNonRoot=false)");
  }
  SECTION("a non-zero runAsUser does not satisfy it") {
    Outcome o = eval("restricted", pod("runAsUser: 1000, " + seccomp, c, c));
    CHECK(denied(o) == Rules{"runAsNonRoot"});
  }
}

TEST_CASE("pss seccompProfile: pod level, container level, and explicit types") {
  const std::string nonroot = "runAsNonRoot: true";
  const std::string c = kRestrictedContainer;
  const std::string rd = "seccompProfile: {type: RuntimeDefault}";
  SECTION("RuntimeDefault on the pod covers containers that leave it unset") {
    CHECK(eval("restricted", pod(nonroot + ", " + rd, c, c), "v1.30").violations.empty());
  }
  SECTION("Localhost or RuntimeDefault on every container is enough without the pod") {
    std::string local = ", seccompProfile: {type: Localhost, localhostProfile: p.json}";
    CHECK(eval("restricted", pod(nonroot, c + local, c + ", " + rd), "v1.30").violations.empty());
  }
  SECTION("a container that leaves it unset, without the pod, is named") {
    Outcome o = eval("restricted", pod(nonroot, c + ", " + rd, c), "v1.30");
    REQUIRE(denied(o) == Rules{"seccompProfile_restricted"});
    CHECK(o.violations[0].message == "seccompProfile (pod or container \"b\" must set "
                                     "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
    CHECK(o.violations[0].path == "spec.containers[1].securityContext.seccompProfile.type");
  }
  SECTION("a container's Unconfined beats the pod's RuntimeDefault") {
    Outcome o = eval("restricted", pod(nonroot + ", " + rd, c, c + ", seccompProfile: {type: Unconfined}"), "v1.30");
    REQUIRE(denied(o) == Rules{"seccompProfile_restricted"});
    CHECK(o.violations[0].message ==
          "seccompProfile (container \"b\" must not set securityContext.seccompProfile.type to \"Unconfined\")");
    CHECK(o.violations[0].path == "spec.containers[1].securityContext.seccompProfile.type");
  }
  SECTION("the pod's Unconfined fails even when every container sets RuntimeDefault") {
    Outcome o = eval("restricted", pod(nonroot + ", seccompProfile: {type: Unconfined}", c + ", " + rd, c + ", " + rd),
                     "v1.30");
    REQUIRE(denied(o) == Rules{"seccompProfile_restricted"});
    CHECK(o.violations[0].message ==
          "seccompProfile (pod must not set securityContext.seccompProfile.type to \"Unconfined\")");
    CHECK(o.violations[0].path == "spec.securityContext.seccompProfile.type");
  }
  SECTION("baseline only forbids explicit bad types, pod and containers together") {
    CHECK(eval("baseline", pod("", "", ""), "v1.30").violations.empty());
    Outcome o = eval("baseline",
                     pod("seccompProfile: {type: Unconfined}", "seccompProfile: {type: Unconfined}", rd), "v1.30");
    REQUIRE(denied(o) == Rules{"seccompProfile_baseline"});
    CHECK(o.violations[0].message ==
          "seccompProfile (pod and container \"a\" must not set securityContext.seccompProfile.type to \"Unconfined\")");
  }
}
