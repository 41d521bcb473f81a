#include "policies/pss_support.hpp"

#include <map>

namespace writ::testing::pss {

const Compiled& pack(const std::string& level) {
  static std::map<std::string, Compiled> packs;
  auto it = packs.find(level);
  if (it == packs.end()) it = packs.emplace(level, compile_packs({"pss/" + level})).first;
  return it->second;
}

Outcome eval(const std::string& level, const std::string& yaml, const std::string& version) {
  const Compiled& c = pack(level);
  INFO(c.diagnostics);
  REQUIRE(c.program != nullptr);
  Outcome o = evaluate(c, yaml, {{"version", version}});
  INFO(yaml);
  REQUIRE(o.errors.empty());
  REQUIRE(o.input_errors.empty());
  return o;
}

std::vector<std::string> denied(const Outcome& o) {
  std::vector<std::string> out;
  for (const Found& f : o.violations)
    if (f.action == "deny") out.push_back(f.rule);
  return out;
}

std::string pod(const std::string& pod_sc, const std::string& a_sc, const std::string& b_sc,
                const std::string& spec_extra) {
  return "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" +
         (spec_extra.empty() ? "" : "  " + spec_extra + "\n") +
         "  securityContext: {" + pod_sc + "}\n"
         "  containers:\n"
         "  - {name: a, image: x, securityContext: {" + a_sc + "}}\n"
         "  - {name: b, image: x, securityContext: {" + b_sc + "}}\n";
}

}  // namespace writ::testing::pss
