// Internal to api/: the state behind the public handles.
#pragma once

#include <memory>
#include <vector>

#include "compiler/diag/diagnostic.hpp"
#include "writ/writ.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/value/document.hpp"
#include "runtime/vm/inventory.hpp"
#include "runtime/vm/native_registry.hpp"
#include "runtime/vm/plan.hpp"

namespace writ {

struct PolicySet::Impl {
  std::shared_ptr<const std::vector<HostFunction>> hosts;  // NativeDescriptor::data points in here
  std::shared_ptr<const NativeRegistry> natives;
  std::shared_ptr<const Program> program;
  std::shared_ptr<const Plan> plan;
  std::vector<Problem> warnings;
};

class Inventory {
 public:
  std::vector<std::shared_ptr<Document>> documents;
  std::vector<Value> objects;
  std::unique_ptr<InventoryIndex> index;
  std::shared_ptr<const Program> program;  // the KeyTable the documents were decoded with
};

// The standard natives plus the host's functions (which must outlive it).
std::shared_ptr<const NativeRegistry> registry_with(const std::vector<HostFunction>& hosts);

std::vector<Problem> problems_of(const Diagnostics& d, const SourceMap& sources, bool errors_only);
Problem problem(std::string message, std::string file = {}, uint32_t line = 0, uint32_t column = 0);

// Binds params given as YAML/JSON text.
Expected<std::shared_ptr<const Plan>> bind(std::shared_ptr<const Program> program,
                                           const std::map<std::string, std::string>& params);

}  // namespace writ
