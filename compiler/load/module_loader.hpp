// ModuleLoader: finds, reads and parses policy files, then follows their
// imports and `extends` until every module of the compilation is loaded.
//
// A policy argument is a .writ file, a folder of them (recursive, sorted),
// or a standard-library pack name ("pss/restricted"). `import x.y` names a
// native module (k8s, regex...), a loaded module whose package is x.y, or
// the stdlib module x/y.writ; `import "./lib.writ"` is relative to the
// importing file. Import and extends cycles are errors.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compiler/check/unit.hpp"
#include "compiler/parse/parser.hpp"

namespace writ {

// The .writ files under `folder`, recursively, sorted; hidden entries
// (a leading '.') skipped. What `-p FOLDER` and the REPL's :load FOLDER load.
std::vector<std::string> writ_files_in(const std::string& folder);

// Looks up a stdlib module by name ("pss/baseline"); false if unknown.
using StdlibLookup = std::function<bool(std::string_view name, std::string* text)>;

class ModuleLoader {
 public:
  ModuleLoader(Unit& unit, StdlibLookup stdlib, ParseOptions options = {})
      : unit_(unit), stdlib_(std::move(stdlib)), options_(options) {}

  // A policy given by the user. Errors (missing file...) go to diagnostics.
  void load_policy(const std::string& arg);
  // A policy given as text (tests, the REPL, embedding).
  void load_policy_text(const std::string& name, std::string text);
  // Follows imports and extends of everything loaded so far; checks cycles.
  void resolve();

 private:
  int32_t load_file(const std::string& path, bool is_policy, Span from);
  int32_t load_stdlib(const std::string& name, bool is_policy, Span from);
  int32_t add_module(std::string key, std::string display, std::string text, bool is_policy, bool from_stdlib);
  int32_t find_loaded(const std::string& key);
  int32_t resolve_dotted(const std::string& dotted, Span from, const char* what);
  void resolve_module(uint32_t m);
  void check_cycles();

  Unit& unit_;
  StdlibLookup stdlib_;
  ParseOptions options_;
  size_t resolved_ = 0;
};

}  // namespace writ
