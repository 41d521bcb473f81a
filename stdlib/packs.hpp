// The standard policy packs (stdlib/policies/**/*.writ), embedded at build
// time so the binary does not depend on where it is installed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace writ {

struct EmbeddedPack {
  const char* name;  // "pss/baseline"
  const char* text;
};

const std::vector<EmbeddedPack>& embedded_packs();

// Looks a pack up by name; false if there is none. The directory in
// $WRIT_STDLIB, if set, is searched first (for editing packs without a
// rebuild).
bool find_stdlib_pack(std::string_view name, std::string* text);

// The same among the embedded packs only ($WRIT_STDLIB ignored): what this
// build ships (the precompiled packs are made of these).
bool find_embedded_pack(std::string_view name, std::string* text);

}  // namespace writ
