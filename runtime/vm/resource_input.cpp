#include "runtime/vm/resource_input.hpp"

#include "runtime/value/ops.hpp"

namespace writ {

static Value get(const Value& m, std::string_view k) {
  Value v;
  return m.type == Type::Map && map_get_str(m, k, &v) ? v : Value::null();
}

EvalInput input_of(const Resource& r) {
  EvalInput in;
  in.document = r.doc.get();
  Value v = Value::of(r.node);
  switch (r.kind) {
    case ResourceKind::kObject: in.object = v; break;
    case ResourceKind::kAdmissionReview:
      in.request = get(v, "request");
      in.object = get(in.request, "object");
      in.old_object = get(in.request, "oldObject");
      break;
    case ResourceKind::kAuditEvent: in.event = v; break;
  }
  return in;
}

EvalInput input_of(const Document& doc) {
  EvalInput in;
  in.document = &doc;
  in.object = doc.root_value();
  return in;
}

}  // namespace writ
