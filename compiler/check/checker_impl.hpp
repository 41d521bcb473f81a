// Internal to compiler/check: the Checker class, split over
// declarations.cpp (tables), statements.cpp (rules, match blocks) and
// expressions.cpp (names, calls, types).
#pragma once

#include <string>
#include <vector>

#include "compiler/check/checker.hpp"

namespace writ::check {

struct Local {
  std::string name;
  uint32_t slot;
  TypeSet type;
  Span span;
};

// Where an expression is being checked.
struct Ctx {
  uint32_t scope_module = 0;    // names (fns, imports) come from here
  uint32_t package_module = 0;  // params come from here
  std::vector<Local> locals;    // visible locals, innermost last
  uint32_t next_slot = 0;
  uint32_t* max_slots = nullptr;
  int32_t fn = -1;              // the fn being checked, for the call graph

  struct Mark {
    size_t locals;
    uint32_t slot;
  };
  Mark mark() const { return {locals.size(), next_slot}; }
  // Leaves a scope: its names go out of sight, but their slots are not
  // reused. Lets may be computed lazily, at their first use (lowering), so
  // the comprehension variables of a let's value must not share a register
  // with a local bound after it.
  void restore(Mark m) { locals.resize(m.locals); }
};

class Checker {
 public:
  explicit Checker(Unit& u) : u_(u), d_(u.diags) {}
  void run();

  // declarations.cpp
  void declare_names();
  void declare_params(uint32_t m, std::vector<uint8_t>& state);
  void declare_rules();
  void collect_rules(uint32_t package, uint32_t from, std::vector<uint32_t>& seen);
  void check_rule_versions();

  // statements.cpp
  void check_rule(RuleInfo& r);
  void build_match(RuleInfo& r);
  void check_stmts(std::vector<ast::StmtPtr>& stmts, Ctx& ctx);
  void check_when(ast::MatchField& f, const RuleInfo& r);

  // expressions.cpp
  TypeSet expr(ast::Expr& e, Ctx& ctx);
  void condition(ast::Expr& e, Ctx& ctx, const char* what);
  TypeSet iterable(ast::Expr& e, Ctx& ctx);
  uint32_t bind(Ctx& ctx, const std::string& name, TypeSet type, Span span);
  void check_fn(uint32_t id);

 private:
  TypeSet name(ast::Expr& e, Ctx& ctx);
  TypeSet member(ast::Expr& e, Ctx& ctx);
  TypeSet call(ast::Expr& e, Ctx& ctx);
  TypeSet binary(ast::Expr& e, Ctx& ctx);
  TypeSet comprehension(ast::Expr& e, Ctx& ctx);
  void check_args(ast::Expr& call, const std::vector<TypeSet>& arg_types, const NativeDescriptor* native,
                  const std::string& fname, size_t min, size_t max);
  std::vector<std::string> names_in_scope(const Ctx& ctx) const;
  void unknown_name(const ast::Expr& e, const Ctx& ctx);

  Unit& u_;
  Diagnostics& d_;
};

bool single(TypeSet t);  // exactly one type
std::string a_type_name(TypeSet t);

}  // namespace writ::check
