#include "runtime/vm/autogen.hpp"

#include "runtime/value/document.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"

namespace writ {

Value pod_template_of(const Value& obj) {
  using namespace keys;
  std::string_view k = string_of(field_of(obj, kKind));
  if (k.empty()) return Value::null();
  if (k == "Pod") return obj;
  if (k == "PodTemplate") return field_of(obj, kTemplate);
  if (k == "CronJob") return field_of(field_of(field_of(field_of(obj, kSpec), kJobTemplate), kSpec), kTemplate);
  if (k == "Deployment" || k == "ReplicaSet" || k == "StatefulSet" || k == "DaemonSet" || k == "Job" ||
      k == "ReplicationController")
    return field_of(field_of(obj, kSpec), kTemplate);
  return Value::null();
}

static MapEntry entry(const KeyTable& table, std::string_view k, Value v) {
  return MapEntry{k.data(), static_cast<uint32_t>(k.size()), table.find(k), v};
}

Value virtual_pod(const Value& controller, Arena& arena, const KeyTable& keys) {
  Value tmpl = pod_template_of(controller);
  if (tmpl.type != Type::Map) return Value::null();
  Value tmeta = field_of(tmpl, keys::kMetadata);
  Value cmeta = field_of(controller, keys::kMetadata);
  // Template metadata, plus the controller's name and namespace when the
  // template has none (messages that name the object stay meaningful).
  uint32_t n = tmeta.type == Type::Map ? tmeta.len : 0;
  MapEntry* meta = arena.allocate_array<MapEntry>(n + 2);
  uint32_t k = 0;
  for (uint32_t j = 0; j < n; ++j) {
    std::string_view key = map_key_at(tmeta, j);
    meta[k++] = entry(keys, key, map_value_at(tmeta, j));
  }
  for (std::string_view name : {std::string_view("name"), std::string_view("namespace")}) {
    Value ignored;
    Value v = field_of(cmeta, name == "name" ? keys::kName : keys::kNamespace);
    if (!v.is_null() && !(tmeta.type == Type::Map && map_get_str(tmeta, name, &ignored))) meta[k++] = entry(keys, name, v);
  }
  MapEntry* pod = arena.allocate_array<MapEntry>(4);
  pod[0] = entry(keys, "apiVersion", Value::string("v1"));
  pod[1] = entry(keys, "kind", Value::string("Pod"));
  pod[2] = entry(keys, "metadata", Value::map(meta, k));
  pod[3] = entry(keys, "spec", field_of(tmpl, keys::kSpec));
  return Value::map(pod, 4);
}

}  // namespace writ
