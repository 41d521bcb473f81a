// The structure of a generated Pod: metadata, containers, volumes, scheduling.
// Security settings are applied afterwards by the profiles (profiles.cpp).
#include "gen/pods.hpp"

#include <cstdio>

#include "gen/vocabulary.hpp"

namespace writ::bench {

using namespace vocab;

std::string timestamp(int64_t seconds) {
  // Days from 2024-06-01 to a civil date (Howard Hinnant's algorithm).
  int64_t days = seconds / 86400 + 19875;  // 19875 = days from 1970-01-01 to 2024-06-01
  int64_t rem = seconds % 86400;
  int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(y), static_cast<int>(m),
                static_cast<int>(d), static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

std::vector<Json*> all_containers(Json& pod) {
  std::vector<Json*> out;
  Json& spec = pod["spec"];
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"})
    if (Json* l = spec.find(list))
      for (Json& c : l->items()) out.push_back(&c);
  return out;
}

Json PodFactory::resources(bool big) {
  Json r = Json::object({{"requests", Json::object({{"cpu", rng_.pick(kCpu)}, {"memory", rng_.pick(kMem)}})}});
  if (rng_.chance(0.75)) r["limits"] = Json::object({{"cpu", rng_.pick(kCpuLimit)}, {"memory", rng_.pick(kMemLimit)}});
  if (rng_.chance(0.1)) {
    Json& l = r["limits"];
    if (l.is_null()) l = Json::object();
    l["ephemeral-storage"] = rng_.pick(Strings{"1Gi", "2Gi", "10Gi"});
  }
  if (big && rng_.chance(0.08)) {
    Json& l = r["limits"];
    if (l.is_null()) l = Json::object();
    std::string n = std::to_string(rng_.between(1, 2));
    l["nvidia.com/gpu"] = n;
    r["requests"]["nvidia.com/gpu"] = n;
  }
  return r;
}

Json PodFactory::probe(int port, const std::string& kind) {
  Json p = Json::object();
  const std::string& t = rng_.weighted<std::string>({{"http", 6}, {"tcp", 2}, {"exec", 1}, {"grpc", 1}});
  if (t == "http")
    p["httpGet"] = Json::object({{"path", rng_.pick(Strings{"/healthz", "/readyz", "/livez", "/health", "/"})},
                                 {"port", port}, {"scheme", "HTTP"}});
  else if (t == "tcp")
    p["tcpSocket"] = Json::object({{"port", port}});
  else if (t == "grpc")
    p["grpc"] = Json::object({{"port", port}});
  else
    p["exec"] = Json::object({{"command", Json::array({"sh", "-c", "test -f /tmp/healthy"})}});
  p["initialDelaySeconds"] = rng_.pick(std::vector<int>{0, 5, 10, 15, 30});
  p["periodSeconds"] = rng_.pick(std::vector<int>{5, 10, 15, 20});
  p["timeoutSeconds"] = rng_.pick(std::vector<int>{1, 2, 5});
  p["failureThreshold"] = rng_.pick(std::vector<int>{3, 5, 10});
  if (kind == "readiness") p["successThreshold"] = 1;
  return p;
}

Json PodFactory::env(const std::string& app) {
  Json out = Json::array();
  int n = rng_.between(0, 4);
  auto field_ref = [](const char* path) {
    return Json::object({{"fieldRef", Json::object({{"apiVersion", "v1"}, {"fieldPath", path}})}});
  };
  std::vector<std::string> seen;
  for (int i = 0; i < n; ++i) {
    Json e;
    switch (rng_.index(10)) {
      case 0: e = Json::object({{"name", "LOG_LEVEL"}, {"value", rng_.pick(Strings{"debug", "info", "warn"})}}); break;
      case 1: e = Json::object({{"name", "PORT"}, {"value", rng_.pick(Strings{"8080", "8000", "3000"})}}); break;
      case 2: e = Json::object({{"name", "POD_NAME"}, {"valueFrom", field_ref("metadata.name")}}); break;
      case 3: e = Json::object({{"name", "POD_IP"}, {"valueFrom", field_ref("status.podIP")}}); break;
      case 4: e = Json::object({{"name", "NODE_NAME"}, {"valueFrom", field_ref("spec.nodeName")}}); break;
      case 5:
        e = Json::object({{"name", "DB_PASSWORD"},
                          {"valueFrom", Json::object({{"secretKeyRef", Json::object({{"name", app + "-db"},
                                                                                     {"key", "password"}})}})}});
        break;
      case 6:
        e = Json::object({{"name", "FEATURE_FLAGS"},
                          {"valueFrom", Json::object({{"configMapKeyRef", Json::object({{"name", app + "-config"},
                                                                                        {"key", "flags"}})}})}});
        break;
      case 7:
        e = Json::object({{"name", "GOMAXPROCS"},
                          {"valueFrom", Json::object({{"resourceFieldRef", Json::object({{"resource", "limits.cpu"},
                                                                                         {"divisor", "1"}})}})}});
        break;
      case 8: e = Json::object({{"name", "OTEL_EXPORTER_OTLP_ENDPOINT"}, {"value", "http://otel-collector.monitoring:4317"}}); break;
      default:
        e = Json::object({{"name", "JAVA_OPTS"},
                          {"value", Rng::concat({"-Xms", std::to_string(rng_.between(1, 4) * 128), "m -Xmx",
                                                      std::to_string(rng_.between(2, 8) * 256), "m"})}});
    }
    const std::string& name = e["name"].as_string();
    bool dup = false;
    for (const std::string& s : seen) dup |= s == name;
    if (dup) continue;
    seen.push_back(name);
    out.push(std::move(e));
  }
  return out;
}

Json PodFactory::container(const std::string& kind, const std::string& name, const std::string& image,
                           const std::string& app, const Json& volumes) {
  Json c = Json::object({{"name", name}, {"image", image}});
  c["imagePullPolicy"] = rng_.pick(Strings{"IfNotPresent", "IfNotPresent", "Always"});
  if (kind == "ephemeral") {
    c["command"] = Json::array({"sh"});
    c["stdin"] = true;
    c["tty"] = true;
    c["terminationMessagePolicy"] = "File";
    return c;
  }
  if (rng_.chance(0.35)) {
    Json args = Json::array();
    for (const std::string& a : rng_.sample(Strings{"--config=/etc/app/config.yaml", "--port=8080", "--metrics", "--v=2",
                                                    "--log-format=json", "--graceful-timeout=30s"},
                                            static_cast<size_t>(rng_.between(1, 3))))
      args.push(a);
    c["args"] = std::move(args);
  }
  if (kind == "main" || kind == "sidecar") {
    int port = rng_.pick(std::vector<int>{8080, 8000, 3000, 9090, 5432, 6379, 8443, 80, 443});
    Json ports = Json::array({Json::object({{"name", "http"}, {"containerPort", port}, {"protocol", "TCP"}})});
    if (rng_.chance(0.4))
      ports.push(Json::object({{"name", "metrics"},
                               {"containerPort", rng_.pick(std::vector<int>{9102, 9100, 15020, 9464})},
                               {"protocol", "TCP"}}));
    c["ports"] = std::move(ports);
    if (kind == "main" && rng_.chance(0.85)) c["livenessProbe"] = probe(port, "liveness");
    if (kind == "main" && rng_.chance(0.8)) c["readinessProbe"] = probe(port, "readiness");
    if (kind == "main" && rng_.chance(0.2)) c["startupProbe"] = probe(port, "startup");
    if (rng_.chance(0.25)) {
      std::string sleep = "sleep " + rng_.pick(Strings{"5", "10", "15"});
      c["lifecycle"] = Json::object(
          {{"preStop", Json::object({{"exec", Json::object({{"command", Json::array({"sh", "-c", sleep})}})}})}});
    }
    if (rng_.chance(0.05)) {
      Json& l = c["lifecycle"];
      if (l.is_null()) l = Json::object();
      l["postStart"] = Json::object({{"httpGet", Json::object({{"path", "/warmup"}, {"port", port}})}});
    }
  }
  Json e = env(app);
  if (e.size()) c["env"] = std::move(e);
  if (rng_.chance(0.15))
    c["envFrom"] = Json::array({Json::object({{"configMapRef", Json::object({{"name", app + "-env"}})}})});
  c["resources"] = resources(kind == "main");
  if (volumes.size() && rng_.chance(0.8)) {
    std::vector<std::string> names;
    for (const Json& v : volumes.items()) names.push_back(v.find("name")->as_string());
    Json mounts = Json::array();
    int k = rng_.between(1, std::min(3, static_cast<int>(names.size())));
    for (const std::string& n : rng_.sample(names, static_cast<size_t>(k))) {
      Json m = Json::object({{"name", n}, {"mountPath", "/mnt/" + n}});
      if (rng_.chance(0.4)) m["readOnly"] = true;
      mounts.push(std::move(m));
    }
    c["volumeMounts"] = std::move(mounts);
  }
  if (rng_.chance(0.1)) c["workingDir"] = "/app";
  c["terminationMessagePath"] = "/dev/termination-log";
  c["terminationMessagePolicy"] = rng_.pick(Strings{"File", "FallbackToLogsOnError"});
  return c;
}

Json PodFactory::allowed_volume(const std::string& app, int i) {
  std::string name =
      rng_.pick(Strings{"config", "data", "cache", "tmp", "certs", "secrets", "models", "shared"}) + "-" +
      std::to_string(i);
  const std::string& t = rng_.weighted<std::string>({{"configMap", 5}, {"secret", 5}, {"emptyDir", 6},
                                                     {"projected", 3}, {"downwardAPI", 1},
                                                     {"persistentVolumeClaim", 3}, {"csi", 1}, {"ephemeral", 1},
                                                     {"image", 0.3}});
  Json v = Json::object({{"name", name}});
  if (t == "configMap") {
    Json cm = Json::object({{"name", app + "-config"}, {"defaultMode", 420}});
    if (rng_.chance(0.3))
      cm["items"] = Json::array({Json::object({{"key", "config.yaml"}, {"path", "config.yaml"}})});
    v["configMap"] = std::move(cm);
  } else if (t == "secret") {
    Json s = Json::object({{"secretName", app + "-tls"}, {"defaultMode", 420}});
    if (rng_.chance(0.2)) s["optional"] = true;
    v["secret"] = std::move(s);
  } else if (t == "emptyDir") {
    v["emptyDir"] = rng_.chance(0.4) ? Json::object({{"medium", rng_.pick(Strings{"Memory", ""})},
                                                     {"sizeLimit", rng_.pick(Strings{"64Mi", "256Mi", "1Gi"})}})
                                     : Json::object();
  } else if (t == "projected") {
    v["projected"] = Json::object(
        {{"defaultMode", 420},
         {"sources",
          Json::array(
              {Json::object({{"serviceAccountToken", Json::object({{"expirationSeconds", 3607}, {"path", "token"}})}}),
               Json::object({{"configMap",
                              Json::object({{"name", "kube-root-ca.crt"},
                                            {"items", Json::array({Json::object({{"key", "ca.crt"}, {"path", "ca.crt"}})})}})}}),
               Json::object({{"downwardAPI",
                              Json::object({{"items", Json::array({Json::object(
                                                          {{"fieldRef", Json::object({{"apiVersion", "v1"},
                                                                                      {"fieldPath", "metadata.namespace"}})},
                                                           {"path", "namespace"}})})}})}})})}});
  } else if (t == "downwardAPI") {
    v["downwardAPI"] = Json::object({{"items", Json::array({Json::object(
                                                   {{"path", "labels"},
                                                    {"fieldRef", Json::object({{"fieldPath", "metadata.labels"}})}})})}});
  } else if (t == "persistentVolumeClaim") {
    v["persistentVolumeClaim"] = Json::object({{"claimName", app + "-data-" + std::to_string(rng_.between(0, 5))}});
  } else if (t == "csi") {
    v["csi"] = Json::object({{"driver", "secrets-store.csi.k8s.io"}, {"readOnly", true},
                             {"volumeAttributes", Json::object({{"secretProviderClass", app + "-spc"}})}});
  } else if (t == "ephemeral") {
    Json claim = Json::object(
        {{"metadata", Json::object({{"labels", Json::object({{"type", "scratch"}})}})},
         {"spec", Json::object({{"accessModes", Json::array({"ReadWriteOnce"})},
                                {"storageClassName", "fast-ssd"},
                                {"resources", Json::object({{"requests", Json::object({{"storage",
                                    rng_.pick(Strings{"1Gi", "5Gi", "20Gi"})}})}})}})}});
    v["ephemeral"] = Json::object({{"volumeClaimTemplate", std::move(claim)}});
  } else {
    v["image"] = Json::object({{"reference", "registry.example.com/ml/weights:v3"}, {"pullPolicy", "IfNotPresent"}});
  }
  return v;
}

Json PodFactory::restricted_forbidden_volume() {
  switch (rng_.index(12)) {
    case 0:
      return Json::object({{"nfs", Json::object({{"server", "nfs-" + std::to_string(rng_.between(1, 9)) + ".storage.internal"},
                                                 {"path", "/exports/" + rng_.pick(kTeams)},
                                                 {"readOnly", rng_.chance(0.5)}})}});
    case 1:
      return Json::object({{"gitRepo", Json::object({{"repository", "https://git.example.com/ops/config.git"},
                                                     {"revision", rng_.hex(40)}})}});
    case 2: return Json::object({{"awsElasticBlockStore", Json::object({{"volumeID", "vol-" + rng_.hex(17)}, {"fsType", "ext4"}})}});
    case 3: return Json::object({{"gcePersistentDisk", Json::object({{"pdName", "pd-" + rng_.alnum(8)}, {"fsType", "ext4"}})}});
    case 4:
      return Json::object({{"iscsi", Json::object({{"targetPortal", "10.0.0.12:3260"},
                                                   {"iqn", "iqn.2001-04.com.example:storage.disk1"},
                                                   {"lun", 0}, {"fsType", "ext4"}})}});
    case 5:
      return Json::object({{"cephfs", Json::object({{"monitors", Json::array({"10.16.154.78:6789"})}, {"path", "/"},
                                                    {"user", "admin"},
                                                    {"secretRef", Json::object({{"name", "ceph-secret"}})}})}});
    case 6:
      return Json::object({{"azureFile", Json::object({{"secretName", "azure-secret"}, {"shareName", "share1"},
                                                       {"readOnly", false}})}});
    case 7:
      return Json::object({{"rbd", Json::object({{"monitors", Json::array({"10.16.154.78:6789"})}, {"image", "foo"},
                                                 {"pool", "kube"}, {"user", "admin"}, {"fsType", "ext4"}})}});
    case 8:
      return Json::object({{"flexVolume", Json::object({{"driver", "example.com/lvm"}, {"fsType", "ext4"},
                                                        {"options", Json::object({{"volumeID", "vol1"},
                                                                                  {"size", "1000m"}})}})}});
    case 9: return Json::object({{"cinder", Json::object({{"volumeID", rng_.uuid()}, {"fsType", "ext4"}})}});
    case 10:
      return Json::object({{"fc", Json::object({{"targetWWNs", Json::array({"500a0982991b8dc5"})}, {"lun", 2},
                                                {"fsType", "ext4"}})}});
    default:
      return Json::object({{"glusterfs", Json::object({{"endpoints", "glusterfs-cluster"}, {"path", "kube_vol"},
                                                       {"readOnly", true}})}});
  }
}

Json PodFactory::base_pod(int i) {
  const auto& [app, repo] = rng_.pick(kApps);
  const std::string& ns = rng_.pick(kNamespaces);
  std::string tag = Rng::concat({std::to_string(rng_.between(0, 4)), ".", std::to_string(rng_.between(0, 30)), ".",
                                 std::to_string(rng_.between(0, 20))});
  std::string hash = rng_.alnum(10);
  Json labels = Json::object({{"app", app},
                              {"app.kubernetes.io/name", app},
                              {"app.kubernetes.io/instance", app + "-" + rng_.pick(kEnvs)},
                              {"app.kubernetes.io/version", tag},
                              {"pod-template-hash", hash},
                              {"team", rng_.pick(kTeams)}});
  if (rng_.chance(0.5)) labels["app.kubernetes.io/part-of"] = rng_.pick(Strings{"shop", "platform", "search", "observability"});
  if (rng_.chance(0.3)) labels["tier"] = rng_.pick(Strings{"frontend", "backend", "cache", "db"});
  Json annotations = Json::object();
  if (rng_.chance(0.5)) {
    annotations["prometheus.io/scrape"] = "true";
    annotations["prometheus.io/port"] = rng_.pick(Strings{"9102", "9100", "8080"});
  }
  if (rng_.chance(0.4)) annotations["checksum/config"] = rng_.hex(64);
  if (rng_.chance(0.3))
    annotations["kubectl.kubernetes.io/restartedAt"] =
        Rng::concat({"2024-0", std::to_string(rng_.between(1, 9)), "-1", std::to_string(rng_.between(0, 9)), "T0",
                     std::to_string(rng_.between(0, 9)), ":", std::to_string(rng_.between(10, 59)), ":",
                     std::to_string(rng_.between(10, 59)), "Z"});
  if (rng_.chance(0.2))
    annotations["cluster-autoscaler.kubernetes.io/safe-to-evict"] = rng_.pick(Strings{"true", "false"});

  Json volumes = Json::array();
  int nv = rng_.weighted<int>({{0, 2}, {1, 3}, {2, 3}, {3, 2}, {4, 1}});
  for (int v = 0; v < nv; ++v) volumes.push(allowed_volume(app, v));
  if (rng_.chance(0.7)) {
    volumes.push(Json::object(
        {{"name", "kube-api-access-" + rng_.alnum(5)},
         {"projected",
          Json::object({{"defaultMode", 420},
                        {"sources",
                         Json::array({Json::object({{"serviceAccountToken",
                                                     Json::object({{"expirationSeconds", 3607}, {"path", "token"}})}}),
                                      Json::object({{"configMap",
                                                     Json::object({{"name", "kube-root-ca.crt"},
                                                                   {"items", Json::array({Json::object(
                                                                                 {{"key", "ca.crt"}, {"path", "ca.crt"}})})}})}})})}})}}));
  }

  Json containers = Json::array({container("main", app, repo + ":" + tag, app, volumes)});
  int n_side = rng_.weighted<int>({{0, 6}, {1, 3}, {2, 1}, {3, 0.2}});
  for (const auto& [sname, simage] : rng_.sample(kSidecars, static_cast<size_t>(n_side)))
    containers.push(container("sidecar", sname, simage, app, volumes));
  Json inits = Json::array();
  int n_init = rng_.weighted<int>({{0, 6}, {1, 3}, {2, 1}});
  for (const InitContainer& ic : rng_.sample(kInits, static_cast<size_t>(n_init))) {
    Json c = container("init", ic.name, ic.image, app, volumes);
    Json cmd = Json::array();
    for (const std::string& s : ic.command) cmd.push(s);
    c["command"] = std::move(cmd);
    inits.push(std::move(c));
  }

  Json toleration = Json::object({{"key", "node.kubernetes.io/not-ready"}, {"operator", "Exists"},
                                  {"effect", "NoExecute"}, {"tolerationSeconds", 300}});
  Json toleration2 = toleration;
  toleration2["key"] = "node.kubernetes.io/unreachable";
  Json metadata = Json::object({{"name", app + "-" + hash + "-" + rng_.alnum(5)},
                                {"generateName", app + "-" + hash + "-"},
                                {"namespace", ns},
                                {"uid", rng_.uuid()},
                                {"resourceVersion", std::to_string(100000 + i * 7 + rng_.between(0, 6))},
                                {"creationTimestamp", timestamp(i)},
                                {"labels", std::move(labels)},
                                {"annotations", std::move(annotations)}});
  metadata["ownerReferences"] = Json::array({Json::object({{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"},
                                                           {"name", app + "-" + hash}, {"uid", rng_.uuid()},
                                                           {"controller", true}, {"blockOwnerDeletion", true}})});
  Json spec = Json::object({{"containers", std::move(containers)},
                            {"restartPolicy", "Always"},
                            {"terminationGracePeriodSeconds", rng_.pick(std::vector<int>{30, 30, 60, 10})},
                            {"dnsPolicy", "ClusterFirst"},
                            {"serviceAccountName", rng_.chance(0.7) ? app + "-sa" : std::string("default")},
                            {"schedulerName", "default-scheduler"},
                            {"enableServiceLinks", rng_.chance(0.5)},
                            {"priority", 0},
                            {"tolerations", Json::array({std::move(toleration), std::move(toleration2)})}});
  if (inits.size()) spec["initContainers"] = std::move(inits);
  if (volumes.size()) spec["volumes"] = std::move(volumes);
  if (rng_.chance(0.3)) {
    Json sel = Json::object({{"kubernetes.io/os", "linux"}});
    if (rng_.chance(0.5))
      sel["node.kubernetes.io/instance-type"] = rng_.pick(Strings{"m5.xlarge", "c6i.2xlarge", "n2-standard-8"});
    spec["nodeSelector"] = std::move(sel);
  }
  if (rng_.chance(0.25)) spec["priorityClassName"] = rng_.pick(Strings{"high-priority", "batch-low"});
  Json match = Json::object({{"matchLabels", Json::object({{"app", app}})}});
  if (rng_.chance(0.2))
    spec["affinity"] = Json::object(
        {{"podAntiAffinity",
          Json::object({{"preferredDuringSchedulingIgnoredDuringExecution",
                         Json::array({Json::object({{"weight", 100},
                                                    {"podAffinityTerm",
                                                     Json::object({{"labelSelector", match},
                                                                   {"topologyKey", "kubernetes.io/hostname"}})}})})}})}});
  if (rng_.chance(0.15))
    spec["topologySpreadConstraints"] = Json::array(
        {Json::object({{"maxSkew", 1}, {"topologyKey", "topology.kubernetes.io/zone"},
                       {"whenUnsatisfiable", "ScheduleAnyway"}, {"labelSelector", match}})});
  if (rng_.chance(0.2)) spec["imagePullSecrets"] = Json::array({Json::object({{"name", "registry-creds"}})});
  if (rng_.chance(0.05)) {
    // an ephemeral debug container added with `kubectl debug`
    std::string name = "debugger-" + rng_.alnum(5);
    std::string image = rng_.pick(Strings{"docker.io/library/busybox:1.36", "docker.io/nicolaka/netshoot:v0.13"});
    Json dbg = container("ephemeral", name, image, app, Json::array());
    dbg["targetContainerName"] = app;
    spec["ephemeralContainers"] = Json::array({std::move(dbg)});
  }
  return Json::object({{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", std::move(metadata)}, {"spec", std::move(spec)}});
}

}  // namespace writ::bench
