// Explain mode: what a condition looked like when it was decided. A Probe
// (emitted only when compiling for explanations) hands the condition's
// value and the rule's registers to EvalContext::probe, which evaluates the
// condition's terms again (they are pure) on a copy of the rule's locals and
// describes the loop variables in scope with their field paths.
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/interpreter.hpp"

namespace writ {

namespace {

std::string short_json(const Value& v) {
  std::string s = to_json(v);
  if (s.size() > 120) s = s.substr(0, 117) + "...";
  return s;
}

// `spec.containers[1] (name "sidecar")`, or the value itself for scalars.
std::string describe_item(const Value& v, const Node* node, const Node* root) {
  std::string s;
  if (node != nullptr) s = field_path(node, root);
  if (v.type == Type::Map) {
    std::string_view name = string_of(field_of(v, keys::kName));
    if (!name.empty()) return (s.empty() ? "" : s + " ") + "(name " + to_json(Value::string(name)) + ")";
    return s.empty() ? short_json(v) : s;
  }
  if (v.type == Type::List) return s.empty() ? short_json(v) : s;
  return s.empty() ? short_json(v) : s + " (" + short_json(v) + ")";
}

}  // namespace

void EvalContext::probe(uint32_t idx, const Value& condition, const Value* regs) {
  const Program& p = plan_->program();
  if (idx >= p.explains.size()) return;
  const ExplainPoint& ex = p.explains[idx];
  std::string text;
  if (!ex.condition.empty()) {
    text += (condition.is_true() ? "because " : "not fired: ") + ex.condition + "\n";
    // Terms read the rule's locals; evaluate them on a copy so the rule's
    // own temporaries are untouched.
    EvalFailure saved = failure_;
    for (const ExplainTerm& t : ex.terms) {
      const Function& fn = p.functions[t.fn];
      probe_frame_.assign(regs, regs + ex.num_locals);
      probe_frame_.resize(std::max<size_t>(probe_frame_.size(), fn.num_regs) + 1);
      Value v;
      if (Interpreter::run(*this, fn, probe_frame_.data(), &v)) text += "  " + t.text + " = " + short_json(v) + "\n";
      else text += "  " + t.text + " = (error: " + failure_.message + ")\n";
    }
    failure_ = saved;
  }
  for (const ExplainBinding& b : ex.bindings) {
    const Node* node = nullptr;
    if (b.iter >= 0) node = iterated_node(regs[b.iter], regs[b.iter + 1]);
    text += "  where " + b.name + " = " + describe_item(regs[b.slot], node, input_->path_root) + "\n";
  }
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::string_view kept = arena_.copy(text);
  if (condition.is_true()) {
    pending_site_ = ex.site;
    pending_explanation_ = kept;
  } else if (decision_.misses.size() < 1000) {
    decision_.misses.push_back(Miss{ex.rule, ex.site, kept});
  }
}

}  // namespace writ
