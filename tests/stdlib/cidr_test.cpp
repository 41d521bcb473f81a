// cidr.contains and cidr.is_ip, through the language.
#include "support/writ_test.hpp"

using namespace writ::testing;

namespace {

std::string cidr(const std::string& expr, const std::string& input = "") {
  return eval_expr(expr, input, "import cidr\n");
}

}  // namespace

TEST_CASE("cidr.contains: IPv4") {
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", "10.1.2.3"))") == "true");
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", "11.0.0.1"))") == "false");
  CHECK(cidr(R"(cidr.contains("192.168.1.0/24", "192.168.1.255"))") == "true");
  CHECK(cidr(R"(cidr.contains("192.168.1.0/24", "192.168.2.0"))") == "false");
  // A prefix that is not a multiple of 8.
  CHECK(cidr(R"(cidr.contains("172.16.0.0/12", "172.31.255.254"))") == "true");
  CHECK(cidr(R"(cidr.contains("172.16.0.0/12", "172.32.0.1"))") == "false");
  CHECK(cidr(R"(cidr.contains("172.16.0.0/12", "172.15.255.255"))") == "false");
  // /0 holds every IPv4 address; /32 and a bare address only one.
  CHECK(cidr(R"(cidr.contains("0.0.0.0/0", "203.0.113.9"))") == "true");
  CHECK(cidr(R"(cidr.contains("203.0.113.9/32", "203.0.113.9"))") == "true");
  CHECK(cidr(R"(cidr.contains("203.0.113.9", "203.0.113.9"))") == "true");
  CHECK(cidr(R"(cidr.contains("203.0.113.9", "203.0.113.10"))") == "false");
  // Host bits after the prefix are ignored.
  CHECK(cidr(R"(cidr.contains("10.9.9.9/8", "10.200.0.1"))") == "true");
}

TEST_CASE("cidr.contains: IPv6") {
  CHECK(cidr(R"(cidr.contains("2001:db8::/32", "2001:db8:1:2::3"))") == "true");
  CHECK(cidr(R"(cidr.contains("2001:db8::/32", "2001:db9::1"))") == "false");
  CHECK(cidr(R"(cidr.contains("fc00::/7", "fd12:3456::1"))") == "true");
  CHECK(cidr(R"(cidr.contains("fc00::/7", "fe80::1"))") == "false");
  CHECK(cidr(R"(cidr.contains("::1/128", "::1"))") == "true");
  CHECK(cidr(R"(cidr.contains("::/0", "2606:4700::6810:84e5"))") == "true");
  CHECK(cidr(R"(cidr.contains("2001:db8:abcd:12::/63", "2001:db8:abcd:13:ffff::1"))") == "true");
  CHECK(cidr(R"(cidr.contains("2001:db8:abcd:12::/63", "2001:db8:abcd:14::1"))") == "false");
  // Uppercase hex and an IPv4 tail are valid IPv6 text.
  CHECK(cidr(R"(cidr.contains("2001:DB8::/32", "2001:db8::10.0.0.1"))") == "true");
}

TEST_CASE("cidr.contains: families do not mix, IPv4-mapped addresses are IPv4") {
  CHECK(cidr(R"(cidr.contains("0.0.0.0/0", "::1"))") == "false");
  CHECK(cidr(R"(cidr.contains("::/0", "10.0.0.1"))") == "false");
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", "::ffff:10.1.2.3"))") == "true");
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", "::ffff:11.1.2.3"))") == "false");
}

TEST_CASE("cidr.contains: a list of ranges, a range inside a range") {
  CHECK(cidr(R"(cidr.contains(["10.0.0.0/8", "192.168.0.0/16"], "192.168.4.4"))") == "true");
  CHECK(cidr(R"(cidr.contains(["10.0.0.0/8", "fd00::/8"], "fd00::5"))") == "true");
  CHECK(cidr(R"(cidr.contains(["10.0.0.0/8", "192.168.0.0/16"], "8.8.8.8"))") == "false");
  CHECK(cidr(R"(cidr.contains([], "8.8.8.8"))") == "false");
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", "10.4.0.0/16"))") == "true");
  CHECK(cidr(R"(cidr.contains("10.4.0.0/16", "10.0.0.0/8"))") == "false");
  // Ranges computed at run time (from the input) work the same.
  std::string input = "kind: Thing\nranges: [\"10.0.0.0/8\", \"2001:db8::/32\"]\nip: \"2001:db8::7\"\n";
  CHECK(cidr("cidr.contains(object.ranges, object.ip)", input) == "true");
  CHECK(cidr("cidr.contains(object.ranges[0], object.ip)", input) == "false");
  CHECK(cidr("any r in object.ranges: cidr.contains(r, \"10.0.0.1\")", input) == "true");
}

TEST_CASE("cidr.contains: null in, null out, and bad input is an error") {
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", null))") == "null");
  CHECK(cidr("cidr.contains(object.nope, \"10.0.0.1\")", "kind: Thing\n") == "null");
  std::string input = "kind: Thing\nbad: \"10.0.0.256\"\nbadnet: \"10.0.0.0/33\"\nzero: \"010.0.0.1\"\n";
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", object.bad))", input).find("is not an IP address") != std::string::npos);
  CHECK(cidr(R"(cidr.contains(object.badnet, "10.0.0.1"))", input).find("prefix length") != std::string::npos);
  // Leading zeros are refused (they read as octal in some parsers).
  CHECK(cidr(R"(cidr.contains("10.0.0.0/8", object.zero))", input).find("is not an IP address") != std::string::npos);
  CHECK(cidr(R"(cidr.contains(["10.0.0.0/8", 3], object.bad))", input).find("must be a string") != std::string::npos);
  CHECK(cidr(R"(cidr.contains(object, "10.0.0.1"))", input).find("must be a string or a list") != std::string::npos);
}

TEST_CASE("cidr.contains: a constant invalid range is a compile-time error") {
  Compiled c = compile_text(
      "import cidr\nrule r {\n  deny \"x\" if cidr.contains(\"10.0.0.0/40\", \"10.0.0.1\")\n}\n");
  CHECK(c.program == nullptr);
  CHECK(c.diagnostics.find("prefix length") != std::string::npos);
  Compiled l = compile_text("import cidr\nrule r {\n  deny \"x\" if cidr.contains([\"10.0.0.0/8\", \"nope\"], \"10.0.0.1\")\n}\n");
  CHECK(l.program == nullptr);
  CHECK(l.diagnostics.find("'nope' is not an IP address or CIDR range") != std::string::npos);
}

TEST_CASE("cidr.is_ip") {
  CHECK(cidr(R"(cidr.is_ip("10.0.0.1"))") == "true");
  CHECK(cidr(R"(cidr.is_ip("2001:db8::1"))") == "true");
  CHECK(cidr(R"(cidr.is_ip("::ffff:10.0.0.1"))") == "true");
  CHECK(cidr(R"(cidr.is_ip("10.0.0.0/8"))") == "false");
  CHECK(cidr(R"(cidr.is_ip("fe80::1%eth0"))") == "false");
  CHECK(cidr(R"(cidr.is_ip("1.2.3"))") == "false");
  CHECK(cidr(R"(cidr.is_ip("example.com"))") == "false");
  CHECK(cidr(R"(cidr.is_ip(""))") == "false");
  CHECK(cidr("cidr.is_ip(null)") == "null");
}

TEST_CASE("cidr needs its import") {
  Compiled c = compile_text("rule r {\n  deny \"x\" if cidr.is_ip(\"10.0.0.1\")\n}\n");
  CHECK(c.program == nullptr);
  CHECK(c.diagnostics.find("import cidr") != std::string::npos);
}
