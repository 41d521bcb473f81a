// `writ build`: bundles, and with --emit-cpp the C++ a host compiles in
// (runtime/vm/embedded_program.hpp). That the C++ compiles and decides as
// the interpreter does is shown by the build itself and by
// stdlib/compiled_code_test.cpp; here, the command's own behaviour.
#include <filesystem>
#include <fstream>

#include "support/writ_test.hpp"

using namespace writ::testing;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("writ-build-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

}  // namespace

TEST_CASE("cli: writ build --emit-cpp writes the bundle and its functions as C++") {
  TempDir tmp;
  std::string out, err;
  REQUIRE(run_cli({"build", "-p", "examples/policies", "-o", tmp / "policies.wbc"}, &out, &err) == 0);
  std::string bundle = read_file(tmp / "policies.wbc");
  REQUIRE(run_cli({"build", "-p", "examples/policies", "--emit-cpp", tmp / "my-policies.cpp"}, &out, &err) == 0);
  CHECK(out.find("writ::EmbeddedProgram my_policies, 4 rules, 5 functions as C++, bundle of " +
                 std::to_string(bundle.size()) + " bytes") != std::string::npos);
  std::string cpp = read_file(tmp / "my-policies.cpp");
  CHECK(cpp.find("static_assert(writ::kMachineCodeVersion == ") != std::string::npos);
  CHECK(cpp.find("extern const writ::EmbeddedProgram my_policies;\nconstinit const writ::EmbeddedProgram my_policies = {") !=
        std::string::npos);
  // One C++ function per bytecode function, in a table the program points to.
  CHECK(cpp.find("bool f4(EvalContext& ctx") != std::string::npos);
  CHECK(cpp.find("bool f5(") == std::string::npos);
  CHECK(cpp.find("{writ::code, 5}};") != std::string::npos);
  CHECK(cpp.find("    " + std::to_string(bundle.size()) + "),") != std::string::npos);

  REQUIRE(run_cli({"build", "-p", "examples/policies/pods.writ", "--emit-cpp", tmp / "x.cpp", "--symbol", "Pods_2"}, &out,
                  &err) == 0);
  CHECK(read_file(tmp / "x.cpp").find("constinit const writ::EmbeddedProgram Pods_2 = {") != std::string::npos);
  REQUIRE(run_cli({"build", "-p", "examples/policies/pods.writ", "--emit-cpp", tmp / "2024.cpp"}, &out, &err) == 0);
  CHECK(read_file(tmp / "2024.cpp").find("writ::EmbeddedProgram _2024 = {") != std::string::npos);
}

TEST_CASE("cli: writ build --emit-cpp refuses bad symbols, lone --symbol, -o beside it, unwritable files") {
  TempDir tmp;
  std::string out, err;
  CHECK(run_cli({"build", "-p", "examples/policies", "--emit-cpp", tmp / "a.cpp", "--symbol", "my-policies"}, &out,
                &err) == 2);
  CHECK(err.find("--symbol my-policies: not a C++ identifier") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "a.cpp"));
  CHECK(run_cli({"build", "-p", "examples/policies", "--symbol", "x"}, &out, &err) == 2);
  CHECK(err.find("--symbol names what --emit-cpp writes") != std::string::npos);
  CHECK(run_cli({"build", "-p", "examples/policies", "--emit-cpp", tmp / "a.cpp", "-o", tmp / "a.wbc"}, &out, &err) == 2);
  CHECK(err.find("excludes") != std::string::npos);
  CHECK(run_cli({"build", "-p", "examples/policies", "--emit-cpp", tmp / "no/such/dir/a.cpp"}, &out, &err) == 2);
  CHECK(err.find("a.cpp: cannot write the C++") != std::string::npos);
  std::ofstream(tmp / "bad.writ") << "package bad\nrule r { deny \"x\" if }\n";
  CHECK(run_cli({"build", "-p", tmp / "bad.writ", "--emit-cpp", tmp / "bad.cpp"}, &out, &err) == 2);
  CHECK(err.find("bad.writ:2:") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "bad.cpp"));
}
