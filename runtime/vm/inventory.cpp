#include "runtime/vm/inventory.hpp"

#include <map>
#include <vector>

#include "runtime/value/well_known_keys.hpp"

namespace writ {

Value build_inventory(std::span<const Value> objects, Arena& arena, const KeyTable& keys) {
  std::map<std::string_view, std::vector<Value>> by_kind;
  std::vector<std::string_view> order;
  for (const Value& o : objects) {
    std::string_view kind = string_of(field_of(o, keys::kKind));
    auto [it, fresh] = by_kind.try_emplace(kind);
    if (fresh) order.push_back(kind);
    it->second.push_back(o);
  }
  MapEntry* entries = arena.allocate_array<MapEntry>(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    const std::vector<Value>& list = by_kind[order[i]];
    Value* items = arena.allocate_array<Value>(list.size());
    std::copy(list.begin(), list.end(), items);
    std::string_view k = arena.copy(order[i]);
    entries[i] = MapEntry{k.data(), static_cast<uint32_t>(k.size()), keys.find(k),
                          Value::list(items, static_cast<uint32_t>(list.size()))};
  }
  return Value::map(entries, static_cast<uint32_t>(order.size()));
}

}  // namespace writ
