#include "stdlib/precompiled.hpp"

#include <cstdlib>
#include <filesystem>

#include "runtime/bytecode/bundle.hpp"

namespace writ {

static bool interpret_only() {
  const char* v = std::getenv("WRIT_INTERPRET");
  return v != nullptr && *v != '\0' && std::string_view(v) != "0";
}

std::shared_ptr<const Program> precompiled_program(const std::string& policy, const NativeRegistry& natives,
                                                   bool machine_code) {
  if (const char* dir = std::getenv("WRIT_STDLIB"); dir != nullptr && *dir != '\0') return nullptr;
  std::error_code ec;
  if (std::filesystem::exists(policy, ec)) return nullptr;
  std::string_view name = policy;
  if (name.ends_with(".writ")) name.remove_suffix(5);
  for (const PrecompiledPack& pack : precompiled_packs()) {
    if (name != pack.name) continue;
    auto program = read_bundle(pack.bundle, natives);
    if (!program) return nullptr;
    // The code was emitted from the program this bundle holds: one
    // function for one function, in order (checked all the same).
    std::shared_ptr<Program> p = *program;
    if (machine_code && !interpret_only() && pack.code.size() == p->functions.size())
      for (size_t i = 0; i < pack.code.size(); ++i) p->functions[i].compiled = pack.code[i];
    return p;
  }
  return nullptr;
}

}  // namespace writ
