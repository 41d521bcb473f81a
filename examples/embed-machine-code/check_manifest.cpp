// A host with its policies compiled in as machine code: the build runs
// `writ build -p ../policies --emit-cpp example_policies.cpp` and compiles
// the result into this program (CMakeLists.txt, writ_add_machine_code). No
// policy file is read at run time; the program checks one YAML manifest.
//
//   example_machine_code examples/manifests/web-deployment.yaml
#include <writ/writ.hpp>

#include <fstream>
#include <iostream>
#include <iterator>

extern const writ::EmbeddedProgram example_policies;  // defined by the generated file

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: example_machine_code MANIFEST.yaml\n";
    return 2;
  }
  auto set = writ::PolicySet::load_embedded(example_policies);
  if (!set) {
    std::cerr << set.error_text();
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot read\n";
    return 2;
  }
  std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  writ::Evaluator evaluator(*set);
  writ::Verdict verdict = evaluator.evaluate_yaml(yaml);
  for (const writ::Finding& f : verdict.findings)
    std::cout << f.action << " " << f.policy << "/" << f.rule << " " << f.path << ": " << f.message << "\n";
  for (const writ::Problem& p : verdict.input_problems) std::cerr << p.text;
  std::cout << (verdict.allowed ? "allowed" : "denied") << "\n";
  return verdict.input_problems.empty() ? 0 : 2;
}
