// InputLimits: what a decoder accepts before it rejects a document.
//
// An admission controller reads what anyone with API access sends, so every
// decoder enforces these bounds and reports a kLimitExceeded Status naming
// the limit, never a crash or an unbounded allocation. docs/security.md
// lists them with their defaults.
#pragma once

#include <cstddef>
#include <cstdint>

namespace writ {

struct InputLimits {
  size_t max_document_bytes = 64u << 20;  // one document, as text
  uint32_t max_depth = 512;               // nesting of lists and maps
  uint32_t max_nodes = 8u << 20;          // values in one document
  size_t max_string_bytes = 16u << 20;    // one string or key
  uint32_t max_yaml_aliases = 10000;      // alias expansions per document
};

}  // namespace writ
