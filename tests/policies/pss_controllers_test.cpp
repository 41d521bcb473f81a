// The PSS packs on pod controllers: through autogen every rule sees the pod
// template, and paths point inside it.
#include <algorithm>

#include "policies/pss_support.hpp"

using namespace writ::testing;
using writ::testing::pss::denied;
using writ::testing::pss::eval;

namespace {

const char* kPrivilegedDeployment = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: nginx, securityContext: {privileged: true}}
)";

const char* kPrivilegedCronJob = R"(
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: backup, image: busybox, securityContext: {privileged: true}}
)";

}  // namespace

TEST_CASE("pss controllers: a Deployment with a privileged container is denied inside its template") {
  for (const std::string level : {"baseline", "restricted"}) {
    Outcome o = eval(level, kPrivilegedDeployment);
    const Found* f = o.find("privileged");
    INFO(level);
    REQUIRE(f != nullptr);
    CHECK(f->action == "deny");
    CHECK(f->path == "spec.template.spec.containers[0].securityContext.privileged");
    CHECK(f->message == "privileged (container \"app\" must not set securityContext.privileged=true)");
  }
}

TEST_CASE("pss controllers: a CronJob with a privileged container is denied inside its job template") {
  Outcome o = eval("baseline", kPrivilegedCronJob);
  REQUIRE(denied(o) == std::vector<std::string>{"privileged"});
  CHECK(o.violations[0].path == "spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged");
  // Restricted also wants what the template leaves unset, at template paths.
  Outcome r = eval("restricted", kPrivilegedCronJob);
  const Found* f = r.find("runAsNonRoot");
  REQUIRE(f != nullptr);
  CHECK(f->path == "spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot");
}

TEST_CASE("pss controllers: every pod controller kind is checked") {
  struct Kind {
    const char* api;
    const char* kind;
  };
  for (const Kind& k : {Kind{"apps/v1", "StatefulSet"}, Kind{"apps/v1", "DaemonSet"}, Kind{"apps/v1", "ReplicaSet"},
                        Kind{"batch/v1", "Job"}, Kind{"v1", "ReplicationController"}}) {
    std::string yaml = std::string("apiVersion: ") + k.api + "\nkind: " + k.kind +
                       "\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      hostPID: true\n"
                       "      containers: [{name: c, image: x}]\n";
    INFO(k.kind);
    Outcome o = eval("baseline", yaml);
    REQUIRE(denied(o) == std::vector<std::string>{"hostNamespaces"});
    CHECK(o.violations[0].path == "spec.template.spec.hostPID");
    CHECK(o.violations[0].message == "host namespaces (hostPID=true)");
  }
}

TEST_CASE("pss controllers: template annotations and volumes are the template's") {
  Outcome o = eval("restricted", R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}
spec:
  template:
    metadata:
      annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}
    spec:
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
      - {name: app, image: x, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}
      volumes:
      - {name: host, hostPath: {path: /var/run}}
)");
  std::vector<std::string> rules = denied(o);
  std::sort(rules.begin(), rules.end());
  CHECK(rules == std::vector<std::string>{"appArmorProfile", "restrictedVolumes"});
  const Found* a = o.find("appArmorProfile");
  REQUIRE(a != nullptr);
  CHECK(a->path == "spec.template.metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/app\"]");
  const Found* v = o.find("restrictedVolumes");
  REQUIRE(v != nullptr);
  CHECK(v->path == "spec.template.spec.volumes[0]");
}

TEST_CASE("pss controllers: a compliant Deployment passes restricted, and other kinds are not checked") {
  Outcome o = eval("restricted", R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
      - {name: app, image: x, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}
)");
  CHECK(o.violations.empty());
  Outcome s = eval("restricted", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {hostNetwork: true}\n");
  CHECK(s.violations.empty());
}
