// Static checks: each one, with its message and position.
#include <filesystem>
#include <fstream>

#include "support/writ_test.hpp"

using namespace writ::testing;

namespace {
// The first error message (with line:col) of a policy.
std::string first_error(const std::string& src) {
  Compiled c = compile_text(src);
  for (const writ::Diagnostic& d : c.items)
    if (d.level == writ::DiagLevel::kError)
      return std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + " " + d.message;
  return "";
}
}  // namespace

TEST_CASE("unknown names, with suggestions") {
  CHECK(first_error("rule r {\n  let containers = 1\n  deny \"x\" if contaners == 1\n}") ==
        "3:15 unknown name 'contaners'; did you mean 'containers'?");
  CHECK(first_error("rule r { deny \"x\" if objet.kind == \"A\" }") == "1:22 unknown name 'objet'; did you mean 'object'?");
  CHECK(first_error("rule r { deny \"x\" if lowr(\"A\") == \"a\" }") == "1:22 unknown function 'lowr'; did you mean 'lower'?");
  CHECK(first_error("rule r { deny \"x\" if regex.match(\"a\", \"b\") }") ==
        "1:22 'regex' is a built-in module: add `import regex` at the top of the file");
  CHECK(first_error("import k8s\nrule r { deny \"x\" if k8s.containr(object) == [] }") ==
        "2:26 module k8s has no function 'containr'; did you mean 'containers'?");
}

TEST_CASE("wrong arity") {
  CHECK(first_error("fn f(a, b) = a\nrule r { deny \"x\" if f(1) == 1 }") == "2:22 f takes 2 arguments, got 1");
  CHECK(first_error("rule r { deny \"x\" if len(1, 2) == 1 }") == "1:22 len takes 1 argument, got 2");
}

TEST_CASE("duplicate rules, functions and params") {
  CHECK(first_error("rule a { deny \"x\" }\nrule a { deny \"y\" }") == "2:6 rule 'a' is defined twice");
  CHECK(first_error("fn f(x) = x\nfn f(y) = y") == "2:4 'f' is already defined in this file");
  CHECK(first_error("param p = 1\nparam p = 2") == "2:7 param 'p' is declared twice");
  CHECK(first_error("fn f(x, x) = x") == "1:9 parameter 'x' appears twice");
  CHECK(first_error("rule r { let a = 1\n let a = 2\n deny \"x\" }") == "2:6 'a' is already defined (line 1); choose another name");
}

TEST_CASE("unknown params") {
  CHECK(first_error("param limit = 1\nrule r { deny \"x\" if params.limt > 1 }") ==
        "2:29 unknown param 'limt'; did you mean 'limit'?");
  CHECK(first_error("param p = [object]") == "1:11 a param's default must be a constant: a literal, or a list or map of literals");
}

TEST_CASE("recursion is rejected, direct or mutual") {
  CHECK(first_error("fn f(x) = f(x)\nrule r { deny \"x\" if f(1) }").find("recursion is not allowed") != std::string::npos);
  CHECK(first_error("fn f(x) = g(x)\nfn g(x) = f(x)").find("recursion is not allowed") != std::string::npos);
}

TEST_CASE("type errors visible without input") {
  CHECK(first_error("rule r { deny \"x\" if 1 + \"a\" == 2 }") == "1:24 cannot apply '+' to an int and a string");
  CHECK(first_error("rule r { deny \"x\" if \"a\" < 1 }") == "1:26 cannot compare a string with an int using '<'");
  CHECK(first_error("rule r { deny \"x\" if \"yes\" }") == "1:22 the condition of `deny` must be a bool, got a string");
  CHECK(first_error("rule r { deny \"x\" if lower(3) == \"3\" }") == "1:28 argument 1 of lower must be a string, got an int");
  CHECK(first_error("rule r { for x in 5 { deny \"x\" } }") == "1:19 cannot iterate over an int");
  CHECK(first_error("rule r { deny \"x\" if \"abc\".size == 3 }") == "1:28 cannot read field 'size' of a string");
  CHECK(first_error("rule r { deny \"x\" if not 3 }") == "1:22 'not' needs a bool, got an int");
  CHECK(first_error("rule r { deny \"x\" if 1 in 2 }") == "1:27 'in' needs a list, map or string on the right, got an int");
  // Unknown types (input fields) are never errors at compile time.
  CHECK(first_error("rule r { deny \"x\" if object.a + object.b > object.c }").empty());
}

TEST_CASE("misused names") {
  CHECK(first_error("fn f(x) = x\nrule r { deny \"x\" if f == 1 }") == "2:22 'f' is a function: call it, as in f(...)");
  CHECK(first_error("import k8s\nrule r { deny \"x\" if k8s.containers == [] }") ==
        "2:26 'k8s.containers' is a function of module 'k8s': call it, as in k8s.containers(...)");
  CHECK(first_error("import k8s\nrule r { deny \"x\" if k8s.nope }") == "2:26 module k8s has no function or constant 'nope'");
  CHECK(first_error("rule r { let object = 1\n deny \"x\" }") == "1:14 'object' is an input of every rule; choose another name");
  CHECK(first_error("rule r { deny \"x\" if object.f(1) }") ==
        "1:29 only functions can be called (values have no methods: write f(x), not x.f())");
}

TEST_CASE("match blocks are checked") {
  CHECK(first_error("rule r { match { kind: [\"Pod\"] } deny \"x\" }") ==
        "1:18 unknown match field 'kind'; did you mean 'kinds'? (kinds, operations, namespaces, exclude_namespaces, labels, selector, when, autogen)");
  CHECK(first_error("rule r { match { operations: [\"PATCH\"] } deny \"x\" }") ==
        "1:30 'PATCH' is not an operation (CREATE, UPDATE, DELETE, CONNECT or *)");
  CHECK(first_error("rule r { match { kinds: [object.kind] } deny \"x\" }") == "1:25 `kinds` must be a constant list of strings");
  CHECK(first_error("rule r { match { selector: \"a in b\" } deny \"x\" }").find("invalid label selector") != std::string::npos);
  CHECK(first_error("rule r { match { when: \"x\" } deny \"x\" }") == "1:24 `when` must be a bool, got a string");
}

TEST_CASE("versioning declarations are checked") {
  CHECK(first_error("rule r since v1.3 { deny \"x\" }") ==
        "1:8 `since` needs the package to be versioned: add `versioned v1.0 .. v1.N` to the file");
  CHECK(first_error("versioned v1.0 .. v1.5\nrule r since v1.9 { deny \"x\" }") ==
        "2:8 `since v1.9` is outside the package's versions v1.0 .. v1.5");
  CHECK(first_error("versioned v1.0 .. v1.5\nrule r overrides nope { deny \"x\" }") ==
        "2:8 `overrides nope`: the package has no rule named 'nope'");
  CHECK(first_error("versioned v1.0 .. v1.5\nrule r since v1.2 { deny \"x\" }\nrule r since v1.2 { deny \"y\" }") ==
        "3:6 rule 'r' is defined twice: versions of one rule need distinct `since` versions");
  CHECK(first_error("versioned v1.5 .. v1.2").find("the version range is empty") != std::string::npos);
}

TEST_CASE("import cycles and missing modules") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "writ-import-cycle";
  fs::create_directories(dir);
  std::ofstream(dir / "a.writ") << "import \"./b.writ\"\nrule a { deny \"a\" }\n";
  std::ofstream(dir / "b.writ") << "import \"./a.writ\"\nfn f(x) = x\n";
  Compiled c = compile_packs({(dir / "a.writ").string()});
  CHECK(c.program == nullptr);
  CHECK(c.diagnostics.find("import cycle: ") != std::string::npos);
  CHECK(c.diagnostics.find("a.writ -> ") != std::string::npos);
  CHECK(first_error("import nope.nothing") ==
        "1:1 cannot import 'nope.nothing': no such module (not a loaded package, a built-in module or a standard library module)");
  fs::remove_all(dir);
}

TEST_CASE("top-level constants must be literals") {
  CHECK(first_error("let xs = [object]") == "1:10 a top-level `let` must be a constant: a literal, or a list or map of literals");
  CHECK(first_error("let a = 1\nfn a(x) = x") == "2:4 'a' is already defined in this file");
}

TEST_CASE("an implementation that drops an earlier `overrides` gets a warning") {
  Compiled c = compile_text("versioned v1.0 .. v1.9\nrule base_check { deny \"b\" }\n"
                            "rule strict overrides base_check { deny \"s\" }\nrule strict since v1.5 { deny \"s2\" }\n");
  REQUIRE(c.program);
  REQUIRE(c.items.size() == 1);
  CHECK(c.items[0].level == writ::DiagLevel::kWarning);
  CHECK(c.items[0].span.line == 4);
  CHECK(c.items[0].message.find("does not override 'base_check'") != std::string::npos);
}
