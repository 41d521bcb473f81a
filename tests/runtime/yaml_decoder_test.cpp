// YAML decoding: Kubernetes' scalar rules, streams, aliases, errors.
#include <chrono>

#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/value/format.hpp"
#include "support/writ_test.hpp"

using namespace writ;

static std::string yaml(const std::string& text) {
  KeyTable keys;
  Document doc(&keys);
  YamlDecoder dec;
  YamlResult res;
  DecodeError err;
  if (!dec.decode(text, doc, &res, &err)) return "error " + std::to_string(err.line) + ":" + std::to_string(err.column) + " " + err.message;
  if (res.empty) return "empty";
  return to_json(doc.root_value());
}

TEST_CASE("plain scalars resolve as Kubernetes reads them (YAML 1.1)") {
  CHECK(yaml("[yes, No, on, OFF, y, true, False]") == "[true,false,true,false,true,true,false]");
  CHECK(yaml("[~, null, '', \"1\", 0x1F, 017, -5, 1_000, 1.5, 1e3, 1.2.3, 1e-400]") ==
        R"([null,null,"","1",31,15,-5,1000,1.5,1000.0,"1.2.3",0.0])");
  CHECK(yaml("a:\nb: x") == R"({"a":null,"b":"x"})");
  CHECK(yaml("v: !!str 10\nw: !!int \"7\"") == R"({"v":"10","w":7})");
}

TEST_CASE("numbers out of range, invalid UTF-8 and duplicate keys are refused with their line") {
  const std::string range = " (integers are 64-bit; floats must be finite)";
  CHECK(yaml("a: 1\nn: 99999999999999999999") == "error 2:1 number out of range: 99999999999999999999" + range);
  CHECK(yaml("n: .inf") == "error 1:1 number out of range: .inf" + range);
  CHECK(yaml("n: -.Inf") == "error 1:1 number out of range: -.Inf" + range);
  CHECK(yaml("n: .nan") == "error 1:1 number out of range: .nan" + range);
  CHECK(yaml("n: 1e400") == "error 1:1 number out of range: 1e400" + range);
  CHECK(yaml("n: !!int 0x1FFFFFFFFFFFFFFFFF") == "error 1:1 number out of range: 0x1FFFFFFFFFFFFFFFFF" + range);
  CHECK(yaml("n: '.inf'") == R"({"n":".inf"})");  // quoted: a string
  CHECK(yaml("a: ok\nb: \"\xff\"") == "error 2:5 invalid UTF-8 (byte 0xFF): documents must be UTF-8");
  CHECK(yaml("a: \xed\xa0\x80") == "error 1:4 invalid UTF-8 (byte 0xED): documents must be UTF-8");  // a surrogate
  CHECK(yaml("a: \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == "{\"a\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}");
  CHECK(yaml("metadata:\n  name: a\n  labels: {}\n  name: b") == "error 4:1 duplicate key \"name\"");
}

TEST_CASE("aliases expand, and alias bombs are rejected quickly") {
  CHECK(yaml("a: &x {k: 1}\nb: *x") == R"({"a":{"k":1},"b":{"k":1}})");
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string name(1, c);
    bomb += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  auto start = std::chrono::steady_clock::now();
  std::string r = yaml(bomb);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.find("alias bomb") != std::string::npos);
  CHECK(secs < 5.0);  // a guard against hanging, not a benchmark
}

TEST_CASE("YAML errors carry line and column") {
  std::string r = yaml("a: 1\nb: [1, 2\nc: 3\n");
  CHECK(r.rfind("error 3:", 0) == 0);
  CHECK(yaml("a: 1\na: 2").find("duplicate key \"a\"") != std::string::npos);
  CHECK(yaml("? [1, 2]\n: x").find("map keys must be strings") != std::string::npos);
  CHECK(yaml("# only a comment\n") == "empty");
}

TEST_CASE("a stream splits into documents at --- and ... lines") {
  auto chunks = split_yaml_stream("a: 1\n---\nb: 2\n--- # c\nc: 3\n...\nd: 4\n");
  REQUIRE(chunks.size() == 4);
  CHECK(chunks[0].first_line == 1);
  CHECK(chunks[1].first_line == 2);
  CHECK(chunks[2].first_line == 4);
  CHECK(chunks[3].first_line == 7);
  CHECK(chunks[3].text == "d: 4\n");
}
