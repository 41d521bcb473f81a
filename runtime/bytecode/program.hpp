// Program: a compiled policy set, immutable and shared by every thread.
//
// The compiler (compiler/) produces a Program from .writ sources; a bundle
// reader can load one without the parser. A Program is code and metadata
// only: param values are bound later, in a Plan (runtime/vm/plan.hpp), so
// one Program serves hosts with different params.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "runtime/bytecode/opcodes.hpp"
#include "runtime/support/arena.hpp"
#include "runtime/support/span.hpp"
#include "runtime/value/key_table.hpp"
#include "runtime/value/value.hpp"

namespace writ {

struct NativeCall;
using NativeFn = bool (*)(NativeCall&);

enum class Action : uint8_t { kDeny, kWarn, kAudit };
const char* action_name(Action a);

enum class Severity : uint8_t { kInfo, kLow, kMedium, kHigh, kCritical };
const char* severity_name(Severity s);
bool parse_severity(std::string_view s, Severity* out);

// Admission operations, as a bit set (LANGUAGE.md item 3).
enum Operation : uint8_t { kOpCreate = 1, kOpUpdate = 2, kOpDelete = 4, kOpConnect = 8, kOpAll = 15 };

// A Kubernetes minor version "v1.N" as a comparable number (1000 * major + minor).
using KubeVersion = uint32_t;
inline constexpr KubeVersion kNoVersion = 0;
bool parse_kube_version(std::string_view s, KubeVersion* out);
std::string kube_version_string(KubeVersion v);

// CALL[i]: which native or user function a call instruction calls.
struct CallSite {
  uint32_t target = 0;    // index into Program::natives or Program::functions
  uint16_t argc = 0;
  int32_t prepared = -1;  // index into Program::prepared, or -1
};

// PATH[i]: the constant steps an `at` path adds below its anchor value.
struct PathStep {
  std::string key;       // a map key, or empty for a list index
  KeyId id = kNoKey;
  int64_t index = 0;
  bool is_index = false;
  int32_t reg = -1;      // >= 0: the key or index is in this register (`at xs[i]`)
};
struct PathSuffix {
  std::vector<PathStep> steps;
};

// SITE[i]: a deny/warn/audit statement.
struct ViolationSite {
  uint32_t rule = 0;
  Action action = Action::kDeny;
  Span span;
};

// EXPLAIN[i] (explain mode only): a condition of a deny/warn/audit, what to
// show about it, and the loop variables in scope.
struct ExplainTerm {
  std::string text;   // source form of a sub-expression: `c.securityContext.privileged`
  uint32_t fn = 0;    // a function computing it from the rule's locals
};
struct ExplainBinding {
  std::string name;
  uint32_t slot = 0;   // the variable's register
  int32_t iter = -1;   // its loop's iterator register (the item's path), or -1
};
struct ExplainPoint {
  uint32_t rule = 0;
  uint32_t site = 0;             // the statement's SITE
  std::string condition;         // source form; empty when the statement has none
  std::vector<ExplainTerm> terms;
  std::vector<ExplainBinding> bindings;
  uint16_t num_locals = 0;       // registers the term functions read
};

// A hashed constant set for InSet: `x in ["a", "b", ...]`.
struct ConstSet {
  std::vector<Value> items;       // open addressing, null = empty slot
  std::vector<uint8_t> used;
  uint64_t mask = 0;
  // The KeyTable ids of the string members (sorted; kNoKey for one not in
  // the table), once the table is final (hint_constant_keys). A string that
  // knows its id (Value::key_hint) is a member exactly when its id is here:
  // `field in ["configMap", ...]` then compares ids, without hashing.
  std::vector<KeyId> string_ids;
  bool ids_ready = false;
  bool contains(const Value& v) const;
  // Builds the set of `items` (duplicates dropped).
  static ConstSet of(std::span<const Value> items);
};

class EvalContext;
struct Function;
// A Function as machine code (the standard packs', runtime/vm/compiled_code.hpp):
// same contract as Interpreter::run. Null for a function the interpreter runs.
using CompiledFn = bool (*)(EvalContext&, const Function&, Value*, Value*);

struct Function {
  std::string name;
  uint16_t num_params = 0;
  uint16_t num_regs = 0;
  std::vector<Insn> code;
  std::vector<Span> spans;       // spans[pc]: source of code[pc], for errors
  std::vector<CallSite> calls;
  CompiledFn compiled = nullptr;
};

struct KindPattern {
  std::string group;    // "" = core; "*" = any
  std::string version;  // "*" = any
  std::string kind;     // "*" = any
  bool operator==(const KindPattern&) const = default;
};

// Label selector requirement (matchLabels and matchExpressions).
struct LabelRequirement {
  enum class Op : uint8_t { kEquals, kNotEquals, kIn, kNotIn, kExists, kDoesNotExist };
  std::string key;
  Op op = Op::kEquals;
  std::vector<std::string> values;
  bool operator==(const LabelRequirement&) const = default;
};

struct RuleMatch {
  std::vector<KindPattern> kinds;          // empty = every kind
  uint8_t operations = kOpAll;
  std::vector<std::string> namespaces;     // globs; empty = every namespace
  std::vector<std::string> exclude_namespaces;
  std::vector<LabelRequirement> labels;    // on the object's labels
  int32_t when_fn = -1;                    // Functions index, or -1
  bool autogen = false;                    // also matches pod controllers
  // Same kinds, operations, namespaces, labels and autogen: one answer for
  // an input. `when` is not compared (it runs per rule).
  bool same_selection(const RuleMatch& o) const {
    return kinds == o.kinds && operations == o.operations && namespaces == o.namespaces &&
           exclude_namespaces == o.exclude_namespaces && labels == o.labels && autogen == o.autogen;
  }
};

struct Rule {
  std::string name;
  std::string policy;       // the package name
  uint32_t package = 0;     // index into Program::packages
  Severity severity = Severity::kMedium;
  Span span;
  RuleMatch match;
  uint32_t body_fn = 0;
  KubeVersion since = kNoVersion;       // implementation applies from here
  std::vector<std::string> overrides;   // rules of the package it replaces while active
  std::string description;
};

struct Param {
  std::string name;
  uint32_t package = 0;
  Value default_value;      // in Program::constant storage
  Span span;
};

struct Package {
  std::string name;
  KubeVersion version_min = kNoVersion;  // versioned packages only
  KubeVersion version_max = kNoVersion;
  int32_t version_param = -1;            // Params index of its `version`
};

struct NativeBinding {
  std::string name;  // "k8s.containers"
  NativeFn fn = nullptr;
  bool memoize = false;        // see NativeDescriptor::memoize
  bool reads_inventory = false;  // see NativeDescriptor::reads_inventory (from the registry, not stored in bundles)
  const void* data = nullptr;  // see NativeDescriptor::data
};

// A precompiled constant argument (regex, glob...) owned by the Program,
// with what it was made from, so a bundle reader can make it again.
struct Prepared {
  std::shared_ptr<const void> object;
  uint32_t native = 0;    // Program::natives index
  uint32_t constant = 0;  // Program::constants index of the argument
};

struct SourceFile {
  std::string name;
  std::string text;  // kept for diagnostics and --explain
};

class Program {
 public:
  KeyTable keys;
  std::vector<Value> constants;
  std::vector<ConstSet> sets;
  std::vector<PathSuffix> paths;
  std::vector<ViolationSite> sites;
  std::vector<ExplainPoint> explains;  // empty unless compiled for explanations
  std::vector<Function> functions;
  std::vector<Rule> rules;
  std::vector<Param> params;
  std::vector<Package> packages;
  std::vector<NativeBinding> natives;
  std::vector<Prepared> prepared;
  std::vector<SourceFile> sources;
  uint32_t max_stack = 0;   // registers needed by the deepest call chain

  // Storage of constant strings, lists and maps.
  Arena& constant_arena() { return *const_arena_; }

  Program() : const_arena_(std::make_unique<Arena>()) {}

 private:
  std::unique_ptr<Arena> const_arena_;
};

// Gives every constant string naming a key of the program's KeyTable its id
// (Value::key_hint), inside constant lists and maps too, so that `v[source]`
// over a constant list of field names reads input fields by id. The lowering
// calls it with `intern` (every constant without whitespace becomes a key),
// the bundle reader without (the table it reads has them already).
void hint_constant_keys(Program& program, bool intern);

// Registers the deepest call chain of any function needs (the program must
// have no call cycles: the checker and the verifier guarantee it).
uint32_t compute_max_stack(const Program& program);

// Human-readable listing of a function, one instruction per line.
std::string disassemble(const Program& program, const Function& fn);

}  // namespace writ
