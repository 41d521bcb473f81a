// InventoryIndex: the other resources a cross-resource rule can see (LANGUAGE.md
// item 4): in an audit, every resource of the run; in a webhook, whatever
// cache the host provides.
//
// Policies see it two ways:
//   * `inventory`, a map from kind to the list of objects of that kind
//     (`inventory.NetworkPolicy`), for scans;
//   * `k8s.list(kind, namespace)` and `k8s.lookup(kind, namespace, name)`,
//     answered from hash indexes built once: a cross-resource rule costs one
//     map look-up per resource, not a scan of the cluster.
// Immutable once built; shared by every thread of an audit.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/support/arena.hpp"
#include "runtime/value/key_table.hpp"
#include "runtime/value/value.hpp"

namespace writ {

class InventoryIndex {
 public:
  // `objects` must outlive the InventoryIndex (their documents are kept by the host).
  InventoryIndex(std::span<const Value> objects, const KeyTable& keys);

  const Value& value() const { return value_; }
  // Objects of `kind` in `ns` ("" for cluster-scoped ones); all namespaces when ns is null.
  Value list(std::string_view kind, const std::string_view* ns) const;
  // The object, or null.
  Value lookup(std::string_view kind, std::string_view ns, std::string_view name) const;
  size_t size() const { return count_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  template <typename T>
  using Map = std::unordered_map<std::string, T, Hash, std::equal_to<>>;

  static std::string key(std::string_view kind, std::string_view ns, std::string_view name = {});

  std::unique_ptr<Arena> arena_ = std::make_unique<Arena>();
  Value value_;
  Map<Value> by_kind_;     // kind → list
  Map<Value> by_kind_ns_;  // kind \0 namespace → list
  Map<Value> by_name_;     // kind \0 namespace \0 name → object
  size_t count_ = 0;
};

}  // namespace writ
