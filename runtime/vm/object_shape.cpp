#include "runtime/vm/object_shape.hpp"

#include <string_view>
#include <utility>
#include <vector>

#include "runtime/value/document.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"
#include "runtime/vm/operators.hpp"

namespace writ {

namespace {

// Walks an object, stopping at the first field of the wrong type.
class ShapeCheck {
 public:
  std::string problem;

  bool object(const Value& obj) {
    using namespace keys;
    if (obj.type != Type::Map) return fail("", "a map (a Kubernetes object)", obj);
    if (!optional(obj, kApiVersion, "apiVersion", Type::String) || !optional(obj, kKind, "kind", Type::String)) return false;
    if (!metadata(field_of(obj, kMetadata), "metadata")) return false;
    return pod_template(obj);
  }

 private:
  bool fail(const std::string& path, const char* expected, const Value& got) {
    problem = (path.empty() ? std::string("the document") : path) + " must be " + expected + ", got " + a_type(got.type);
    return false;
  }
  // Absent, null, or of type `t`.
  bool optional(const Value& parent, KeyId key, const std::string& path, Type t) {
    Value v = field_of(parent, key);
    if (v.is_null() || v.type == t) return true;
    return fail(path, t == Type::Map ? "a map" : t == Type::List ? "a list" : t == Type::String ? "a string" : "a bool", v);
  }
  bool string_map(const Value& m, const std::string& path) {
    if (m.is_null()) return true;
    if (m.type != Type::Map) return fail(path, "a map", m);
    for (uint32_t j = 0; j < m.len; ++j) {
      Value v = map_value_at(m, j);
      if (v.type != Type::String && !v.is_null())
        return fail(path + "." + std::string(map_key_at(m, j)), "a string", v);
    }
    return true;
  }
  bool metadata(const Value& meta, const std::string& path) {
    using namespace keys;
    if (meta.is_null()) return true;
    if (meta.type != Type::Map) return fail(path, "a map", meta);
    return optional(meta, kName, path + ".name", Type::String) && optional(meta, kNamespace, path + ".namespace", Type::String) &&
           string_map(field_of(meta, kLabels), path + ".labels") &&
           string_map(field_of(meta, kAnnotations), path + ".annotations");
  }
  // The path to the pod template (as autogen follows it), then the pod spec.
  bool pod_template(const Value& obj) {
    using namespace keys;
    std::string_view kind = string_of(field_of(obj, kKind));
    std::vector<std::pair<KeyId, const char*>> steps;
    if (kind == "Pod") {
      return pod_spec(field_of(obj, kSpec), "spec");
    } else if (kind == "PodTemplate") {
      steps = {{kTemplate, "template"}};
    } else if (kind == "CronJob") {
      steps = {{kSpec, "spec"}, {kJobTemplate, "jobTemplate"}, {kSpec, "spec"}, {kTemplate, "template"}};
    } else if (kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" || kind == "DaemonSet" ||
               kind == "Job" || kind == "ReplicationController") {
      steps = {{kSpec, "spec"}, {kTemplate, "template"}};
    } else {
      return optional(obj, kSpec, "spec", Type::Map);  // every kind with a spec has a map there
    }
    Value at = obj;
    std::string path;
    for (const auto& [key, name] : steps) {
      path += (path.empty() ? "" : ".") + std::string(name);
      at = field_of(at, key);
      if (at.is_null()) return true;
      if (at.type != Type::Map) return fail(path, "a map", at);
    }
    return metadata(field_of(at, kMetadata), path + ".metadata") && pod_spec(field_of(at, kSpec), path + ".spec");
  }
  bool pod_spec(const Value& spec, const std::string& path) {
    using namespace keys;
    if (spec.is_null()) return true;
    if (spec.type != Type::Map) return fail(path, "a map", spec);
    if (!optional(spec, kSecurityContext, path + ".securityContext", Type::Map)) return false;
    const std::pair<KeyId, const char*> lists[] = {
        {kContainers, "containers"}, {kInitContainers, "initContainers"}, {kEphemeralContainers, "ephemeralContainers"}};
    for (const auto& [key, name] : lists) {
      Value list = field_of(spec, key);
      std::string lpath = path + "." + name;
      if (list.is_null()) continue;
      if (list.type != Type::List) return fail(lpath, "a list", list);
      for (uint32_t i = 0; i < list.len; ++i) {
        Value c = list_at(list, i);
        std::string cpath = lpath + "[" + std::to_string(i) + "]";
        if (c.type != Type::Map) return fail(cpath, "a map (a container)", c);
        if (!optional(c, kSecurityContext, cpath + ".securityContext", Type::Map)) return false;
      }
    }
    return true;
  }
};

}  // namespace

std::string object_shape_problem(const Value& object) {
  ShapeCheck check;
  check.object(object);
  return check.problem;
}

}  // namespace writ
