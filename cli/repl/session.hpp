// The REPL's state and what each entry does with it, apart from reading
// lines (repl.cpp, terminal.cpp) and completing them (completion.cpp).
//
// The session is writ source: a module of package `repl` holding the
// declarations entered so far, with every built-in module and every loaded
// package imported. An expression E is compiled as one more function,
// `fn __expr() = E`, with the loaded policies, then called with the bound
// input (EvalContext::call_function). Every entry recompiles: policies are
// small, and nothing can go stale. A declaration is kept only if the
// session still compiles with it; entering a name again replaces it.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/repl/compile.hpp"
#include "cli/repl/diag.hpp"
#include "cli/repl/input.hpp"
#include "runtime/vm/plan.hpp"

namespace writ::cli::repl {

inline constexpr const char* kSessionName = "<repl>";
inline constexpr const char* kSessionPackage = "repl";

class Session {
 public:
  Session(std::FILE* out, bool color, uint64_t budget);

  // Each prints its result, or its errors (false).
  bool declare(const std::string& entry);
  bool evaluate(const std::string& entry);
  // `:type EXPR` and `:bytecode EXPR`; `prefix` is the length of the
  // command word, blanked so that columns stay those of the typed line.
  bool show_type(const std::string& entry, size_t prefix);
  bool show_bytecode(const std::string& entry, size_t prefix);
  bool load(const std::vector<std::string>& args);
  bool reload();
  bool bind_input(const std::string& arg);
  bool set_param(const std::string& assignment);
  bool show_params();
  // `:rules`, or `:explain RULE` when `explain_rule` is set.
  bool run_rules(const std::string& explain_rule);

  // For completion and help: silent.
  const Scope& scope() const { return scope_; }
  // The identifier keys of the map `expr` evaluates to on the bound input,
  // each with whether its value is a map too.
  std::vector<std::pair<std::string, bool>> fields_of(const std::string& expr);
  std::vector<std::string> rule_names() const;
  std::vector<std::string> param_names() const;
  std::vector<std::string> input_names() const { return input_.names(); }
  // The session's declarations, as source.
  std::string declarations() const;

  void print(const std::string& text);
  bool color() const { return color_; }

 private:
  struct Decl {
    int space = -1;  // DeclName::Space; -1 when it could not be named
    std::string name;
    std::string text;
  };
  // A policy of `:load`: a file (read when loaded, again on `:reload`) or a
  // standard pack.
  struct Loaded {
    std::string arg;         // the `:load` argument it came from
    std::string path;        // a file; empty for a standard pack
    std::string pack;        // a standard pack's name
    std::string text;
    bool from_disk = false;  // another loaded file imports it by path: let the loader read it, or it would be two modules
  };
  using Aliases = std::vector<std::pair<std::string, std::string>>;  // import alias → loaded package
  // A compiled session, with the entry (if any) at `place`.
  struct Compiled {
    Build build;
    EntryPlace place;
    std::shared_ptr<const Plan> plan;
    std::string plan_error;
    int64_t probe = -1;  // index of fn __expr in the program
  };

  // The session's source; sets where the tail and each declaration start.
  std::string source(const std::vector<Decl>& decls, const Aliases& aliases, const std::string& tail, EntryPlace* place) const;
  std::vector<PolicySource> sources(const std::vector<Loaded>& loaded) const;
  // Compiles the session made of `decls` then `tail` (a declaration, or
  // with `probe` the expression `fn __expr() =\n<tail>`), with `loaded`.
  // Silent: report() prints what went wrong.
  bool compile(const std::vector<Decl>& decls, const std::vector<Loaded>& loaded, const Aliases& aliases,
               const std::string& tail, const std::string& typed, bool probe, bool explain, Compiled* out) const;
  bool compile_expression(const std::string& code, const std::string& typed, Compiled* out) const;
  bool compile_current(Compiled* out, bool explain = false) const;
  // Errors, and warnings about the entry (about every file with `all_warnings`).
  void report(const Compiled& c, bool all_warnings);
  // Calls fn __expr on the bound input; prints the error unless `quiet`.
  bool call(Compiled& c, bool quiet, const std::function<void(const Value&)>& use);
  std::shared_ptr<const Plan> make_plan(const std::shared_ptr<const Program>& program,
                                        const std::vector<std::string>& overrides, std::string* error) const;
  bool expand(const std::string& arg, std::vector<Loaded>* out);
  bool adopt(std::vector<Loaded> loaded, const std::vector<std::string>& fresh, bool reloading);
  void fail(const std::string& message);

  std::FILE* out_;
  bool color_;
  uint64_t budget_;
  std::vector<Decl> decls_;
  std::vector<Loaded> loaded_;
  Aliases aliases_;
  std::vector<std::string> param_overrides_;                  // NAME=VALUE, as given
  BoundInput input_;
  Scope scope_;
  std::shared_ptr<const Program> program_;  // the last good compilation of the session
};

}  // namespace writ::cli::repl
