// Plan: a Program with its params bound, ready to evaluate.
//
// Binding does the work that does not depend on the input, once: param
// values are checked against their declared defaults and copied in; for
// versioned packages the `version` param selects which implementation of
// each rule is active and which rules are overridden (LANGUAGE.md item 9);
// the active rules are indexed by the kind they match, so rules for other
// kinds cost an evaluation nothing. A Plan is immutable and thread-safe.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/support/status.hpp"
#include "runtime/value/value.hpp"

namespace writ {

// A host's value for a param: `name` (every package that declares it) or
// `package.name` (one package). The value is copied into the Plan.
struct ParamOverride {
  std::string name;
  Value value;
};

// Kinds whose pod template rules written for Pods also apply to (autogen).
bool is_pod_controller_kind(std::string_view kind);

// An active rule as the evaluation loop needs it, resolved when the Plan
// is made: the loop then reads one small array instead of each Rule and
// its Function through the Program (~10 instructions per rule).
struct PlannedRule {
  uint32_t rule;
  // Rules whose match blocks select the same inputs share a class (the
  // first such rule's index): an evaluation tests a class once for a run
  // of rules from one package.
  uint32_t match_class;
  const Function* body;
  bool has_when;
};

class Plan {
 public:
  // `packages`, when not empty, limits the plan to the rules of those
  // packages (one program can then serve several independent plans).
  static Result<std::shared_ptr<const Plan>> create(std::shared_ptr<const Program> program,
                                                    const std::vector<ParamOverride>& overrides = {},
                                                    const std::vector<std::string>& packages = {});

  const Program& program() const { return *program_; }
  const std::shared_ptr<const Program>& program_ptr() const { return program_; }
  const Value& param(uint32_t i) const { return params_[i]; }

  // Active rules that may match `kind`, in declaration order.
  std::span<const PlannedRule> rules_for_kind(std::string_view kind) const {
    auto it = by_kind_.find(kind);
    return it == by_kind_.end() ? std::span<const PlannedRule>(wildcard_) : std::span<const PlannedRule>(it->second);
  }
  const std::vector<uint32_t>& active_rules() const { return active_; }
  bool is_active(uint32_t rule) const { return active_mask_[rule]; }
  // The clamped "as of" version of a versioned package (kNoVersion otherwise).
  KubeVersion package_version(uint32_t package) const { return versions_[package]; }

 private:
  Plan() = default;
  Status bind_params(const std::vector<ParamOverride>& overrides);
  Status select_rules(const std::vector<std::string>& packages);
  void build_index();

  std::shared_ptr<const Program> program_;
  std::unique_ptr<Arena> arena_ = std::make_unique<Arena>();
  std::vector<Value> params_;
  std::vector<KubeVersion> versions_;
  std::vector<uint32_t> active_;
  std::vector<bool> active_mask_;
  struct KindHash {
    using is_transparent = void;  // look up by string_view without allocating
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::vector<PlannedRule>, KindHash, std::equal_to<>> by_kind_;
  std::vector<PlannedRule> wildcard_;
};

}  // namespace writ
