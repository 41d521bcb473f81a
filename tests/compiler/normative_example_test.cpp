// LANGUAGE.md's normative example must behave exactly as its table says.
#include "support/writ_test.hpp"

using namespace writ::testing;

TEST_CASE("the normative example yields exactly the four violations of LANGUAGE.md") {
  Compiled c = compile_text(read_file(source_path("examples/policies/pods.writ")), "pods.writ");
  REQUIRE(c.program != nullptr);
  Outcome o = evaluate(c, read_file(source_path("examples/manifests/web-deployment.yaml")));
  REQUIRE(o.errors.empty());
  REQUIRE(o.violations.size() == 4);
  const std::vector<Found> want = {
      {"example.pods", "host_namespaces", "deny", "hostNetwork must not be true", "spec.template.spec.hostNetwork"},
      {"example.pods", "capabilities", "deny", "container web must not add capability NET_ADMIN",
       "spec.template.spec.containers[0].securityContext.capabilities.add[0]"},
      {"example.pods", "capabilities", "deny", "container web must not add capability SYS_TIME",
       "spec.template.spec.containers[0].securityContext.capabilities.add[1]"},
      {"example.pods", "capabilities", "warn", "container web should drop ALL capabilities",
       "spec.template.spec.containers[0]"},
  };
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("violation " << i);
    CHECK(o.violations[i].rule == want[i].rule);
    CHECK(o.violations[i].action == want[i].action);
    CHECK(o.violations[i].message == want[i].message);
    CHECK(o.violations[i].path == want[i].path);
  }
}

TEST_CASE("the CLI prints the normative example as JSON with exit code 1") {
  std::string out;
  int rc = run_cli({"eval", "-p", "examples/policies/pods.writ", "examples/manifests/web-deployment.yaml", "--format", "json"}, &out);
  CHECK(rc == 1);
  CHECK(out.find("\"path\": \"spec.template.spec.hostNetwork\"") != std::string::npos);
  CHECK(out.find("\"summary\": {\"resources\": 1, \"violations\": 4, \"deny\": 3, \"warn\": 1, \"audit\": 0, \"errors\": 0}") != std::string::npos);
}
