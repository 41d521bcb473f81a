#include "runtime/support/glob.hpp"
#include "support/writ_test.hpp"

using writ::glob_match;

TEST_CASE("glob patterns") {
  CHECK(glob_match("prod-*", "prod-eu"));
  CHECK_FALSE(glob_match("prod-*", "dev-eu"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("a?c", "abc"));
  CHECK_FALSE(glob_match("a?c", "ac"));
  CHECK(glob_match("[a-c]x", "bx"));
  CHECK_FALSE(glob_match("[!a-c]x", "bx"));
  CHECK(glob_match("*.example.com/*", "registry.example.com/team/app"));
  CHECK(glob_match("a\\*", "a*"));
  CHECK_FALSE(glob_match("a\\*", "ab"));
  CHECK(glob_match("*a*a*a*a*b", std::string(200, 'a') + "b"));
}
