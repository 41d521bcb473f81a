// One Plan of a compiled Program, bound once to a `version`, evaluating
// many input files. The conformance runs use it so that a pack is compiled
// once and planned once per version, not once per fixture.
#pragma once

#include <memory>
#include <string>

#include "support/writ_test.hpp"

namespace writ::testing {

class PlanRunner {
 public:
  PlanRunner(std::shared_ptr<const Program> program, const std::string& version);

  // Empty when the Plan was created; otherwise why not.
  const std::string& error() const { return error_; }

  // Evaluates every resource of a YAML or JSON file.
  Outcome run_file(const std::string& path);

 private:
  std::shared_ptr<const Program> program_;
  std::shared_ptr<const Plan> plan_;
  std::unique_ptr<EvalContext> context_;
  std::string error_;
};

}  // namespace writ::testing
