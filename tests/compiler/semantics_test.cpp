// Evaluation semantics: absent fields, short-circuit, run-time type errors
// with spans, the budget, autogen for every pod controller, match clauses.
#include <chrono>
#include <filesystem>
#include <fstream>

#include "runtime/vm/resource_input.hpp"
#include "support/writ_test.hpp"

using namespace writ::testing;

TEST_CASE("absent fields are null, and null conditions do not fire") {
  std::string pod = "kind: Pod\nspec: {}\n";
  CHECK(eval_expr("object.spec.a.b.c", pod) == "null");
  CHECK(eval_expr("object.spec.a == null", pod) == "true");
  CHECK(eval_expr("object.spec.a == false", pod) == "false");
  CHECK(eval_expr("object.spec.a > 3", pod) == "null");
  CHECK(eval_expr("object.spec.a + 1", pod) == "null");
  CHECK(eval_expr("not object.spec.a", pod) == "true");
  CHECK(eval_expr("object.spec.a and true", pod) == "false");
  CHECK(eval_expr("object.spec.a or true", pod) == "true");
  CHECK(eval_expr("object.spec.a ?? 5", pod) == "5");
  CHECK(eval_expr("[x for x in object.spec.list]", pod) == "[]");
  CHECK(eval_expr("object.spec.list[3]", pod) == "null");
  CHECK(eval_expr("\"x\" in object.spec.list", pod) == "false");
  Outcome o = run("rule r { deny \"fired\" if object.spec.replicas > 3 }", pod);
  CHECK(o.violations.empty());
  CHECK(o.errors.empty());
}

TEST_CASE("and/or short-circuit: the right side is not evaluated") {
  std::string obj = "kind: Thing\nname: abc\n";
  // object.name.first would be a type error (a field of a string).
  CHECK(eval_expr("false and object.name.first == 1", obj) == "false");
  CHECK(eval_expr("true or object.name.first == 1", obj) == "true");
  CHECK(eval_expr("object.name ?? object.name.first", obj) == "abc");
  CHECK(eval_expr("true ? 1 : object.name.first", obj) == "1");
}

TEST_CASE("type errors at run time stop the rule with a message and a span") {
  Compiled c = compile_text("rule ok { deny \"ok\" }\nrule bad {\n  deny \"x\" if object.name.first == 1\n}\n", "t.writ");
  REQUIRE(c.program);
  Outcome o = evaluate(c, "kind: Thing\nname: abc\n");
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0] == "bad: cannot read field 'first' of a string");
  CHECK(o.count("ok") == 1);  // other rules still run
  CHECK(eval_expr("object.n < \"a\"", "n: 3\n") == "<error> r: cannot compare an int with a string using '<'");
  CHECK(eval_expr("object.n + \"a\"", "n: 3\n") == "<error> r: cannot apply '+' to an int and a string");
  CHECK(eval_expr("object.n / 0", "n: 3\n") == "<error> r: division by zero");
  CHECK(eval_expr("object.n * 9223372036854775807", "n: 3\n") == "<error> r: integer overflow in '*'");
  CHECK(eval_expr("[x for x in object.n]", "n: 3\n") == "<error> r: cannot iterate over an int");
  CHECK(eval_expr("object.n and true", "n: 3\n") == "<error> r: a condition must be a bool, got an int");
  // Equality across types is a type error (null and int/float aside): a
  // malformed field cannot pass a check by comparing unequal.
  CHECK(eval_expr("object.s == true", "s: \"true\"\n") == "<error> r: cannot compare a string with a bool using '=='");
  CHECK(eval_expr("object.n != \"3\"", "n: 3\n") == "<error> r: cannot compare an int with a string using '!='");
  CHECK(eval_expr("object.n == object.s", "n: 3\ns: x\n") == "<error> r: cannot compare an int with a string using '=='");
  CHECK(eval_expr("object.n == 3.0", "n: 3\n") == "true");
  CHECK(eval_expr("object.missing == true", "n: 3\n") == "false");
}

// The span of the one evaluation error `source` (compiled as t.writ) raises
// on the YAML object `input`.
static writ::Span only_error_span(const std::string& source, const std::string& input) {
  Compiled c = compile_text(source, "t.writ");
  REQUIRE(c.program);
  auto plan = writ::Plan::create(c.program);
  REQUIRE(plan);
  writ::EvalContext ctx(*plan);
  writ::Document doc(&c.program->keys);
  writ::YamlDecoder dec;
  writ::YamlResult res;
  writ::DecodeError err;
  REQUIRE(dec.decode(input, doc, &res, &err));
  const writ::Decision& d = ctx.evaluate(writ::input_of(doc));
  REQUIRE(d.errors.size() == 1);
  return d.errors[0].span;
}

TEST_CASE("a run-time error points at the expression that failed") {
  writ::Span at = only_error_span("rule bad {\n  let n = object.name\n  deny \"x\" if n.first == 1\n}\n",
                                  "kind: Thing\nname: abc\n");
  CHECK(at.line == 3);
  CHECK(at.column == 17);
}

TEST_CASE("the budget stops runaway evaluations, in bounded time") {
  std::string input = "kind: Thing\nitems: [";
  for (int i = 0; i < 2000; ++i) input += (i ? ",": "") + std::to_string(i);
  input += "]\n";
  Compiled c = compile_text("rule heavy {\n  deny \"n\" if (count x in object.items: (count y in object.items: y > x) > 0) > 0\n}\n");
  REQUIRE(c.program);
  auto start = std::chrono::steady_clock::now();
  Outcome o = evaluate(c, input, {}, 1'000'000);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0] == "heavy: evaluation budget of 1000000 steps exceeded");
  CHECK(secs < 5.0);
  // With a large enough budget the same rule completes.
  Outcome full = evaluate(c, "kind: Thing\nitems: [1, 2, 3]\n", {}, 1'000'000);
  CHECK(full.errors.empty());
  CHECK(full.count("heavy") == 1);
}

TEST_CASE("a let is computed at its first use, and only if used") {
  std::string obj = "kind: Thing\nname: abc\nitems: [{n: a, bad: true}, {n: b, bad: false}, {n: c, bad: true}]\n";
  // An unused let that would fail (a field of a string) costs nothing and fails nothing.
  Outcome unused = run("rule r {\n  let broken = object.name.first\n  deny \"fired\"\n}\n", obj);
  CHECK(unused.errors.empty());
  CHECK(unused.count("r") == 1);
  // Used on the path that runs: the error is the let's, at its expression.
  Outcome used = run("rule r {\n  let broken = object.name.first\n  deny \"{broken}\" if object.name == \"abc\"\n}\n", obj);
  REQUIRE(used.errors.size() == 1);
  CHECK(used.errors[0] == "r: cannot read field 'first' of a string");
  // One let read in exclusive branches, lets built on lets, recomputed in each loop iteration.
  Outcome o = run(
      "rule r {\n"
      "  let names = [i.n for i in object.items]\n"
      "  let summary = \"{join(names, \",\")} ({len(names)})\"\n"
      "  for item in object.items if item.bad {\n"
      "    let tag = \"{item.n}:{summary}\"\n"
      "    let loud = upper(tag) + \"!\"\n"
      "    if item.n == \"a\" {\n"
      "      deny loud\n"
      "    } else {\n"
      "      deny \"{tag} {loud}\"\n"
      "    }\n"
      "  }\n"
      "}\n",
      obj);
  CHECK(o.errors.empty());
  REQUIRE(o.violations.size() == 2);
  CHECK(o.violations[0].message == "A:A,B,C (3)!");
  CHECK(o.violations[1].message == "c:a,b,c (3) C:A,B,C (3)!");
  // Functions: a let read by another let's value, around calls to functions with lets of their own.
  Outcome f = run(
      "fn twice(x) {\n  let y = [x, x]\n  return join(y, \"\")\n}\n"
      "fn describe(items) {\n"
      "  let bad = [i.n for i in items if i.bad]\n"
      "  let good = [twice(i.n) for i in items if not i.bad]\n"
      "  let parts = (len(bad) > 0 ? [\"bad {join(bad, \"+\")}\"] : []) + (len(good) > 0 ? [\"good {twice(join(good, \"+\"))}\"] : [])\n"
      "  return join(parts, \"; \")\n"
      "}\n"
      "rule r { deny describe(object.items) }\n",
      obj);
  CHECK(f.errors.empty());
  REQUIRE(f.violations.size() == 1);
  CHECK(f.violations[0].message == "bad a+c; good bbbb");
}

TEST_CASE("pod rules apply to every pod controller, with paths inside the template") {
  std::string policy = R"(
rule priv {
  match { kinds: ["Pod"] }
  for c in object.spec.containers {
    deny "{object.kind} {object.metadata.name}: {c.name}" at c.securityContext.privileged if c.securityContext.privileged
  }
}
)";
  std::string spec = "    spec:\n      containers:\n      - name: c\n        securityContext: {privileged: true}\n";
  struct Case {
    std::string yaml, path;
  } cases[] = {
      {"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: c\n    securityContext: {privileged: true}\n",
       "spec.containers[0].securityContext.privileged"},
      {"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n" + spec,
       "spec.template.spec.containers[0].securityContext.privileged"},
      {"apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec:\n  template:\n" + spec,
       "spec.template.spec.containers[0].securityContext.privileged"},
      {"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec:\n  template:\n" + spec,
       "spec.template.spec.containers[0].securityContext.privileged"},
      {"apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: x}\nspec:\n  template:\n" + spec,
       "spec.template.spec.containers[0].securityContext.privileged"},
      {"apiVersion: v1\nkind: ReplicationController\nmetadata: {name: x}\nspec:\n  template:\n" + spec,
       "spec.template.spec.containers[0].securityContext.privileged"},
      {"apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  template:\n" + spec,
       "spec.template.spec.containers[0].securityContext.privileged"},
      {"apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\nspec:\n  jobTemplate:\n    spec:\n      template:\n"
       "        spec:\n          containers:\n          - name: c\n            securityContext: {privileged: true}\n",
       "spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged"},
      {"apiVersion: v1\nkind: PodTemplate\nmetadata: {name: x}\ntemplate:\n  spec:\n    containers:\n    - name: c\n"
       "      securityContext: {privileged: true}\n",
       "template.spec.containers[0].securityContext.privileged"},
  };
  for (const Case& k : cases) {
    INFO(k.yaml);
    Outcome o = run(policy, k.yaml);
    REQUIRE(o.violations.size() == 1);
    CHECK(o.violations[0].path == k.path);
    CHECK(o.violations[0].message == "Pod x: c");  // the rule sees a Pod, named after its controller
  }
  Outcome none = run(policy, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
  CHECK(none.violations.empty());
  Outcome off = run("rule priv { match { kinds: [\"Pod\"], autogen: false } deny \"x\" }",
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {}}}\n");
  CHECK(off.violations.empty());
}

// The Pod a rule sees in a controller: the template's metadata, every key
// readable (those the policy names and those it does not), the controller's
// name and namespace only where the template has none, even a null one.
TEST_CASE("autogen: the virtual Pod's metadata is the template's, named after its controller where it has no name") {
  const std::string policy =
      "rule meta { match { kinds: [\"Pod\"] }\n"
      "  deny \"{object.apiVersion} {object.kind} {object.metadata.name} {object.metadata.namespace ?? \"-\"} \""
      " + \"{object.metadata.labels.app} {object.metadata.annotations[\"a.b/c\"]} {len(object.metadata)}\" }";
  Outcome own = run(policy,
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ctl, namespace: prod}\nspec:\n  template:\n"
                    "    metadata: {labels: {app: web, tier: x}, annotations: {a.b/c: odd}}\n    spec: {}\n");
  REQUIRE(own.violations.size() == 1);
  CHECK(own.violations[0].message == "v1 Pod ctl prod web odd 4");
  Outcome named = run(policy,
                      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ctl, namespace: prod}\nspec:\n  template:\n"
                      "    metadata: {name: tpl, namespace: null, labels: {app: a}, annotations: {a.b/c: b}}\n    spec: {}\n");
  REQUIRE(named.violations.size() == 1);
  CHECK(named.violations[0].message == "v1 Pod tpl - a b 4");  // a null namespace stays the template's
}

// An evaluation matches a run of rules with the same match block once
// (Plan::match_class); a different block in between is matched on its own.
TEST_CASE("match: neighbouring rules with equal and different match blocks") {
  std::string policy;
  for (const char* r : {"a:dev", "b:dev", "c:prod-*", "d:prod-*", "e:dev", "f:*"}) {
    std::string name(r, 1), ns(r + 2);
    policy += "rule " + name + " {\n  match { namespaces: [\"" + ns + "\"]" + (name == "d" ? ", when: false" : "") +
              " }\n  deny \"" + name + "\"\n}\n";
  }
  auto fired = [&](const std::string& ns) {
    Outcome o = run(policy, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: " + ns + "}\n");
    INFO(o.diagnostics);
    std::string names;
    for (const auto& v : o.violations) names += v.message;
    return names;
  };
  CHECK(fired("dev") == "abef");
  CHECK(fired("prod-eu") == "cf");
}

TEST_CASE("match: kinds with groups, operations, namespaces, labels, selector, when") {
  auto fires = [](const std::string& match, const std::string& input) {
    Outcome o = run("rule r {\n  match " + match + "\n  deny \"hit\"\n}\n", input);
    INFO(o.diagnostics);
    REQUIRE(o.compiled);
    return o.violations.size() == 1;
  };
  std::string deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: prod-eu, labels: {app: web, tier: fe}}\n";
  CHECK(fires("{ kinds: [\"Deployment\"] }", deploy));
  CHECK(fires("{ kinds: [\"apps/Deployment\"] }", deploy));
  CHECK(fires("{ kinds: [\"apps/v1/Deployment\"] }", deploy));
  CHECK_FALSE(fires("{ kinds: [\"extensions/Deployment\"] }", deploy));
  CHECK_FALSE(fires("{ kinds: [\"apps/v1beta1/Deployment\"] }", deploy));
  CHECK(fires("{ kinds: [\"v1/ConfigMap\"] }", "apiVersion: v1\nkind: ConfigMap\n"));
  CHECK(fires("{ namespaces: [\"prod-*\"] }", deploy));
  CHECK_FALSE(fires("{ namespaces: [\"dev\"] }", deploy));
  CHECK_FALSE(fires("{ exclude_namespaces: [\"prod-*\"] }", deploy));
  CHECK_FALSE(fires("{ namespaces: [\"*\"] }", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n"));
  CHECK(fires("{ labels: {app: \"web\"} }", deploy));
  CHECK_FALSE(fires("{ labels: {app: \"db\"} }", deploy));
  CHECK(fires("{ selector: \"app in (web, api), tier, !legacy, env!=prod\" }", deploy));
  CHECK_FALSE(fires("{ selector: \"tier notin (fe)\" }", deploy));
  CHECK(fires("{ when: object.metadata.labels.tier == \"fe\" }", deploy));
  CHECK_FALSE(fires("{ when: object.metadata.labels.tier == \"be\" }", deploy));
  // A manifest counts as CREATE.
  CHECK(fires("{ operations: [\"CREATE\"] }", deploy));
  CHECK_FALSE(fires("{ operations: [\"DELETE\"] }", deploy));
  std::string review = R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
    "uid":"1","kind":{"group":"apps","version":"v1","kind":"Deployment"},"operation":"DELETE","namespace":"prod-eu",
    "oldObject":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"prod-eu"}}}})";
  CHECK(fires("{ operations: [\"DELETE\"], kinds: [\"apps/Deployment\"] }", review));
  CHECK_FALSE(fires("{ operations: [\"CREATE\", \"UPDATE\"] }", review));
}

TEST_CASE("a file-level match applies to every rule of the file") {
  std::string policy = "match { kinds: [\"ConfigMap\"] }\nrule a { deny \"a\" }\nrule b { match { kinds: [\"Secret\"] } deny \"b\" }\n";
  Outcome cm = run(policy, "apiVersion: v1\nkind: ConfigMap\n");
  CHECK(cm.count("a") == 1);
  CHECK(cm.count("b") == 0);
  Outcome sec = run(policy, "apiVersion: v1\nkind: Secret\n");
  CHECK(sec.count("a") == 0);
  CHECK(sec.count("b") == 1);
}

TEST_CASE("params: defaults, overrides, type checks") {
  std::string policy = "param max = 3\nparam names = [\"a\"]\nrule r { deny \"{params.max} {params.names}\" }\n";
  Outcome dflt = run(policy, "kind: X\n");
  REQUIRE(dflt.violations.size() == 1);
  CHECK(dflt.violations[0].message == "3 [\"a\"]");
  Outcome set = run(policy, "kind: X\n", {{"max", "7"}, {"test.names", "[b, c]"}});
  REQUIRE(set.violations.size() == 1);
  CHECK(set.violations[0].message == "7 [\"b\",\"c\"]");
  Outcome bad = run(policy, "kind: X\n", {{"max", "many"}});
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0] == "plan: param test.max expects an int, got a string");
  Outcome unknown = run(policy, "kind: X\n", {{"mx", "1"}});
  REQUIRE(unknown.errors.size() == 1);
  CHECK(unknown.errors[0].find("unknown param \"mx\"") != std::string::npos);
}

TEST_CASE("top-level constants are folded, and `in` a constant list is a hashed set") {
  Compiled c = compile_text("let safe = [\"a\", \"b\"]\nrule r { for x in object.items if x not in safe { deny x } }\n");
  REQUIRE(c.program);
  Outcome o = evaluate(c, "kind: T\nitems: [a, z, b]\n");
  REQUIRE(o.violations.size() == 1);
  CHECK(o.violations[0].message == "z");
  bool uses_set = false;
  for (const writ::Function& f : c.program->functions)
    for (const writ::Insn& in : f.code) uses_set = uses_set || in.op() == writ::Op::InSet;
  CHECK(uses_set);
}

// An allow-list grown version by version (`v1_0() + [...]`) and passed to an
// inlined function is one constant: no `Add` at run time, and `in` it is a set.
TEST_CASE("constant lists and strings joined with + are folded, through inlined calls") {
  Compiled c = compile_text(
      "fn base() = [\"a\", \"b\"]\nfn more() = base() + [\"c\"]\nfn word() = \"x\" + \"y\"\n"
      "fn outside(xs, allowed) = [x for x in xs if x not in allowed]\n"
      "rule r { for x in outside(object.items, more()) { deny \"{x} {word()}\" } }\n");
  REQUIRE(c.program);
  Outcome o = evaluate(c, "kind: T\nitems: [a, c, z, b]\n");
  REQUIRE(o.violations.size() == 1);
  CHECK(o.violations[0].message == "z xy");
  bool uses_set = false, adds = false;
  for (const writ::Function& f : c.program->functions)
    for (const writ::Insn& in : f.code) {
      uses_set = uses_set || in.op() == writ::Op::InSet;
      adds = adds || in.op() == writ::Op::Add;
    }
  CHECK(uses_set);
  CHECK_FALSE(adds);
}

// An inlined call whose argument is a loop variable reads the loop's register
// (no Move), also through a second inlined call and a nested comprehension;
// a bool-valued call needs no Truth in and/or.
TEST_CASE("inlined params alias the caller's loop variables") {
  Compiled c = compile_text(
      "fn named(x, n) = x.name == n\nfn has(x, n) = named(x, n) or any y in x.tags: y == n\n"
      "rule r { for i in [v for v in object.items if has(v, \"a\") and not named(v, \"b\")] { deny i.id } }\n");
  REQUIRE(c.program);
  Outcome o = evaluate(c, "kind: T\nitems:\n- {id: one, name: a}\n- {id: two, name: b, tags: [a]}\n"
                          "- {id: three, name: c, tags: [x, a]}\n- {id: four, name: c}\n");
  std::string got;
  for (const auto& v : o.violations) got += v.message + " ";
  CHECK(got == "one three ");
  size_t moves_after_next = 0, truths = 0;
  for (const writ::Function& f : c.program->functions)
    for (size_t pc = 0; pc < f.code.size(); ++pc) {
      truths += f.code[pc].op() == writ::Op::Truth;
      if (pc > 0 && f.code[pc].op() == writ::Op::Move && f.code[pc - 1].op() == writ::Op::IterNext) ++moves_after_next;
    }
  CHECK(moves_after_next == 0);
  CHECK(truths == 0);
}

// Short-circuit jumps of and/or land where a compare left its result.
TEST_CASE("and, or and not over constant compares: every combination") {
  Compiled c = compile_text(
      "rule r { for i in object.items if (i.a == \"x\" and i.b != \"p\") or not i.z or i.k > 2 { deny \"{i.n}\" } }\n");
  REQUIRE(c.program);
  std::string items, want;
  int n = 0;
  for (const char* a : {"x", "w"})
    for (const char* b : {"p", "v"})
      for (const char* z : {"true", "false"})
        for (int k : {1, 3}) {
          items += "- {a: " + std::string(a) + ", b: " + b + ", z: " + z + ", k: " + std::to_string(k) + ", n: " + std::to_string(n) + "}\n";
          bool fires = (std::string(a) == "x" && std::string(b) != "p") || std::string(z) == "false" || k > 2;
          if (fires) want += std::to_string(n) + " ";
          ++n;
        }
  Outcome o = evaluate(c, "kind: T\nitems:\n" + items);
  std::string got;
  for (const auto& v : o.violations) got += v.message + " ";
  for (const auto& e : o.errors) got += "error: " + e + " ";
  for (const auto& e : o.input_errors) got += "input error: " + e + " ";
  CHECK(got == want);
}

// Keys of input maps and constant strings know their KeyTable id; `in` a
// constant set and `==` a constant compare ids when both sides have one, and
// the bytes otherwise (a key with a space is not interned).
TEST_CASE("map keys against constant sets and strings: by id or by bytes, same answers") {
  std::string few = "[\"name\", \"a b\", \"image\"]";
  std::string many = "[";
  for (int i = 0; i < 20; ++i) many += "\"k" + std::to_string(i) + "\", ";
  many += "\"name\", \"a b\"]";
  for (const std::string& set : {few, many}) {
    CAPTURE(set);
    Compiled c = compile_text("rule r {\n  for k, v in object.m if k not in " + set +
                              " { deny \"out {k}\" }\n  for k, v in object.m if k == \"name\" or k == \"a b\" "
                              "{ deny \"eq {k}\" }\n}\n");
    REQUIRE(c.program);
    Outcome o = evaluate(c, "kind: T\nm: {name: 1, \"a b\": 2, other: 3, image: 4, k19: 5}\n");
    std::vector<std::string> got;
    for (const auto& v : o.violations) got.push_back(v.message);
    bool in_many = set == many;
    std::vector<std::string> want = {"out other"};
    if (!in_many) want.push_back("out k19");
    if (in_many) want.insert(want.begin() + 1, "out image");
    want.insert(want.end(), {"eq name", "eq a b"});
    CHECK(got == want);
  }
}

TEST_CASE("`at` with a computed index or key keeps the full path") {
  Outcome o = run("rule r {\n  let xs = object.items\n  for i, x in xs if x == \"z\" { deny \"bad\" at xs[i] }\n"
                  "  let k = \"name\"\n  deny \"key\" at object.meta[k]\n}\n",
                  "kind: T\nitems: [a, z]\nmeta: {name: n}\n");
  REQUIRE(o.violations.size() == 2);
  CHECK(o.violations[0].path == "items[1]");
  CHECK(o.violations[1].path == "meta.name");
}

// `at f.offender.x` where `let f = finding(object)`: the path starts at the
// let's value; the function is not called a second time to find it.
TEST_CASE("`at` through a let bound to a call reads the let, not a second call") {
  std::string policy =
      "fn finding(o) {\n  let bad = [c for c in o.spec.containers if c.securityContext.privileged == true]\n"
      "  return len(bad) > 0 ? {message: \"privileged\", offender: bad[0]} : null\n}\n"
      "rule r {\n  let f = finding(object)\n  deny f.message at f.offender.securityContext.privileged if f != null\n}\n";
  Outcome o = run(policy, "kind: Pod\nspec:\n  containers:\n  - {name: a}\n  - {name: b, securityContext: {privileged: true}}\n");
  REQUIRE(o.violations.size() == 1);
  CHECK(o.violations[0].path == "spec.containers[1].securityContext.privileged");
  Compiled c = compile_text(policy);
  REQUIRE(c.program);
  const writ::Rule& rule = c.program->rules[0];
  std::string code = writ::disassemble(*c.program, c.program->functions[rule.body_fn]);
  INFO(code);
  size_t calls = 0;
  for (size_t at = code.find("CallFn"); at != std::string::npos; at = code.find("CallFn", at + 1)) ++calls;
  CHECK(calls == 1);
}

TEST_CASE("a base package's rules run before the derived package's") {
  Compiled c = compile_text("package base\nrule a { deny \"a\" }\n", "base.writ");
  (void)c;
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "writ-extends-order";
  fs::create_directories(dir);
  std::ofstream(dir / "base.writ") << "package order.base\nrule a { deny \"a\" }\n";
  std::ofstream(dir / "derived.writ") << "package order.derived\nextends order.base\nrule b { deny \"b\" }\n";
  Compiled both = compile_packs({(dir / "base.writ").string(), (dir / "derived.writ").string()});
  REQUIRE(both.program);
  Outcome o = evaluate(both, "kind: T\n");
  std::vector<std::string> got;
  for (const Found& f : o.violations) got.push_back(f.policy + "/" + f.rule);
  CHECK(got == std::vector<std::string>{"order.base/a", "order.derived/a", "order.derived/b"});
  fs::remove_all(dir);
}

static size_t count_op(const Compiled& c, writ::Op op) {
  size_t n = 0;
  for (const writ::Function& f : c.program->functions)
    for (const writ::Insn& in : f.code) n += in.op() == op;
  return n;
}

// len(x) > 0 (and != 0, and 0 < len(x)) is one NotEmpty: a bool, so and/or
// add no Truth; len's own errors are kept.
TEST_CASE("len(x) > 0 is one NotEmpty instruction, with len's answers and errors") {
  for (const char* test : {"len(i.v) > 0", "len(i.v) != 0", "0 < len(i.v)", "0 != len(i.v)"}) {
    INFO(test);
    Compiled c = compile_text(std::string("rule r { for i in object.items { let ok = i.on and ") + test +
                              "\n deny \"{i.n}\" if ok } }\n");
    REQUIRE(c.program);
    CHECK(count_op(c, writ::Op::NotEmpty) == 1);
    CHECK(count_op(c, writ::Op::Len) == 0);
    CHECK(count_op(c, writ::Op::Truth) == 1);  // i.on only
    Outcome o = evaluate(c, "kind: T\nitems:\n- {n: a, on: true, v: [1]}\n- {n: b, on: true, v: []}\n"
                            "- {n: c, on: true, v: {k: 1}}\n- {n: d, on: true, v: {}}\n- {n: e, on: true, v: \"s\"}\n"
                            "- {n: f, on: true, v: \"\"}\n- {n: g, on: true, v: null}\n- {n: h, on: true}\n"
                            "- {n: i, on: false, v: [1]}\n");
    std::string got;
    for (const auto& v : o.violations) got += v.message + " ";
    CHECK(got == "a c e ");
    CHECK(o.errors.empty());
    Outcome bad = evaluate(c, "kind: T\nitems:\n- {n: a, on: true, v: 3}\n");
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0] == "r: len: len needs a string, list or map, got an int");
  }
  // Other compares with len keep Len.
  Compiled c = compile_text("rule r { deny \"two\" if len(object.items) > 1 }\n");
  REQUIRE(c.program);
  CHECK(count_op(c, writ::Op::NotEmpty) == 0);
  CHECK(evaluate(c, "kind: T\nitems: [1, 2]\n").violations.size() == 1);
  CHECK(evaluate(c, "kind: T\nitems: [1]\n").violations.empty());
}

// The lazy lets of a block share one ClearFlags where the block begins; in a
// loop body it runs on every iteration, so each item computes its own lets.
TEST_CASE("lazy lets: one ClearFlags per block, cleared again on every iteration") {
  Compiled c = compile_text(
      "fn f(x) {\n  let a = [y for y in x.ys if y > 1]\n  let b = \"{x.n}: {a}\"\n  let c = len(a) + 1\n"
      "  return x.on ? b : (x.off ? c : null)\n}\n"
      "rule r {\n  for i in object.items {\n    let m = \"item {i.n}\"\n    let n = [z for z in i.ys if z > 2]\n"
      "    deny \"{m} {n} {f(i)}\" if i.on or i.off\n  }\n}\n");
  REQUIRE(c.program);
  CHECK(count_op(c, writ::Op::ClearFlags) == 2);
  CHECK(count_op(c, writ::Op::LoadBool) == 0);
  Outcome o = evaluate(c, "kind: T\nitems:\n- {n: p, on: true, ys: [1, 2, 3]}\n- {n: q, off: true, ys: [5, 0]}\n"
                          "- {n: r, ys: [9]}\n- {n: s, on: true, ys: []}\n");
  std::string got;
  for (const auto& v : o.violations) got += v.message + "|";
  CHECK(got == "item p [3] p: [2,3]|item q [5] 2|item s [] s: []|");
}

// A comprehension builds its result in its destination register: no Move
// when the loop ends, also as a let, an argument, a nested item or a branch.
TEST_CASE("comprehensions and quantifiers build their result in place") {
  const char* lets =
      "fn count_big(xs) = count x in xs: x > 1\n"
      "rule r {\n  let sq = [x * x for x in object.xs if x > 0]\n  let nested = [[y for y in object.xs if y < x] for x in object.xs]\n"
      "  let m = {k: len(v) for k, v in object.m}\n";
  std::string input = "kind: T\nxs: [2, -1, 3]\nm: {a: [1], b: []}\nflag: true\n";
  Compiled shown = compile_text(std::string(lets) +
                                "  deny \"{sq} {nested} {m} {any x in sq: x > 3} {all x in sq: x > 3} {count_big(sq)} "
                                "{object.flag ? [x for x in object.xs if x == 2] : []}\"\n}\n");
  REQUIRE(shown.program);
  Outcome o = evaluate(shown, input);
  REQUIRE(o.violations.size() == 1);
  CHECK(o.violations[0].message == "[4,9] [[-1],[],[2,-1]] {\"a\":1,\"b\":0} true true 2 [2]");
  // The same values tested instead of shown: no interpolation, so no Move at all.
  Compiled tested = compile_text(std::string(lets) +
                                 "  deny \"ok\" if sq == [4, 9] and nested[2] == [2, -1] and m.b == 0 and (any x in sq: x > 8) and "
                                 "(all x in sq: x > 3) and count_big(sq) == 2 and "
                                 "(object.flag ? [x for x in object.xs if x == 2] : []) == [2]\n}\n");
  REQUIRE(tested.program);
  CHECK(count_op(tested, writ::Op::Move) == 0);
  CHECK(evaluate(tested, input).violations.size() == 1);
  CHECK(evaluate(tested, "kind: T\nxs: [2, -1, 1]\nm: {a: [1], b: []}\nflag: true\n").violations.empty());
}

// x.f.g is one GetField2, x.f.g.h one GetField3 (x.f never stored): on
// input trees, on computed maps, through nulls and absent fields, with the
// errors of as many GetFields.
TEST_CASE("x.f.g and x.f.g.h are one GetField2 or GetField3, with the answers and errors of GetFields") {
  std::string obj = "kind: T\na: {b: {c: 1}, n: null, s: str, l: [1]}\n";
  CHECK(eval_expr("object.a.b.c", obj) == "1");
  CHECK(eval_expr("object.a.b", obj) == "{\"c\":1}");
  CHECK(eval_expr("object.a.n.x", obj) == "null");
  CHECK(eval_expr("object.a.missing.x", obj) == "null");
  CHECK(eval_expr("object.zz.b.c", obj) == "null");
  CHECK(eval_expr("object.a.s.x", obj) == "<error> r: cannot read field 'x' of a string");
  CHECK(eval_expr("object.a.l.x", obj) == "<error> r: cannot read field 'x' of a list");
  CHECK(eval_expr("object.a.b.c.d", obj) == "<error> r: cannot read field 'd' of an int");
  CHECK(eval_expr("object.kind.x.y", obj) == "<error> r: cannot read field 'x' of a string");
  CHECK(eval_expr("{p: {q: 2}}.p.q", obj) == "2");
  CHECK(eval_expr("{p: object.a}.p.b.c", obj) == "1");
  CHECK(eval_expr("{p: null}.p.q", obj) == "null");
  CHECK(eval_expr("{p: 3}.p.q", obj) == "<error> r: cannot read field 'q' of an int");
  CHECK(eval_expr("object.a.b.c.d.e", obj) == "<error> r: cannot read field 'd' of an int");
  CHECK(eval_expr("object.a.n.x.y", obj) == "null");
  CHECK(eval_expr("object.a.b.zz.y", obj) == "null");
  CHECK(eval_expr("object.a.l.x.y", obj) == "<error> r: cannot read field 'x' of a list");
  CHECK(eval_expr("{p: {q: {r: 4}}}.p.q.r", obj) == "4");
  CHECK(eval_expr("{p: object}.p.a.b.c", obj) == "1");
  CHECK(eval_expr("{p: {q: 3}}.p.q.r", obj) == "<error> r: cannot read field 'r' of an int");
  // object.a.b.c: LoadInput, then one GetField3 and its two KeyArg words;
  // object.a.b: one GetField2.
  Compiled c = compile_text("rule r { deny \"x\" if object.a.b.c == 1 and object.a.b != null }\n");
  REQUIRE(c.program);
  CHECK(count_op(c, writ::Op::GetField3) == 1);
  CHECK(count_op(c, writ::Op::GetField2) == 1);
  CHECK(count_op(c, writ::Op::KeyArg) == 3);
  CHECK(count_op(c, writ::Op::GetField) == 0);
  CHECK(evaluate(c, obj).violations.size() == 1);
}

// Conditions are lowered as jumps (if, ternary, filters, any/all, deny ...
// if): they must agree with the same expression computed as a value (a let
// compared with true), for true, false, null and a non-bool in each place,
// errors included. `not (... == true)` is always a bool: it becomes a
// reversed jump, with no Not.
TEST_CASE("conditions as jumps agree with the same conditions as values") {
  const char* conds[] = {"i.x and not (i.y == true)", "i.x or not (i.y == true)", "not (i.x == true and i.y == true)",
                         "not (i.x == true or i.y == true) and i.z", "(i.x or i.y) and (i.z or not (i.x == true))",
                         "i.x and i.y or i.z"};
  std::string items;
  int n = 0;
  for (const char* x : {"true", "false", "null", "s"})
    for (const char* y : {"true", "false", "null"})
      for (const char* z : {"true", "false", "null"})
        items += "- {n: " + std::to_string(n++) + ", x: " + x + ", y: " + y + ", z: " + z + "}\n";
  for (const char* cond : conds) {
    INFO(cond);
    std::string cd = cond;
    std::string text =
        "rule value { for i in object.items { let v = " + cd + "\n deny \"{i.n}\" if v == true } }\n"
        "rule jump { for i in object.items { deny \"{i.n}\" if " + cd + " } }\n"
        "rule ternary { for i in object.items { deny \"{i.n}\" if (" + cd + " ? 1 : 0) == 1 } }\n"
        "rule filter { for i in object.items if " + cd + " { deny \"{i.n}\" } }\n"
        "rule branch { for i in object.items { if " + cd + " { deny \"{i.n}\" } } }\n"
        "rule some { for i in object.items { deny \"{i.n}\" if any k in [1]: " + cd + " } }\n"
        "rule every { for i in object.items { deny \"{i.n}\" if not (all k in [1]: not (" + cd + ")) } }\n";
    Compiled c = compile_text(text);
    REQUIRE(c.program);
    for (int x = 0; x < 4; ++x) {  // one item at a time: an error stops the rule's loop
      std::string one;
      size_t at = 0;
      for (int skip = 0; skip < x * 9; ++skip) at = items.find("\n- ", at) + 1;
      for (int k = 0; k < 9; ++k) {
        size_t end = items.find('\n', at);
        one = items.substr(at, end - at + 1);
        at = end + 1;
        Outcome o = evaluate(c, "kind: T\nitems:\n" + one);
        std::map<std::string, std::string> by_rule;
        for (const auto& v : o.violations) by_rule[v.rule] = "fires";
        for (const auto& e : o.errors) by_rule[e.substr(0, e.find(':'))] = e.substr(e.find(':'));
        INFO(one);
        for (const char* r : {"jump", "ternary", "filter", "branch", "some", "every"}) {
          INFO(r);
          CHECK(by_rule[r] == by_rule["value"]);
        }
      }
    }
  }
  Compiled shape = compile_text("rule r { for i in object.items { deny \"x\" if i.a == 1 and not (i.b == 2) } }\n");
  REQUIRE(shape.program);
  CHECK(count_op(shape, writ::Op::Not) == 0);
  CHECK(count_op(shape, writ::Op::JumpIfFalse) == 1);  // i.a == 1 failed
  CHECK(count_op(shape, writ::Op::JumpIfTrue) == 1);   // i.b == 2 held
}

// An error inside a GetField2/GetField3 reports the span of the field that
// could not be read, not the whole chain's.
TEST_CASE("an error in a chain of field reads names the field that failed") {
  auto error_column = [](const std::string& cond) {
    writ::Span at = only_error_span("rule r {\n  deny \"x\" if " + cond + " == 1\n}\n", "kind: T\na: {s: str, b: {n: 3}}\n");
    CHECK(at.line == 2);
    return at.column;
  };
  // "  deny \"x\" if " is 14 columns: `object` is at 15, and a span starts
  // at the name of the field read.
  CHECK(error_column("object.a.s.x") == 26);    // GetField3 a.s.x: x of a string
  CHECK(error_column("object.a.s.x.y") == 26);  // GetField a, GetField3 s.x.y: still x
  CHECK(error_column("object.a.b.n.z") == 28);  // z of an int
  CHECK(error_column("object.kind.x") == 27);   // GetField2 kind.x
  CHECK(error_column("object.kind.x.y") == 27);
}

// Interpolation: all-string parts are sized and copied once; any other part
// is shown as JSON; empty parts and an empty result are fine.
TEST_CASE("interpolation of strings, empty strings and other values") {
  std::string obj = "kind: T\ns: ab\ne: \"\"\nn: 3\nl: [1, x]\n";
  CHECK(eval_expr("\"<{object.s}|{object.e}|{object.s}>\"", obj) == "<ab||ab>");
  CHECK(eval_expr("\"{object.e}{object.e}\"", obj) == "");
  CHECK(eval_expr("len(\"{object.e}{object.e}\")", obj) == "0");
  CHECK(eval_expr("\"{object.s}={object.n} {object.l} {object.missing}\"", obj) == "ab=3 [1,\"x\"] null");
  CHECK(eval_expr("\"{object.s}{object.s}\" == \"abab\"", obj) == "true");
}
