// Pod Security Standards conformance: every fixture of Kubernetes' Pod
// Security Admission test data, evaluated by pss/baseline or pss/restricted
// at exactly its level and version (CHECKS.md §4.2). Each pack is compiled
// once and planned once per version.
#include <iostream>
#include <map>

#include "conformance/plan_runner.hpp"
#include "conformance/pss_fixtures.hpp"
#include "support/writ_test.hpp"

using namespace writ::testing;

namespace {

const Compiled& pack(const std::string& level) {
  static std::map<std::string, Compiled> packs;
  auto it = packs.find(level);
  if (it == packs.end()) it = packs.emplace(level, compile_packs({"pss/" + level})).first;
  return it->second;
}

struct Tally {
  size_t passed = 0, failed = 0;
};

// Runs `fixtures` (one directory's worth, or more) with one runner; prints
// the first mismatches.
void run(PlanRunner& runner, const std::string& version, const std::vector<pss::Fixture>& fixtures, Tally* tally) {
  for (const pss::Fixture& f : fixtures) {
    std::string why = pss::judge(f, runner.run_file(f.path));
    if (why.empty()) {
      ++tally->passed;
      continue;
    }
    if (++tally->failed <= 25)
      std::cout << "MISMATCH " << f.level << " " << version << " " << (f.expect_pass ? "pass/" : "fail/") << f.stem
                << ".yaml: " << why << "\n";
  }
}

}  // namespace

TEST_CASE("PSS conformance: every fixture at its level and version") {
  std::map<std::string, Tally> by_level;
  Tally total;
  for (const std::string level : {"baseline", "restricted"}) {
    const Compiled& c = pack(level);
    INFO(c.diagnostics);
    REQUIRE(c.program != nullptr);
    Tally& t = by_level[level];
    for (int minor = 0; minor <= pss::kMaxMinor; ++minor) {
      std::string version = "v1." + std::to_string(minor);
      PlanRunner runner(c.program, version);
      INFO(level << " " << version);
      REQUIRE(runner.error().empty());
      run(runner, version, pss::fixtures_of(level, minor), &t);
    }
    std::cout << level << ": " << t.passed << " passed, " << t.failed << " failed\n";
    total.passed += t.passed;
    total.failed += t.failed;
  }
  std::cout << total.passed << " passed, " << total.failed << " failed\n";
  CHECK(total.failed == 0);
  // The fixture counts of CHECKS.md §4.3, so a missing corpus cannot pass.
  CHECK(by_level["baseline"].passed + by_level["baseline"].failed == 1555);
  CHECK(by_level["restricted"].passed + by_level["restricted"].failed == 2982);
  CHECK(total.passed + total.failed == 4537);
}

TEST_CASE("PSS conformance: latest and versions past the range evaluate as v1.37") {
  for (const std::string level : {"baseline", "restricted"}) {
    const Compiled& c = pack(level);
    REQUIRE(c.program != nullptr);
    std::vector<pss::Fixture> fixtures = pss::fixtures_of(level, pss::kMaxMinor);
    REQUIRE(!fixtures.empty());
    for (const std::string version : {"latest", "v1.99"}) {
      PlanRunner runner(c.program, version);
      INFO(level << " " << version);
      REQUIRE(runner.error().empty());
      Tally t;
      run(runner, version, fixtures, &t);
      CHECK(t.failed == 0);
      CHECK(t.passed == fixtures.size());
    }
  }
}

TEST_CASE("PSS conformance: the spec's fixture mapping") {
  // The stem → check mapping and the overrides the runner relies on.
  CHECK(pss::check_of("hostprobesandhostlifecycle4") == "hostProbesAndHostLifecycle");
  CHECK(pss::check_of("seccompprofile_baseline12") == "seccompProfile_baseline");
  CHECK(pss::check_of("base").empty());
  pss::Fixture f{"restricted", 21, false, "", "capabilities_baseline0"};
  CHECK(pss::expected_rule(f) == "capabilities_baseline");
  f.minor = 22;
  CHECK(pss::expected_rule(f) == "capabilities_restricted");
  f.stem = "hostpathvolumes1";
  f.minor = 0;
  CHECK(pss::expected_rule(f) == "restrictedVolumes");
  CHECK(pss::expected_substring(f) == "hostPath");
  f.level = "baseline";
  f.stem = "procmount0";
  f.minor = 37;
  CHECK(pss::expected_rule(f) == "procMount");
}

TEST_CASE("PSS conformance: a version that is not v1.N or latest is an error") {
  for (const std::string version : {"1.30", "v1.x", "v2"}) {
    PlanRunner runner(pack("baseline").program, version);
    INFO(version);
    CHECK(runner.error().find("is not a Kubernetes version") != std::string::npos);
  }
}
