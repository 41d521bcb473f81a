// EvalContext: one thread's evaluator for a Plan.
//
// A context owns everything an evaluation writes: the register stack, an
// arena for temporaries (reset at the start of each evaluation) and the
// Decision. Create one per thread and reuse it: after the first few inputs
// evaluation performs no heap allocation. The Plan is shared and read-only.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "runtime/support/arena.hpp"
#include "runtime/vm/inventory.hpp"
#include "runtime/vm/decision.hpp"
#include "runtime/vm/plan.hpp"

namespace writ {

class Document;

// The inputs of one evaluation (LANGUAGE.md item 4). Absent ones are null.
struct EvalInput {
  Value object;
  Value old_object;
  Value request;
  Value namespace_object;
  Value event;
  const InventoryIndex* inventory = nullptr;  // other resources, for cross-resource rules
  // Violation paths are relative to this node; defaults to object's node
  // (or old_object's, on DELETE).
  const Node* path_root = nullptr;
  // The document object, old_object and event were decoded into, when the
  // host holds it: evaluate() then warms it (Document::warm) without first
  // reading a node to find it, a cache miss served alone on a cold tree.
  // Null: found from the inputs' nodes.
  const Document* document = nullptr;
};

struct EvalOptions {
  // Instructions (and native work units) one evaluation may spend.
  uint64_t budget = 10'000'000;
  // Explain violations and false conditions (needs a program compiled with
  // explain probes; see CompileOptions::explain).
  bool explain = false;
};

// What the rule matcher looks at: from the admission request if there is
// one, else from the object itself.
struct ResourceFacts {
  std::string_view group, version, kind, namespace_, name;
  uint8_t operation = kOpCreate;
  bool pod_controller = false;  // is_pod_controller_kind(kind), asked once
  Value labels;
};

// Why the last function run failed (set by the interpreter).
struct EvalFailure {
  StatusCode code = StatusCode::kEvalError;
  std::string message;
  Span span;
};

class EvalContext {
 public:
  explicit EvalContext(std::shared_ptr<const Plan> plan, EvalOptions options = {});
  EvalContext(const EvalContext&) = delete;
  EvalContext& operator=(const EvalContext&) = delete;

  // Runs every active rule that matches the input. The Decision (and the
  // strings it points to) stays valid until the next call.
  const Decision& evaluate(const EvalInput& input);

  // Runs one rule only, whether or not it matches (for explain and tests).
  const Decision& evaluate_rule(uint32_t rule, const EvalInput& input);

  // Calls function `fn` of the Program with `args` (REPL, tests). The value
  // lives in the context arena until the next evaluation.
  Result<Value> call_function(uint32_t fn, std::span<const Value> args, const EvalInput& input);

  // Do the rule's constant match clauses accept the input (kinds,
  // operations, namespaces, labels)? Sets *why to the clause that excluded it.
  bool rule_matches(uint32_t rule, const ResourceFacts& facts, std::string* why = nullptr);
  // Does its `when` hold for the input being evaluated?
  bool when_holds(uint32_t rule, std::string* why = nullptr);
  static ResourceFacts facts_of(const EvalInput& input);

  const Plan& plan() const { return *plan_; }
  Arena& arena() { return arena_; }
  const EvalInput& input() const { return *input_; }
  const EvalFailure& last_failure() const { return failure_; }

  // For natives: budget and errors (see native.hpp).
  bool charge(uint64_t cost) {
    if (cost > remaining_) { remaining_ = 0; return false; }
    remaining_ -= cost;
    return true;
  }
  void set_native_error(std::string message) { native_error_ = std::move(message); }

  // Explain mode: why a rule did not apply to the input (its match clauses),
  // or "" if it does.
  std::string why_not_matched(uint32_t rule, const EvalInput& input);

 private:
  friend class Interpreter;
  friend struct CompiledCode;  // generated machine code (compiled_code.hpp)
  friend struct NativeCall;  // scratch()
  void begin(const EvalInput& input);
  // Inlined into the rule loop: a call per rule saved and spilled the loop's
  // registers (~20 instructions a rule).
  [[gnu::always_inline]] inline void run_rule(uint32_t rule, const Function& body);
  void probe(uint32_t explain, const Value& condition, const Value* regs);
  const EvalInput* input_for(uint32_t rule, const ResourceFacts& f, const EvalInput& base, EvalInput* pod_view,
                             bool* pod_view_ready);
  std::string_view keep(std::string_view s) { return arena_.copy(s); }

  std::shared_ptr<const Plan> plan_;
  EvalOptions options_;
  std::vector<Value> stack_;
  Arena arena_;
  Decision decision_;
  const EvalInput* input_ = nullptr;
  uint64_t remaining_ = 0;
  std::string scratch_;        // string building (interpolation, paths)
  std::string native_scratch_; // NativeCall::scratch()
  std::string native_error_;
  std::string vm_error_;       // an instruction's error message, before it becomes failure_
  EvalFailure failure_;
  int32_t current_rule_ = -1;

  // Results of memoized natives in this evaluation (NativeBinding::memoize).
  struct MemoEntry {
    NativeFn fn;
    const void* arg;
    Value result;
  };
  static constexpr uint32_t kMemoSize = 8;
  MemoEntry memo_[kMemoSize];
  uint32_t memo_count_ = 0;

  // Explain mode: the explanation of the statement about to fire.
  int64_t pending_site_ = -1;
  std::string_view pending_explanation_;
  std::vector<Value> probe_frame_;
};

}  // namespace writ
