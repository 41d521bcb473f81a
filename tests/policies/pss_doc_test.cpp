// Runs the examples of docs/policies/pss.md: every ```yaml block whose info
// string names a pack and version (```yaml pss/baseline v1.30) is
// evaluated, and the ```expect block after it lists the violations as
// `ACTION RULE PATH: MESSAGE`, or `(allowed)` for none. Every check's
// section must show a denied and an allowed pod.
#include <map>
#include <set>
#include <sstream>

#include "policies/pss_support.hpp"

using namespace writ::testing;

namespace {

struct Block {
  std::string info, text, heading;
  size_t line = 0;
};

// Fenced blocks, each with the `### ` heading it is under.
std::vector<Block> fenced_blocks(const std::string& md) {
  std::vector<Block> out;
  std::istringstream in(md);
  std::string line, heading;
  size_t n = 0;
  bool inside = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      if (!inside) out.push_back(Block{line.substr(3), "", heading, n});
      inside = !inside;
      continue;
    }
    if (inside) out.back().text += line + "\n";
    else if (line.rfind("### ", 0) == 0) heading = line.substr(4);
    else if (line.rfind("## ", 0) == 0) heading.clear();
  }
  return out;
}

}  // namespace

TEST_CASE("every example of docs/policies/pss.md runs as documented") {
  std::vector<Block> blocks = fenced_blocks(read_file(source_path("docs/policies/pss.md")));
  std::map<std::string, std::set<std::string>> denied_in;  // heading → rules denied in its examples
  std::set<std::string> allowed_in;                        // headings with an allowed example
  size_t examples = 0;
  for (size_t i = 0; i + 1 < blocks.size(); ++i) {
    if (blocks[i].info.rfind("yaml pss/", 0) != 0) continue;
    INFO("example at docs/policies/pss.md:" << blocks[i].line);
    REQUIRE(blocks[i + 1].info == "expect");
    std::istringstream info(blocks[i].info.substr(5));
    std::string pack, version;
    info >> pack >> version;
    ++examples;
    Outcome o = pss::eval(pack.substr(4), blocks[i].text, version);
    std::vector<std::string> got, want;
    for (const Found& f : o.violations) {
      got.push_back(f.action + " " + f.rule + " " + f.path + ": " + f.message);
      denied_in[blocks[i].heading].insert(f.rule);
    }
    if (o.violations.empty()) allowed_in.insert(blocks[i].heading);
    std::istringstream exp(blocks[i + 1].text);
    for (std::string l; std::getline(exp, l);)
      if (!l.empty() && l != "(allowed)") want.push_back(l);
    CHECK(got == want);
  }
  CHECK(examples >= 38);
  for (const std::string id :
       {"hostNamespaces", "privileged", "capabilities_baseline", "hostPathVolumes", "hostPorts", "appArmorProfile",
        "seLinuxOptions", "procMount", "seccompProfile_baseline", "sysctls", "windowsHostProcess",
        "hostProbesAndHostLifecycle", "restrictedVolumes", "runAsNonRoot", "allowPrivilegeEscalation",
        "seccompProfile_restricted", "capabilities_restricted", "runAsUser", "procMount_restricted"}) {
    INFO("section ### " << id);
    CHECK(denied_in[id].count(id) == 1);
    CHECK(allowed_in.count(id) == 1);
  }
}
