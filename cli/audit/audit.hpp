// `writ audit`: every resource of a run (a cluster dump, a repository of
// manifests, an audit log) against the policies, with the whole set visible
// to cross-resource rules, on every core, in a deterministic order.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cli/evaluation.hpp"
#include "cli/report.hpp"
#include "cli/session.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/vm/inventory.hpp"

namespace writ::cli {

// Everything an audit reads, kept in memory: the inventory needs it all.
struct AuditSet {
  std::vector<LoadedDocument> documents;
  std::vector<Resource> resources;        // objects and events, in input order
  std::vector<std::string> input_errors;  // "file:line:col: message"
  std::vector<Value> objects;             // the Kubernetes objects (not events)
  std::unique_ptr<InventoryIndex> inventory;
};

AuditSet collect(const std::vector<std::string>& inputs, const KeyTable& keys, const InputLimits& limits);

// Progress of a long evaluation, for the progress bar; `total` is 0 when it
// is not known (a streamed run).
struct Progress {
  virtual ~Progress() = default;
  virtual void update(size_t done, size_t total) = 0;
};

// Evaluates every resource on `threads` threads (one ResourceEvaluator
// each); `sink` gets the results in input order as soon as they are ready.
// `inventory` may be null (no cross-resource rule was loaded).
void evaluate_all(std::span<const Resource> resources, const InventoryIndex* inventory, RunPolicies& policies,
                  uint64_t budget, unsigned threads, bool with_passes,
                  const std::function<void(const ResultRecord&)>& sink, Progress* progress);

}  // namespace writ::cli
