// Autogen (LANGUAGE.md item 10): a rule written for Pods also applies to
// the pod template of every pod controller. The rule sees, as `object`, a
// Pod made of the controller's template: {apiVersion: v1, kind: Pod,
// metadata: template metadata (+ the controller's name and namespace),
// spec: template spec}. The spec and metadata fields are the controller's
// own document nodes, so violation paths come out inside the template
// (spec.template.spec.containers[0]...).
#pragma once

#include "runtime/support/arena.hpp"
#include "runtime/value/key_table.hpp"
#include "runtime/value/value.hpp"

namespace writ {

// The pod template of a Pod (the object itself), a pod controller, a
// CronJob or a PodTemplate; null for anything else.
Value pod_template_of(const Value& object);

// The Pod a controller's template describes, built in `arena`; null when the
// object has no pod template.
Value virtual_pod(const Value& controller, Arena& arena, const KeyTable& keys);

}  // namespace writ
