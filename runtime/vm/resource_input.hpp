// The EvalInput of a loaded resource (runtime/decode/loader.hpp): an
// object, an AdmissionReview's request (object, oldObject), or an audit
// Event. Every front door binds resources the same way through it.
#pragma once

#include "runtime/decode/loader.hpp"
#include "runtime/vm/context.hpp"

namespace writ {

EvalInput input_of(const Resource& r);

}  // namespace writ
