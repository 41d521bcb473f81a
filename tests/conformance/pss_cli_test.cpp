// The same verdicts through the CLI: `writ eval -p pss/<level> --param
// version=v1.N FILE --format json`, on a few fixtures, with the packs the
// binary embeds.
#include "support/writ_test.hpp"

using namespace writ::testing;

namespace {

std::string fixture(const std::string& relative) {
  return corpus_path("pod-security-admission/testdata/" + relative);
}

int eval_json(const std::string& level, const std::string& version, const std::string& file, std::string* out) {
  std::string err;
  int rc = run_cli({"eval", "-p", "pss/" + level, "--param", "version=" + version, fixture(file), "--format", "json"},
                   out, &err);
  INFO(err);
  return rc;
}

}  // namespace

TEST_CASE("pss CLI: a compliant pod passes") {
  std::string out;
  CHECK(eval_json("restricted", "v1.30", "restricted/v1.30/pass/base.yaml", &out) == 0);
  CHECK(out.find("\"violations\": []") != std::string::npos);
  CHECK(out.find("\"action\": \"deny\"") == std::string::npos);
}

TEST_CASE("pss CLI: a failing pod is denied by its check with PSA's message and path") {
  std::string out;
  CHECK(eval_json("restricted", "v1.30", "restricted/v1.30/fail/runasnonroot1.yaml", &out) == 1);
  CHECK(out.find("\"rule\": \"runAsNonRoot\", \"action\": \"deny\"") != std::string::npos);
  CHECK(out.find("\"message\": \"runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)\"") !=
        std::string::npos);
  CHECK(out.find("\"path\": \"spec.securityContext.runAsNonRoot\"") != std::string::npos);
}

TEST_CASE("pss CLI: at the restricted level a restricted check reports overridden baseline checks") {
  std::string out;
  CHECK(eval_json("restricted", "v1.30", "restricted/v1.30/fail/hostpathvolumes0.yaml", &out) == 1);
  CHECK(out.find("\"rule\": \"restrictedVolumes\"") != std::string::npos);
  CHECK(out.find("\"rule\": \"hostPathVolumes\"") == std::string::npos);
  CHECK(out.find("restricted volume type \\\"hostPath\\\"") != std::string::npos);
}

TEST_CASE("pss CLI: the version selects the implementation") {
  std::string out;
  // v1.29 allows net.ipv4.tcp_keepalive_time; the v1.29 pass fixture uses it.
  CHECK(eval_json("baseline", "v1.29", "baseline/v1.29/pass/sysctls1.yaml", &out) == 0);
  CHECK(eval_json("baseline", "v1.28", "baseline/v1.29/pass/sysctls1.yaml", &out) == 1);
  CHECK(out.find("\"rule\": \"sysctls\"") != std::string::npos);
  // Multi-container wording: plural, ports unquoted.
  CHECK(eval_json("baseline", "v1.30", "baseline/v1.30/fail/hostports2.yaml", &out) == 1);
  CHECK(out.find("hostPort (containers \\\"initcontainer1\\\", \\\"container1\\\" use hostPorts 12345, 12346)") !=
        std::string::npos);
}
