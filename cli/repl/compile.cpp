#include "cli/repl/compile.hpp"

#include <algorithm>

#include "compiler/compiler.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"

namespace writ::cli::repl {

namespace {

// What module `m` offers to a module that imports it.
std::vector<Member> members(const Unit& unit, const ModuleBinding& b) {
  std::vector<Member> out;
  if (b.kind == ModuleBinding::kNativeModule) {
    for (const NativeDescriptor& d : unit.natives->all())
      if (d.module == b.native_module) out.push_back(Member{d.name, true});
  } else if (b.kind == ModuleBinding::kWritModule) {
    for (const auto& [name, inner] : unit.modules[b.index].names)
      if (inner.kind == ModuleBinding::kFn || inner.kind == ModuleBinding::kConst)
        out.push_back(Member{name, inner.kind == ModuleBinding::kFn});
  }
  std::sort(out.begin(), out.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
  return out;
}

Scope scope_of(const Unit& unit, uint32_t m) {
  Scope s;
  const ModuleInfo& info = unit.modules[m];
  for (const auto& [name, b] : info.names) {
    switch (b.kind) {
      case ModuleBinding::kFn: s.functions.push_back(name); break;
      case ModuleBinding::kConst: s.constants.push_back(name); break;
      case ModuleBinding::kWritModule:
      case ModuleBinding::kNativeModule: s.modules[name] = members(unit, b); break;
    }
  }
  for (const auto& [name, index] : info.params) s.params.push_back(name);
  return s;
}

}  // namespace

const std::vector<std::string>& native_modules() {
  static const std::vector<std::string> modules = [] {
    std::vector<std::string> out;
    for (const NativeDescriptor& d : standard_natives().all())
      if (!d.module.empty() && std::find(out.begin(), out.end(), d.module) == out.end()) out.push_back(d.module);
    return out;
  }();
  return modules;
}

Build build(const std::vector<PolicySource>& sources, const std::string& session, const std::string& probe, bool explain) {
  Build out;
  CompileOptions options;
  options.natives = &standard_natives();
  options.stdlib = find_stdlib_pack;
  options.explain = explain;
  auto inspect = [&](const Unit& unit) {
    for (uint32_t m = 0; m < unit.modules.size(); ++m) {
      const ModuleInfo& info = unit.modules[m];
      out.module_keys.push_back(info.key);
      if (info.key.rfind("text:" + session + ":", 0) == 0) {
        out.scope = scope_of(unit, m);
        if (!probe.empty())
          for (const FnInfo& f : unit.fns)
            if (f.module == m && f.decl->name == probe) out.probe_type = f.result;
        continue;
      }
      if (info.is_policy)
        out.policies.push_back(
            PolicyModule{unit.sources.name(info.ast->file), info.key, info.ast->package, info.ast->rules.size()});
    }
  };
  Compilation c = compile(sources, options, inspect);
  out.program = std::move(c.program);
  out.sources = std::move(c.sources);
  out.diagnostics = std::move(c.diagnostics);
  return out;
}

}  // namespace writ::cli::repl
