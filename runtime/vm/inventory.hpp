// The `inventory` input: the other resources a cross-resource rule can see
// (LANGUAGE.md item 4). It is a map from kind to the list of objects of that
// kind, in the order given: `inventory.NetworkPolicy`, `inventory.Namespace`.
#pragma once

#include <span>

#include "runtime/support/arena.hpp"
#include "runtime/value/key_table.hpp"
#include "runtime/value/value.hpp"

namespace writ {

// Groups `objects` by their `kind` (objects without one go under ""). The
// result references the objects' nodes and lives in `arena`.
Value build_inventory(std::span<const Value> objects, Arena& arena, const KeyTable& keys);

}  // namespace writ
