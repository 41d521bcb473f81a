// Checks shared by the decoder fuzz targets: what any decoded Document must
// satisfy, whatever the input was. A failure aborts (a crash to libFuzzer).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/document.hpp"
#include "runtime/value/format.hpp"

namespace writ::fuzz {

[[noreturn]] inline void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s %s\n", what, detail.c_str());
  std::abort();
}

// Every child points back to its parent; field paths of the first nodes can
// be rebuilt (violations report them). Returns the number of nodes.
inline size_t walk(const Node* n, size_t* paths_left) {
  size_t count = 1;
  if (*paths_left > 0) {
    --*paths_left;
    (void)field_path(n);
  }
  if (n->type != Type::List && n->type != Type::Map) return count;
  for (uint32_t i = 0; i < n->len; ++i) {
    if (n->children[i].parent != n) fail("a child does not point to its parent");
    count += walk(&n->children[i], paths_left);
  }
  return count;
}

// The JSON rendering of a document (what `--format json` and admission
// responses print) must read back with the JSON decoder. Skipped for
// renderings over `max_bytes`, which only an alias bomb within the limits
// produces: re-reading megabytes would slow fuzzing, not find bugs.
inline void check_json_round_trip(const Document& doc, JsonDecoder& json, Document& again, size_t max_bytes = 1u << 20) {
  std::string text = to_json(doc.root_value());
  if (text.size() > max_bytes) return;
  DecodeError err;
  if (!json.decode(text, again, &err)) fail("our JSON does not read back:", err.message + "\n" + text.substr(0, 2000));
}

}  // namespace writ::fuzz
