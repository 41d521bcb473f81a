#include "runtime/vm/inventory.hpp"

#include <map>

#include "runtime/value/well_known_keys.hpp"

namespace writ {

std::string InventoryIndex::key(std::string_view kind, std::string_view ns, std::string_view name) {
  std::string k;
  k.reserve(kind.size() + ns.size() + name.size() + 2);
  k.append(kind).push_back('\0');
  k.append(ns);
  if (!name.empty()) k.append(1, '\0').append(name);
  return k;
}

InventoryIndex::InventoryIndex(std::span<const Value> objects, const KeyTable& keys) : count_(objects.size()) {
  // Group in input order (deterministic), then freeze into arena lists.
  std::vector<std::string> kind_order;
  std::map<std::string, std::vector<Value>> kinds, kind_ns;
  for (const Value& o : objects) {
    std::string kind(string_of(field_of(o, keys::kKind)));
    Value meta = field_of(o, keys::kMetadata);
    std::string_view ns = string_of(field_of(meta, keys::kNamespace));
    std::string_view name = string_of(field_of(meta, keys::kName));
    auto [it, fresh] = kinds.try_emplace(kind);
    if (fresh) kind_order.push_back(kind);
    it->second.push_back(o);
    kind_ns[key(kind, ns)].push_back(o);
    if (!name.empty()) by_name_.try_emplace(key(kind, ns, name), o);  // the first of duplicates wins
  }
  auto freeze = [&](const std::vector<Value>& v) {
    Value* items = arena_->allocate_array<Value>(v.size());
    std::copy(v.begin(), v.end(), items);
    return Value::list(items, static_cast<uint32_t>(v.size()));
  };
  MapEntry* entries = arena_->allocate_array<MapEntry>(kind_order.size());
  for (size_t i = 0; i < kind_order.size(); ++i) {
    Value list = freeze(kinds[kind_order[i]]);
    by_kind_[kind_order[i]] = list;
    std::string_view k = arena_->copy(kind_order[i]);
    entries[i] = MapEntry{k.data(), static_cast<uint32_t>(k.size()), keys.find(k), list};
  }
  for (const auto& [k, v] : kind_ns) by_kind_ns_[k] = freeze(v);
  value_ = Value::map(entries, static_cast<uint32_t>(kind_order.size()));
}

Value InventoryIndex::list(std::string_view kind, const std::string_view* ns) const {
  if (ns == nullptr) {
    auto it = by_kind_.find(kind);
    return it == by_kind_.end() ? Value::list(nullptr, 0) : it->second;
  }
  auto it = by_kind_ns_.find(key(kind, *ns));
  return it == by_kind_ns_.end() ? Value::list(nullptr, 0) : it->second;
}

Value InventoryIndex::lookup(std::string_view kind, std::string_view ns, std::string_view name) const {
  auto it = by_name_.find(key(kind, ns, name));
  return it == by_name_.end() ? Value::null() : it->second;
}

}  // namespace writ
