// The EvalInput of a loaded resource (runtime/decode/loader.hpp): an
// object, an AdmissionReview's request (object, oldObject), or an audit
// Event. Every front door binds resources the same way through it. Both
// forms name the document (EvalInput::document), so an evaluation warms it
// without first reading one of its nodes.
#pragma once

#include "runtime/decode/loader.hpp"
#include "runtime/vm/context.hpp"

namespace writ {

EvalInput input_of(const Resource& r);

// A decoded document's root as the object, for hosts that hold documents
// (benchmarks, tests).
EvalInput input_of(const Document& doc);

}  // namespace writ
