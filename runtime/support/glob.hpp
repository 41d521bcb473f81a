// Shell-style glob matching: `*` any run of bytes, `?` one byte, `[...]`
// a class (`[!...]` negated), `\` escapes. Linear time in practice: the
// classic two-pointer algorithm with one backtrack point, no recursion.
#pragma once

#include <string_view>

namespace writ {

bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace writ
