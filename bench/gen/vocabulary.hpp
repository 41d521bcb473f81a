// The generator's vocabulary: namespaces, apps, images, sidecars, resource
// quantities, and the Pod Security values it draws from. Shared by the pod
// builder and the security profiles.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace writ::bench::vocab {

using Strings = std::vector<std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

inline const Strings kNamespaces = {
    "default", "payments", "checkout", "search", "auth", "monitoring", "logging", "data",
    "ml-serving", "frontend", "backend", "batch", "kube-system", "ingress-nginx", "istio-system",
    "cert-manager", "team-a", "team-b", "staging", "analytics"};

// (app, image repository)
inline const Pairs kApps = {
    {"api", "registry.example.com/platform/api"}, {"web", "registry.example.com/frontend/web"},
    {"worker", "registry.example.com/platform/worker"}, {"cart", "registry.example.com/shop/cart"},
    {"checkout", "registry.example.com/shop/checkout"}, {"search", "registry.example.com/search/search-svc"},
    {"indexer", "registry.example.com/search/indexer"}, {"auth", "registry.example.com/identity/auth"},
    {"gateway", "registry.example.com/edge/gateway"}, {"redis", "docker.io/library/redis"},
    {"postgres", "docker.io/library/postgres"}, {"nginx", "docker.io/library/nginx"},
    {"kafka-consumer", "registry.example.com/data/kafka-consumer"},
    {"scheduler", "registry.example.com/batch/scheduler"}, {"node-exporter", "quay.io/prometheus/node-exporter"},
    {"fluent-bit", "cr.fluentbit.io/fluent/fluent-bit"},
    {"image-resizer", "registry.example.com/media/image-resizer"},
    {"notifier", "registry.example.com/platform/notifier"}, {"recommender", "registry.example.com/ml/recommender"},
    {"fraud-detector", "registry.example.com/ml/fraud-detector"},
    {"billing", "registry.example.com/finance/billing"}, {"grafana", "docker.io/grafana/grafana"}};

inline const Pairs kSidecars = {
    {"istio-proxy", "docker.io/istio/proxyv2:1.22.3"},
    {"envoy", "docker.io/envoyproxy/envoy:v1.30.2"},
    {"fluent-bit", "cr.fluentbit.io/fluent/fluent-bit:3.0.7"},
    {"vault-agent", "docker.io/hashicorp/vault:1.17.2"},
    {"cloud-sql-proxy", "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.4"},
    {"otel-collector", "docker.io/otel/opentelemetry-collector-contrib:0.104.0"},
    {"oauth2-proxy", "quay.io/oauth2-proxy/oauth2-proxy:v7.6.0"}};

struct InitContainer {
  std::string name, image;
  Strings command;
};
inline const std::vector<InitContainer> kInits = {
    {"init-db", "registry.example.com/platform/migrate:2.4.1", {"/bin/migrate", "up"}},
    {"wait-for-deps", "docker.io/library/busybox:1.36", {"sh", "-c", "until nc -z db 5432; do sleep 2; done"}},
    {"copy-config", "docker.io/library/busybox:1.36", {"sh", "-c", "cp /config-src/* /config/"}},
    {"fix-permissions", "docker.io/library/busybox:1.36", {"sh", "-c", "chown -R 1000:1000 /data"}},
    {"fetch-model", "registry.example.com/ml/model-fetcher:0.9.0", {"/fetch", "--dest=/models"}}};

inline const Strings kTeams = {"platform", "payments", "search", "identity", "data", "ml", "sre", "frontend", "growth"};
inline const Strings kEnvs = {"prod", "staging", "dev"};
inline const Strings kCpu = {"25m", "50m", "100m", "200m", "250m", "500m", "750m", "1", "2"};
inline const Strings kCpuLimit = {"200m", "500m", "1", "1500m", "2", "4"};
inline const Strings kMem = {"32Mi", "64Mi", "128Mi", "256Mi", "512Mi", "768Mi", "1Gi", "2Gi"};
inline const Strings kMemLimit = {"128Mi", "256Mi", "512Mi", "1Gi", "2Gi", "4Gi", "8Gi"};

// ---- Pod Security (restricted at latest = v1.37) ----

inline const Strings kBaselineCaps = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                                      "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"};
inline const Strings kBaselineOnlyCaps = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL",
                                          "MKNOD", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"};
inline const Strings kForbiddenCaps = {"SYS_ADMIN", "NET_ADMIN", "NET_RAW", "SYS_PTRACE", "SYS_MODULE", "BPF",
                                       "PERFMON", "IPC_LOCK", "SYS_TIME", "SYS_RESOURCE", "ALL"};
// The v1.37 safe list (the peers' generator targets v1.36 and counts the
// last two as unsafe).
inline const Pairs kSafeSysctls = {
    {"kernel.shm_rmid_forced", "1"}, {"net.ipv4.ip_local_port_range", "1024 65000"},
    {"net.ipv4.ip_unprivileged_port_start", "0"}, {"net.ipv4.tcp_syncookies", "1"},
    {"net.ipv4.ping_group_range", "0 2147483647"}, {"net.ipv4.ip_local_reserved_ports", "30000-30100"},
    {"net.ipv4.tcp_keepalive_time", "300"}, {"net.ipv4.tcp_fin_timeout", "30"},
    {"net.ipv4.tcp_keepalive_intvl", "30"}, {"net.ipv4.tcp_keepalive_probes", "5"},
    {"net.ipv4.tcp_rmem", "4096 87380 16777216"}, {"net.ipv4.tcp_wmem", "4096 65536 16777216"},
    {"net.ipv4.tcp_slow_start_after_idle", "0"}, {"net.ipv4.tcp_notsent_lowat", "16384"}};
inline const Pairs kUnsafeSysctls = {{"kernel.msgmax", "65536"}, {"net.core.somaxconn", "4096"},
                                     {"vm.max_map_count", "262144"}, {"kernel.sem", "250 32000 100 128"},
                                     {"net.ipv4.ip_forward", "1"}};
inline const Pairs kHostPaths = {{"/var/run/docker.sock", "Socket"}, {"/run/containerd/containerd.sock", "Socket"},
                                 {"/var/log", "Directory"}, {"/var/lib/docker/containers", "Directory"},
                                 {"/proc", "Directory"}, {"/sys", "Directory"}, {"/", "Directory"},
                                 {"/etc/kubernetes", "DirectoryOrCreate"}};

}  // namespace writ::bench::vocab
