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

// An entry of the virtual pod: its key's id (kNoKey if none) and name.
static MapEntry entry(KeyId id, std::string_view k, Value v) {
  return MapEntry{k.data(), static_cast<uint32_t>(k.size()), id, v};
}

// Entry j of the template's metadata. A key of an input map decoded
// against the policy set's table (`doc`) already has its id there (an
// overflow key has none, as find() would say) and its name; a computed
// map's entries carry theirs; anything else is looked up by name.
static MapEntry metadata_entry(const KeyTable& keys, const Value& map, const Document* doc, uint32_t j) {
  if (doc != nullptr) {
    KeyId raw = map.node->keys()[j];
    bool overflow = (raw & kOverflowKey) != 0;
    return entry(overflow ? kNoKey : raw, overflow ? doc->key_name(raw) : keys.name(raw), map_value_at(map, j));
  }
  std::string_view name = map_key_at(map, j);
  KeyId id = map.rep == Value::kComputed && map.entries[j].id != kNoKey ? map.entries[j].id : keys.find(name);
  return entry(id, name, map_value_at(map, j));
}

Value virtual_pod(const Value& controller, Arena& arena, const KeyTable& keys) {
  Value tmpl = pod_template_of(controller);
  if (tmpl.type != Type::Map) return Value::null();
  Value tmeta = field_of(tmpl, keys::kMetadata);
  Value cmeta = field_of(controller, keys::kMetadata);
  // Template metadata, plus the controller's name and namespace when the
  // template has none (messages that name the object stay meaningful).
  uint32_t n = tmeta.type == Type::Map ? tmeta.len : 0;
  const Document* doc = n > 0 && tmeta.rep == Value::kTree ? tmeta.node->document() : nullptr;
  if (doc != nullptr && doc->key_table() != &keys) doc = nullptr;
  MapEntry* meta = arena.allocate_array<MapEntry>(n + 2);
  uint32_t k = 0;
  for (uint32_t j = 0; j < n; ++j) meta[k++] = metadata_entry(keys, tmeta, doc, j);
  // The virtual Pod's own keys: well-known ids, spelled by the table.
  auto own = [&keys](KeyId id, Value v) { return entry(id, keys.name(id), v); };
  for (KeyId id : {keys::kName, keys::kNamespace}) {
    Value v = field_of(cmeta, id), present;
    if (!v.is_null() && !(tmeta.type == Type::Map && map_get(tmeta, id, &present))) meta[k++] = own(id, v);
  }
  MapEntry* pod = arena.allocate_array<MapEntry>(4);
  pod[0] = own(keys::kApiVersion, Value::string("v1"));
  pod[1] = own(keys::kKind, Value::string("Pod"));
  pod[2] = own(keys::kMetadata, Value::map(meta, k));
  pod[3] = own(keys::kSpec, field_of(tmpl, keys::kSpec));
  return Value::map(pod, 4);
}

}  // namespace writ
