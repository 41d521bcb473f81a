// Fuzz target: compile + evaluate, the way `writ audit` runs a folder.
//
// The first byte picks the policies (modulo 8):
//   0 every operation on fields of the object (eval_policies.hpp)
//   1 the same with --explain
//   2 pss/restricted (latest)      3 pss/baseline at v1.22
//   4 workloads, rbac, network, secrets, ingress
//   5 audit-events                 6 pss/restricted at v1.24
//   7 the input itself: a policy, a line `---`, then the objects
// The rest is YAML, JSON or JSON Lines: every resource it holds is
// evaluated, with the others as the inventory, under a small budget.
// Rules may fail with errors; nothing may crash, hang or leak. The single
// packs (2, 3, 5, 6) run as machine code and in the interpreter, and the
// two decisions must be equal (runtime/vm/compiled_code.hpp); with set 0,
// so does a policy compiled in as a host compiles its own
// (tests/stdlib/policies/machine_code.writ, fuzz/CMakeLists.txt).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/compiler.hpp"
#include "fuzz/eval_policies.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/embedded_program.hpp"
#include "runtime/vm/inventory.hpp"
#include "runtime/vm/plan.hpp"
#include "runtime/vm/resource_input.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"
#include "stdlib/precompiled.hpp"

// tests/stdlib/policies/machine_code.writ as machine code (fuzz/CMakeLists.txt).
extern const writ::EmbeddedProgram fuzz_machine_code;

namespace {

using namespace writ;

constexpr uint64_t kBudget = 200'000;  // per resource: enough for every pack, small enough to stay fast
constexpr size_t kMaxResources = 32;

struct PolicySet {
  std::shared_ptr<const Plan> plan;
  bool explain = false;
  std::shared_ptr<const Plan> interpreted;  // the same pack without its machine code, or null
};

std::shared_ptr<const Program> compile_sources(const std::vector<PolicySource>& sources, bool explain) {
  CompileOptions o;
  o.natives = &standard_natives();
  o.stdlib = find_stdlib_pack;
  o.explain = explain;
  return compile(sources, o).program;
}

std::shared_ptr<const Plan> plan_or_abort(std::shared_ptr<const Program> program,
                                          const std::vector<ParamOverride>& overrides) {
  auto plan = Plan::create(std::move(program), overrides);
  if (!plan) {
    std::fprintf(stderr, "fuzz_eval: %s\n", plan.status().message().c_str());
    std::abort();
  }
  return *plan;
}

// A fixed set: compiled once; a failure is a bug in this file or the packs.
// A single standard pack is loaded as `writ eval -p` loads it (machine
// code), and once more for the interpreter.
PolicySet fixed(std::vector<PolicySource> sources, bool explain = false, const char* version = nullptr) {
  bool pack = sources.size() == 1 && !sources[0].inline_text && !explain;
  std::shared_ptr<const Program> program =
      pack ? precompiled_program(sources[0].name, standard_natives()) : compile_sources(sources, explain);
  if (!program) {
    std::fprintf(stderr, "fuzz_eval: a fixed policy set does not compile\n");
    std::abort();
  }
  std::vector<ParamOverride> overrides;
  if (version) {
    // The param value must outlive the plan: keep its document forever.
    static std::vector<std::unique_ptr<Document>> kept;
    kept.push_back(std::make_unique<Document>(&program->keys));
    YamlResult res;
    DecodeError err;
    if (!YamlDecoder().decode(version, *kept.back(), &res, &err)) std::abort();
    overrides.push_back(ParamOverride{"version", kept.back()->root_value()});
  }
  PolicySet set{plan_or_abort(program, overrides), explain, nullptr};
  if (pack) set.interpreted = plan_or_abort(precompiled_program(sources[0].name, standard_natives(), false), overrides);
  return set;
}

// Machine code and the interpreter disagree: a bug in one of them.
[[noreturn]] void disagreement(const Decision& a, const Decision& b) {
  std::fprintf(stderr, "fuzz_eval: machine code and interpreter disagree: %zu/%zu violations, %zu/%zu errors, %llu/%llu instructions\n",
               a.violations.size(), b.violations.size(), a.errors.size(), b.errors.size(),
               static_cast<unsigned long long>(a.instructions), static_cast<unsigned long long>(b.instructions));
  std::abort();
}

// A policy using most of the language, compiled into this binary as
// machine code (writ_add_machine_code), with its interpreted twin.
const PolicySet& embedded_set() {
  static const PolicySet set = [] {
    auto machine = read_embedded_program(fuzz_machine_code, standard_natives(), true);
    auto interpreted = read_embedded_program(fuzz_machine_code, standard_natives(), false);
    if (!machine || !interpreted) {
      std::fprintf(stderr, "fuzz_eval: the embedded policy does not load\n");
      std::abort();
    }
    return PolicySet{plan_or_abort(*machine, {}), false, plan_or_abort(*interpreted, {})};
  }();
  return set;
}

const PolicySet& fixed_set(uint8_t which) {
  static const PolicySet sets[] = {
      fixed({{"ops.writ", fuzz::kOpsPolicy, true}}),
      fixed({{"ops.writ", fuzz::kOpsPolicy, true}}, true),
      fixed({{"pss/restricted", {}, false}}),
      fixed({{"pss/baseline", {}, false}}, false, "v1.22"),
      fixed({{"workloads", {}, false}, {"rbac", {}, false}, {"network", {}, false}, {"secrets", {}, false},
             {"ingress", {}, false}}),
      fixed({{"audit-events", {}, false}}),
      fixed({{"pss/restricted", {}, false}}, false, "v1.24"),
  };
  return sets[which];
}

Value field(const Value& v, const KeyTable& keys, std::string_view name) {
  Value out;
  return v.type == Type::Map && map_get(v, keys.find(name), &out) ? out : Value::null();
}

void evaluate_all(const PolicySet& set, std::string_view text) {
  const KeyTable& keys = set.plan->program().keys;
  InputLoader loader(keys);
  std::vector<LoadedDocument> docs;
  std::string scratch;
  loader.load_text(text, "fuzz.yaml", InputFormat::kAuto, [&](LoadedDocument&& d) {
    if (d.ok()) docs.push_back(std::move(d));
    else scratch = d.error_text();
  });
  std::vector<Resource> resources;
  for (const LoadedDocument& d : docs)
    for (Resource& r : resources_of(d))
      if (resources.size() < kMaxResources) resources.push_back(std::move(r));
  std::vector<Value> objects;
  Value namespace_object;
  for (const Resource& r : resources) {
    if (r.kind != ResourceKind::kObject) continue;
    objects.push_back(Value::of(r.node));
    if (string_of(field(objects.back(), keys, "kind")) == "Namespace") namespace_object = objects.back();
  }
  InventoryIndex inventory(objects, keys);
  EvalContext ctx(set.plan, EvalOptions{kBudget, set.explain});
  std::unique_ptr<EvalContext> twin;
  if (set.interpreted) twin = std::make_unique<EvalContext>(set.interpreted, EvalOptions{kBudget, false});
  for (const Resource& r : resources) {
    EvalInput in = input_of(r);
    in.namespace_object = namespace_object;
    in.inventory = &inventory;
    const Decision& d = ctx.evaluate(in);
    if (twin && !(twin->evaluate(in) == d)) disagreement(d, twin->evaluate(in));
    // Copy what a report prints, so ASan checks every byte is still alive.
    for (const Violation& x : d.violations) scratch.assign(x.message).append(x.path).append(x.explanation);
    for (const EvalError& e : d.errors) scratch.assign(e.message);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  uint8_t which = data[0] % 8;
  if (which < 7) {
    evaluate_all(fixed_set(which), rest);
    if (which == 0) evaluate_all(embedded_set(), rest);
    return 0;
  }
  size_t cut = rest.find("\n---\n");
  std::string policy(rest.substr(0, cut));
  std::string_view objects = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 5);
  std::shared_ptr<const Program> program = compile_sources({{"fuzz.writ", policy, true}}, false);
  if (!program) return 0;
  auto plan = Plan::create(program);
  if (!plan) return 0;
  evaluate_all(PolicySet{*plan, false, nullptr}, objects);
  return 0;
}
