#include "runtime/vm/embedded_program.hpp"

#include <cstdlib>
#include <string>

#include "runtime/bytecode/bundle.hpp"

namespace writ {

bool interpreter_requested() {
  const char* v = std::getenv("WRIT_INTERPRET");
  return v != nullptr && *v != '\0' && std::string_view(v) != "0";
}

Result<std::shared_ptr<Program>> read_embedded_program(const EmbeddedProgram& embedded,
                                                       const NativeRegistry& natives, bool machine_code) {
  auto program = read_bundle(embedded.bundle, natives);
  if (!program) return program;
  std::shared_ptr<Program> p = *program;
  if (embedded.code.size() != p->functions.size())
    return error(StatusCode::kInvalidArgument, std::string(embedded.name) + ": its machine code has " +
                                                   std::to_string(embedded.code.size()) + " functions, its bundle " +
                                                   std::to_string(p->functions.size()) + ": they were not emitted together");
  if (machine_code && !interpreter_requested())
    for (size_t i = 0; i < embedded.code.size(); ++i) p->functions[i].compiled = embedded.code[i];
  return p;
}

}  // namespace writ
