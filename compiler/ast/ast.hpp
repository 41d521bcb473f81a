// The writ AST: owned nodes with source spans, built from the parse tree by
// compiler/parse/ and annotated in place by the checker (compiler/check/).
//
// Expressions and statements are tagged structs rather than class
// hierarchies: passes switch on `kind`, and each kind documents which fields
// it uses. Nothing here knows about ANTLR.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/support/span.hpp"
#include "runtime/vm/native_registry.hpp"

namespace writ::ast {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

enum class ExprKind : uint8_t {
  kNull, kBool, kInt, kFloat,
  kString,      // literal text: `text`
  kInterp,      // interpolated string: `items` are kString parts and expressions
  kList,        // `items`
  kMap,         // `entries` (keys are expressions; a bare name key is a kString)
  kName,        // `text` = identifier; resolved into `sym`
  kMember,      // `a`.`text`
  kIndex,       // `a`[`b`]
  kSlice,       // `a`[`b`:`c`] (b, c may be null)
  kCall,        // `a`(`items`): a is a kName or a kMember on a module
  kUnary,       // `op` `a`
  kBinary,      // `a` `op` `b`
  kCond,        // `a` ? `b` : `c`
  kQuant,       // any/all/count `vars` in `b`: `a`   (quant says which)
  kListComp,    // [`a` for `vars` in `b` if `c`]
  kMapComp,     // {`a`: `d` for `vars` in `b` if `c`}
};

enum class Op : uint8_t {
  kNeg, kNot,
  kAdd, kSub, kMul, kDiv, kMod,
  kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn,
  kAnd, kOr, kCoalesce,
};
const char* op_spelling(Op op);

enum class Quant : uint8_t { kAny, kAll, kCount };

// What a name refers to, decided by the checker.
enum class SymKind : uint8_t {
  kUnresolved,
  kLocal,      // a let, loop or fn parameter: `index` = local slot in its function
  kInput,      // object, oldObject, ...: `index` = InputSlot
  kParams,     // the `params` map of the package
  kParam,      // params.NAME (on a kMember): `index` = Program param index
  kFunction,   // a user fn: `index` = function id (see check/program_index)
  kNative,     // a built-in: `native` points at its descriptor
  kModule,     // an imported module (only valid as a call prefix)
  kConst,      // a top-level `let`: `index` = Unit::consts index
};

struct Symbol {
  SymKind kind = SymKind::kUnresolved;
  uint32_t index = 0;
  const NativeDescriptor* native = nullptr;
};

struct MapEntryExpr {
  ExprPtr key;
  ExprPtr value;
};

struct Expr {
  ExprKind kind;
  Span span;
  bool bool_value = false;
  int64_t int_value = 0;
  double float_value = 0;
  std::string text;                 // string literal, name, member field
  Op op = Op::kAdd;
  Quant quant = Quant::kAny;
  ExprPtr a, b, c, d;
  std::vector<ExprPtr> items;
  std::vector<MapEntryExpr> entries;
  std::vector<std::string> vars;    // comprehension/quantifier variables (1 or 2)
  std::vector<uint32_t> var_slots;  // their local slots (checker)
  // Checker annotations.
  Symbol sym;
  TypeSet type = kAnyType;          // static type: the set of types it can have

  Expr(ExprKind k, Span s) : kind(k), span(s) {}
};

enum class StmtKind : uint8_t { kLet, kFor, kIf, kEmit };

struct Stmt {
  StmtKind kind;
  Span span;
  // kLet: `name` = `value`
  std::string name;
  uint32_t slot = 0;
  ExprPtr value;
  // kFor: for `vars` in `value` if `cond` { body }
  std::vector<std::string> vars;
  std::vector<uint32_t> var_slots;
  // kIf: if `cond` { body } else { else_body }
  ExprPtr cond;
  std::vector<StmtPtr> body;
  std::vector<StmtPtr> else_body;
  // kEmit: `action` `value` at `at` if `cond`
  Action action = Action::kDeny;
  ExprPtr at;

  Stmt(StmtKind k, Span s) : kind(k), span(s) {}
};

struct MatchField {
  std::string name;
  Span span;
  ExprPtr value;
  uint32_t num_locals = 0;  // checker: comprehension variables of a `when`
};

struct MatchBlock {
  Span span;
  std::vector<MatchField> fields;
};

struct Import {
  std::string target;   // "k8s", "pss.common" or a relative path
  bool is_path = false;
  std::string alias;    // name bound in this module
  Span span;
};

struct ParamDecl {
  std::string name;
  Span span;
  ExprPtr default_value;  // may be null: the param defaults to null
};

// A top-level `let NAME = constant`.
struct ConstDecl {
  std::string name;
  Span span;
  ExprPtr value;
};

struct FnDecl {
  std::string name;
  Span span;
  std::vector<std::string> params;
  std::vector<Span> param_spans;
  std::vector<std::pair<std::string, ExprPtr>> lets;  // block body
  std::vector<Span> let_spans;
  std::vector<uint32_t> let_slots;  // checker: the register of each let
  ExprPtr body;
  uint32_t num_locals = 0;  // checker: params, lets and comprehension variables
};

struct RuleDecl {
  std::string name;
  Span span;
  std::optional<KubeVersion> since;
  Span since_span;
  std::vector<std::string> overrides;
  Span overrides_span;
  std::optional<Severity> severity;
  std::string description;
  std::vector<MatchBlock> matches;
  std::vector<StmtPtr> body;
  uint32_t num_locals = 0;  // checker
};

// One .writ file.
struct Module {
  uint32_t file = Span::kNoFile;
  std::string path;           // as loaded ("policies/pods.writ", "stdlib:pss/baseline.writ")
  std::string package;        // declared, or derived from the file name
  Span package_span;
  std::vector<Import> imports;
  std::vector<ParamDecl> params;
  std::vector<ConstDecl> consts;
  std::vector<FnDecl> fns;
  std::vector<RuleDecl> rules;
  std::vector<MatchBlock> file_matches;
  std::optional<std::pair<KubeVersion, KubeVersion>> versioned;
  Span versioned_span;
  std::vector<std::pair<std::string, Span>> extends;
};

}  // namespace writ::ast
