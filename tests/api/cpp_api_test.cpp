// The C++ embedding API (include/writ/writ.hpp).

#include "runtime/bytecode/bundle.hpp"
#include "runtime/bytecode/bundle_format.hpp"
#include "support/writ_test.hpp"
#include "writ/writ.hpp"

using namespace writ::testing;

// pss/restricted and examples/policies, compiled into this binary as machine
// code (tests/CMakeLists.txt: writ_add_machine_code).
extern const writ::EmbeddedProgram api_test_policies;

namespace {

const char* kPolicy = R"(package api.test
import k8s
param max_replicas = 3
rule replicas {
  match { kinds: ["Deployment"] }
  deny "too many replicas: {object.spec.replicas}" at object.spec.replicas if object.spec.replicas > params.max_replicas
}
rule privileged {
  for c in k8s.containers(object) {
    deny "container {c.name} is privileged" at c.securityContext.privileged if c.securityContext.privileged == true
  }
}
)";

const char* kDeployment = R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
  "spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"app","image":"x","securityContext":{"privileged":true}}]}}}})";

}  // namespace

TEST_CASE("api: compile, evaluate, findings with paths") {
  auto set = writ::PolicySet::compile_source("api.writ", kPolicy);
  REQUIRE(set.ok());
  writ::Evaluator ev(*set);
  writ::Verdict v = ev.evaluate_json(kDeployment);
  CHECK_FALSE(v.allowed);
  REQUIRE(v.findings.size() == 2);
  CHECK(v.findings[0].rule == "replicas");
  CHECK(v.findings[0].path == "spec.replicas");
  CHECK(v.findings[0].message == "too many replicas: 5");
  CHECK(v.findings[1].path == "spec.template.spec.containers[0].securityContext.privileged");
  CHECK(v.findings[1].span == "api.writ:10:5");
  CHECK(v.to_json().rfind("{\"allowed\":false,\"violations\":[{\"policy\":\"api.test\",\"rule\":\"replicas\"", 0) == 0);
  // YAML too, and the evaluator is reusable.
  writ::Verdict y = ev.evaluate_yaml("apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1}\n");
  CHECK(y.allowed);
  CHECK(y.findings.empty());
}

TEST_CASE("api: diagnostics are values, with positions") {
  auto set = writ::PolicySet::compile_source("bad.writ", "rule r {\n  deny \"x\" if 1 + \"a\" == 2\n}\n");
  REQUIRE_FALSE(set.ok());
  REQUIRE(set.problems().size() == 1);
  const writ::Problem& p = set.problems()[0];
  CHECK(p.file == "bad.writ");
  CHECK(p.line == 2);
  CHECK(p.column == 17);
  CHECK(p.message == "cannot apply '+' to an int and a string");
  CHECK(p.text.find("   |                 ^") != std::string::npos);
  // Bad input is a problem of the verdict, never allowed.
  auto ok = writ::PolicySet::compile_source("api.writ", kPolicy);
  writ::Evaluator ev(*ok);
  writ::Verdict v = ev.evaluate_json("{\"kind\": ");
  CHECK_FALSE(v.allowed);
  REQUIRE(v.input_problems.size() == 1);
  CHECK(v.input_problems[0].message.find("invalid JSON") != std::string::npos);
}

TEST_CASE("api: params at compile time and with_params") {
  writ::PolicySetOptions opts;
  opts.params["max_replicas"] = "10";
  auto set = writ::PolicySet::compile_source("api.writ", kPolicy, opts);
  REQUIRE(set.ok());
  writ::Evaluator ev(*set);
  CHECK(ev.evaluate_json(kDeployment).findings.size() == 1);  // only privileged now
  auto strict = set->with_params({{"max_replicas", "1"}});
  REQUIRE(strict.ok());
  writ::Evaluator ev2(*strict);
  CHECK(ev2.evaluate_json(kDeployment).findings.size() == 2);
  auto bad = set->with_params({{"max_replicas", "many"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.problems()[0].message == "param api.test.max_replicas expects an int, got a string");
}

TEST_CASE("api: host functions are callable from policies") {
  writ::PolicySetOptions opts;
  writ::HostFunction owner;
  owner.name = "corp.owner_of";
  owner.min_args = owner.max_args = 1;
  owner.fn = [](std::span<const writ::HostValue> args) -> std::variant<writ::HostValue, std::string> {
    if (!args[0].is_string()) return std::string("owner_of needs a namespace name");
    if (args[0].as_string() == "shop") return writ::HostValue(writ::HostValue::Map{{"team", "payments"}, {"oncall", true}});
    return writ::HostValue();
  };
  opts.functions.push_back(owner);
  auto set = writ::PolicySet::compile_source("host.writ", R"(import corp
rule owned {
  let o = corp.owner_of(object.metadata.namespace)
  deny "{object.metadata.name} has no owner" if o == null
  warn "owned by {o.team}" if o.oncall
}
)",
                                              opts);
  REQUIRE(set.ok());
  writ::Evaluator ev(*set);
  writ::Verdict v = ev.evaluate_json(kDeployment);
  REQUIRE(v.findings.size() == 1);
  CHECK(v.findings[0].message == "owned by payments");
  writ::Verdict none = ev.evaluate_json(R"({"kind":"Pod","metadata":{"name":"p","namespace":"other"}})");
  REQUIRE(none.findings.size() == 1);
  CHECK(none.findings[0].message == "p has no owner");
  writ::Verdict err = ev.evaluate_json(R"({"kind":"Pod","metadata":{"name":"p"}})");  // no namespace: null
  REQUIRE(err.errors.size() == 1);
  CHECK(err.errors[0].message == "corp.owner_of: owner_of needs a namespace name");
  CHECK_FALSE(err.allowed);  // errors fail closed
}

TEST_CASE("api: inventory and namespaceObject for cross-resource rules") {
  auto set = writ::PolicySet::compile({source_path("examples/policies/namespaces.writ")});
  REQUIRE(set.ok());
  auto inv = set->make_inventory({R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"shop"}})",
                                  "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api-sa, namespace: shop}\n"});
  REQUIRE(inv.ok());
  writ::Evaluator ev(*set);
  writ::Context ctx;
  ctx.inventory = *inv;
  writ::Verdict ns = ev.evaluate_json(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}})", ctx);
  REQUIRE(ns.findings.size() == 1);
  CHECK(ns.findings[0].rule == "default_deny_network_policy");
  writ::Verdict pod = ev.evaluate_json(
      R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"shop"},"spec":{"serviceAccountName":"api-sa"}})", ctx);
  CHECK(pod.findings.empty());
  auto bad = set->make_inventory({"{\"kind\": "});
  CHECK_FALSE(bad.ok());
}

TEST_CASE("api: AdmissionReview in, AdmissionReview response out") {
  auto set = writ::PolicySet::compile_source("api.writ", kPolicy);
  writ::Evaluator ev(*set);
  std::string review = std::string(R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
    "kind":{"group":"apps","version":"v1","kind":"Deployment"},"operation":"CREATE","namespace":"shop","object":)") +
                       kDeployment + "}}";
  auto resp = ev.admission_response(review);
  REQUIRE(resp.ok());
  CHECK(*resp == "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"705ab4f5-6393-11e8-b7cc-42010a800002\","
                 "\"allowed\":false,\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":\"api.test/replicas: too many replicas: 5 "
                 "(spec.replicas); api.test/privileged: container app is privileged (spec.template.spec.containers[0].securityContext.privileged)\"}}}");
  auto bad = ev.admission_response("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.problems()[0].message == "the AdmissionReview has no request.uid");
}

TEST_CASE("api: a bundle gives the same verdicts as the sources, and loads faster") {
  auto set = writ::PolicySet::compile({"pss/restricted", source_path("examples/policies/pods.writ")});
  REQUIRE(set.ok());
  std::string bytes = set->bundle_bytes();
  auto loaded = writ::PolicySet::load_bundle_bytes(bytes);
  REQUIRE(loaded.ok());
  CHECK(loaded->rules().size() == set->rules().size());
  writ::Evaluator a(*set), b(*loaded);
  for (const char* path : {"examples/manifests/web-deployment.yaml", "examples/manifests/api-pod.yaml",
                           "examples/manifests/backup-cronjob.yaml"}) {
    std::string yaml = read_file(source_path(path));
    yaml = yaml.substr(yaml.find("apiVersion"));
    CHECK(a.evaluate_yaml(yaml).to_json() == b.evaluate_yaml(yaml).to_json());
  }
  // A bundle of another format version is refused with a clear error.
  std::string other = bytes;
  other[8] = 9;
  auto refused = writ::PolicySet::load_bundle_bytes(other);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].message.find("bundle format version 9 is not supported by this writ (it reads version " +
                                          std::to_string(writ::bundle::kFormatVersion) + ")") != std::string::npos);
  auto garbage = writ::PolicySet::load_bundle_bytes("not a bundle at all");
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.problems()[0].message == "not a writ bundle (no WRITBNDL header)");
}

// What a finding says, without the span (the two sides name the policy
// files by different paths).
std::string findings_of(const writ::Verdict& v) {
  std::string s = v.allowed ? "allowed\n" : "denied\n";
  for (const writ::Finding& f : v.findings)
    s += f.action + " " + f.policy + "/" + f.rule + " " + f.severity + " " + f.path + ": " + f.message + "\n";
  for (const writ::RuleError& e : v.errors) s += "error " + e.rule + ": " + e.message + "\n";
  return s;
}

TEST_CASE("api: policies compiled in as machine code (load_embedded) decide as their sources, params included") {
  for (const std::map<std::string, std::string>& params :
       {std::map<std::string, std::string>{}, std::map<std::string, std::string>{{"allowed_caps", "[NET_ADMIN, SYS_TIME]"}}}) {
    writ::PolicySetOptions options;
    options.params = params;
    auto compiled = writ::PolicySet::compile({"pss/restricted", source_path("examples/policies")}, options);
    auto embedded = writ::PolicySet::load_embedded(api_test_policies, options);
    REQUIRE(compiled.ok());
    REQUIRE(embedded.ok());
    CHECK(embedded->rules().size() == compiled->rules().size());
    writ::Evaluator a(*compiled), b(*embedded);
    size_t findings = 0;
    for (const char* path : {"examples/manifests/web-deployment.yaml", "examples/manifests/api-pod.yaml",
                             "examples/manifests/backup-cronjob.yaml"}) {
      std::string yaml = read_file(source_path(path));
      yaml = yaml.substr(yaml.find("apiVersion"));
      writ::Verdict x = a.evaluate_yaml(yaml), y = b.evaluate_yaml(yaml);
      CHECK(findings_of(x) == findings_of(y));
      CHECK(x.instructions == y.instructions);
      findings += y.findings.size();
    }
    CHECK(findings > 10);
  }
  writ::PolicySetOptions unknown;
  unknown.params = {{"no_such_param", "1"}};
  CHECK_FALSE(writ::PolicySet::load_embedded(api_test_policies, unknown).ok());
}

TEST_CASE("api: corrupt bundles are refused, never crash (forged checksums reach the verifier)") {
  auto set = writ::PolicySet::compile({source_path("examples/policies/pods.writ")});
  REQUIRE(set.ok());
  std::string bytes = set->bundle_bytes(false);
  std::string payload = bytes.substr(writ::bundle::kHeaderSize);
  uint64_t seed = 12345;
  auto next = [&] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return seed >> 33;
  };
  size_t refused = 0, accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string p = payload;
    int flips = 1 + static_cast<int>(next() % 4);
    for (int f = 0; f < flips; ++f) p[next() % p.size()] = static_cast<char>(next());
    if (round % 7 == 0) p.resize(next() % p.size());  // truncation
    auto r = writ::PolicySet::load_bundle_bytes(writ::bundle::frame(p));
    if (!r.ok()) {
      ++refused;
      continue;
    }
    ++accepted;  // a mutation that still verifies must still evaluate safely
    writ::Evaluator ev(*r);
    (void)ev.evaluate_json(kDeployment);
  }
  CHECK(refused > 0);
  CHECK(refused + accepted == 3000);
  // A checksum mismatch is caught before anything is read.
  std::string tampered = bytes;
  tampered[tampered.size() - 3] ^= 0x40;
  auto r = writ::PolicySet::load_bundle_bytes(tampered);
  REQUIRE_FALSE(r.ok());
  CHECK(r.problems()[0].message == "corrupt bundle: checksum mismatch");
}
