// Compiling a REPL session: the same pipeline as writ::compile() (load,
// check, lower), run here because the REPL also needs what only the
// checked Unit knows: the static type of an expression (`:type`) and the
// names each module defines (tab completion, `:load` messages).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/compiler.hpp"

namespace writ::cli::repl {

struct Member {
  std::string name;
  bool function = false;  // else a constant
};

// Names the session module can use, for completion.
struct Scope {
  std::vector<std::string> functions;  // its own fns
  std::vector<std::string> constants;  // its own top-level lets
  std::vector<std::string> params;     // its package's params
  std::map<std::string, std::vector<Member>> modules;  // import alias → functions and constants it offers
};

// A module loaded as a policy, as the user sees it.
struct PolicyModule {
  std::string file;     // as named in the SourceMap
  std::string key;      // the loader's identity: a canonical path, "text:...", "stdlib:..."
  std::string package;
  size_t rules = 0;
};

struct Build {
  std::shared_ptr<const Program> program;  // null when there are errors
  SourceMap sources;
  Diagnostics diagnostics;
  Scope scope;                             // of module `session_module`
  std::vector<PolicyModule> policies;
  std::vector<std::string> module_keys;    // every module loaded, policies and imports
  TypeSet probe_type = kAnyType;           // the result type of fn `probe` of the session, if asked for
  bool ok() const { return program != nullptr; }
};

// The built-in modules (k8s, regex...). The session imports them all, so
// that `k8s.containers(x)` needs no `import` line in the REPL.
const std::vector<std::string>& native_modules();

// `session` names the PolicySource (by its `name`) whose scope and probe fn
// are wanted; `probe` is a fn of it whose static result type is wanted ("" for none).
Build build(const std::vector<PolicySource>& sources, const std::string& session, const std::string& probe, bool explain);

}  // namespace writ::cli::repl
