// The formatter over every .writ file of the repository: idempotent,
// comments kept, and the compiled program identical before and after.
#include <filesystem>
#include <fstream>

#include "compiler/format/formatter.hpp"
#include "runtime/value/format.hpp"
#include "support/writ_test.hpp"

using namespace writ;
using namespace writ::testing;
namespace fs = std::filesystem;

namespace {

bool format_text(const std::string& name, const std::string& text, std::string* out) {
  SourceMap sources;
  uint32_t file = sources.add(name, text);
  Diagnostics diags;
  return format_source(file, sources, diags, out);
}

// Everything of a Program that has meaning: code, constants, rules and
// sites, without source positions.
std::string fingerprint(const Program& p) {
  std::string s;
  for (const Function& f : p.functions) s += disassemble(p, f);
  for (const Value& v : p.constants) s += to_json(v) + "\n";
  for (const Rule& r : p.rules)
    s += r.policy + "/" + r.name + " " + severity_name(r.severity) + " since " + std::to_string(r.since) + " kinds " +
         std::to_string(r.match.kinds.size()) + " fn " + std::to_string(r.body_fn) + "\n";
  for (const ViolationSite& site : p.sites) s += std::to_string(site.rule) + action_name(site.action) + "\n";
  for (const PathSuffix& path : p.paths)
    for (const PathStep& step : path.steps) s += step.key + std::to_string(step.index) + (step.reg >= 0 ? "r" : "") + ".";
  return s;
}

std::vector<fs::path> writ_files() {
  std::vector<fs::path> out;
  for (const char* dir : {"examples", "stdlib", "tests", "bench"}) {
    fs::path root = source_path(dir);
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file() && e.path().extension() == ".writ") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> comments_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    // Outside strings only: good enough for the repository's files.
    size_t hash = line.find('#');
    if (hash != std::string::npos && line.find('"') > hash) {
      std::string c = line.substr(hash);
      while (!c.empty() && c.back() == ' ') c.pop_back();
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("fmt is idempotent, keeps comments and meaning, on every .writ file") {
  std::vector<fs::path> files = writ_files();
  REQUIRE(files.size() >= 10);
  size_t compared = 0;
  for (const fs::path& path : files) {
    INFO(path.string());
    std::string original = read_file(path.string());
    std::string once, twice;
    if (!format_text(path.string(), original, &once)) continue;  // deliberately broken test inputs
    REQUIRE(format_text(path.string(), once, &twice));
    CHECK(once == twice);
    CHECK(comments_of(original) == comments_of(once));
    Compiled before = compile_text(original, path.string());
    Compiled after = compile_text(once, path.string());
    CHECK((before.program == nullptr) == (after.program == nullptr));
    if (before.program && after.program) {
      CHECK(fingerprint(*before.program) == fingerprint(*after.program));
      ++compared;
    }
  }
  CHECK(compared >= 8);
}

TEST_CASE("fmt layout rules") {
  std::string out;
  REQUIRE(format_text("t.writ",
                      "package   t\n\n\n\nfn f(a,b)=a+ -b\nrule r{\n\n   let xs=[1,2 ,3]\n"
                      "   deny \"x {  xs[0] }\"   at xs[1:2]   if xs[0]>0 ? true:false   # why\n"
                      "      and true\n   for k,v in {a:1} {deny k}\n\n}\n",
                      &out));
  CHECK(out ==
        "package t\n\n"
        "fn f(a, b) = a + -b\n"
        "rule r {\n"
        "  let xs = [1, 2, 3]\n"
        "  deny \"x {  xs[0] }\" at xs[1:2] if xs[0] > 0 ? true : false  # why\n"
        "    and true\n"
        "  for k, v in { a: 1 } { deny k }\n"
        "}\n");
  CHECK_FALSE(format_text("bad.writ", "rule r { deny \"x\" if }\n", &out));
}

TEST_CASE("writ fmt --check and --diff") {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / "writ-fmt-check.writ";
  std::ofstream(file) << "rule r {deny \"x\"}\n";
  std::string out;
  CHECK(run_cli({"fmt", "--check", file.string()}, &out) == 1);
  CHECK(out == file.string() + ": not formatted\n");
  CHECK(run_cli({"fmt", "--diff", file.string()}, &out) == 1);
  CHECK(out.find("-rule r {deny \"x\"}\n+rule r { deny \"x\" }\n") != std::string::npos);
  CHECK(run_cli({"fmt", file.string()}, &out) == 0);
  CHECK(read_file(file.string()) == "rule r { deny \"x\" }\n");
  CHECK(run_cli({"fmt", "--check", file.string()}, &out) == 0);
  fs::remove(file);
}

TEST_CASE("fmt keeps a comment inside a continued expression with the expression") {
  std::string out;
  REQUIRE(format_text("t.writ",
                      "fn f(x) = x > 1\n# the upper bound\nand x < 3\nrule r {\n  deny \"x\"\n# last\n}\n", &out));
  CHECK(out == "fn f(x) = x > 1\n  # the upper bound\n  and x < 3\nrule r {\n  deny \"x\"\n  # last\n}\n");
}
