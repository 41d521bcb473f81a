#include "runtime/value/object_shape.hpp"

#include <span>
#include <string_view>
#include <utility>

#include "runtime/value/document.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"

namespace writ {

namespace {

// Walks an object, stopping at the first field of the wrong type. The path
// is a small stack of steps, spelled out only on failure: a well-formed
// object costs no allocation.
class ShapeCheck {
 public:
  std::string problem;

  bool object(const Value& obj) {
    using namespace keys;
    if (obj.type != Type::Map) return fail("a map (a Kubernetes object)", obj);
    if (!optional(obj, kApiVersion, "apiVersion", Type::String) || !optional(obj, kKind, "kind", Type::String)) return false;
    if (!metadata(obj)) return false;
    return pod_template(obj);
  }

 private:
  struct Step {
    const char* name;  // a field, or nullptr for a list index
    uint32_t index;
  };
  Step path_[8];
  size_t depth_ = 0;

  // RAII: a step of the path while a field is checked.
  struct Enter {
    ShapeCheck& c;
    Enter(ShapeCheck& check, const char* name, uint32_t index = 0) : c(check) { c.path_[c.depth_++] = Step{name, index}; }
    ~Enter() { --c.depth_; }
  };

  bool fail(const char* expected, const Value& got, std::string_view last_key = {}) {
    std::string path;
    for (size_t i = 0; i < depth_; ++i) {
      if (path_[i].name != nullptr) path += (path.empty() ? "" : ".") + std::string(path_[i].name);
      else path += "[" + std::to_string(path_[i].index) + "]";
    }
    if (!last_key.empty()) path += "." + std::string(last_key);
    problem = (path.empty() ? std::string("the document") : path) + " must be " + expected + ", got " + a_type(got.type);
    return false;
  }
  static const char* a(Type t) {
    return t == Type::Map ? "a map" : t == Type::List ? "a list" : t == Type::String ? "a string" : "a bool";
  }
  // Absent, null, or of type `t`.
  bool optional(const Value& parent, KeyId key, const char* name, Type t) {
    Value v = field_of(parent, key);
    if (v.is_null() || v.type == t) return true;
    Enter e(*this, name);
    return fail(a(t), v);
  }
  // parent.key absent or null, or a map that `check` accepts (checked with
  // the step `name` on the path).
  template <typename Check>
  bool map_field(const Value& parent, KeyId key, const char* name, Check&& check) {
    Value m = field_of(parent, key);
    if (m.is_null()) return true;
    Enter e(*this, name);
    if (m.type != Type::Map) return fail("a map", m);
    return check(m);
  }
  bool string_map(const Value& parent, KeyId key, const char* name) {
    return map_field(parent, key, name, [&](const Value& m) {
      for (uint32_t j = 0; j < m.len; ++j) {
        Value v = map_value_at(m, j);
        if (v.type != Type::String && !v.is_null()) return fail("a string", v, map_key_at(m, j));
      }
      return true;
    });
  }
  // parent.metadata
  bool metadata(const Value& parent) {
    using namespace keys;
    return map_field(parent, kMetadata, "metadata", [&](const Value& meta) {
      return optional(meta, kName, "name", Type::String) && optional(meta, kNamespace, "namespace", Type::String) &&
             string_map(meta, kLabels, "labels") && string_map(meta, kAnnotations, "annotations");
    });
  }
  // The path to the pod template (as autogen follows it), then the pod spec.
  bool pod_template(const Value& obj) {
    using namespace keys;
    std::string_view kind = string_of(field_of(obj, kKind));
    static const std::pair<KeyId, const char*> kController[] = {{kSpec, "spec"}, {kTemplate, "template"}};
    static const std::pair<KeyId, const char*> kCronJob[] = {
        {kSpec, "spec"}, {kJobTemplate, "jobTemplate"}, {kSpec, "spec"}, {kTemplate, "template"}};
    static const std::pair<KeyId, const char*> kPodTemplate[] = {{kTemplate, "template"}};
    std::span<const std::pair<KeyId, const char*>> steps;
    if (kind == "Pod") return pod_spec(obj);
    if (kind == "PodTemplate") steps = kPodTemplate;
    else if (kind == "CronJob") steps = kCronJob;
    else if (kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "Job" ||
             kind == "ReplicationController")
      steps = kController;
    else return optional(obj, kSpec, "spec", Type::Map);  // every kind with a spec has a map there
    Value at = obj;
    size_t entered = 0;
    bool ok = true;
    for (const auto& [key, name] : steps) {
      at = field_of(at, key);
      if (at.is_null()) break;
      path_[depth_++] = Step{name, 0};
      ++entered;
      if (at.type != Type::Map) {
        ok = fail("a map", at);
        break;
      }
    }
    if (ok && entered == steps.size()) ok = metadata(at) && pod_spec(at);
    depth_ -= entered;
    return ok;
  }
  // parent.spec, a pod spec.
  bool pod_spec(const Value& parent) {
    using namespace keys;
    return map_field(parent, kSpec, "spec", [&](const Value& spec) { return pod_spec_fields(spec); });
  }
  // A pod spec's securityContext and its three container lists.
  bool pod_spec_fields(const Value& spec) {
    using namespace keys;
    if (!optional(spec, kSecurityContext, "securityContext", Type::Map)) return false;
    static const std::pair<KeyId, const char*> kLists[] = {
        {kContainers, "containers"}, {kInitContainers, "initContainers"}, {kEphemeralContainers, "ephemeralContainers"}};
    for (const auto& [key, name] : kLists) {
      Value list = field_of(spec, key);
      if (list.is_null()) continue;
      Enter l(*this, name);
      if (list.type != Type::List) return fail("a list", list);
      for (uint32_t i = 0; i < list.len; ++i) {
        Value c = list_at(list, i);
        Enter item(*this, nullptr, i);
        if (c.type != Type::Map) return fail("a map (a container)", c);
        if (!optional(c, kSecurityContext, "securityContext", Type::Map)) return false;
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
