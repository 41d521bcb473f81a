// The benchmarks' input: a JSON Lines file of objects, held in memory, and
// the same objects decoded into writ Documents.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/value/document.hpp"

namespace writ::bench {

struct JsonLines {
  std::string text;                     // the whole file
  std::vector<std::string_view> lines;  // non-empty lines, without the newline
  size_t bytes() const;                 // sum of the line lengths
};

// Reads up to `limit` lines (0 = all) or exits.
JsonLines read_json_lines(const std::string& path, size_t limit = 0);

struct DecodedSet {
  std::vector<std::unique_ptr<Document>> docs;
  size_t json_bytes = 0;  // of the lines decoded
  size_t tree_bytes = 0;  // Document::tree_bytes(), summed
};

// Decodes every line against `keys` (the Program's KeyTable) or exits.
DecodedSet decode_all(const JsonLines& in, const KeyTable& keys);

// Evicts every byte of the documents' trees from every cache level
// (clflush), so that a cold pass reads them from memory whatever ran before
// it. Without it "cold" depended on the machine: 10,000 pods are ~80 MB of
// tree, more than the L3 of RUN15's AMD machine, but a VM with a 480 MB L3
// (RUN16) kept them cached or not depending on the passes in between (the
// same binary's eval-only pass: 4.4 us right after another pass over the
// trees, 6.5 us after the decode passes).
void evict_from_caches(const std::vector<std::unique_ptr<Document>>& docs);

}  // namespace writ::bench
