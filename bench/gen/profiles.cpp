// Security profiles: what makes a generated pod restricted, baseline-only or
// privileged at Pod Security v1.37. Ported from the peers' gen-pods.mjs
// (which targets v1.36); the only difference is the v1.37 sysctl list.
#include <algorithm>

#include "gen/pods.hpp"
#include "gen/vocabulary.hpp"

namespace writ::bench {

using namespace vocab;

static Json& ensure_object(Json& j) {
  if (!j.is_object()) j = Json::object();
  return j;
}
static Json& sc(Json& container) { return ensure_object(container["securityContext"]); }
static Json& psc(Json& pod) { return ensure_object(pod["spec"]["securityContext"]); }

static Json strings(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const std::string& s : v) a.push(s);
  return a;
}

Json& PodFactory::pick_container(Json& pod) {
  // Mostly regular containers, sometimes init or ephemeral ones.
  Json& spec = pod["spec"];
  double r = rng_.next();
  Json* init = spec.find("initContainers");
  Json* eph = spec.find("ephemeralContainers");
  auto pick = [&](Json& list) -> Json& { return list.items()[rng_.index(list.items().size())]; };
  if (r < 0.15 && init && init->size()) return pick(*init);
  if (r < 0.22 && eph && eph->size()) return pick(*eph);
  return pick(spec["containers"]);
}

// Passes every restricted check.
void PodFactory::harden(Json& pod) {
  int uid = rng_.pick(std::vector<int>{1000, 1001, 10001, 65532, 101, 999, rng_.between(2000, 60000)});
  bool pod_style = rng_.next() < 0.6;
  Json& p = psc(pod);
  if (pod_style) {
    p["runAsNonRoot"] = true;
    if (rng_.chance(0.8)) p["runAsUser"] = uid;
    if (rng_.chance(0.6)) p["runAsGroup"] = uid;
    if (rng_.chance(0.6)) p["fsGroup"] = uid;
    p["seccompProfile"] = Json::object({{"type", "RuntimeDefault"}});
  } else if (rng_.chance(0.5)) {
    p["fsGroup"] = uid;
    if (rng_.chance(0.3)) p["fsGroupChangePolicy"] = "OnRootMismatch";
  }
  if (rng_.chance(0.15)) p["supplementalGroups"] = Json::array({rng_.between(2000, 3000)});
  for (Json* c : all_containers(pod)) {
    Json& s = sc(*c);
    s["allowPrivilegeEscalation"] = false;
    s["capabilities"] = Json::object({{"drop", Json::array({"ALL"})}});
    bool low_port = false;
    if (const Json* ports = c->find("ports"))
      for (const Json& pt : ports->items()) low_port |= pt.find("containerPort")->as_int() < 1024;
    if (low_port || rng_.chance(0.05)) s["capabilities"]["add"] = Json::array({"NET_BIND_SERVICE"});
    if (rng_.chance(0.6)) s["readOnlyRootFilesystem"] = true;
    if (!pod_style) {
      s["runAsNonRoot"] = true;
      if (rng_.chance(0.7)) s["runAsUser"] = uid;
      s["seccompProfile"] = rng_.chance(0.8) ? Json::object({{"type", "RuntimeDefault"}})
                                             : Json::object({{"type", "Localhost"}, {"localhostProfile", "profiles/audit.json"}});
    } else if (rng_.chance(0.1)) {
      s["seccompProfile"] = Json::object({{"type", "Localhost"}, {"localhostProfile", "profiles/fine-grained.json"}});
    }
    if (rng_.chance(0.05)) s["privileged"] = false;
    if (rng_.chance(0.05)) s["procMount"] = "Default";
  }
  benign_extras(pod);
}

// Settings that are allowed even at the restricted level.
void PodFactory::benign_extras(Json& pod) {
  if (rng_.chance(0.1)) {
    std::string level = Rng::concat({"s0:c", std::to_string(rng_.between(1, 999)), ",c", std::to_string(rng_.between(1, 999))});
    psc(pod)["seLinuxOptions"] = Json::object({{"level", level}});
  }
  if (rng_.chance(0.05)) {
    Json& c = pick_container(pod);
    sc(c)["seLinuxOptions"] = Json::object(
        {{"type", rng_.pick(Strings{"container_t", "container_init_t", "container_kvm_t", "container_engine_t"})}});
  }
  if (rng_.chance(0.08)) psc(pod)["appArmorProfile"] = Json::object({{"type", "RuntimeDefault"}});
  if (rng_.chance(0.05))
    sc(pick_container(pod))["appArmorProfile"] =
        Json::object({{"type", "Localhost"}, {"localhostProfile", "k8s-apparmor-example-deny-write"}});
  if (rng_.chance(0.1)) {
    std::string name = pick_container(pod)["name"].as_string();
    pod["metadata"]["annotations"]["container.apparmor.security.beta.kubernetes.io/" + name] =
        rng_.pick(Strings{"runtime/default", "localhost/k8s-nginx"});
  }
  if (rng_.chance(0.08)) {
    Json list = Json::array();
    for (const auto& [name, value] : rng_.sample(kSafeSysctls, static_cast<size_t>(rng_.between(1, 3))))
      list.push(Json::object({{"name", name}, {"value", value}}));
    psc(pod)["sysctls"] = std::move(list);
  }
  if (rng_.chance(0.05)) {
    Json& c = pod["spec"]["containers"].items()[0];
    if (Json* ports = c.find("ports")) ports->items()[0]["hostPort"] = 0;
  }
  if (rng_.chance(0.03)) pod["spec"]["hostNetwork"] = false;
}

// Windows pods are exempt from allowPrivilegeEscalation, seccomp and
// capabilities at the restricted level (v1.25+).
void PodFactory::windows_restricted(Json& pod) {
  Json& spec = pod["spec"];
  spec["os"] = Json::object({{"name", "windows"}});
  spec["nodeSelector"] = Json::object({{"kubernetes.io/os", "windows"}});
  for (Json* c : all_containers(pod)) {
    (*c)["image"] = rng_.pick(Strings{"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
                                      "mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022"});
    c->erase("securityContext");
  }
  Json win = Json::object({{"runAsUserName", "ContainerUser"}});
  if (rng_.chance(0.3)) win["hostProcess"] = false;
  spec["securityContext"] = Json::object({{"runAsNonRoot", true}, {"windowsOptions", std::move(win)}});
}

// hostUsers: false relaxes runAsNonRoot and runAsUser (v1.35+).
void PodFactory::user_namespace_restricted(Json& pod) {
  harden(pod);
  pod["spec"]["hostUsers"] = false;
  Json& p = psc(pod);
  p.erase("runAsNonRoot");
  p["runAsUser"] = 0;
  p["seccompProfile"] = Json::object({{"type", "RuntimeDefault"}});
  for (Json* c : all_containers(pod)) {
    sc(*c).erase("runAsNonRoot");
    if (rng_.chance(0.5)) sc(*c)["runAsUser"] = 0;
  }
}

// No (or harmless) security settings: baseline only.
void PodFactory::default_pod(Json& pod) {
  for (Json* c : all_containers(pod)) {
    if (rng_.chance(0.1)) sc(*c)["readOnlyRootFilesystem"] = true;
    if (rng_.chance(0.05)) sc(*c)["runAsUser"] = rng_.between(1000, 5000);
  }
  if (rng_.chance(0.1)) psc(pod)["fsGroup"] = 2000;
  if (rng_.chance(0.05))
    sc(pod["spec"]["containers"].items()[0])["capabilities"] =
        Json::object({{"add", strings(rng_.sample(kBaselineCaps, static_cast<size_t>(rng_.between(1, 2))))}});
}

// Restricted-only violations: each breaks >= 1 restricted check and no baseline check.
void PodFactory::restricted_violation(Json& pod, int which) {
  switch (which) {
    case 0: {  // allowPrivilegeEscalation
      Json& s = sc(pick_container(pod));
      if (rng_.chance(0.5)) s.erase("allowPrivilegeEscalation");
      else s["allowPrivilegeEscalation"] = true;
      break;
    }
    case 1:  // runAsNonRoot
      if (rng_.chance(0.4)) {
        psc(pod)["runAsNonRoot"] = false;
      } else if (rng_.chance(0.5)) {
        sc(pick_container(pod))["runAsNonRoot"] = false;
      } else {
        psc(pod).erase("runAsNonRoot");
        for (Json* c : all_containers(pod)) sc(*c).erase("runAsNonRoot");
      }
      break;
    case 2:  // runAsUser
      if (rng_.chance(0.3)) psc(pod)["runAsUser"] = 0;
      else sc(pick_container(pod))["runAsUser"] = 0;
      break;
    case 3:  // seccompProfile
      psc(pod).erase("seccompProfile");
      for (Json* c : all_containers(pod)) sc(*c).erase("seccompProfile");
      break;
    case 4: {  // capabilities
      Json& caps = ensure_object(sc(pick_container(pod))["capabilities"]);
      if (rng_.chance(0.5)) {
        caps["drop"] = rng_.chance(0.5) ? Json::array({"NET_RAW"}) : Json::array();
      } else {
        Json& add = caps["add"];
        if (add.is_null()) add = Json::array();
        add.push(rng_.pick(kBaselineOnlyCaps));
      }
      break;
    }
    case 5: {  // restrictedVolumes
      Json vol = Json::object({{"name", "legacy-" + rng_.alnum(4)}});
      Json source = restricted_forbidden_volume();
      for (auto& m : source.members()) vol[m.first] = std::move(m.second);
      std::string name = vol["name"].as_string();
      Json& vols = pod["spec"]["volumes"];
      if (vols.is_null()) vols = Json::array();
      vols.push(std::move(vol));
      Json& mounts = pod["spec"]["containers"].items()[0]["volumeMounts"];
      if (mounts.is_null()) mounts = Json::array();
      mounts.push(Json::object({{"name", name}, {"mountPath", "/mnt/legacy"}}));
      break;
    }
    default:  // procMount in a user namespace: only procMount_restricted fails
      pod["spec"]["hostUsers"] = false;
      sc(pick_container(pod))["procMount"] = "Unmasked";
  }
}

// Baseline violations: each breaks >= 1 baseline check.
void PodFactory::baseline_violation(Json& pod, int which) {
  Json& spec = pod["spec"];
  switch (which) {
    case 0: {  // privileged
      Json& s = sc(pick_container(pod));
      s["privileged"] = true;
      // the API rejects privileged=true together with allowPrivilegeEscalation=false
      if (Json* ape = s.find("allowPrivilegeEscalation"); ape && !ape->as_bool()) *ape = true;
      break;
    }
    case 1: {  // hostNamespaces
      const std::string& ns = rng_.weighted<std::string>({{"hostNetwork", 5}, {"hostPID", 2}, {"hostIPC", 1}});
      spec[ns] = true;
      if (ns == "hostNetwork") {
        spec["dnsPolicy"] = "ClusterFirstWithHostNet";
        // API defaulting: with hostNetwork, hostPort defaults to containerPort
        for (Json& c : spec["containers"].items())
          if (Json* ports = c.find("ports"))
            for (Json& p : ports->items()) p["hostPort"] = p["containerPort"].as_int();
      }
      break;
    }
    case 2: {  // hostPathVolumes
      const auto& [path, type] = rng_.pick(kHostPaths);
      std::string name = "host-" + rng_.alnum(4);
      Json& vols = spec["volumes"];
      if (vols.is_null()) vols = Json::array();
      vols.push(Json::object({{"name", name}, {"hostPath", Json::object({{"path", path}, {"type", type}})}}));
      Json& mounts = spec["containers"].items()[0]["volumeMounts"];
      if (mounts.is_null()) mounts = Json::array();
      mounts.push(Json::object({{"name", name}, {"mountPath", "/host" + (path == "/" ? std::string() : path)},
                                {"readOnly", rng_.chance(0.5)}}));
      break;
    }
    case 3: {  // hostPorts
      Json& c = spec["containers"].items()[rng_.index(spec["containers"].size())];
      Json& ports = c["ports"];
      if (ports.is_null())
        ports = Json::array({Json::object({{"name", "http"}, {"containerPort", 8080}, {"protocol", "TCP"}})});
      ports.items()[0]["hostPort"] = rng_.pick(std::vector<int>{80, 443, 8080, 9100, 10250, 30080});
      break;
    }
    case 4: {  // capabilities
      Json& s = sc(pick_container(pod));
      Json& add = ensure_object(s["capabilities"])["add"];
      if (add.is_null()) add = Json::array();
      bool sys_admin = false;
      for (const std::string& cap : rng_.sample(kForbiddenCaps, static_cast<size_t>(rng_.between(1, 2)))) {
        add.push(cap);
        sys_admin |= cap == "SYS_ADMIN";
      }
      for (const Json& cap : add.items()) sys_admin |= cap.as_string() == "SYS_ADMIN";
      if (Json* ape = s.find("allowPrivilegeEscalation"); ape && !ape->as_bool() && sys_admin) *ape = true;
      break;
    }
    case 5:  // seccompProfile
      if (rng_.chance(0.5)) psc(pod)["seccompProfile"] = Json::object({{"type", "Unconfined"}});
      else sc(pick_container(pod))["seccompProfile"] = Json::object({{"type", "Unconfined"}});
      break;
    case 6: {  // appArmor
      Json& c = pick_container(pod);
      double r = rng_.next();
      if (r < 0.5) pod["metadata"]["annotations"]["container.apparmor.security.beta.kubernetes.io/" + c["name"].as_string()] = "unconfined";
      else if (r < 0.8) sc(c)["appArmorProfile"] = Json::object({{"type", "Unconfined"}});
      else psc(pod)["appArmorProfile"] = Json::object({{"type", "Unconfined"}});
      break;
    }
    case 7: {  // seLinuxOptions
      int k = rng_.weighted<int>({{0, 3}, {1, 1}, {2, 1}});
      Json opts = k == 0   ? Json::object({{"type", "spc_t"}})
                  : k == 1 ? Json::object({{"user", "system_u"}, {"role", "system_r"}, {"type", "container_t"}})
                           : Json::object({{"role", "sysadm_r"}});
      if (rng_.chance(0.4)) psc(pod)["seLinuxOptions"] = std::move(opts);
      else sc(pick_container(pod))["seLinuxOptions"] = std::move(opts);
      break;
    }
    case 8:  // procMount
      spec.erase("hostUsers");
      sc(pick_container(pod))["procMount"] = "Unmasked";
      break;
    case 9: {  // sysctls
      const auto& [name, value] = rng_.pick(kUnsafeSysctls);
      Json& list = psc(pod)["sysctls"];
      if (list.is_null()) list = Json::array();
      list.push(Json::object({{"name", name}, {"value", value}}));
      break;
    }
    case 10:  // windowsHostProcess
      spec["os"] = Json::object({{"name", "windows"}});
      spec["hostNetwork"] = true;
      if (rng_.chance(0.6)) {
        psc(pod)["windowsOptions"] = Json::object({{"hostProcess", true}, {"runAsUserName", "NT AUTHORITY\\SYSTEM"}});
      } else {
        Json& c = spec["containers"].items()[rng_.index(spec["containers"].size())];
        sc(c)["windowsOptions"] = Json::object({{"hostProcess", true}, {"runAsUserName", "NT AUTHORITY\\Local service"}});
      }
      break;
    default: {  // hostProbesAndHostLifecycle
      Json& c = spec["containers"].items()[0];
      std::string host = rng_.pick(Strings{"169.254.169.254", "10.0.0.1", "metadata.google.internal", "kubernetes.default.svc"});
      if (rng_.chance(0.5)) {
        c["livenessProbe"] = Json::object(
            {{"httpGet", Json::object({{"host", host}, {"path", "/healthz"}, {"port", 8080}})}, {"periodSeconds", 10}});
      } else if (rng_.chance(0.5)) {
        c["readinessProbe"] = Json::object({{"tcpSocket", Json::object({{"host", host}, {"port", 8080}})}, {"periodSeconds", 10}});
      } else {
        ensure_object(c["lifecycle"])["postStart"] =
            Json::object({{"httpGet", Json::object({{"host", host}, {"path", "/register"}, {"port", 80}})}});
      }
    }
  }
}

// k distinct violations from one table, drawn by weight.
void PodFactory::apply_some(Json& pod, bool baseline_table, int lo, int hi) {
  static const std::vector<std::pair<int, double>> kRestricted = {{0, 3}, {1, 3}, {2, 2}, {3, 3}, {4, 3}, {5, 2}, {6, 0.5}};
  static const std::vector<std::pair<int, double>> kBaseline = {{0, 4}, {1, 4}, {2, 4}, {3, 2}, {4, 3}, {5, 1.5},
                                                                {6, 1}, {7, 1}, {8, 0.7}, {9, 1}, {10, 0.5}, {11, 0.7}};
  int k = rng_.between(lo, hi);
  std::vector<int> used;
  for (int i = 0; i < k * 3 && static_cast<int>(used.size()) < k; ++i) {
    int which = rng_.weighted(baseline_table ? kBaseline : kRestricted);
    if (std::find(used.begin(), used.end(), which) != used.end()) continue;
    used.push_back(which);
    if (baseline_table) baseline_violation(pod, which);
    else restricted_violation(pod, which);
  }
}

Json PodFactory::make_pod(int i) {
  Json pod = base_pod(i);
  double r = rng_.next();
  const char* level;
  if (r < 0.3) {
    level = "restricted";
    double v = rng_.next();
    if (v < 0.03) windows_restricted(pod);
    else if (v < 0.06) user_namespace_restricted(pod);
    else harden(pod);
  } else if (r < 0.7) {
    level = "baseline";
    if (rng_.chance(0.45)) {
      default_pod(pod);
    } else {
      harden(pod);
      apply_some(pod, false, 1, 3);
    }
  } else {
    level = "privileged";
    double base = rng_.next();
    if (base < 0.45) {
      default_pod(pod);
    } else if (base < 0.75) {
      harden(pod);
    } else {
      harden(pod);
      apply_some(pod, false, 1, 2);
    }
    apply_some(pod, true, 1, 3);
  }
  Json& meta = pod["metadata"];
  meta["labels"][kExpectedLevelLabel] = level;
  if (meta["annotations"].size() == 0) meta.erase("annotations");
  return pod;
}

}  // namespace writ::bench
