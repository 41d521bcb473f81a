// The standard packs, and a host's own policies, run as machine code
// (runtime/vm/compiled_code.hpp): C++ emitted from their bytecode at build
// time (runtime/vm/embedded_program.hpp). It must decide exactly
// what the interpreter decides: same violations, messages and paths, same
// errors with the same spans, the same instructions charged, the budget
// running out at the same instruction. Each case runs both on the same
// documents and compares whole Decisions.
#include <functional>
#include <string>
#include <vector>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/value/format.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/resource_input.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/precompiled.hpp"
#include "support/writ_test.hpp"

// Compiled into this binary by tests/CMakeLists.txt (writ_add_machine_code).
extern const writ::EmbeddedProgram test_example_policies, test_pss_verdicts, test_many_features;

namespace {

using namespace writ;

std::string describe(const Decision& d) {
  std::string s = "instructions " + std::to_string(d.instructions) + "\n";
  for (const Violation& v : d.violations)
    s += "violation rule " + std::to_string(v.rule) + " at " + std::string(v.path) + ": " + std::string(v.message) + "\n";
  for (const EvalError& e : d.errors)
    s += "error rule " + std::to_string(e.rule) + " line " + std::to_string(e.span.line) + ":" +
         std::to_string(e.span.column) + ": " + std::string(e.message) + "\n";
  return s;
}

// One program, loaded twice from its bundle: as machine code and interpreted.
struct Twin {
  std::string name;
  std::shared_ptr<const Program> machine, interpreted;
  std::shared_ptr<const Plan> machine_plan, interpreted_plan;

  explicit Twin(const EmbeddedProgram& embedded) : name(embedded.name) {
    auto m = read_embedded_program(embedded, standard_natives(), true);
    auto i = read_embedded_program(embedded, standard_natives(), false);
    REQUIRE(m);
    REQUIRE(i);
    machine = *m;
    interpreted = *i;
    machine_plan = *Plan::create(machine);
    interpreted_plan = *Plan::create(interpreted);
  }
  explicit Twin(const std::string& pack) : Twin(pack_named(pack)) {}

  static const EmbeddedProgram& pack_named(const std::string& pack) {
    for (const EmbeddedProgram* p : precompiled_packs())
      if (p->name == pack) return *p;
    FAIL("no precompiled pack " << pack);
    std::abort();
  }
  EvalOptions options;

  // Evaluates `in` both ways; false (with both decisions in the test's
  // output) when they differ.
  bool agree(const EvalInput& in, const std::string& what) {
    EvalContext a(machine_plan, options), b(interpreted_plan, options);
    const Decision& x = a.evaluate(in);
    const Decision& y = b.evaluate(in);
    if (x == y) return true;
    FAIL_CHECK(name << " on " << what << " (budget " << options.budget << ")\nmachine code:\n"
                    << describe(x) << "interpreter:\n" << describe(y));
    return false;
  }
};

Value field(const Value& v, const KeyTable& keys, std::string_view name) {
  return field_of(v, keys.find(name));
}

// Every resource of the shared corpus, decoded for `keys`.
void for_each_corpus_resource(const KeyTable& keys, const std::function<void(const Resource&)>& fn) {
  InputLoader loader(keys);
  loader.load(testing::corpus_path(""), [&](LoadedDocument&& d) {
    if (!d.ok()) return;
    for (const Resource& r : resources_of(d)) fn(r);
  });
}

// The JSON of `v` with its `target`-th node (in pre-order, from 0) written
// as `with` instead.
void write_mutated(const Value& v, int& next, int target, std::string_view with, std::string& out) {
  if (next++ == target) {
    out += with;
    return;
  }
  if (v.type == Type::List) {
    out += '[';
    for (uint32_t i = 0; i < v.len; ++i) {
      if (i) out += ',';
      write_mutated(list_at(v, i), next, target, with, out);
    }
    out += ']';
  } else if (v.type == Type::Map) {
    out += '{';
    for (uint32_t j = 0; j < v.len; ++j) {
      if (j) out += ',';
      append_json_string(out, map_key_at(v, j));
      out += ':';
      write_mutated(map_value_at(v, j), next, target, with, out);
    }
    out += '}';
  } else {
    append_json(out, v);
  }
}

// Every resource of the corpus, both ways; counts what was decided.
void check_corpus(Twin& twin, size_t& resources, size_t& violations) {
  size_t failures = 0;
  for_each_corpus_resource(twin.machine->keys, [&](const Resource& r) {
    ++resources;
    EvalInput in = input_of(r);
    if (failures < 5 && !twin.agree(in, r.location.to_string())) ++failures;
    // input_of names the document the resource lives in, so evaluate warms
    // it without reading a node first (EvalInput::document); deciding
    // without the name, finding the document from the nodes, is the same.
    CHECK(in.document == r.doc.get());
    EvalInput unnamed = in;
    unnamed.document = nullptr;
    EvalContext ctx(twin.machine_plan), unnamed_ctx(twin.machine_plan);
    const Decision& d = ctx.evaluate(in);
    const Decision& u = unnamed_ctx.evaluate(unnamed);
    if (failures < 5 && !(d == u)) {
      ++failures;
      FAIL_CHECK(twin.name << " on " << r.location.to_string() << " with its document named:\n"
                           << describe(d) << "without:\n" << describe(u));
    }
    violations += d.violations.size();
  });
  CHECK(failures == 0);
}

// Twelve Pod Security test pods at every budget up to what each needs: the
// budget runs out at each instruction in turn (natives charge more than one
// step).
void check_every_budget(Twin& twin) {
  const KeyTable& keys = twin.machine->keys;
  std::vector<LoadedDocument> docs;
  InputLoader(keys).load(testing::corpus_path("pod-security-admission/testdata"), [&](LoadedDocument&& d) {
    if (d.ok() && docs.size() < 12) docs.push_back(std::move(d));
  });
  REQUIRE(docs.size() == 12);
  for (const LoadedDocument& d : docs) {
    for (const Resource& r : resources_of(d)) {
      EvalInput in = input_of(r);
      EvalContext full(twin.machine_plan);
      uint64_t needed = full.evaluate(in).instructions;
      CHECK(needed > 0);
      for (uint64_t budget = 0; budget <= needed + 1; ++budget) {
        twin.options.budget = budget;
        if (!twin.agree(in, r.location.to_string())) break;
      }
      twin.options.budget = EvalOptions().budget;
    }
  }
}

// Six Pod Security test pods, and six Deployments with those pods as their
// templates (their rules read the virtual Pod, a computed map: autogen.cpp),
// with every node replaced by values of every type: type errors, nulls where
// lists were, maps where strings were. The fast paths must step aside, and
// the interpreter's errors come out the same.
void check_every_node_replaced(Twin& twin) {
  const char* replacements[] = {"\"x\"", "\"ALL\"", "7", "-1", "1.5", "true", "false", "null", "[]", "{}", "[1]",
                                "[\"a\"]", "{\"a\":1}", "{\"name\":\"c\"}"};
  const KeyTable& keys = twin.machine->keys;
  std::vector<std::string> objects;
  InputLoader(keys).load(testing::corpus_path("pod-security-admission/testdata"), [&](LoadedDocument&& d) {
    if (!d.ok() || objects.size() >= 12) return;
    Value root = d.doc->root_value();
    if (string_of(field(root, keys, "kind")) != "Pod") return;
    objects.push_back(to_json(root));
    objects.push_back(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},)"
                   R"("spec":{"template":{"metadata":)" + to_json(field(root, keys, "metadata")) +
                   R"(,"spec":)" + to_json(field(root, keys, "spec")) + "}}}");
  });
  REQUIRE(objects.size() == 12);
  JsonDecoder decoder;
  size_t evaluated = 0, failures = 0;
  for (const std::string& object : objects) {
    Document original(&keys);
    DecodeError err;
    REQUIRE(decoder.decode(object, original, &err));
    int nodes = 0;
    std::string ignored;
    write_mutated(original.root_value(), nodes, -1, "", ignored);
    for (int target = 1; target < nodes && failures < 5; ++target) {
      for (const char* with : replacements) {
        std::string text;
        int next = 0;
        write_mutated(original.root_value(), next, target, with, text);
        Document doc(&keys);
        if (!decoder.decode(text, doc, &err)) continue;
        ++evaluated;
        if (!twin.agree(input_of(doc), "node " + std::to_string(target) + " := " + with)) ++failures;
      }
    }
  }
  CHECK(failures == 0);
  CHECK(evaluated > 1'000);
}

}  // namespace

TEST_CASE("a precompiled pack runs as machine code unless asked not to, or WRIT_INTERPRET is set") {
  auto all_compiled = [](const std::shared_ptr<const Program>& p) {
    for (const Function& f : p->functions)
      if (f.compiled == nullptr) return false;
    return !p->functions.empty();
  };
  auto none_compiled = [](const std::shared_ptr<const Program>& p) {
    for (const Function& f : p->functions)
      if (f.compiled != nullptr) return false;
    return true;
  };
  for (const EmbeddedProgram* pack : precompiled_packs()) {
    INFO(pack->name);
    CHECK(all_compiled(precompiled_program(pack->name, standard_natives())));
    CHECK(none_compiled(precompiled_program(pack->name, standard_natives(), false)));
  }
  ::setenv("WRIT_INTERPRET", "1", 1);
  CHECK(none_compiled(precompiled_program("pss/restricted", standard_natives())));
  ::setenv("WRIT_INTERPRET", "0", 1);
  CHECK(all_compiled(precompiled_program("pss/restricted", standard_natives())));
  ::unsetenv("WRIT_INTERPRET");
}

TEST_CASE("machine code decides every resource of the corpus as the interpreter does, pack by pack") {
  size_t resources = 0, violations = 0;
  for (const EmbeddedProgram* pack : precompiled_packs()) {
    Twin twin(*pack);
    check_corpus(twin, resources, violations);
  }
  // The corpus holds thousands of resources, and they fire rules: a run
  // that read nothing or decided nothing would prove nothing.
  CHECK(resources > 10'000);
  CHECK(violations > 1'000);
}

TEST_CASE("machine code runs out of budget at the same instruction as the interpreter") {
  for (const char* pack : {"pss/restricted", "pss/baseline", "workloads"}) {
    Twin twin(pack);
    check_every_budget(twin);
  }
}

TEST_CASE("machine code hands unusual values to the interpreter: every field of a pod replaced by every type") {
  for (const char* pack : {"pss/restricted", "pss/baseline", "workloads"}) {
    Twin twin(pack);
    check_every_node_replaced(twin);
  }
}

// Policies compiled into this test binary as a host compiles its own
// (tests/CMakeLists.txt: writ_add_machine_code, i.e. `writ build
// --emit-cpp`): the examples, the benchmarks' control policy, and a policy
// written to use most of the language on the corpus (policies/machine_code.writ).
TEST_CASE("a host's own policies compiled to machine code decide as the interpreter does") {
  for (const EmbeddedProgram* program : {&test_example_policies, &test_pss_verdicts, &test_many_features}) {
    INFO(program->name);
    Twin twin(*program);
    size_t resources = 0, violations = 0;
    check_corpus(twin, resources, violations);
    CHECK(resources > 5'000);
    CHECK(violations > 100);
    check_every_budget(twin);
    check_every_node_replaced(twin);
  }
}

TEST_CASE("an embedded program is refused when its machine code does not match its bundle") {
  const EmbeddedProgram& good = test_example_policies;
  EmbeddedProgram short_of_one{good.name, good.bundle, good.code.first(good.code.size() - 1)};
  auto refused = read_embedded_program(short_of_one, standard_natives());
  REQUIRE_FALSE(refused);
  CHECK(refused.status().message().find("not emitted together") != std::string::npos);
  EmbeddedProgram corrupted{good.name, good.bundle.substr(0, good.bundle.size() / 2), good.code};
  CHECK_FALSE(read_embedded_program(corrupted, standard_natives()));
  // WRIT_INTERPRET runs a host's program in the interpreter too.
  ::setenv("WRIT_INTERPRET", "1", 1);
  auto interpreted = read_embedded_program(good, standard_natives());
  ::unsetenv("WRIT_INTERPRET");
  REQUIRE(interpreted);
  for (const Function& f : (*interpreted)->functions) CHECK(f.compiled == nullptr);
  auto machine = read_embedded_program(good, standard_natives());
  REQUIRE(machine);
  for (const Function& f : (*machine)->functions) CHECK(f.compiled != nullptr);
}
