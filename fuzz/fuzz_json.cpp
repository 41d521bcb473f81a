// Fuzz target: JSON text → Document through the JsonDecoder (simdjson, then
// our tree builder; on errors, our own locator of the line and column).
//
// Invalid text must give a DecodeError with a message; valid text a
// well-formed tree that renders back to JSON equal to what was read.
#include <cstdint>
#include <string_view>

#include "fuzz/tree_check.hpp"
#include "runtime/value/ops.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const writ::KeyTable keys;
  // One decoder for every input, as a webhook keeps one per thread: its
  // reused buffers are part of what is tested.
  static writ::JsonDecoder json;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  writ::Document doc(&keys);
  writ::DecodeError err;
  if (!json.decode(text, doc, &err)) {
    if (err.message.empty()) writ::fuzz::fail("a JSON error without a message");
    return 0;
  }
  if (doc.root() == nullptr) writ::fuzz::fail("valid JSON gave no root");
  size_t paths = 64;
  writ::fuzz::walk(doc.root(), &paths);
  writ::Document again(&keys);
  writ::fuzz::check_json_round_trip(doc, json, again);
  // JSON has no NaN or infinity, so the round trip must give equal values.
  if (!writ::values_equal(doc.root_value(), again.root_value()))
    writ::fuzz::fail("the JSON round trip changed the value:", writ::to_json(doc.root_value()));
  return 0;
}
