// writ: the C++ embedding API.
//
// Compile policies once into a PolicySet (immutable, thread-safe, cheap to
// copy: it shares its state), then evaluate inputs with an Evaluator (one
// per thread, reused across evaluations: after warm-up it does not allocate).
//
//   auto set = writ::PolicySet::compile({"pss/restricted", "policies/"});
//   if (!set) { for (auto& d : set.problems()) std::cerr << d.text; return; }
//   writ::Evaluator ev(*set);
//   writ::Verdict v = ev.evaluate_json(pod_json);
//   for (const writ::Finding& f : v.findings) std::cout << f.rule << " " << f.path << ": " << f.message << "\n";
//
// Errors are values: Expected<T> holds a T or the problems that prevented
// it (compile diagnostics with file, line and column; input errors). Nothing
// in this API throws. See docs/embedding.md for ownership and bundle rules.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "writ/limits.hpp"

namespace writ {

// The library version, e.g. "0.1.0".
const char* version();

// A diagnostic: a compile error or warning, a bad input, a bad param.
struct Problem {
  enum class Level { kError, kWarning };
  Level level = Level::kError;
  std::string file;       // empty when not about a file
  uint32_t line = 0;      // 1-based; 0 = unknown
  uint32_t column = 0;
  std::string message;
  std::string text;       // rendered like a compiler: "file:line:col: error: ...", source line, caret
};

template <typename T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}                      // NOLINT(google-explicit-constructor)
  Expected(std::vector<Problem> problems) : v_(std::move(problems)) {}  // NOLINT
  explicit operator bool() const { return v_.index() == 0; }
  bool ok() const { return v_.index() == 0; }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  const std::vector<Problem>& problems() const {
    static const std::vector<Problem> none;
    return v_.index() == 1 ? std::get<1>(v_) : none;
  }
  // All problems rendered, one after the other.
  std::string error_text() const {
    std::string s;
    for (const Problem& p : problems()) s += p.text;
    return s;
  }

 private:
  std::variant<T, std::vector<Problem>> v_;
};

// A value passed to or returned by a host function: JSON's data model with
// ints kept apart from floats.
class HostValue {
 public:
  using List = std::vector<HostValue>;
  using Map = std::vector<std::pair<std::string, HostValue>>;  // ordered

  HostValue() = default;
  HostValue(std::nullptr_t) {}                                 // NOLINT
  HostValue(bool b) : v_(b) {}                                 // NOLINT
  HostValue(int64_t i) : v_(i) {}                              // NOLINT
  HostValue(int i) : v_(static_cast<int64_t>(i)) {}            // NOLINT
  HostValue(double d) : v_(d) {}                               // NOLINT
  HostValue(std::string s) : v_(std::move(s)) {}               // NOLINT
  HostValue(const char* s) : v_(std::string(s)) {}             // NOLINT
  HostValue(List l) : v_(std::move(l)) {}                      // NOLINT
  HostValue(Map m) : v_(std::move(m)) {}                       // NOLINT

  bool is_null() const { return v_.index() == 0; }
  bool is_bool() const { return v_.index() == 1; }
  bool is_int() const { return v_.index() == 2; }
  bool is_float() const { return v_.index() == 3; }
  bool is_string() const { return v_.index() == 4; }
  bool is_list() const { return v_.index() == 5; }
  bool is_map() const { return v_.index() == 6; }
  bool as_bool() const { return std::get<1>(v_); }
  int64_t as_int() const { return std::get<2>(v_); }
  double as_float() const { return std::get<3>(v_); }
  const std::string& as_string() const { return std::get<4>(v_); }
  const List& as_list() const { return std::get<5>(v_); }
  const Map& as_map() const { return std::get<6>(v_); }
  // JSON text of the value.
  std::string to_json() const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, List, Map> v_;
};

// A function the host adds to the language (like OPA's custom built-ins).
// It is pure as far as policies know: it may be called any number of times,
// from any thread at once, so it must be thread-safe. Returning a Problem
// makes the calling rule fail with that message.
struct HostFunction {
  std::string name;                 // "corp.owner_of": module "corp", function "owner_of"
  uint8_t min_args = 0, max_args = 0;
  std::function<std::variant<HostValue, std::string>(std::span<const HostValue> args)> fn;  // string = error message
  std::string doc;
};

struct PolicySetOptions {
  std::vector<HostFunction> functions;  // callable as module.name(...) after `import module`
  std::map<std::string, std::string> params;  // name (or package.name) → YAML/JSON value text
  bool explain = false;                 // compile explanation probes (Finding::explanation)
};

// What an evaluation found.
struct Finding {
  std::string policy, rule;
  std::string action;     // "deny", "warn", "audit"
  std::string severity;   // "info" ... "critical"
  std::string message;
  std::string path;       // field path of the offending value
  std::string span;       // policy file:line:col of the statement
  std::string explanation;  // when compiled with explain
};

struct RuleError {
  std::string policy, rule, message, span;
  bool budget_exceeded = false;
};

struct Verdict {
  bool allowed = true;    // no deny finding and no error (fail closed)
  std::vector<Finding> findings;
  std::vector<RuleError> errors;
  std::vector<Problem> input_problems;  // the input could not be read
  uint64_t instructions = 0;
  // JSON: {"allowed": ..., "violations": [...], "errors": [...]}.
  std::string to_json() const;
};

class Inventory;
// A program compiled into the host as machine code (PolicySet::load_embedded);
// defined by the C++ that `writ build --emit-cpp` writes.
struct EmbeddedProgram;

// A compiled, param-bound policy set. Immutable and thread-safe.
class PolicySet {
 public:
  // `policies`: .writ files, folders, or standard packs ("pss/restricted").
  static Expected<PolicySet> compile(const std::vector<std::string>& policies, const PolicySetOptions& options = {});
  // One policy given as source text.
  static Expected<PolicySet> compile_source(const std::string& name, const std::string& source,
                                            const PolicySetOptions& options = {});
  // A bundle written by `writ build` or save_bundle(): no parser involved.
  // Host functions it calls must be given again in `options`.
  static Expected<PolicySet> load_bundle(const std::string& path, const PolicySetOptions& options = {});
  static Expected<PolicySet> load_bundle_bytes(std::string_view bytes, const PolicySetOptions& options = {});
  // Policies compiled into the host: `writ build -p ... --emit-cpp FILE.cpp`
  // writes a C++ file defining `extern const writ::EmbeddedProgram NAME;`,
  // the bundle and its functions as machine code. Declare it and pass it:
  // the bundle is verified as load_bundle verifies one, and the functions
  // run as machine code unless $WRIT_INTERPRET is set (docs/embedding.md).
  static Expected<PolicySet> load_embedded(const EmbeddedProgram& program, const PolicySetOptions& options = {});

  std::string bundle_bytes(bool include_sources = true) const;
  Expected<bool> save_bundle(const std::string& path, bool include_sources = true) const;

  // The same policies with other param values.
  Expected<PolicySet> with_params(const std::map<std::string, std::string>& params) const;

  struct RuleInfo {
    std::string policy, name, severity, description;
  };
  std::vector<RuleInfo> rules() const;
  // Warnings of the compilation (errors make compile() fail).
  const std::vector<Problem>& warnings() const;

  // Other resources for cross-resource rules (`inventory`, k8s.list/lookup):
  // JSON or YAML documents (a document may be a `kind: List`).
  Expected<std::shared_ptr<const Inventory>> make_inventory(const std::vector<std::string>& documents) const;

  struct Impl;

 private:
  explicit PolicySet(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
  friend class Evaluator;
};

struct EvaluatorOptions {
  uint64_t budget = 10'000'000;  // instructions per evaluation
  bool explain = false;          // fill Finding::explanation (needs PolicySetOptions::explain)
  InputLimits limits;            // on every input document (writ/limits.hpp); exceeded: an input problem
};

// Per-request inputs beyond the object itself.
struct Context {
  std::shared_ptr<const Inventory> inventory;  // from PolicySet::make_inventory
  std::string namespace_object;                // JSON/YAML of the object's Namespace, if known
};

// Evaluates inputs against a PolicySet. One per thread; not thread-safe
// itself, but any number of Evaluators can share one PolicySet.
class Evaluator {
 public:
  explicit Evaluator(const PolicySet& set, EvaluatorOptions options = {});
  ~Evaluator();
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) noexcept;

  // A Kubernetes object (JSON), an AdmissionReview, or an audit Event.
  Verdict evaluate_json(std::string_view json, const Context& context = {});
  // The same from YAML (one document).
  Verdict evaluate_yaml(std::string_view yaml, const Context& context = {});
  // An AdmissionReview request in, the AdmissionReview response out (JSON):
  // uid echoed, allowed = no deny, status.message listing the denials,
  // warnings from warn findings, audit findings as auditAnnotations.
  Expected<std::string> admission_response(std::string_view review_json, const Context& context = {});

  struct Impl;

 private:
  const InputLimits& limits() const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace writ
