// Unit: everything one compilation knows, shared by the passes.
//
// The loader fills `modules` (parsed files, imports resolved), the checker
// fills the tables (packages, params, fns, rules) and annotates the ASTs,
// the lowering reads both and writes the Program.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"
#include "runtime/vm/native_registry.hpp"

namespace writ {

// What a module-level name is bound to.
struct ModuleBinding {
  enum Kind : uint8_t { kFn, kWritModule, kNativeModule, kConst } kind = kFn;
  uint32_t index = 0;        // fn id, module index or const index
  std::string native_module; // for kNativeModule
  Span span;
};

struct ModuleInfo {
  std::unique_ptr<ast::Module> ast;
  std::string key;           // identity for de-duplication: canonical path or stdlib name
  bool is_policy = false;    // loaded as a policy (its rules run), not only imported
  bool from_stdlib = false;
  std::map<std::string, ModuleBinding> names;  // fns and import aliases
  std::vector<std::pair<uint32_t, Span>> extends;  // module indices, with the `extends` span
  std::map<std::string, uint32_t> params;      // param name → ParamInfo index (own and inherited)
  uint32_t package = 0;                        // Program package index
  std::optional<std::pair<KubeVersion, KubeVersion>> versioned;  // own or inherited
};

struct ParamInfo {
  uint32_t package = 0;      // module index of the package that holds it
  std::string name;
  const ast::ParamDecl* decl = nullptr;  // null: the implicit `version` of a versioned package
  TypeSet type = kAnyType;
  int32_t program_index = -1;
};

struct ConstInfo {
  uint32_t module = 0;
  const ast::ConstDecl* decl = nullptr;
  TypeSet type = kAnyType;
};

struct FnInfo {
  uint32_t module = 0;
  ast::FnDecl* decl = nullptr;
  TypeSet result = kAnyType;
  enum State : uint8_t { kUnchecked, kChecking, kChecked } state = kUnchecked;
  std::vector<uint32_t> callees;  // fn ids (for recursion detection)
};

struct RuleInfo {
  uint32_t scope_module = 0;    // module whose names the rule body sees
  uint32_t package_module = 0;  // module whose package (and params) the rule belongs to
  ast::RuleDecl* decl = nullptr;
  RuleMatch match;              // constant parts of the match blocks (when_fn set by lowering)
  std::vector<ast::MatchField*> whens;  // `when` conditions, all of which must hold
};

struct Unit {
  const NativeRegistry* natives = nullptr;
  SourceMap sources;
  Diagnostics diags;
  std::vector<ModuleInfo> modules;
  std::vector<ParamInfo> params;
  std::vector<ConstInfo> consts;
  std::vector<FnInfo> fns;
  std::vector<RuleInfo> rules;
};

}  // namespace writ
