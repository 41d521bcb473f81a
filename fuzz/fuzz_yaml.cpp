// Fuzz target: a YAML stream → documents, as the input loader reads a
// manifest file: split at `---`, each chunk through the YamlDecoder.
//
// A chunk may be rejected with a DecodeError; nothing may crash, hang or
// leak, and what is accepted must be a well-formed tree whose JSON form
// reads back (tree_check.hpp).
#include <cstdint>
#include <string_view>

#include "fuzz/tree_check.hpp"
#include "runtime/decode/yaml_decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const writ::KeyTable keys;
  static writ::JsonDecoder json;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  writ::YamlDecoder yaml;
  for (const writ::YamlChunk& chunk : writ::split_yaml_stream(text)) {
    writ::Document doc(&keys);
    writ::YamlResult result;
    writ::DecodeError err;
    if (!yaml.decode(chunk.text, doc, &result, &err)) {
      if (err.message.empty()) writ::fuzz::fail("a YAML error without a message");
      continue;
    }
    if (result.empty || doc.root() == nullptr) continue;
    size_t paths = 64;
    writ::fuzz::walk(doc.root(), &paths);
    writ::Document again(&keys);
    writ::fuzz::check_json_round_trip(doc, json, again);
  }
  return 0;
}
