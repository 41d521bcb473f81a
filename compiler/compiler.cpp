#include "compiler/compiler.hpp"

#include "compiler/check/checker.hpp"
#include "compiler/lower/lowering.hpp"

namespace writ {

Compilation compile(const std::vector<PolicySource>& policies, const CompileOptions& options,
                    const std::function<void(const Unit&)>& inspect) {
  Unit unit;
  unit.natives = options.natives;
  ModuleLoader loader(unit, options.stdlib, options.parse);
  for (const PolicySource& p : policies) {
    if (p.inline_text) loader.load_policy_text(p.name, p.text);
    else loader.load_policy(p.name);
  }
  loader.resolve();
  std::shared_ptr<Program> program;
  if (!unit.diags.has_errors()) {
    check_unit(unit);
    if (!unit.diags.has_errors()) program = lower_unit(unit, options.explain);
  }
  if (inspect) inspect(unit);
  Compilation out;
  unit.diags.sort();
  out.program = std::move(program);
  out.sources = std::move(unit.sources);
  out.diagnostics = std::move(unit.diags);
  return out;
}

}  // namespace writ
