#include "api/internal.hpp"
#include "runtime/decode/json_decoder.hpp"
#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"
#include "runtime/vm/context.hpp"

namespace writ {

struct Evaluator::Impl {
  std::shared_ptr<const PolicySet::Impl> set;
  EvalContext ctx;
  InputLimits limits;
  JsonDecoder json;
  YamlDecoder yaml;
  Document doc;     // the input, reused from one evaluation to the next
  Document ns_doc;  // the Namespace given in the Context

  Impl(std::shared_ptr<const PolicySet::Impl> s, const EvaluatorOptions& o)
      : set(std::move(s)), ctx(set->plan, writ::EvalOptions{o.budget, o.explain}), limits(o.limits), json(o.limits), yaml(o.limits),
        doc(&set->program->keys), ns_doc(&set->program->keys) {}

  Verdict run(bool decoded, const DecodeError& err, const Context& context, bool fail_open);
};

Evaluator::Evaluator(const PolicySet& set, EvaluatorOptions options)
    : impl_(std::make_unique<Impl>(set.impl_, options)) {}
Evaluator::~Evaluator() = default;
const InputLimits& Evaluator::limits() const { return impl_->limits; }
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

Verdict Evaluator::Impl::run(bool decoded, const DecodeError& err, const Context& context, bool fail_open) {
  Verdict v;
  if (!decoded) {
    v.allowed = false;  // an unreadable input is never allowed
    v.input_problems.push_back(problem(err.message, "input", err.line, err.column));
    return v;
  }
  EvalInput in;
  in.document = &doc;
  Value root = doc.root_value();
  std::string_view kind = string_of(field_of(root, keys::kKind));
  std::string_view api = string_of(field_of(root, keys::kApiVersion));
  if (kind == "AdmissionReview" && api.rfind("admission.k8s.io/", 0) == 0) {
    in.request = field_of(root, keys::kRequest);
    in.object = field_of(in.request, keys::kObject);
    in.old_object = field_of(in.request, keys::kOldObject);
  } else if (kind == "Event" && api.rfind("audit.k8s.io/", 0) == 0) {
    in.event = root;
  } else {
    in.object = root;
  }
  if (context.inventory) in.inventory = context.inventory->index.get();
  if (!context.namespace_object.empty()) {
    DecodeError nerr;
    bool ok = context.namespace_object.find_first_not_of(" \t\r\n") != std::string::npos &&
              context.namespace_object[context.namespace_object.find_first_not_of(" \t\r\n")] == '{'
                  ? json.decode(context.namespace_object, ns_doc, &nerr)
                  : [&] {
                      YamlResult res;
                      return yaml.decode(context.namespace_object, ns_doc, &res, &nerr);
                    }();
    if (!ok) {
      v.allowed = false;
      v.input_problems.push_back(problem("namespace object: " + nerr.message, "namespaceObject", nerr.line, nerr.column));
      return v;
    }
    in.namespace_object = ns_doc.root_value();
  }
  const Decision& d = ctx.evaluate(in);
  const Program& p = *set->program;
  for (const Violation& x : d.violations) {
    const Rule& r = p.rules[x.rule];
    Finding f;
    f.policy = r.policy;
    f.rule = r.name;
    f.action = action_name(x.action);
    f.severity = severity_name(r.severity);
    f.message = std::string(x.message);
    f.path = std::string(x.path);
    const Span& s = p.sites[x.site].span;
    if (s.file < p.sources.size()) f.span = p.sources[s.file].name + ":" + std::to_string(s.line) + ":" + std::to_string(s.column);
    f.explanation = std::string(x.explanation);
    if (x.action == Action::kDeny) v.allowed = false;
    v.findings.push_back(std::move(f));
  }
  for (const EvalError& e : d.errors) {
    RuleError re;
    if (e.rule >= 0) {
      re.policy = p.rules[static_cast<size_t>(e.rule)].policy;
      re.rule = p.rules[static_cast<size_t>(e.rule)].name;
    }
    re.message = std::string(e.message);
    if (e.span.file < p.sources.size())
      re.span = p.sources[e.span.file].name + ":" + std::to_string(e.span.line) + ":" + std::to_string(e.span.column);
    re.budget_exceeded = e.code == StatusCode::kBudgetExceeded;
    if (!fail_open) v.allowed = false;
    v.errors.push_back(std::move(re));
  }
  v.instructions = d.instructions;
  return v;
}

Verdict Evaluator::evaluate_json(std::string_view json, const Context& context) {
  DecodeError err;
  bool ok = impl_->json.decode(json, impl_->doc, &err);
  return impl_->run(ok, err, context, false);
}

Verdict Evaluator::evaluate_yaml(std::string_view yaml, const Context& context) {
  DecodeError err;
  YamlResult res;
  bool ok = impl_->yaml.decode(yaml, impl_->doc, &res, &err);
  if (ok && res.empty) {
    ok = false;
    err.message = "the input holds no document";
  }
  return impl_->run(ok, err, context, false);
}

}  // namespace writ
