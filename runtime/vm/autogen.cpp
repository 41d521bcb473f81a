#include "runtime/vm/autogen.hpp"

#include "runtime/value/document.hpp"
#include "runtime/value/ops.hpp"

namespace writ {

static Value field(const Value& m, const KeyTable& keys, std::string_view name) {
  Value out;
  if (m.type != Type::Map) return Value::null();
  KeyId id = keys.find(name);
  if (id != kNoKey ? map_get(m, id, &out) : map_get_str(m, name, &out)) return out;
  return Value::null();
}

Value pod_template_of(const Value& obj, const KeyTable& keys) {
  Value kind = field(obj, keys, "kind");
  if (kind.type != Type::String) return Value::null();
  std::string_view k = kind.str();
  if (k == "Pod") return obj;
  if (k == "PodTemplate") return field(obj, keys, "template");
  if (k == "CronJob")
    return field(field(field(field(obj, keys, "spec"), keys, "jobTemplate"), keys, "spec"), keys, "template");
  if (k == "Deployment" || k == "ReplicaSet" || k == "StatefulSet" || k == "DaemonSet" || k == "Job" ||
      k == "ReplicationController")
    return field(field(obj, keys, "spec"), keys, "template");
  return Value::null();
}

static MapEntry entry(const KeyTable& keys, std::string_view k, Value v) {
  return MapEntry{k.data(), static_cast<uint32_t>(k.size()), keys.find(k), v};
}

Value virtual_pod(const Value& controller, Arena& arena, const KeyTable& keys) {
  Value tmpl = pod_template_of(controller, keys);
  if (tmpl.type != Type::Map) return Value::null();
  Value tmeta = field(tmpl, keys, "metadata");
  Value cmeta = field(controller, keys, "metadata");
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
    Value v = field(cmeta, keys, name);
    if (!v.is_null() && !(tmeta.type == Type::Map && map_get_str(tmeta, name, &ignored))) meta[k++] = entry(keys, name, v);
  }
  MapEntry* pod = arena.allocate_array<MapEntry>(4);
  pod[0] = entry(keys, "apiVersion", Value::string("v1"));
  pod[1] = entry(keys, "kind", Value::string("Pod"));
  pod[2] = entry(keys, "metadata", Value::map(meta, k));
  pod[3] = entry(keys, "spec", field(tmpl, keys, "spec"));
  return Value::map(pod, 4);
}

}  // namespace writ
