// JSON decoding: values, errors with positions, defined outcomes for odd input.
#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/format.hpp"
#include "support/writ_test.hpp"

using namespace writ;

static std::string roundtrip(const std::string& json) {
  KeyTable keys;
  Document doc(&keys);
  JsonDecoder dec;
  DecodeError err;
  if (!dec.decode(json, doc, &err)) return "error " + std::to_string(err.line) + ":" + std::to_string(err.column) + " " + err.message;
  return to_json(doc.root_value());
}

TEST_CASE("JSON values decode to the seven types") {
  CHECK(roundtrip(R"({"a":null,"b":true,"c":-3,"d":2.5,"e":"x","f":[1,{}],"g":{}})") ==
        R"({"a":null,"b":true,"c":-3,"d":2.5,"e":"x","f":[1,{}],"g":{}})");
  CHECK(roundtrip("\"\\u00e9\\n\"") == "\"\xc3\xa9\\n\"");
}

TEST_CASE("numbers out of range are refused where they are, as in YAML") {
  CHECK(roundtrip("9223372036854775807") == "9223372036854775807");
  CHECK(roundtrip("-9223372036854775808") == "-9223372036854775808");
  CHECK(roundtrip("{\"a\": 18446744073709551615}") ==
        "error 1:7 number out of range: 18446744073709551615 (integers are 64-bit; floats must be finite)");
  CHECK(roundtrip("[1,\n 99999999999999999999999]") ==
        "error 2:2 number out of range: 99999999999999999999999 (integers are 64-bit; floats must be finite)");
  CHECK(roundtrip("[1e400]") == "error 1:2 number out of range: 1e400 (integers are 64-bit; floats must be finite)");
  CHECK(roundtrip("[1e-400]") == "[0.0]");  // underflow reads as zero
}

TEST_CASE("duplicate keys are refused at the repeated key") {
  CHECK(roundtrip("{\"a\": 1,\n \"b\": {\"x\": 1, \"x\": 2}}") == "error 2:16 duplicate key \"x\"");
}

TEST_CASE("malformed JSON names the line and column of the first error") {
  CHECK(roundtrip("{\n  \"a\": 1,\n  \"b\" 2\n}") == "error 3:7 invalid JSON: expected ':' after a key");
  CHECK(roundtrip("[1, 2") == "error 1:6 invalid JSON: unexpected end of input");
  CHECK(roundtrip("{\"a\": tru}") == "error 1:7 invalid JSON: unknown literal (expected true, false or null)");
  CHECK(roundtrip("\"\xff\"").find("error") == 0);
  CHECK(roundtrip("NaN").find("error") == 0);
}

TEST_CASE("JSON nesting beyond the limit is rejected") {
  std::string deep(600, '[');
  deep += std::string(600, ']');
  CHECK(roundtrip(deep).find("nesting deeper than 512 levels") != std::string::npos);
}

TEST_CASE("one decoder, many documents: a failure half-way leaves nothing behind for the next") {
  KeyTable keys;
  JsonDecoder dec;  // keeps its document builder from document to document
  DecodeError err;
  Document first(&keys), second(&keys), third(&keys);
  REQUIRE(dec.decode(R"({"a":[1,{"b":2}]})", first, &err));
  CHECK_FALSE(dec.decode(R"({"x":{"y":[1,2,{"z":1,"z":2}]}})", second, &err));  // fails deep inside
  CHECK(err.message.find("duplicate key") != std::string::npos);
  REQUIRE(dec.decode(R"(["c",{"d":null}])", third, &err));
  CHECK(to_json(first.root_value()) == R"({"a":[1,{"b":2}]})");  // earlier documents are untouched
  CHECK(to_json(third.root_value()) == R"(["c",{"d":null}])");
  CHECK(second.root() == nullptr);
  // A fresh document's memory is sized from its text, not a 16 KB chunk.
  CHECK(third.memory_bytes() < 4096);
  CHECK(third.memory_bytes() >= third.tree_bytes());
}
