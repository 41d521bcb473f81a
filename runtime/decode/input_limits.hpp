// Setting InputLimits by name: the one vocabulary of the CLI's
// `--limit NAME=VALUE` and the C ABI's options JSON (docs/security.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "writ/limits.hpp"

namespace writ {

// `name` is a field of InputLimits, e.g. "max_depth".
// On success sets the limit; on failure says why in *err.
bool set_input_limit(InputLimits* limits, std::string_view name, uint64_t value, std::string* err);

// "max_document_bytes=1MiB": a name, '=', and a count with an optional
// suffix k, M, G (powers of 1000) or Ki, Mi, Gi, KiB, MiB, GiB (of 1024).
bool parse_input_limit(InputLimits* limits, std::string_view assignment, std::string* err);

// "max_document_bytes, max_depth, ..." for messages and --help.
std::string input_limit_names();

}  // namespace writ
