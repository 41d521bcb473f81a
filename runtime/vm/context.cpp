#include "runtime/vm/context.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "runtime/support/glob.hpp"
#include "runtime/value/document.hpp"
#include "runtime/value/object_shape.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"
#include "runtime/vm/autogen.hpp"
#include "runtime/vm/interpreter.hpp"
#include "runtime/vm/native.hpp"

namespace writ {

// ---- NativeCall helpers ----

Arena& NativeCall::arena() { return ctx.arena(); }
std::string& NativeCall::scratch() {
  ctx.native_scratch_.clear();
  return ctx.native_scratch_;
}
const KeyTable& NativeCall::keys() const { return ctx.plan().program().keys; }
bool NativeCall::fail(std::string message) {
  ctx.set_native_error(std::move(message));
  return false;
}
bool NativeCall::charge(uint64_t cost) {
  if (ctx.charge(cost)) return true;
  ctx.set_native_error("budget exceeded");
  return false;
}

// ---- EvalContext ----

EvalContext::EvalContext(std::shared_ptr<const Plan> plan, EvalOptions options)
    : plan_(std::move(plan)), options_(options) {
  stack_.resize(plan_->program().max_stack + 16);
}

void EvalContext::begin(const EvalInput& input) {
  arena_.reset();
  // Registers left by the previous evaluation point into the arena just
  // reset, or into a document the host may have freed. Compiled code never
  // reads a register before writing it, but the verifier cannot prove that
  // of a forged bundle (fuzz_bundle found one): no register outlives its
  // evaluation. (Within one evaluation a stale register is only a wrong
  // value: everything it points to is still alive.)
  static_assert(std::is_trivially_copyable_v<Value> && static_cast<int>(Type::Null) == 0);
  std::memset(static_cast<void*>(stack_.data()), 0, stack_.size() * sizeof(Value));  // every register null
  decision_.clear();
  input_ = &input;
  remaining_ = options_.budget;
  current_rule_ = -1;
  memo_count_ = 0;
  pending_site_ = -1;
}

// The document of what the rules will read (the object; the old object on
// DELETE; the event of an audit rule) is brought into the cache first
// (Document::warm), before even the facts rules are matched on: those
// reads then wait on lines the sweep has already asked for (eval-only
// -6%). An input no rule matches pays for it too: ~300 instructions when
// its tree is in cache, as it is right after decoding, ~1 us when cold.
// The three usually live in one document (an AdmissionReview): warmed once.
static void warm(const EvalInput& input) {
  if (input.document != nullptr) {
    input.document->warm();
    return;
  }
  for (const Value* v : {&input.object, &input.old_object, &input.event})
    if (v->is_tree()) {
      v->node->document()->warm();
      return;
    }
}

static uint8_t parse_operation(std::string_view op) {
  if (op == "CREATE") return kOpCreate;
  if (op == "UPDATE") return kOpUpdate;
  if (op == "DELETE") return kOpDelete;
  if (op == "CONNECT") return kOpConnect;
  return 0;
}

ResourceFacts EvalContext::facts_of(const EvalInput& input) {
  ResourceFacts f;
  if (input.request.type == Type::Map) {
    Value kind = field_of(input.request, keys::kKind);
    f.group = string_of(field_of(kind, keys::kGroup));
    f.version = string_of(field_of(kind, keys::kVersion));
    f.kind = string_of(field_of(kind, keys::kKind));
    f.namespace_ = string_of(field_of(input.request, keys::kNamespace));
    f.name = string_of(field_of(input.request, keys::kName));
    f.operation = parse_operation(string_of(field_of(input.request, keys::kOperation)));
  }
  const Value& obj = input.object.type == Type::Map ? input.object
                     : input.old_object.type == Type::Map ? input.old_object
                                                            : input.event;
  if (f.kind.empty() && obj.type == Type::Map) {
    std::string_view api = string_of(field_of(obj, keys::kApiVersion));
    size_t slash = api.find('/');
    f.group = slash == std::string_view::npos ? std::string_view() : api.substr(0, slash);
    f.version = slash == std::string_view::npos ? api : api.substr(slash + 1);
    f.kind = string_of(field_of(obj, keys::kKind));
  }
  Value meta = field_of(obj, keys::kMetadata);
  if (f.namespace_.empty()) f.namespace_ = string_of(field_of(meta, keys::kNamespace));
  if (f.name.empty()) f.name = string_of(field_of(meta, keys::kName));
  f.labels = field_of(meta, keys::kLabels);
  f.pod_controller = is_pod_controller_kind(f.kind);
  return f;
}

static bool label_requirement_holds(const LabelRequirement& req, const Value& labels) {
  Value v;
  bool present = labels.type == Type::Map && map_get_str(labels, req.key, &v) && v.type == Type::String;
  auto value_in = [&] {
    for (const std::string& s : req.values)
      if (present && v.str() == s) return true;
    return false;
  };
  switch (req.op) {
    case LabelRequirement::Op::kEquals:
    case LabelRequirement::Op::kIn: return present && value_in();
    case LabelRequirement::Op::kNotEquals:
    case LabelRequirement::Op::kNotIn: return !present || !value_in();
    case LabelRequirement::Op::kExists: return present;
    case LabelRequirement::Op::kDoesNotExist: return !present;
  }
  return false;
}

static bool any_or(const std::string& pattern, std::string_view value) {
  return (pattern.size() == 1 && pattern[0] == '*') || pattern == value;
}

static bool kind_matches(const RuleMatch& m, const ResourceFacts& f) {
  if (m.kinds.empty()) return true;
  for (const KindPattern& k : m.kinds) {
    if (any_or(k.kind, f.kind) && any_or(k.group, f.group) && any_or(k.version, f.version)) return true;
    if (m.autogen && f.pod_controller && k.kind == std::string_view("Pod")) return true;
  }
  return false;
}

bool EvalContext::rule_matches(uint32_t r, const ResourceFacts& f, std::string* why) {
  const RuleMatch& m = plan_->program().rules[r].match;
  auto no = [&](const char* reason) {
    if (why) *why = reason;
    return false;
  };
  if (!kind_matches(m, f)) return no("kind is not among `kinds`");
  if ((m.operations & f.operation) == 0) return no("operation is not among `operations`");
  if (!m.namespaces.empty()) {
    bool hit = false;
    for (const std::string& g : m.namespaces) hit = hit || (!f.namespace_.empty() && glob_match(g, f.namespace_));
    if (!hit) return no("namespace is not among `namespaces`");
  }
  for (const std::string& g : m.exclude_namespaces)
    if (!f.namespace_.empty() && glob_match(g, f.namespace_)) return no("namespace is in `exclude_namespaces`");
  for (const LabelRequirement& req : m.labels)
    if (!label_requirement_holds(req, f.labels)) return no("labels do not match `labels`/`selector`");
  return true;
}

bool EvalContext::when_holds(uint32_t r, std::string* why) {
  const RuleMatch& m = plan_->program().rules[r].match;
  if (m.when_fn < 0) return true;
  Value result;
  const Function& fn = plan_->program().functions[static_cast<size_t>(m.when_fn)];
  if (!Interpreter::run(*this, fn, stack_.data(), &result)) {
    decision_.errors.push_back(EvalError{static_cast<int32_t>(r), failure_.code, keep(failure_.message), failure_.span});
    if (why) *why = "`when` failed with an error";
    return false;
  }
  if (!result.is_true()) {
    if (why) *why = "`when` is not true";
    return false;
  }
  return true;
}

// A Pod rule meeting a pod controller sees the Pod of its template.
const EvalInput* EvalContext::input_for(uint32_t r, const ResourceFacts& f, const EvalInput& base, EvalInput* pod_view,
                                        bool* pod_view_ready) {
  const RuleMatch& m = plan_->program().rules[r].match;
  if (!m.autogen || !f.pod_controller) return &base;
  for (const KindPattern& k : m.kinds)
    if (k.kind == f.kind) return &base;  // the rule names this kind itself
  if (!*pod_view_ready) {
    *pod_view = base;
    const KeyTable& keys = plan_->program().keys;
    pod_view->object = virtual_pod(base.object, arena_, keys);
    pod_view->old_object = virtual_pod(base.old_object, arena_, keys);
    *pod_view_ready = true;
  }
  return pod_view->object.is_null() && pod_view->old_object.is_null() ? nullptr : pod_view;
}

inline void EvalContext::run_rule(uint32_t r, const Function& body) {
  current_rule_ = static_cast<int32_t>(r);
  decision_.rules_run.push_back(r);
  Value ignored;
  if (!Interpreter::run(*this, body, stack_.data(), &ignored))
    decision_.errors.push_back(EvalError{static_cast<int32_t>(r), failure_.code, keep(failure_.message), failure_.span});
}

const Decision& EvalContext::evaluate(const EvalInput& input) {
  begin(input);
  warm(input);
  // A malformed object is refused before any rule reads it (object_shape.hpp).
  for (const auto& [v, name] : {std::pair{&input.object, "object"}, std::pair{&input.old_object, "oldObject"}}) {
    if (v->is_null()) continue;
    if (v->rep == Value::kTree && v->node->parent == nullptr && v->node->document()->root_shape_checked()) continue;
    std::string problem = object_shape_problem(*v);
    if (problem.empty()) continue;
    EvalError e;
    e.code = StatusCode::kInputError;
    e.message = arena_.copy("malformed " + std::string(name) + ": " + problem);
    decision_.errors.push_back(e);
    input_ = nullptr;
    return decision_;
  }
  EvalInput base = input;
  if (base.path_root == nullptr) {
    const Value& obj = input.object.type == Type::Map ? input.object : input.old_object;
    base.path_root = obj.rep == Value::kTree ? obj.node : nullptr;
  }
  input_ = &base;
  ResourceFacts facts = facts_of(base);
  EvalInput pod_view;
  bool pod_view_ready = false;
  // Consecutive rules with the same match block (a package's rules) are
  // matched once, and see the same input: the object itself, or the
  // virtual Pod of a controller (nullptr: the rule does not run).
  uint32_t last_class = UINT32_MAX;
  const EvalInput* use = nullptr;
  for (const PlannedRule& pr : plan_->rules_for_kind(facts.kind)) {
    if (remaining_ == 0) break;
    if (pr.match_class != last_class) {
      last_class = pr.match_class;
      use = !rule_matches(pr.rule, facts) ? nullptr
            : facts.pod_controller      ? input_for(pr.rule, facts, base, &pod_view, &pod_view_ready)
                                        : &base;
    }
    if (use == nullptr) continue;
    input_ = use;
    // Most rules have no `when`: asked here, the call is made only for the
    // others (~50 instructions per rule).
    if (!pr.has_when || when_holds(pr.rule)) run_rule(pr.rule, *pr.body);
    input_ = &base;
  }
  decision_.instructions = options_.budget - remaining_;
  input_ = nullptr;
  return decision_;
}

const Decision& EvalContext::evaluate_rule(uint32_t r, const EvalInput& input) {
  begin(input);
  EvalInput local = input;
  if (local.path_root == nullptr) {
    const Value& obj = input.object.type == Type::Map ? input.object : input.old_object;
    local.path_root = obj.rep == Value::kTree ? obj.node : nullptr;
  }
  input_ = &local;
  run_rule(r, plan_->program().functions[plan_->program().rules[r].body_fn]);
  decision_.instructions = options_.budget - remaining_;
  input_ = nullptr;
  return decision_;
}

std::string EvalContext::why_not_matched(uint32_t r, const EvalInput& input) {
  begin(input);
  EvalInput base = input;
  input_ = &base;
  ResourceFacts facts = facts_of(base);
  std::string why;
  if (!plan_->is_active(r)) return "not active in this version of its package";
  if (!rule_matches(r, facts, &why)) return why;
  EvalInput pod_view;
  bool ready = false;
  const EvalInput* use = input_for(r, facts, base, &pod_view, &ready);
  if (use == nullptr) return "it matches Pods and this controller has no pod template";
  input_ = use;
  if (!when_holds(r, &why)) return why;
  input_ = nullptr;
  return "";
}

Result<Value> EvalContext::call_function(uint32_t fn, std::span<const Value> args, const EvalInput& input) {
  begin(input);
  const Function& f = plan_->program().functions[fn];
  if (args.size() != f.num_params) return error(StatusCode::kInvalidArgument, "wrong number of arguments");
  for (size_t i = 0; i < args.size(); ++i) stack_[i] = args[i];
  Value result;
  bool ok = Interpreter::run(*this, f, stack_.data(), &result);
  input_ = nullptr;
  if (!ok) return error(failure_.code, failure_.message, failure_.span);
  return result;
}

}  // namespace writ
