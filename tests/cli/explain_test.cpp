// `writ eval --explain`: why a violation fired (condition, operand values,
// loop bindings) and, for a named rule, why it did not.
#include "support/writ_test.hpp"

using namespace writ::testing;

TEST_CASE("explain: each violation shows the condition, its operands and the loop bindings") {
  std::string out;
  int rc = run_cli({"eval", "-p", "examples/policies/pods.writ", "examples/manifests/web-deployment.yaml", "--explain"}, &out);
  CHECK(rc == 1);
  CHECK(out.find("         hostNetwork must not be true\n"
                 "           because spec.hostNetwork == true\n"
                 "             spec.hostNetwork = true\n") != std::string::npos);
  CHECK(out.find("         container web must not add capability SYS_TIME\n"
                 "           because cap not in params.allowed_caps\n"
                 "             cap = \"SYS_TIME\"\n"
                 "             params.allowed_caps = [\"NET_BIND_SERVICE\"]\n"
                 "             where c = spec.template.spec.containers[0] (name \"web\")\n"
                 "             where cap = spec.template.spec.containers[0].securityContext.capabilities.add[1] (\"SYS_TIME\")\n") !=
        std::string::npos);
  CHECK(out.find("           because \"ALL\" not in sc(c).capabilities.drop ?? []\n"
                 "             sc(c).capabilities.drop ?? [] = []\n") != std::string::npos);
}

TEST_CASE("explain: a named rule says which condition was false, or which match clause excluded the resource") {
  std::string out;
  run_cli({"eval", "-p", "examples/policies/pods.writ", "examples/manifests/api-pod.yaml", "--explain", "host_namespaces"}, &out);
  CHECK(out.find("example.pods/host_namespaces did not fire: every condition was false\n"
                 "           not fired: spec.hostNetwork == true\n"
                 "             spec.hostNetwork = null\n") != std::string::npos);
  run_cli({"eval", "-p", "examples/policies/pods.writ", "-", "--explain", "example.pods/host_namespaces", "--format", "json"}, &out,
          nullptr, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
  CHECK(out.find("\"explain\": [\"example.pods/host_namespaces did not fire: its match excludes this resource "
                 "(kind is not among `kinds`)\"]") != std::string::npos);
  std::string err;
  CHECK(run_cli({"eval", "-p", "examples/policies/pods.writ", "examples/manifests/api-pod.yaml", "--explain", "nope"}, &out, &err) == 2);
  CHECK(err.find("--explain nope: the policies have no such rule") != std::string::npos);
}

TEST_CASE("explain: probes are only compiled when asked for") {
  Compiled c = compile_text(read_file(source_path("examples/policies/pods.writ")), "pods.writ");
  REQUIRE(c.program);
  CHECK(c.program->explains.empty());
  for (const writ::Function& f : c.program->functions)
    for (const writ::Insn& in : f.code) CHECK(in.op() != writ::Op::Probe);
}
