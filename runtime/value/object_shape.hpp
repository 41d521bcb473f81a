// The shape every Kubernetes object has, checked before any rule runs.
//
// A rule that compares `spec.hostNetwork == true` cannot see that `spec` is
// a string: it reads null and passes. The API server would have refused
// such an object, but writ also reads manifests and dumps that never went
// through it. So the envelope of every object (apiVersion, kind, metadata,
// labels, annotations) and the pod template path of pod-bearing kinds down
// to each container's securityContext must have their Kubernetes types;
// otherwise the input is refused (an evaluation error with no rule: exit 2
// in the CLI, a denied Verdict in the library). Deeper fields are left to
// the rules: reading a field of a string, or comparing a string with a
// bool, is already a type error (docs/language.md).
//
// A document's root is checked once, when the document is built
// (Document::root_shape_checked); any other object (a List item, an
// AdmissionReview's object) when an evaluation begins.
#pragma once

#include <string>

#include "runtime/value/value.hpp"

namespace writ {

// "" when `object` (an object, or an admission request's object or
// oldObject) has the expected shape; otherwise what is wrong and where, as
// "metadata.labels.app must be a string, got an int".
std::string object_shape_problem(const Value& object);

}  // namespace writ
