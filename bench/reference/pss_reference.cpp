// Each check follows CHECKS.md §3 at v1.35+ and the pss packs' reading of it
// (an absent field and a JSON null are the same; comparisons are typed, so
// `privileged: "true"` is not true). Field lookups use the interned ids
// resolved once in the constructor, like the bytecode's GetField.
#include "reference/pss_reference.hpp"

#include <cstring>

#include "runtime/value/document.hpp"
#include "runtime/value/types.hpp"

namespace writ::bench {

namespace {

// The field `id` of a map, or nullptr when `n` is not a map or the field is
// absent or null.
inline const Node* get(const Node* n, KeyId id) {
  if (n == nullptr || n->type != Type::Map) return nullptr;
  const Node* f = n->field(id);
  return f != nullptr && f->type != Type::Null ? f : nullptr;
}
inline bool is_true(const Node* n) { return n != nullptr && n->type == Type::Bool && n->b; }
inline bool is_false(const Node* n) { return n != nullptr && n->type == Type::Bool && !n->b; }
inline bool is_string(const Node* n, std::string_view s) {
  return n != nullptr && n->type == Type::String && n->str() == s;
}
inline bool is_zero(const Node* n) {
  return n != nullptr && ((n->type == Type::Int && n->i == 0) || (n->type == Type::Float && n->f == 0));
}
// `(x ?? "") != ""`: present and not the empty string.
inline bool non_empty(const Node* n) { return n != nullptr && !(n->type == Type::String && n->len == 0); }

template <size_t N>
bool one_of(std::string_view s, const char* const (&set)[N]) {
  for (const char* x : set)
    if (s == x) return true;
  return false;
}
template <size_t N>
bool one_of(const Node* n, const char* const (&set)[N]) {
  return n != nullptr && n->type == Type::String && one_of(n->str(), set);
}

// Items of a list node (none if it is absent or not a list).
struct Items {
  const Node* begin_;
  const Node* end_;
  explicit Items(const Node* list)
      : begin_(list && list->type == Type::List ? list->children : nullptr),
        end_(list && list->type == Type::List ? list->children + list->len : nullptr) {}
  const Node* begin() const { return begin_; }
  const Node* end() const { return end_; }
};

const char* const kCheckNames[kCheckCount] = {
    "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPathVolumes", "hostPorts",
    "hostProbesAndHostLifecycle", "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls",
    "windowsHostProcess", "allowPrivilegeEscalation", "capabilities_restricted", "procMount_restricted",
    "restrictedVolumes", "runAsNonRoot", "runAsUser", "seccompProfile_restricted"};

const char* const kDefaultCapabilities[] = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
                                            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID",
                                            "SETPCAP", "SETUID", "SYS_CHROOT"};
const char* const kConfiningProfiles[] = {"RuntimeDefault", "Localhost"};
const char* const kSeLinuxTypes[] = {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"};
const char* const kSysctlsV132[] = {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
                                    "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
                                    "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports",
                                    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
                                    "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
                                    "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"};
const char* const kSysctlsAddedV137[] = {"net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"};
const char* const kAllowedVolumeSources[] = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
                                             "image", "persistentVolumeClaim", "projected", "secret"};
const char* const kAppArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

}  // namespace

const char* check_name(uint32_t check) { return check < kCheckCount ? kCheckNames[check] : "?"; }

uint32_t check_by_name(std::string_view name) {
  for (uint32_t i = 0; i < kCheckCount; ++i)
    if (name == kCheckNames[i]) return i;
  return kCheckCount;
}

std::string mask_names(CheckMask mask) {
  std::string s;
  for (uint32_t i = 0; i < kCheckCount; ++i)
    if (mask & (1u << i)) {
      if (!s.empty()) s += ", ";
      s += kCheckNames[i];
    }
  return s;
}

KeyId PssReference::key(const KeyTable& keys, const char* name) {
  KeyId id = keys.find(name);
  if (id == kNoKey) missing_.emplace_back(name);
  return id;
}

PssReference::PssReference(const KeyTable& keys, int minor) : minor_(minor) {
  kind_ = key(keys, "kind");
  metadata_ = key(keys, "metadata");
  annotations_ = key(keys, "annotations");
  spec_ = key(keys, "spec");
  template_ = key(keys, "template");
  job_template_ = key(keys, "jobTemplate");
  security_context_ = key(keys, "securityContext");
  windows_options_ = key(keys, "windowsOptions");
  host_process_ = key(keys, "hostProcess");
  host_network_ = key(keys, "hostNetwork");
  host_pid_ = key(keys, "hostPID");
  host_ipc_ = key(keys, "hostIPC");
  privileged_ = key(keys, "privileged");
  capabilities_ = key(keys, "capabilities");
  add_ = key(keys, "add");
  drop_ = key(keys, "drop");
  volumes_ = key(keys, "volumes");
  ports_ = key(keys, "ports");
  host_port_ = key(keys, "hostPort");
  app_armor_profile_ = key(keys, "appArmorProfile");
  type_ = key(keys, "type");
  se_linux_options_ = key(keys, "seLinuxOptions");
  user_ = key(keys, "user");
  role_ = key(keys, "role");
  proc_mount_ = key(keys, "procMount");
  host_users_ = key(keys, "hostUsers");
  seccomp_profile_ = key(keys, "seccompProfile");
  sysctls_ = key(keys, "sysctls");
  name_ = key(keys, "name");
  lifecycle_ = key(keys, "lifecycle");
  post_start_ = key(keys, "postStart");
  pre_stop_ = key(keys, "preStop");
  http_get_ = key(keys, "httpGet");
  tcp_socket_ = key(keys, "tcpSocket");
  host_ = key(keys, "host");
  allow_privilege_escalation_ = key(keys, "allowPrivilegeEscalation");
  os_ = key(keys, "os");
  run_as_non_root_ = key(keys, "runAsNonRoot");
  run_as_user_ = key(keys, "runAsUser");
  list_keys_[0] = key(keys, "initContainers");
  list_keys_[1] = key(keys, "containers");
  list_keys_[2] = key(keys, "ephemeralContainers");
  probe_keys_[0] = key(keys, "livenessProbe");
  probe_keys_[1] = key(keys, "readinessProbe");
  probe_keys_[2] = key(keys, "startupProbe");
}

bool PssReference::pod_of(const Node* object, Pod* pod) const {
  const Node* kind = get(object, kind_);
  if (kind == nullptr || kind->type != Type::String) return false;
  std::string_view k = kind->str();
  const Node* holder;  // the map with `metadata` and `spec`
  if (k == "Pod") holder = object;
  else if (k == "CronJob") holder = get(get(get(get(object, spec_), job_template_), spec_), template_);
  else if (k == "PodTemplate") holder = get(object, template_);
  else if (k == "Deployment" || k == "ReplicaSet" || k == "StatefulSet" || k == "DaemonSet" || k == "Job" ||
           k == "ReplicationController")
    holder = get(get(object, spec_), template_);
  else return false;
  pod->spec = get(holder, spec_);
  if (pod->spec == nullptr) return false;
  pod->metadata = get(holder, metadata_);
  pod->doc = object->document();
  for (int i = 0; i < 3; ++i) pod->lists[i] = get(pod->spec, list_keys_[i]);
  return true;
}

// Returns true from the enclosing check as soon as `expr` holds for a
// container `c` (init, regular, then ephemeral).
#define WRIT_ANY_CONTAINER(p, c, expr)            \
  for (const Node* list_ : (p).lists)             \
    for (const Node& c : Items(list_))            \
      if (expr) return true;

bool PssReference::windows(const Pod& p) const { return is_string(get(get(p.spec, os_), name_), "windows"); }
bool PssReference::user_namespaced(const Pod& p) const { return is_false(get(p.spec, host_users_)); }

bool PssReference::windows_host_process(const Pod& p) const {
  if (is_true(get(get(get(p.spec, security_context_), windows_options_), host_process_))) return true;
  WRIT_ANY_CONTAINER(p, c, is_true(get(get(get(&c, security_context_), windows_options_), host_process_)));
  return false;
}

bool PssReference::host_namespaces(const Pod& p) const {
  return is_true(get(p.spec, host_network_)) || is_true(get(p.spec, host_pid_)) || is_true(get(p.spec, host_ipc_));
}

bool PssReference::privileged(const Pod& p) const {
  WRIT_ANY_CONTAINER(p, c, is_true(get(get(&c, security_context_), privileged_)));
  return false;
}

bool PssReference::capabilities_baseline(const Pod& p) const {
  for (const Node* list : p.lists)
    for (const Node& c : Items(list))
      for (const Node& cap : Items(get(get(get(&c, security_context_), capabilities_), add_)))
        if (!one_of(&cap, kDefaultCapabilities)) return true;
  return false;
}

bool PssReference::host_path_volumes(const Pod& p) const {
  // By name, like the other volume sources (a restricted-level policy need not intern it).
  for (const Node& v : Items(get(p.spec, volumes_))) {
    if (v.type != Type::Map) continue;
    for (uint32_t j = 0; j < v.len; ++j)
      if (v.children[j].type != Type::Null && p.doc->key_name(v.keys()[j]) == "hostPath") return true;
  }
  return false;
}

bool PssReference::host_ports(const Pod& p) const {
  for (const Node* list : p.lists)
    for (const Node& c : Items(list))
      for (const Node& port : Items(get(&c, ports_))) {
        const Node* hp = get(&port, host_port_);
        if (hp != nullptr && !is_zero(hp)) return true;
      }
  return false;
}

bool PssReference::app_armor_profile(const Pod& p) const {
  auto bad = [&](const Node* profile) {
    return profile != nullptr && !one_of(get(profile, type_), kConfiningProfiles);
  };
  if (bad(get(get(p.spec, security_context_), app_armor_profile_))) return true;
  WRIT_ANY_CONTAINER(p, c, bad(get(get(&c, security_context_), app_armor_profile_)));
  const Node* annotations = get(p.metadata, annotations_);
  if (annotations == nullptr || annotations->type != Type::Map) return false;
  // Annotation keys are matched by text: they are not names a policy interns.
  for (uint32_t j = 0; j < annotations->len; ++j) {
    std::string_view k = p.doc->key_name(annotations->keys()[j]);
    if (k.substr(0, std::strlen(kAppArmorAnnotationPrefix)) != kAppArmorAnnotationPrefix) continue;
    const Node* v = annotations->children + j;
    if (v->type != Type::String) return true;
    std::string_view s = v->str();
    if (!(s.empty() || s == "runtime/default" || s.substr(0, 10) == "localhost/")) return true;
  }
  return false;
}

bool PssReference::se_linux_options(const Pod& p) const {
  auto bad = [&](const Node* o) {
    if (o == nullptr) return false;
    const Node* type = get(o, type_);
    bool type_ok = type == nullptr ? true : one_of(type, kSeLinuxTypes);
    return !type_ok || non_empty(get(o, user_)) || non_empty(get(o, role_));
  };
  if (bad(get(get(p.spec, security_context_), se_linux_options_))) return true;
  WRIT_ANY_CONTAINER(p, c, bad(get(get(&c, security_context_), se_linux_options_)));
  return false;
}

bool PssReference::proc_mount_bad(const Pod& p) const {
  WRIT_ANY_CONTAINER(p, c, [&] {
    const Node* pm = get(get(&c, security_context_), proc_mount_);
    return pm != nullptr && !is_string(pm, "Default");
  }());
  return false;
}

bool PssReference::seccomp_profile_baseline(const Pod& p) const {
  auto bad = [&](const Node* profile) {
    return profile != nullptr && !one_of(get(profile, type_), kConfiningProfiles);
  };
  if (bad(get(get(p.spec, security_context_), seccomp_profile_))) return true;
  WRIT_ANY_CONTAINER(p, c, bad(get(get(&c, security_context_), seccomp_profile_)));
  return false;
}

bool PssReference::sysctls(const Pod& p) const {
  for (const Node& s : Items(get(get(p.spec, security_context_), sysctls_))) {
    const Node* name = get(&s, name_);
    bool ok = one_of(name, kSysctlsV132) || (minor_ >= 37 && one_of(name, kSysctlsAddedV137));
    if (!ok) return true;
  }
  return false;
}

bool PssReference::host_probes_and_host_lifecycle(const Pod& p) const {
  auto reaches_host = [&](const Node* handler) {
    return non_empty(get(get(handler, http_get_), host_)) || non_empty(get(get(handler, tcp_socket_), host_));
  };
  for (const Node* list : p.lists)
    for (const Node& c : Items(list)) {
      for (KeyId probe : probe_keys_)
        if (reaches_host(get(&c, probe))) return true;
      const Node* lifecycle = get(&c, lifecycle_);
      if (reaches_host(get(lifecycle, post_start_)) || reaches_host(get(lifecycle, pre_stop_))) return true;
    }
  return false;
}

bool PssReference::restricted_volumes(const Pod& p) const {
  for (const Node& v : Items(get(p.spec, volumes_))) {
    if (v.type != Type::Map) continue;
    bool allowed = false, sourceless = true;
    const KeyId* keys = v.keys();
    for (uint32_t j = 0; j < v.len && !allowed; ++j) {
      if (v.children[j].type == Type::Null || keys[j] == name_) continue;
      sourceless = false;  // an API server would have defaulted a volume with only a name to emptyDir
      // Volume sources are not field names the pack interns (it indexes
      // `v[source]` with strings), so they are compared by name.
      allowed = one_of(p.doc->key_name(keys[j]), kAllowedVolumeSources);
    }
    if (!allowed && !sourceless) return true;
  }
  return false;
}

bool PssReference::allow_privilege_escalation(const Pod& p) const {
  if (windows(p)) return false;
  WRIT_ANY_CONTAINER(p, c, !is_false(get(get(&c, security_context_), allow_privilege_escalation_)));
  return false;
}

bool PssReference::run_as_non_root(const Pod& p) const {
  if (user_namespaced(p)) return false;
  const Node* pod_value = get(get(p.spec, security_context_), run_as_non_root_);
  if (is_false(pod_value)) return true;
  bool pod_true = is_true(pod_value);
  WRIT_ANY_CONTAINER(p, c, [&] {
    const Node* v = get(get(&c, security_context_), run_as_non_root_);
    return is_false(v) || (v == nullptr && !pod_true);
  }());
  return false;
}

bool PssReference::run_as_user(const Pod& p) const {
  if (user_namespaced(p)) return false;
  if (is_zero(get(get(p.spec, security_context_), run_as_user_))) return true;
  WRIT_ANY_CONTAINER(p, c, is_zero(get(get(&c, security_context_), run_as_user_)));
  return false;
}

bool PssReference::seccomp_profile_restricted(const Pod& p) const {
  if (windows(p)) return false;
  const Node* pod_profile = get(get(p.spec, security_context_), seccomp_profile_);
  bool pod_set = false;
  if (pod_profile != nullptr) {
    if (!one_of(get(pod_profile, type_), kConfiningProfiles)) return true;
    pod_set = true;
  }
  WRIT_ANY_CONTAINER(p, c, [&] {
    const Node* profile = get(get(&c, security_context_), seccomp_profile_);
    return profile == nullptr ? !pod_set : !one_of(get(profile, type_), kConfiningProfiles);
  }());
  return false;
}

bool PssReference::capabilities_restricted(const Pod& p) const {
  if (windows(p)) return false;
  for (const Node* list : p.lists)
    for (const Node& c : Items(list)) {
      const Node* caps = get(get(&c, security_context_), capabilities_);
      bool drops_all = false;
      for (const Node& d : Items(get(caps, drop_))) drops_all |= is_string(&d, "ALL");
      if (!drops_all) return true;
      for (const Node& a : Items(get(caps, add_)))
        if (!is_string(&a, "NET_BIND_SERVICE")) return true;
    }
  return false;
}

CheckMask PssReference::evaluate(const Node* object, CheckMask which) const {
  Pod p;
  if (!pod_of(object, &p)) return 0;
  CheckMask m = 0;
  // Only the checks asked for run, as a level's evaluator skips the others.
#define WRIT_CHECK(id, expr) \
  if (which & (1u << (id))) m |= static_cast<CheckMask>(expr) << (id);
  WRIT_CHECK(kAppArmorProfile, app_armor_profile(p));
  WRIT_CHECK(kCapabilitiesBaseline, capabilities_baseline(p));
  WRIT_CHECK(kHostNamespaces, host_namespaces(p));
  WRIT_CHECK(kHostPathVolumes, host_path_volumes(p));
  WRIT_CHECK(kHostPorts, host_ports(p));
  WRIT_CHECK(kHostProbesAndHostLifecycle, host_probes_and_host_lifecycle(p));
  WRIT_CHECK(kPrivileged, privileged(p));
  WRIT_CHECK(kProcMount, !user_namespaced(p) && proc_mount_bad(p));
  WRIT_CHECK(kSeLinuxOptions, se_linux_options(p));
  WRIT_CHECK(kSeccompProfileBaseline, seccomp_profile_baseline(p));
  WRIT_CHECK(kSysctls, sysctls(p));
  WRIT_CHECK(kWindowsHostProcess, windows_host_process(p));
  WRIT_CHECK(kAllowPrivilegeEscalation, allow_privilege_escalation(p));
  WRIT_CHECK(kCapabilitiesRestricted, capabilities_restricted(p));
  WRIT_CHECK(kProcMountRestricted, proc_mount_bad(p));
  WRIT_CHECK(kRestrictedVolumes, restricted_volumes(p));
  WRIT_CHECK(kRunAsNonRoot, run_as_non_root(p));
  WRIT_CHECK(kRunAsUser, run_as_user(p));
  WRIT_CHECK(kSeccompProfileRestricted, seccomp_profile_restricted(p));
#undef WRIT_CHECK
  return m;
}

}  // namespace writ::bench
