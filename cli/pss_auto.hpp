// `-p pss/auto`: Pod Security Admission's namespace-label mode.
//
// For each resource, the labels of its Namespace choose what runs, the way
// the admission controller does it:
//   pod-security.kubernetes.io/enforce: baseline     → deny
//   pod-security.kubernetes.io/warn:    restricted   → warn
//   pod-security.kubernetes.io/audit:   restricted   → audit
//   pod-security.kubernetes.io/<mode>-version: v1.30 (default latest)
// A missing mode label means privileged (nothing checked); an invalid level
// is treated as restricted and an invalid version as latest (fail closed).
// As in Kubernetes, enforce applies to Pods only; warn and audit also to pod
// controllers (through their template). The Namespace comes from
// namespaceObject: from the inputs of the run (`writ eval`, `writ audit`).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "cli/report.hpp"
#include "runtime/vm/context.hpp"

namespace writ::cli {

inline constexpr const char* kPssAuto = "pss/auto";

class PssAuto {
 public:
  // `program` must contain the pss.baseline and pss.restricted packages
  // (compiled with the run's other policies: one KeyTable for all).
  explicit PssAuto(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

  // One per thread: evaluation contexts for the (level, version) plans.
  class Evaluator {
   public:
    Evaluator(PssAuto& owner, uint64_t budget, bool explain) : owner_(owner), budget_(budget), explain_(explain) {}
    // Adds the violations (and errors) of the labelled levels to `rec`.
    void evaluate(const EvalInput& in, ResultRecord* rec, bool with_passes);

   private:
    PssAuto& owner_;
    uint64_t budget_;
    bool explain_;
    std::map<const Plan*, std::unique_ptr<EvalContext>> contexts_;
  };

 private:
  // The plan for a level ("baseline"/"restricted") and version label; thread-safe.
  std::shared_ptr<const Plan> plan(const std::string& level, const std::string& version);

  std::shared_ptr<const Program> program_;
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const Plan>> plans_;
};

}  // namespace writ::cli
