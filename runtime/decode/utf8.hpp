// UTF-8 validation for the decoders (internal to decode/). Kubernetes
// objects are UTF-8 JSON: simdjson refuses anything else, and the YAML
// decoder does the same so that both formats have one outcome.
#pragma once

#include <cstddef>
#include <string_view>

namespace writ::utf8 {

// The offset of the first byte that is not part of a well-formed UTF-8
// sequence (overlongs, surrogates and code points past U+10FFFF included),
// or npos when `text` is valid.
size_t first_invalid(std::string_view text);

}  // namespace writ::utf8
