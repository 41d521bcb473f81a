// Syntax errors: all of a file's errors at once, at the right positions, in
// words a policy author understands.
#include "support/writ_test.hpp"

using namespace writ::testing;

namespace {
std::vector<std::string> errors_of(const std::string& src) {
  Compiled c = compile_text(src);
  std::vector<std::string> out;
  for (const writ::Diagnostic& d : c.items)
    out.push_back(std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + " " + d.message);
  return out;
}
}  // namespace

TEST_CASE("several syntax errors of one file are reported together") {
  auto errs = errors_of(
      "rule a {\n"
      "  let x = 1 +\n"
      "  deny \"x\"\n"
      "}\n"
      "rule b {\n"
      "  deny \"unterminated\n"
      "}\n"
      "fn f(x) = x +* 2\n");
  REQUIRE(errs.size() >= 3);
  CHECK(errs[0] == "3:3 unexpected 'deny', expected an expression");
  CHECK(errs[1] == "6:21 unterminated string: a string must end on the line it starts (missing '\"')");
  CHECK(errs.back() == "8:14 unexpected '*', expected an expression");
}

TEST_CASE("syntax errors use words, not token names") {
  auto errs = errors_of("rule r { deny \"a\" at }\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0] == "1:22 unexpected '}', expected an expression");
  errs = errors_of("rule r { for x [1] { } }\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].find("expected") != std::string::npos);
  CHECK(errs[0].find("LBRACKET") == std::string::npos);
  errs = errors_of("rule r { deny \"a\" } }\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0] == "1:21 unexpected '}': it has no matching '{'");
  errs = errors_of("rule r { deny \"a\" ; }\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0] == "1:19 unexpected character ';'");
}

TEST_CASE("statements outside a rule are explained") {
  auto errs = errors_of("deny \"x\"\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0] == "1:1 `deny` must be inside a rule");
}

TEST_CASE("literal and escape errors are reported at their position") {
  auto errs = errors_of("rule r { deny \"a\\qb\" if 99999999999999999999 > 1 }\n");
  REQUIRE(errs.size() == 2);
  CHECK(errs[0] == "1:17 unknown escape '\\q' (use \\n \\t \\r \\0 \\\" \\\\ \\{ or \\})");
  CHECK(errs[1] == "1:25 integer literal 99999999999999999999 does not fit in 64 bits");
}

TEST_CASE("hostile nesting is rejected before the parser recurses") {
  std::string deep = "rule r { deny \"x\" if " + std::string(5000, '(') + "true" + std::string(5000, ')') + " }\n";
  auto errs = errors_of(deep);
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].find("nesting deeper than 200 levels") != std::string::npos);
  std::string chain = "rule r { deny \"x\" if 1";
  for (int i = 0; i < 300; ++i) chain += " + 1";
  chain += " > 0 }\n";
  errs = errors_of(chain);
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].find("expression nested deeper than 200 levels") != std::string::npos);
}

TEST_CASE("diagnostics render with the source line and a caret") {
  Compiled c = compile_text("rule r {\n  deny \"x\" if 1 + \"a\" == 2\n}\n", "p.writ");
  CHECK(c.diagnostics ==
        "p.writ:2:17: error: cannot apply '+' to an int and a string\n"
        " 2 |   deny \"x\" if 1 + \"a\" == 2\n"
        "   |                 ^\n");
}

TEST_CASE("a policy that is not UTF-8 is an error at the bad byte (fuzz_policy: it used to abort in ANTLR)") {
  auto errs = errors_of("rule r {\n  deny \"caf\xe9\"\n}\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0] == "2:12 invalid UTF-8 (byte 0xE9): policy files must be UTF-8");
  // Overlong forms and surrogates are not UTF-8 either; valid multi-byte text is.
  CHECK(errors_of("# \xc0\xaf\n").size() == 1);
  CHECK(errors_of("# \xed\xa0\x80\n").size() == 1);
  CHECK(errors_of("# caf\xc3\xa9 \xf0\x9f\x98\x80\nrule r { deny \"\xe2\x82\xac\" }\n").empty());
}
