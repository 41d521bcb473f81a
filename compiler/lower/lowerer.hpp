// Internal to compiler/lower: the Lowerer, split over program.cpp (tables,
// rules, functions), expressions.cpp and statements.cpp.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "compiler/check/unit.hpp"
#include "compiler/lower/certain_reads.hpp"
#include "compiler/lower/function_builder.hpp"

namespace writ::lower {

// Per-function lowering state.
struct FnCtx {
  FunctionBuilder* b = nullptr;
  uint32_t package_module = 0;           // params resolve here
  uint32_t rule = 0;                     // Program rule index (rule bodies)
  std::map<uint32_t, uint32_t> iter_of;  // loop variable slot → its iterator register
  std::map<uint32_t, const ast::Expr*> let_of;  // let slot → defining expression (for `at`)
  std::vector<uint32_t> for_iters;       // iterators of the enclosing `for` statements, innermost last
  std::vector<ExplainBinding> for_vars;  // their variables (explain mode)
  std::vector<const ast::Expr*> for_filters;  // their `if` filters (explain mode)
  // Lazy lets, by slot. A let's value is computed by the first use that runs
  // (a Force), so a message built in a `let` costs nothing when no violation
  // fires. Its code is emitted once, as a block after the function's end;
  // `flag` is false until then, the return address while the block runs,
  // and true once the value is in the let's register.
  struct Lazy {
    uint32_t flag;
    const ast::Expr* value;
    std::vector<size_t> forces;  // Force instructions waiting for the block's address
    size_t block = SIZE_MAX;     // the block's first instruction, once emitted
  };
  std::map<uint32_t, Lazy> lazy;
  std::set<uint32_t> eager;  // lets read on every path: no flag needed (certain_reads.hpp)
  uint16_t num_locals = 0;               // of the function being lowered
  // Inlining a user function: its locals (params, comprehension variables)
  // live in the caller's registers from slot_base on.
  uint32_t slot_base = 0;
  uint32_t inline_depth = 0;
  std::map<uint32_t, Value> constant_locals;  // register → value: inlined params bound to constants
  // An inlined call's param whose argument is a local of the caller (a loop
  // variable, a param) reads the caller's register: no Move.
  std::map<uint32_t, uint32_t> aliases;  // callee register → caller register
  uint32_t local(uint32_t slot) const {
    uint32_t r = slot_base + slot;
    if (aliases.empty()) return r;
    auto it = aliases.find(r);
    return it == aliases.end() ? r : it->second;
  }
};

class Lowerer {
 public:
  Lowerer(Unit& u, bool explain) : u_(u), p_(std::make_shared<Program>()), explain_(explain) {}
  std::shared_ptr<Program> run();

  // program.cpp
  uint32_t constant(const Value& v);
  uint32_t constant_string(std::string_view s);
  uint32_t native_index(const NativeDescriptor* d);
  KeyId key(std::string_view name);
  int32_t param_index(uint32_t package_module, const std::string& name);

  // expressions.cpp
  void expr(const ast::Expr& e, uint32_t dst, FnCtx& c);
  // The register holding e's value: a local's own register, or `scratch`.
  uint32_t operand(const ast::Expr& e, FnCtx& c);
  // A let: computed here, or (when worth it) at its first use.
  bool is_lazy(uint32_t slot, const ast::Expr& value, const FnCtx& c);
  uint32_t clear_flags(uint32_t n, FnCtx& c);  // the first of n false flags for a block's lazy lets
  void bind_let(uint32_t slot, const ast::Expr& value, FnCtx& c, uint32_t& next_flag);
  // Before a local is read: computes a lazy let that has not been yet.
  void force(uint32_t slot, FnCtx& c);
  // At the end of a function: the blocks of the lazy lets it forces.
  void emit_lazy_blocks(FnCtx& c);
  // Is e a compile-time constant? Literals, top-level constants, `+` of two
  // constant lists or strings, a call of an inlinable function without
  // arguments whose body is constant, and (given c) a parameter of a
  // function being inlined whose argument was constant.
  bool is_constant(const ast::Expr& e, Value* out, const FnCtx* c = nullptr);
  bool always_bool(const ast::Expr& e);
  const ast::Expr* nonempty_test(const ast::Expr& e);
  // Small expression-bodied functions are lowered in place of their calls.
  bool inlinable(uint32_t fn);
  void inline_call(const ast::Expr& e, uint32_t dst, FnCtx& c);

  // statements.cpp
  void stmts(const std::vector<ast::StmtPtr>& list, FnCtx& c);
  void emit_path(const ast::Expr* at, uint32_t dst, FnCtx& c);
  // Explain mode: the EXPLAIN entry of an emit statement (terms lowered later).
  uint32_t explain_point(const ast::Stmt& s, FnCtx& c);
  void lower_pending_probes(uint32_t package_module);

 private:
  void declare_tables();
  void lower_fn(uint32_t id);
  void lower_rule(const RuleInfo& r);
  uint32_t lower_when(const RuleInfo& r, uint32_t rule_index);

  void call(const ast::Expr& e, uint32_t dst, FnCtx& c);
  void binary(const ast::Expr& e, uint32_t dst, FnCtx& c);
  void logic(const ast::Expr& e, uint32_t dst, FnCtx& c);
  void branch(const ast::Expr& e, bool when, std::vector<size_t>& out, FnCtx& c);
  void loop_expr(const ast::Expr& e, uint32_t dst, FnCtx& c);
  void literal_collection(const ast::Expr& e, uint32_t dst, FnCtx& c);
  uint32_t const_set(const Value& list);

  Unit& u_;
  std::shared_ptr<Program> p_;
  bool explain_ = false;
  std::map<uint32_t, bool> inlinable_;  // by function id
  struct PendingProbe {
    uint32_t explain, term;
    const ast::Expr* expr;
  };
  std::vector<PendingProbe> pending_probes_;
  std::map<std::string, uint32_t> const_index_;
  std::map<const NativeDescriptor*, uint32_t> native_index_;
  std::vector<uint32_t> package_of_module_;
  std::vector<int32_t> param_program_index_;  // by ParamInfo index
};

}  // namespace writ::lower
