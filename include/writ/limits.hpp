// writ::InputLimits: what a decoder accepts before it refuses a document.
//
// An admission controller reads what anyone with API access sends, so every
// decoder enforces these bounds and refuses a document that exceeds one with
// an error naming the limit: never a crash or an unbounded allocation. A
// refused document is an input error (exit code 2 in the CLI; a denied,
// never allowed, Verdict in the library). docs/security.md lists the limits,
// their defaults and the CLI's --limit names.
#pragma once

#include <cstddef>
#include <cstdint>

namespace writ {

struct InputLimits {
  size_t max_document_bytes = 64u << 20;   // one document, as text
  uint32_t max_depth = 512;                // nesting of lists and maps
  uint32_t max_values = 8u << 20;          // values (scalars, lists, maps) in one document
  size_t max_string_bytes = 16u << 20;     // one string or key
  uint32_t max_yaml_aliases = 10000;       // alias uses (`*name`) in one YAML document
  uint32_t max_yaml_alias_values = 100000; // values those aliases expand to (alias bombs)
};

}  // namespace writ
