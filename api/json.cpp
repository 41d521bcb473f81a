// JSON forms of the public types, and AdmissionReview responses.
#include "api/internal.hpp"
#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"

namespace writ {

namespace {

std::string q(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void host_json(std::string& out, const HostValue& v) {
  if (v.is_null()) out += "null";
  else if (v.is_bool()) out += v.as_bool() ? "true" : "false";
  else if (v.is_int()) out += std::to_string(v.as_int());
  else if (v.is_float()) append_json(out, Value::real(v.as_float()));
  else if (v.is_string()) append_json_string(out, v.as_string());
  else if (v.is_list()) {
    out += '[';
    for (size_t i = 0; i < v.as_list().size(); ++i) {
      if (i) out += ',';
      host_json(out, v.as_list()[i]);
    }
    out += ']';
  } else {
    out += '{';
    for (size_t i = 0; i < v.as_map().size(); ++i) {
      if (i) out += ',';
      append_json_string(out, v.as_map()[i].first);
      out += ':';
      host_json(out, v.as_map()[i].second);
    }
    out += '}';
  }
}

}  // namespace

std::string HostValue::to_json() const {
  std::string s;
  host_json(s, *this);
  return s;
}

std::string Verdict::to_json() const {
  std::string s = std::string("{\"allowed\":") + (allowed ? "true" : "false") + ",\"violations\":[";
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    s += (i ? "," : "") + std::string("{\"policy\":") + q(f.policy) + ",\"rule\":" + q(f.rule) + ",\"action\":" + q(f.action) +
         ",\"severity\":" + q(f.severity) + ",\"message\":" + q(f.message) + ",\"path\":" + q(f.path) + ",\"span\":" + q(f.span) +
         (f.explanation.empty() ? "" : ",\"explanation\":" + q(f.explanation)) + "}";
  }
  s += "],\"errors\":[";
  size_t n = 0;
  for (const RuleError& e : errors)
    s += (n++ ? "," : "") + std::string("{\"policy\":") + q(e.policy) + ",\"rule\":" + q(e.rule) + ",\"message\":" + q(e.message) +
         ",\"span\":" + q(e.span) + "}";
  for (const Problem& p : input_problems) s += (n++ ? "," : "") + std::string("{\"message\":") + q(p.text.empty() ? p.message : p.text) + "}";
  return s + "]}";
}

Expected<std::string> Evaluator::admission_response(std::string_view review_json, const Context& context) {
  // The uid must be echoed: read it first, then evaluate the review.
  KeyTable keys;
  Document head(&keys);
  JsonDecoder dec(limits());
  DecodeError err;
  if (!dec.decode(review_json, head, &err))
    return std::vector<Problem>{problem("the AdmissionReview is not valid JSON: " + err.message, "review", err.line, err.column)};
  Value request = field_of(head.root_value(), keys::kRequest);
  Value uid;
  if (request.type != Type::Map || !map_get_str(request, "uid", &uid) || uid.type != Type::String)
    return std::vector<Problem>{problem("the AdmissionReview has no request.uid")};
  std::string api = std::string(string_of(field_of(head.root_value(), keys::kApiVersion)));
  Verdict v = evaluate_json(review_json, context);
  std::string denials, warnings, annotations;
  for (const Finding& f : v.findings) {
    std::string line = f.policy + "/" + f.rule + ": " + f.message + (f.path.empty() ? "" : " (" + f.path + ")");
    if (f.action == "deny") denials += (denials.empty() ? "" : "; ") + line;
    else if (f.action == "warn") warnings += (warnings.empty() ? "" : ",") + q(line);
    else annotations += (annotations.empty() ? "" : ",") + q("writ/" + f.policy + "." + f.rule) + ":" + q(f.message);
  }
  for (const RuleError& e : v.errors)
    denials += (denials.empty() ? "" : "; ") + std::string("error in ") + e.policy + "/" + e.rule + ": " + e.message;
  std::string out = "{\"apiVersion\":" + q(api.empty() ? "admission.k8s.io/v1" : api) +
                    ",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":" + q(uid.str()) +
                    ",\"allowed\":" + (v.allowed ? "true" : "false");
  if (!v.allowed)
    out += ",\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":" + q(denials.empty() ? "denied by writ" : denials) + "}";
  if (!warnings.empty()) out += ",\"warnings\":[" + warnings + "]";
  if (!annotations.empty()) out += ",\"auditAnnotations\":{" + annotations + "}";
  return out + "}}";
}

}  // namespace writ
