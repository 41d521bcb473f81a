// YAML → Document, through yaml-cpp's event parser.
//
// Scalars resolve the way Kubernetes reads manifests (sigs.k8s.io/yaml, YAML
// 1.1 rules): `yes`/`no`/`on`/`off` are booleans, `0x1F` is an int, quoted
// scalars are always strings. Anchors and aliases are expanded by replaying
// the anchored events, counted against InputLimits so an alias bomb is
// rejected after a bounded amount of work.
#pragma once

#include <string_view>
#include <vector>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/document.hpp"
#include "writ/limits.hpp"

namespace writ {

// One document of a YAML stream: its text and the line it starts on.
struct YamlChunk {
  std::string_view text;
  uint32_t first_line = 1;  // 1-based line of text[0] in the stream
};

// Splits a stream at `---` and `...` lines, so that a broken document does
// not take its neighbours down with it.
std::vector<YamlChunk> split_yaml_stream(std::string_view stream);

struct YamlResult {
  bool empty = false;                // the chunk holds no document (comments only)
  uint32_t content_line = 0;         // 1-based line (in the chunk) where the value starts
  std::vector<uint32_t> item_lines;  // lines of root.items[*] (for `kind: List`)
};

class YamlDecoder {
 public:
  explicit YamlDecoder(InputLimits limits = {}) : limits_(limits) {}

  // Decodes the single document in `text` into `doc`. Line numbers in
  // errors and results are relative to `text`.
  bool decode(std::string_view text, Document& doc, YamlResult* result, DecodeError* err);

 private:
  InputLimits limits_;
};

}  // namespace writ
