#include "stdlib/precompiled.hpp"

#include <cstdlib>
#include <filesystem>

namespace writ {

std::shared_ptr<const Program> precompiled_program(const std::string& policy, const NativeRegistry& natives,
                                                   bool machine_code) {
  if (const char* dir = std::getenv("WRIT_STDLIB"); dir != nullptr && *dir != '\0') return nullptr;
  std::error_code ec;
  if (std::filesystem::exists(policy, ec)) return nullptr;
  std::string_view name = policy;
  if (name.ends_with(".writ")) name.remove_suffix(5);
  for (const EmbeddedProgram* pack : precompiled_packs()) {
    if (name != pack->name) continue;
    auto program = read_embedded_program(*pack, natives, machine_code);
    return program ? *program : nullptr;
  }
  return nullptr;
}

}  // namespace writ
