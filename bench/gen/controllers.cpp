#include "gen/controllers.hpp"

namespace writ::bench {

// The pod template: what the controller stamps pods from. Fields only a
// running Pod has (name, uid, owner, resourceVersion) are left out.
static Json pod_template(Json& pod) {
  Json& meta = pod["metadata"];
  Json tmeta = Json::object();
  tmeta["labels"] = std::move(meta["labels"]);
  tmeta["labels"].erase("pod-template-hash");
  if (Json* a = meta.find("annotations")) tmeta["annotations"] = std::move(*a);
  Json spec = std::move(pod["spec"]);
  return Json::object({{"metadata", std::move(tmeta)}, {"spec", std::move(spec)}});
}

static Json selector(const std::string& app) {
  return Json::object({{"matchLabels", Json::object({{"app", app}})}});
}

Json wrap_in_controller(Json pod, const std::string& kind, Rng& rng) {
  Json& meta = pod["metadata"];
  std::string app = meta["labels"]["app"].as_string();
  std::string name = meta["generateName"].as_string();
  name.pop_back();  // "app-hash-" → "app-hash"
  if (kind != "ReplicaSet") name = app + "-" + rng.alnum(4);
  Json cmeta = Json::object({{"name", name}, {"namespace", meta["namespace"]}, {"uid", meta["uid"]},
                             {"resourceVersion", meta["resourceVersion"]},
                             {"generation", rng.between(1, 40)},
                             {"creationTimestamp", meta["creationTimestamp"]}});
  Json labels = Json::object({{"app", app}, {"app.kubernetes.io/name", app}});
  if (const Json* part = meta["labels"].find("app.kubernetes.io/part-of")) labels["app.kubernetes.io/part-of"] = *part;
  cmeta["labels"] = std::move(labels);

  Json tmpl = pod_template(pod);
  Json& tspec = tmpl["spec"];
  Json spec = Json::object();
  if (kind == "Deployment") {
    cmeta["annotations"] = Json::object({{"deployment.kubernetes.io/revision", std::to_string(rng.between(1, 30))}});
    spec["replicas"] = rng.between(1, 12);
    spec["revisionHistoryLimit"] = 10;
    spec["selector"] = selector(app);
    spec["strategy"] = Json::object(
        {{"type", "RollingUpdate"},
         {"rollingUpdate", Json::object({{"maxSurge", "25%"}, {"maxUnavailable", "25%"}})}});
    spec["progressDeadlineSeconds"] = 600;
    spec["template"] = std::move(tmpl);
  } else if (kind == "ReplicaSet") {
    cmeta["ownerReferences"] = Json::array({Json::object({{"apiVersion", "apps/v1"}, {"kind", "Deployment"},
                                                          {"name", app}, {"uid", rng.uuid()}, {"controller", true},
                                                          {"blockOwnerDeletion", true}})});
    spec["replicas"] = rng.between(1, 12);
    spec["selector"] = selector(app);
    spec["template"] = std::move(tmpl);
  } else if (kind == "StatefulSet") {
    spec["replicas"] = rng.between(1, 5);
    spec["serviceName"] = app + "-headless";
    spec["selector"] = selector(app);
    spec["podManagementPolicy"] = rng.chance(0.5) ? "OrderedReady" : "Parallel";
    spec["updateStrategy"] = Json::object({{"type", "RollingUpdate"}, {"rollingUpdate", Json::object({{"partition", 0}})}});
    spec["template"] = std::move(tmpl);
    spec["volumeClaimTemplates"] = Json::array({Json::object(
        {{"metadata", Json::object({{"name", "data"}})},
         {"spec", Json::object({{"accessModes", Json::array({"ReadWriteOnce"})},
                                {"storageClassName", "fast-ssd"},
                                {"resources", Json::object({{"requests", Json::object({{"storage", "10Gi"}})}})}})}})});
  } else if (kind == "DaemonSet") {
    spec["selector"] = selector(app);
    spec["updateStrategy"] = Json::object(
        {{"type", "RollingUpdate"}, {"rollingUpdate", Json::object({{"maxUnavailable", 1}, {"maxSurge", 0}})}});
    spec["template"] = std::move(tmpl);
  } else {  // Job, CronJob
    tspec["restartPolicy"] = rng.chance(0.5) ? "OnFailure" : "Never";
    Json job = Json::object({{"backoffLimit", rng.between(0, 6)}, {"completions", 1}, {"parallelism", 1},
                             {"ttlSecondsAfterFinished", 3600}});
    job["template"] = std::move(tmpl);
    if (kind == "Job") {
      spec = std::move(job);
    } else {
      std::string schedule = Rng::concat({std::to_string(rng.between(0, 59)), " ", std::to_string(rng.between(0, 23)), " * * *"});
      spec["schedule"] = schedule;
      spec["concurrencyPolicy"] = rng.chance(0.5) ? "Forbid" : "Allow";
      spec["successfulJobsHistoryLimit"] = 3;
      spec["failedJobsHistoryLimit"] = 1;
      spec["jobTemplate"] = Json::object({{"spec", std::move(job)}});
    }
  }
  const char* api = kind == "Job" || kind == "CronJob" ? "batch/v1" : "apps/v1";
  return Json::object({{"apiVersion", api}, {"kind", kind}, {"metadata", std::move(cmeta)}, {"spec", std::move(spec)}});
}

}  // namespace writ::bench
