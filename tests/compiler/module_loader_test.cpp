// Module loading: what an import may name, and what it may not.
#include "support/writ_test.hpp"

#include <filesystem>

using namespace writ::testing;

namespace {
std::string first_error(const std::string& src) {
  Compiled c = compile_text(src);
  return c.items.empty() ? "" : c.items[0].message;
}
}  // namespace

TEST_CASE("an import of a device, a FIFO or a folder is an error, not an endless read") {
  // /dev/zero never ends: reading it used to exhaust memory (std::bad_alloc, abort).
  CHECK(first_error("import \"/dev/zero\" as z\nrule r { deny \"x\" }\n") ==
        "cannot read policy file /dev/zero: not a regular file");
  // A folder read as an empty policy, and the import silently bound nothing.
  std::string dir = std::filesystem::temp_directory_path().string();
  CHECK(first_error("import \"" + dir + "\" as d\nrule r { deny \"x\" }\n") ==
        "cannot read policy file " + dir + ": it is a folder");
  CHECK(first_error("import \"/no/such/file.writ\" as n\nrule r { deny \"x\" }\n") ==
        "cannot read policy file /no/such/file.writ: no such file");
}
