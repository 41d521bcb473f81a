// The shape of the PSS packs: one rule name per Pod Security Admission
// check, every rule described, severities by level.
#include <set>

#include "policies/pss_support.hpp"

using namespace writ::testing;

namespace {

const std::set<std::string> kBaselineIds = {
    "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPathVolumes", "hostPorts",
    "hostProbesAndHostLifecycle", "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls",
    "windowsHostProcess"};
const std::set<std::string> kRestrictedIds = {"allowPrivilegeEscalation", "capabilities_restricted",
                                              "procMount_restricted",     "restrictedVolumes",
                                              "runAsNonRoot",             "runAsUser",
                                              "seccompProfile_restricted"};

}  // namespace

TEST_CASE("pss packs: baseline rules are the baseline check IDs, described, high severity") {
  const Compiled& c = pss::pack("baseline");
  REQUIRE(c.program != nullptr);
  std::set<std::string> seen;
  for (const writ::Rule& r : c.program->rules) {
    INFO(r.policy << "/" << r.name);
    CHECK(r.policy == "pss.baseline");
    CHECK(!r.description.empty());
    CHECK(r.severity == writ::Severity::kHigh);
    seen.insert(r.name);
  }
  CHECK(seen == kBaselineIds);
}

TEST_CASE("pss packs: restricted adds the restricted check IDs, described, medium severity") {
  const Compiled& c = pss::pack("restricted");
  REQUIRE(c.program != nullptr);
  std::set<std::string> seen;
  for (const writ::Rule& r : c.program->rules) {
    INFO(r.policy << "/" << r.name);
    CHECK(!r.description.empty());
    bool restricted = kRestrictedIds.count(r.name) > 0;
    CHECK((restricted || kBaselineIds.count(r.name) > 0));
    CHECK(r.severity == (restricted ? writ::Severity::kMedium : writ::Severity::kHigh));
    seen.insert(r.name);
  }
  std::set<std::string> all = kBaselineIds;
  all.insert(kRestrictedIds.begin(), kRestrictedIds.end());
  CHECK(seen == all);
}

TEST_CASE("pss packs: an unknown version is refused") {
  Outcome o = evaluate(pss::pack("baseline"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
                       {{"version", "v1.x"}});
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0].find("is not a Kubernetes version") != std::string::npos);
}
