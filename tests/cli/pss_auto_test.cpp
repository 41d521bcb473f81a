// -p pss/auto: Pod Security levels from Namespace labels, per mode.
#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/ops.hpp"
#include "support/writ_test.hpp"

using namespace writ::testing;

namespace {
// (namespace/name, action, rule) of every violation in a JSON report.
std::vector<std::string> findings(const std::string& json) {
  writ::KeyTable keys;
  writ::Document doc(&keys);
  writ::JsonDecoder dec;
  writ::DecodeError err;
  REQUIRE(dec.decode(json, doc, &err));
  auto at = [](const writ::Value& v, const char* k) {
    writ::Value out;
    return writ::map_get_str(v, k, &out) ? out : writ::Value::null();
  };
  std::vector<std::string> out;
  writ::Value results = at(doc.root_value(), "results");
  for (uint32_t i = 0; i < results.len; ++i) {
    writ::Value r = writ::list_at(results, i);
    writ::Value res = at(r, "resource");
    std::string who = std::string(at(res, "namespace").str()) + "/" + std::string(at(res, "name").str()) + " " +
                      std::string(at(res, "kind").str());
    writ::Value vs = at(r, "violations");
    for (uint32_t j = 0; j < vs.len; ++j) {
      writ::Value v = writ::list_at(vs, j);
      out.push_back(who + " " + std::string(at(v, "action").str()) + " " + std::string(at(v, "policy").str()) + "/" +
                    std::string(at(v, "rule").str()));
    }
  }
  return out;
}
size_t count_prefix(const std::vector<std::string>& xs, const std::string& prefix) {
  size_t n = 0;
  for (const std::string& x : xs) n += x.rfind(prefix, 0) == 0;
  return n;
}
}  // namespace

TEST_CASE("pss/auto applies each namespace's labelled levels") {
  std::string out;
  int rc = run_cli({"eval", "-p", "pss/auto", "tests/cli/pss_auto/namespaces.yaml", "--format", "json"}, &out);
  CHECK(rc == 1);
  auto f = findings(out);
  // enforce: restricted (v1.30) in `locked`: a plain pod fails four restricted checks.
  CHECK(count_prefix(f, "locked/plain Pod deny pss.restricted/") == 4);
  // enforce: baseline + warn: restricted in `relaxed`.
  CHECK(count_prefix(f, "relaxed/plain Pod deny ") == 0);
  CHECK(count_prefix(f, "relaxed/plain Pod warn pss.restricted/") == 4);
  CHECK(std::count(f.begin(), f.end(), "relaxed/privileged Pod deny pss.baseline/privileged") == 1);
  CHECK(std::count(f.begin(), f.end(), "relaxed/privileged Pod warn pss.restricted/privileged") == 1);
  // No labels: privileged, nothing checked.
  CHECK(count_prefix(f, "open/") == 0);
  // Enforce applies to Pods only: a Deployment in `locked` is not denied.
  CHECK(count_prefix(f, "locked/web Deployment") == 0);
}

TEST_CASE("pss/auto: warn and audit also cover pod controllers, and invalid labels fail closed") {
  std::string input = R"(apiVersion: v1
kind: Namespace
metadata:
  name: team
  labels: {pod-security.kubernetes.io/audit: restricted, pod-security.kubernetes.io/enforce: bogus}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: team}
spec: {template: {spec: {containers: [{name: app, image: nginx}]}}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team}
spec: {containers: [{name: app, image: nginx}]}
)";
  std::string out;
  run_cli({"eval", "-p", "pss/auto", "-", "--format", "json"}, &out, nullptr, input);
  auto f = findings(out);
  CHECK(count_prefix(f, "team/web Deployment audit pss.restricted/") == 4);
  CHECK(count_prefix(f, "team/web Deployment deny") == 0);
  // An invalid enforce level is enforced as restricted.
  CHECK(count_prefix(f, "team/p Pod deny pss.restricted/") == 4);
}

TEST_CASE("pss/auto combines with other policies and works in audits") {
  std::string out;
  int rc = run_cli({"audit", "-p", "pss/auto", "-p", "examples/policies/pods.writ", "tests/cli/pss_auto/namespaces.yaml",
                    "--format", "json"},
                   &out);
  CHECK(rc == 1);
  auto f = findings(out);
  CHECK(count_prefix(f, "locked/plain Pod deny pss.restricted/") == 4);
  CHECK(count_prefix(f, "open/privileged Pod warn example.pods/capabilities") == 1);  // the other policy still runs
  CHECK(count_prefix(f, "open/privileged Pod deny pss") == 0);
}
