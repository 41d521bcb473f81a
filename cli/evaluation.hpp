// Evaluating one resource for the CLI: the compiled policies, plus the
// Pod Security namespace-label mode when `-p pss/auto` was given, with the
// run's inventory and Namespaces when the run keeps them. One per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/pss_auto.hpp"
#include "cli/session.hpp"
#include "cli/report.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/vm/inventory.hpp"

namespace writ::cli {

struct RunPolicies {
  std::shared_ptr<const Program> program;  // null when only pss/auto was asked for
  std::shared_ptr<const Plan> plan;
  std::unique_ptr<PssAuto> pss_auto;
  std::vector<uint32_t> explain_rules;      // --explain RULE
};

// Compiles the -p list (pss/auto taken out and set up apart) and binds
// params. False (errors printed) on failure.
bool prepare_policies(const PolicyOptions& opts, bool explain, const std::string& explain_rule, RunPolicies* out);

// Does any rule read this input?
bool reads_input(const Program& p, InputSlot slot);

// Must the run be held in memory? Only when a rule reads `inventory` or
// `namespaceObject` (looked up among the run's Namespaces), calls
// k8s.list/k8s.lookup, or pss/auto takes levels from Namespace labels; otherwise `writ eval` and `writ audit`
// stream their inputs in bounded memory.
bool needs_whole_run(const RunPolicies& policies);

class ResourceEvaluator {
 public:
  ResourceEvaluator(RunPolicies& policies, uint64_t budget, bool explain);
  // `inventory` may be null: then there are no cross-resource look-ups and
  // no namespaceObject unless the input brings one.
  ResultRecord evaluate(const Resource& r, const InventoryIndex* inventory, bool with_passes);

 private:
  RunPolicies& policies_;
  std::unique_ptr<EvalContext> ctx_;
  std::unique_ptr<PssAuto::Evaluator> pss_;
};

}  // namespace writ::cli
