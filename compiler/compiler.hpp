// The compiler's entry point: policy sources → a Program, or diagnostics.
//
//   Compilation c = compile({"policies/"}, options);
//   if (!c.program) std::cerr << render_all(c.diagnostics, c.sources);
//
// Pipeline: load and parse (compiler/load, compiler/parse), resolve and
// check (compiler/check), lower to bytecode (compiler/lower).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.hpp"
#include "compiler/load/module_loader.hpp"
#include "compiler/parse/parser.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/vm/native_registry.hpp"

namespace writ {

struct PolicySource {
  std::string name;        // a file, a folder, a stdlib pack ("pss/restricted"), or a label for `text`
  std::string text;        // when non-empty: the source itself
  bool inline_text = false;
};

struct CompileOptions {
  const NativeRegistry* natives = nullptr;  // required
  StdlibLookup stdlib;                      // finds stdlib modules by name
  ParseOptions parse;
  bool explain = false;                     // emit explain probes (`writ eval --explain`)
};

struct Compilation {
  std::shared_ptr<const Program> program;   // null when there are errors
  SourceMap sources;
  Diagnostics diagnostics;                  // errors and warnings, sorted by position
  bool ok() const { return program != nullptr; }
};

// `inspect`, when given, sees the checked unit before it is taken apart
// (the REPL reads the scope of its session module from it).
Compilation compile(const std::vector<PolicySource>& policies, const CompileOptions& options,
                    const std::function<void(const Unit&)>& inspect = {});

}  // namespace writ
