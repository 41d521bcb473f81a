#include "conformance/pss_fixtures.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "support/writ_test.hpp"

namespace writ::testing::pss {

namespace fs = std::filesystem;

namespace {

// The check IDs, as Pod Security Admission spells them (CHECKS.md §2).
const std::vector<std::string>& check_ids() {
  static const std::vector<std::string> ids = {
      "allowPrivilegeEscalation", "appArmorProfile",      "capabilities_baseline",      "capabilities_restricted",
      "hostNamespaces",           "hostPathVolumes",      "hostPorts",                  "hostProbesAndHostLifecycle",
      "privileged",               "procMount",            "procMount_restricted",       "restrictedVolumes",
      "runAsNonRoot",             "runAsUser",            "seLinuxOptions",             "seccompProfile_baseline",
      "seccompProfile_restricted", "sysctls",             "windowsHostProcess"};
  return ids;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<Fixture> fixtures_of(const std::string& level, int minor) {
  std::vector<Fixture> out;
  for (const char* kind : {"pass", "fail"}) {
    fs::path dir = corpus_path("pod-security-admission/testdata/" + level + "/v1." + std::to_string(minor) + "/" + kind);
    if (!fs::is_directory(dir)) continue;
    std::vector<Fixture> here;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".yaml") continue;
      Fixture f;
      f.level = level;
      f.minor = minor;
      f.expect_pass = std::string(kind) == "pass";
      f.path = e.path().string();
      f.stem = e.path().stem().string();
      here.push_back(std::move(f));
    }
    std::sort(here.begin(), here.end(), [](const Fixture& a, const Fixture& b) { return a.stem < b.stem; });
    out.insert(out.end(), here.begin(), here.end());
  }
  return out;
}

std::vector<Fixture> all_fixtures() {
  std::vector<Fixture> out;
  for (const char* level : {"baseline", "restricted"})
    for (int minor = 0; minor <= kMaxMinor; ++minor) {
      std::vector<Fixture> dir = fixtures_of(level, minor);
      out.insert(out.end(), dir.begin(), dir.end());
    }
  return out;
}

std::string check_of(const std::string& stem) {
  std::string base = stem;
  while (!base.empty() && std::isdigit(static_cast<unsigned char>(base.back()))) base.pop_back();
  for (const std::string& id : check_ids())
    if (lower(id) == base) return id;
  return "";
}

std::string overriding_check(const std::string& check, const std::string& level, int minor) {
  if (level != "restricted") return "";
  struct Override {
    const char* baseline;
    const char* restricted;
    int since;
  };
  static const Override overrides[] = {{"hostPathVolumes", "restrictedVolumes", 0},
                                       {"capabilities_baseline", "capabilities_restricted", 22},
                                       {"seccompProfile_baseline", "seccompProfile_restricted", 19},
                                       {"procMount", "procMount_restricted", 35}};
  for (const Override& o : overrides)
    if (check == o.baseline && minor >= o.since) return o.restricted;
  return "";
}

std::string expected_rule(const Fixture& f) {
  std::string check = check_of(f.stem);
  std::string replacement = overriding_check(check, f.level, f.minor);
  return replacement.empty() ? check : replacement;
}

std::string expected_substring(const Fixture& f) {
  std::string check = check_of(f.stem);
  static const std::pair<const char*, const char*> table[] = {
      {"appArmorProfile", "forbidden AppArmor profile"},
      {"capabilities_baseline", "capabilities"},
      {"capabilities_restricted", "unrestricted capabilities"},
      {"hostNamespaces", "host namespaces"},
      {"hostPathVolumes", "hostPath"},
      {"hostPorts", "hostPort"},
      {"hostProbesAndHostLifecycle", "probe or lifecycle host"},
      {"procMount_restricted", "procMount"},
      {"restrictedVolumes", "restricted volume types"},
      {"seccompProfile_baseline", "seccompProfile"},
      {"seccompProfile_restricted", "seccompProfile"},
      {"sysctls", "forbidden sysctl"},
      {"windowsHostProcess", "hostProcess"}};
  for (const auto& [id, sub] : table)
    if (check == id) return sub;
  return check;  // the check ID itself (CHECKS.md §4.1)
}

std::string judge(const Fixture& f, const Outcome& o) {
  if (!o.compiled) return "not evaluated";
  if (!o.input_errors.empty()) return "input error: " + o.input_errors[0];
  if (!o.errors.empty()) return "evaluation error: " + o.errors[0];
  std::string denies;
  bool found = false, unknown = false;
  std::string rule = expected_rule(f), sub = expected_substring(f);
  for (const Found& v : o.violations) {
    if (v.action != "deny") continue;
    denies += (denies.empty() ? "" : "; ") + v.rule + ": " + v.message;
    if (!overriding_check(v.rule, f.level, f.minor).empty())
      return v.rule + " fired although " + overriding_check(v.rule, f.level, f.minor) + " overrides it";
    found = found || (v.rule == rule && v.message.find(sub) != std::string::npos);
    unknown = unknown || v.message.find("unknown forbidden reason") != std::string::npos;
  }
  if (f.expect_pass) return denies.empty() ? "" : "denied: " + denies;
  if (rule.empty()) return "no check is named by the file name";
  if (unknown) return "\"unknown forbidden reason\": " + denies;
  if (!found) return "expected " + rule + " with \"" + sub + "\", got " + (denies.empty() ? "no deny" : denies);
  return "";
}

}  // namespace writ::testing::pss
