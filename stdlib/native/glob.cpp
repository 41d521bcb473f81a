// glob.match: shell-style patterns (`*`, `?`, `[a-z]`), as used for image
// names and namespaces.
#include "runtime/support/glob.hpp"
#include "stdlib/native/args.hpp"
#include "stdlib/native/registry.hpp"

namespace writ {

namespace {

bool g_match(NativeCall& c) {
  if (native::null_in_null_out(c)) return true;
  if (!native::expect(c, 0, Type::String) || !native::expect(c, 1, Type::String)) return false;
  if (!c.charge((c.args[0].len + c.args[1].len) / 8 + 1)) return false;
  c.result = Value::boolean(glob_match(c.args[0].str(), c.args[1].str()));
  return true;
}

}  // namespace

void register_glob(NativeRegistry& r) {
  r.add(native::def("match", 2, 2, {kStringType, kStringType | kNullType}, kBoolType | kNullType, g_match,
                    "glob.match(pattern: string, s: string) -> bool",
                    "whether s matches the whole shell-style pattern (* ? [a-z])", "glob"));
}

}  // namespace writ
