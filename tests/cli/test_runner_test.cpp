// `writ test` itself: failures produce a diff and exit 1, malformed suites a
// clear error with file and line and exit 2, JUnit output is well formed.
#include "support/writ_test.hpp"

using namespace writ::testing;

TEST_CASE("writ test: wrong expectations fail with a diff and exit code 1") {
  std::string out;
  int rc = run_cli({"test", "tests/cli/suites/failing"}, &out);
  CHECK(rc == 1);
  CHECK(out.find("FAIL  counts differ\n"
                 "        capabilities: expected deny 3, got 2\n"
                 "          + deny  spec.template.spec.containers[0].securityContext.capabilities.add[0]: container web must not add capability NET_ADMIN\n") !=
        std::string::npos);
  CHECK(out.find("        host_namespaces: expected none, got 1\n"
                 "          + deny  spec.template.spec.hostNetwork: hostNetwork must not be true\n") != std::string::npos);
  CHECK(out.find("FAIL  a rule that does not exist\n        rule 'no_such_rule': the policies have no such rule (line 13)\n") !=
        std::string::npos);
  CHECK(out.find("host_namespaces: expected a violation with message matching /hostNetwork/\n"
                 "          + deny  spec.jobTemplate.spec.template.spec.hostPID: hostPID must not be true\n") != std::string::npos);
  CHECK(out.find("PASS  this one passes") != std::string::npos);
  CHECK(out.find("1 passed, 3 failed (4 cases, 1 suite,") != std::string::npos);
}

TEST_CASE("writ test: a malformed suite names its file and line and exits 2") {
  std::string out, err;
  int rc = run_cli({"test", "tests/cli/suites/malformed"}, &out, &err);
  CHECK(rc == 2);
  CHECK(out.find("tests/cli/suites/malformed/typo.test.yaml:9: case 'second': unknown key 'expct' (did you mean 'expect'?)") !=
        std::string::npos);
  CHECK(out.find("tests/cli/suites/malformed/bad_yaml.test.yaml:6:") != std::string::npos);
  CHECK(out.find("tests/cli/suites/malformed/two_inputs.test.yaml:3: case 'two inputs': give exactly one input") !=
        std::string::npos);
}

TEST_CASE("writ test: --run selects cases, --format junit writes JUnit XML") {
  std::string out;
  int rc = run_cli({"test", "tests/cli/suites/failing", "--run", "passes$"}, &out);
  CHECK(rc == 0);
  CHECK(out.find("1 passed, 0 failed (1 case, 1 suite,") != std::string::npos);
  rc = run_cli({"test", "tests/cli/suites/failing", "--format", "junit"}, &out);
  CHECK(rc == 1);
  CHECK(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"writ test\" tests=\"4\" failures=\"3\" errors=\"0\"", 0) == 0);
  CHECK(out.find("<testsuite name=\"wrong expectations\" file=\"tests/cli/suites/failing/wrong.test.yaml\" tests=\"4\" failures=\"3\"") !=
        std::string::npos);
  CHECK(out.find("<testcase name=\"this one passes\" classname=\"wrong expectations\"") != std::string::npos);
  CHECK(out.find("<failure message=\"capabilities: expected deny 3, got 2\" type=\"expectation\">") != std::string::npos);
  CHECK(out.find("</testsuites>\n") != std::string::npos);
}

TEST_CASE("writ test --coverage lists statements that never fired") {
  std::string out;
  int rc = run_cli({"test", "tests/cli/suites/failing", "--run", "passes$", "--coverage"}, &out);
  CHECK(rc == 0);
  CHECK(out.find("examples/policies/pods.writ    0.0%  statements 0/4  rules 2/2") != std::string::npos);
  CHECK(out.find("examples/policies/pods.writ:14:3  deny in rule host_namespaces") != std::string::npos);
}
