// `writ audit`: every format, parsed back and checked for the fields its
// consumers require; determinism; --fail-on; cross-resource rules.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"
#include "support/writ_test.hpp"

using namespace writ;
using namespace writ::testing;

namespace {

const std::vector<std::string> kPolicies = {"-p", "examples/policies/pods.writ", "-p", "examples/policies/namespaces.writ"};
const char* kCluster = "tests/cli/audit/cluster.yaml";

std::vector<std::string> args(std::initializer_list<std::string> extra) {
  std::vector<std::string> a = {"audit"};
  a.insert(a.end(), kPolicies.begin(), kPolicies.end());
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

// A parsed JSON document and helpers to walk it.
struct Json {
  KeyTable keys;
  Document doc{&keys};
  Value root;
  explicit Json(const std::string& text) {
    JsonDecoder dec;
    DecodeError err;
    INFO(text.substr(0, 400));
    REQUIRE(dec.decode(text, doc, &err));
    root = doc.root_value();
  }
};

Value at(const Value& v, std::string_view key) {
  Value out;
  if (v.type == Type::Map && map_get_str(v, key, &out)) return out;
  return Value::null();
}
std::string str(const Value& v) { return v.type == Type::String ? std::string(v.str()) : ""; }

// The test cluster dump with namespace beta's default-deny NetworkPolicy cut out.
std::string cluster_without_beta_network_policy() {
  std::string text = read_file(source_path(kCluster));
  std::string np_beta = "- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: default-deny, namespace: beta}\n";
  size_t at_np = text.find(np_beta);
  REQUIRE(at_np != std::string::npos);
  text.erase(at_np, np_beta.size() + std::string("  spec: {podSelector: {}, policyTypes: [Ingress]}\n").size());
  return text;
}

}  // namespace

TEST_CASE("audit: text groups by namespace and sums up by rule") {
  std::string out;
  int rc = run_cli(args({kCluster}), &out);
  CHECK(rc == 1);
  CHECK(out.find("Namespace beta\n  Pod beta/db  tests/cli/audit/cluster.yaml:18\n") != std::string::npos);
  CHECK(out.find("Namespace alpha") == std::string::npos);  // nothing to report there
  CHECK(out.find("Summary by rule") != std::string::npos);
  CHECK(out.find("7 resources checked (7 objects, 0 audit events), 6 without findings; 3 violations (2 deny, 1 warn, 0 audit), 0 errors") !=
        std::string::npos);
}

TEST_CASE("audit: json and jsonl parse back") {
  std::string out;
  run_cli(args({kCluster, "--format", "json"}), &out);
  Json j(out);
  Value summary = at(j.root, "summary");
  CHECK(at(summary, "resources").i == 7);
  CHECK(at(summary, "deny").i == 2);
  CHECK(at(j.root, "results").len == 7);
  run_cli(args({kCluster, "--format", "jsonl"}), &out);
  std::istringstream lines(out);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    Json l(line);
    CHECK(at(l.root, "violations").type == Type::List);
    CHECK(!str(at(l.root, "source")).empty());
  }
  CHECK(n == 7);
}

TEST_CASE("audit: SARIF has every field code-scanning tools require") {
  std::string out;
  run_cli(args({kCluster, "--format", "sarif"}), &out);
  Json j(out);
  CHECK(str(at(j.root, "version")) == "2.1.0");
  CHECK(str(at(j.root, "$schema")).find("sarif-2.1.0") != std::string::npos);
  Value run = list_at(at(j.root, "runs"), 0);
  Value driver = at(at(run, "tool"), "driver");
  CHECK(str(at(driver, "name")) == "writ");
  Value rules = at(driver, "rules");
  REQUIRE(rules.len >= 4);
  for (uint32_t i = 0; i < rules.len; ++i) {
    Value r = list_at(rules, i);
    CHECK(!str(at(r, "id")).empty());
    CHECK(!str(at(at(r, "shortDescription"), "text")).empty());
    CHECK(!str(at(at(r, "help"), "text")).empty());
  }
  Value results = at(run, "results");
  REQUIRE(results.len == 3);
  for (uint32_t i = 0; i < results.len; ++i) {
    Value r = list_at(results, i);
    CHECK(!str(at(r, "ruleId")).empty());
    CHECK(at(r, "ruleIndex").type == Type::Int);
    CHECK((str(at(r, "level")) == "error" || str(at(r, "level")) == "warning"));
    CHECK(!str(at(at(r, "message"), "text")).empty());
    Value loc = at(list_at(at(r, "locations"), 0), "physicalLocation");
    CHECK(str(at(at(loc, "artifactLocation"), "uri")) == kCluster);
    CHECK(at(at(loc, "region"), "startLine").i == 18);
  }
  CHECK(at(list_at(at(run, "invocations"), 0), "executionSuccessful").is_true());
}

TEST_CASE("audit: PolicyReports follow the wgpolicyk8s.io/v1alpha2 CRD") {
  std::string out;
  std::string cmd;
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  run_cli(args({kCluster, "--format", "policyreport"}), &out);
  Compiled c = compile_text("rule r { deny \"x\" }");
  InputLoader loader(c.program->keys);
  std::vector<LoadedDocument> docs;
  loader.load_text(out, "report.yaml", InputFormat::kYaml, [&](LoadedDocument&& d) { docs.push_back(std::move(d)); });
  REQUIRE(docs.size() == 3);  // cluster-scoped, alpha, beta
  std::set<std::string> kinds;
  const std::set<std::string> results_enum = {"pass", "fail", "warn", "error", "skip"};
  const std::set<std::string> severity_enum = {"critical", "high", "medium", "low", "info"};
  int fails = 0;
  for (const LoadedDocument& d : docs) {
    REQUIRE(d.ok());
    Value root = d.doc->root_value();
    CHECK(str(at(root, "apiVersion")) == "wgpolicyk8s.io/v1alpha2");
    kinds.insert(str(at(root, "kind")));
    bool cluster = str(at(root, "kind")) == "ClusterPolicyReport";
    CHECK(!str(at(at(root, "metadata"), "name")).empty());
    CHECK(cluster == str(at(at(root, "metadata"), "namespace")).empty());
    Value summary = at(root, "summary");
    for (const char* k : {"pass", "fail", "warn", "error", "skip"}) CHECK(at(summary, k).type == Type::Int);
    Value results = at(root, "results");
    for (uint32_t i = 0; i < results.len; ++i) {
      Value r = list_at(results, i);
      CHECK(!str(at(r, "policy")).empty());
      CHECK(results_enum.count(str(at(r, "result"))));
      CHECK(severity_enum.count(str(at(r, "severity"))));
      CHECK(at(at(r, "timestamp"), "seconds").i == 1700000000);
      CHECK(at(at(r, "timestamp"), "nanos").i == 0);
      Value res = list_at(at(r, "resources"), 0);
      CHECK(!str(at(res, "kind")).empty());
      CHECK(!str(at(res, "name")).empty());
      Value props = at(r, "properties");
      for (uint32_t k = 0; k < props.len; ++k) CHECK(map_value_at(props, k).type == Type::String);  // map[string]string
      fails += str(at(r, "result")) == "fail";
    }
  }
  CHECK(kinds == std::set<std::string>{"PolicyReport", "ClusterPolicyReport"});
  CHECK(fails == 2);
}

TEST_CASE("audit: JUnit XML is well formed") {
  std::string out;
  int rc = run_cli(args({kCluster, "--format", "junit"}), &out);
  CHECK(rc == 1);
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / "writ-audit-junit.xml";
  std::ofstream(file) << out;
  std::string check = "python3 -c \"import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
                      "assert r.tag == 'testsuites'; s = r.findall('testsuite'); assert s; "
                      "assert all(t.get('name') and t.get('tests') for t in s); "
                      "assert sum(len(t.findall('testcase/failure')) for t in s) == int(r.get('failures')) == 2\" " +
                      file.string();
  CHECK(std::system(check.c_str()) == 0);
  fs::remove(file);
}

TEST_CASE("audit: --fail-on sets the threshold") {
  std::string out;
  CHECK(run_cli(args({"examples/manifests/api-pod.yaml"}), &out) == 0);
  CHECK(run_cli({"audit", "-p", "examples/policies/pods.writ", "examples/manifests/web-deployment.yaml", "--fail-on", "none"}, &out) == 0);
  CHECK(run_cli({"audit", "-p", "examples/policies/pods.writ", "examples/manifests/web-deployment.yaml", "--fail-on", "deny"}, &out) == 1);
  // A warn-only finding fails only with --fail-on warn (or audit).
  std::string warn_only = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n";
  CHECK(run_cli({"audit", "-p", "examples/policies/pods.writ", "-", "--fail-on", "deny"}, &out, nullptr, warn_only) == 0);
  CHECK(run_cli({"audit", "-p", "examples/policies/pods.writ", "-", "--fail-on", "warn"}, &out, nullptr, warn_only) == 1);
  CHECK(run_cli({"audit", "-p", "examples/policies/pods.writ", "-", "--fail-on", "audit"}, &out, nullptr, warn_only) == 1);
}

TEST_CASE("audit: removing one namespace's NetworkPolicy makes exactly that namespace fail") {
  std::string out;
  run_cli(args({kCluster, "--format", "jsonl"}), &out);
  CHECK(out.find("default_deny_network_policy") == std::string::npos);
  namespace fs = std::filesystem;
  std::string text = cluster_without_beta_network_policy();
  fs::path file = fs::temp_directory_path() / "writ-audit-cluster-without-np.yaml";
  std::ofstream(file) << text;
  run_cli(args({file.string(), "--format", "jsonl"}), &out);
  fs::remove(file);
  std::istringstream lines(out);
  std::vector<std::string> failing;
  for (std::string line; std::getline(lines, line);) {
    Json l(line);
    Value vs = at(l.root, "violations");
    for (uint32_t i = 0; i < vs.len; ++i)
      if (str(at(list_at(vs, i), "rule")) == "default_deny_network_policy")
        failing.push_back(str(at(at(l.root, "resource"), "name")));
  }
  CHECK(failing == std::vector<std::string>{"beta"});
}

// Without a cross-resource rule the audit streams in batches of 1,024
// resources: 2,500 pods with an unreadable line at 1,500 must come out
// complete, in input order, the error in its place, on 1 and 2 threads.
TEST_CASE("audit: a streamed run reports every resource in input order, input errors in place") {
  std::string input;
  for (int i = 1; i <= 2500; ++i) {
    if (i == 1500) {
      input += "{\"kind\": \"Pod\", \"metadata\": \n";  // truncated: an input error
      continue;
    }
    input += "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p" + std::to_string(i) +
             "\", \"namespace\": \"ns\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"x\"" +
             (i % 3 == 0 ? ", \"securityContext\": {\"privileged\": true}" : "") + "}]}}\n";
  }
  std::string one, two;
  CHECK(run_cli({"audit", "-p", "pss/baseline", "--format", "jsonl", "--threads", "1", "-"}, &one, nullptr, input) == 2);
  CHECK(run_cli({"audit", "-p", "pss/baseline", "--format", "jsonl", "--threads", "2", "-"}, &two, nullptr, input) == 2);
  CHECK(one == two);
  std::istringstream lines(one);
  int n = 0, privileged = 0;
  for (std::string line; std::getline(lines, line);) {
    ++n;
    Json l(line);
    INFO("record " << n << ": " << line.substr(0, 200));
    if (n == 1500) {
      CHECK(str(at(l.root, "source")).starts_with("-:1500:"));
      CHECK(at(l.root, "violations").len == 0);
      continue;
    }
    CHECK(str(at(at(l.root, "resource"), "name")) == "p" + std::to_string(n));
    if (at(l.root, "violations").len > 0) ++privileged;
  }
  CHECK(n == 2500);
  CHECK(privileged == 832);  // every third pod (833) but the 1,500th
}

// k8s.list and k8s.lookup read the run: `writ eval` keeps it whole for them
// (it used to stream and the look-ups found nothing).
TEST_CASE("eval: a policy calling k8s.list sees the other resources of the run") {
  std::string text = cluster_without_beta_network_policy();
  std::string out;
  CHECK(run_cli({"eval", "-p", "examples/policies/namespaces.writ", "--format", "json", "-"}, &out, nullptr, text) == 1);
  CHECK(out.find("namespace beta runs pods but has no default-deny NetworkPolicy") != std::string::npos);
}
