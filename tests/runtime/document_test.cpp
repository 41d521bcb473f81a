// The input tree: builder, parent links, field paths, limits.
#include <filesystem>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/value/builder.hpp"
#include "runtime/value/format.hpp"
#include "runtime/vm/resource_input.hpp"
#include "support/writ_test.hpp"

using namespace writ;

TEST_CASE("nodes know their parents: field paths are rebuilt from the tree") {
  KeyTable keys;
  keys.intern("spec");
  Document doc(&keys);
  JsonDecoder dec;
  DecodeError err;
  REQUIRE(dec.decode(R"({"spec":{"containers":[{"name":"a"},{"name":"b","x.y/z":{"k":1}}]}})", doc, &err));
  const Node* spec = doc.root()->field(keys.find("spec"));
  REQUIRE(spec != nullptr);
  const Node* containers = spec->children;  // only child
  const Node* second = containers->children + 1;
  const Node* odd = second->children + 1;
  CHECK(field_path(odd) == "spec.containers[1][\"x.y/z\"]");
  CHECK(field_path(odd->children) == "spec.containers[1][\"x.y/z\"].k");
  CHECK(field_path(second, spec) == "containers[1]");
  CHECK(field_path(doc.root()).empty());
  CHECK(odd->document() == &doc);
}

// The same paths when the odd key is interned (the KeyTable then knows it
// is not an identifier) and with a two-digit index.
TEST_CASE("field paths: interned odd keys are quoted, indexes past 9 print whole") {
  KeyTable keys;
  keys.intern("x.y/z");
  keys.intern("items");
  CHECK_FALSE(keys.is_identifier(keys.find("x.y/z")));
  CHECK(keys.is_identifier(keys.find("items")));
  Document doc(&keys);
  JsonDecoder dec;
  DecodeError err;
  REQUIRE(dec.decode(R"({"items":[0,1,2,3,4,5,6,7,8,9,10,11,{"x.y/z":true}]})", doc, &err));
  const Node* item = doc.root()->field(keys.find("items"))->children + 12;
  CHECK(field_path(item) == "items[12]");
  CHECK(field_path(item->children) == "items[12][\"x.y/z\"]");
}

// Paths spell interned keys from the table (KeyTable::path_step) and keys
// only the document knows (overflow ids) on the spot, the same way: an
// identifier with its dot (dropped at the start), anything else quoted.
TEST_CASE("path steps: interned and overflow keys are spelled alike") {
  KeyTable keys;
  KeyId spec = keys.intern("spec"), odd = keys.intern("a b");
  CHECK(keys.path_step(spec) == ".spec");
  CHECK(keys.path_step(odd) == "[\"a b\"]");
  Document doc(&keys);
  JsonDecoder dec;
  DecodeError err;
  REQUIRE(dec.decode(R"({"a b":{"spec":{"c d":{"unknown":[0,{"x":1}]}}}})", doc, &err));
  const Node* ab = doc.root()->children;
  const Node* spec_node = ab->children;
  const Node* cd = spec_node->children;
  const Node* unknown = cd->children;
  const Node* x = unknown->children[1].children;
  CHECK(field_path(x) == "[\"a b\"].spec[\"c d\"].unknown[1].x");
  CHECK(field_path(spec_node, ab) == "spec");    // interned, first step: no dot
  CHECK(field_path(unknown, cd) == "unknown");   // overflow, first step: no dot
  CHECK(field_path(cd, spec_node) == "[\"c d\"]");
}

// Node::field reads key ids four at a time, over the builder's padding:
// every size around a group boundary, every key found at its own child, an
// absent key and the padding id (kNoKey) never found.
TEST_CASE("field lookup finds each key of maps of 0 to 9 entries, and nothing else") {
  KeyTable keys;
  for (int k = 0; k < 10; ++k) keys.intern("k" + std::to_string(k));
  keys.intern("absent");
  for (int n = 0; n <= 9; ++n) {
    CAPTURE(n);
    std::string json = "{";
    for (int k = 0; k < n; ++k) json += (k ? ",\"k" : "\"k") + std::to_string(k) + "\":" + std::to_string(k);
    json += "}";
    Document doc(&keys);
    JsonDecoder dec;
    DecodeError err;
    REQUIRE(dec.decode(json, doc, &err));
    const Node* root = doc.root();
    REQUIRE(root->len == static_cast<uint32_t>(n));
    for (int k = 0; k < n; ++k) {
      const Node* v = root->field(keys.find("k" + std::to_string(k)));
      REQUIRE(v != nullptr);
      CHECK(v == root->children + k);
      CHECK(v->i == k);
    }
    for (int k = n; k < 10; ++k) CHECK(root->field(keys.find("k" + std::to_string(k))) == nullptr);
    CHECK(root->field(keys.find("absent")) == nullptr);
    CHECK(root->field(kNoKey) == nullptr);
  }
}

// The hash reads the bytes after a name's last whole word in one go: every
// byte of the name must count, and no byte around it.
TEST_CASE("KeyTable::hash depends on every byte of a name and on nothing beside it, for 0 to 40 bytes") {
  for (size_t start = 0; start < 8; ++start)  // every alignment of the name
    for (size_t len = 0; start + len <= 40; ++len) {
      INFO("start " << start << ", length " << len);
      std::string a(48, 'x'), b(48, 'y');  // different bytes around the name
      for (size_t i = 0; i < len; ++i) a[start + i] = b[start + i] = static_cast<char>('a' + (i * 7) % 26);
      uint64_t h = KeyTable::hash(std::string_view(a.data() + start, len));
      CHECK(KeyTable::hash(std::string_view(b.data() + start, len)) == h);
      for (size_t i = 0; i < len; ++i) {
        std::string c = a;
        c[start + i] ^= 0x20;
        CHECK(KeyTable::hash(std::string_view(c.data() + start, len)) != h);
      }
    }
}

TEST_CASE("duplicate keys are rejected") {
  KeyTable keys;
  Document doc(&keys);
  JsonDecoder dec;
  DecodeError err;
  CHECK_FALSE(dec.decode(R"({"a":1,"b":2,"a":3})", doc, &err));
  CHECK(err.message == "duplicate key \"a\"");
}

TEST_CASE("duplicate keys: the first repeat in input order, interned and overflow keys alike, maps of any size") {
  KeyTable keys;
  const char* interned[] = {"a", "b", "c", "name", "spec", "image"};
  for (const char* k : interned) keys.intern(k);
  const char* pool[] = {"a", "b", "c", "name", "spec", "image", "x1", "x2", "x3", "y/z", "w.v", "long-overflow-key-0"};
  // A fixed pseudo-random sequence: maps of 0 to 40 entries drawn from the
  // pool, so repeats are common, with and without overflow keys.
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  auto next = [&](uint64_t bound) {
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    return seed % bound;
  };
  Document doc(&keys);
  DocumentBuilder builder(InputLimits{});
  size_t refused = 0, accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    size_t n = next(41);
    std::vector<std::string> names;
    for (size_t i = 0; i < n; ++i) names.push_back(pool[next(round % 3 == 0 ? 6 : 12)]);
    size_t expected = n;  // the naive answer: the first index repeating an earlier name
    for (size_t i = 0; i < n && expected == n; ++i)
      for (size_t j = 0; j < i; ++j)
        if (names[i] == names[j]) {
          expected = i;
          break;
        }
    builder.start(doc);
    REQUIRE(builder.begin_map().is_ok());
    for (size_t i = 0; i < n; ++i) {
      REQUIRE(builder.key(names[i]).is_ok());
      REQUIRE(builder.int_value(static_cast<int64_t>(i)).is_ok());
    }
    Status st = builder.end();
    INFO("round " << round << ", " << n << " entries");
    if (expected == n) {
      CHECK(st.is_ok());
      ++accepted;
    } else {
      REQUIRE_FALSE(st.is_ok());
      CHECK(builder.duplicate_key_index() == expected);
      CHECK(st.message() == "duplicate key \"" + names[expected] + "\"");
      ++refused;
    }
  }
  CHECK(refused > 100);
  CHECK(accepted > 100);
}

TEST_CASE("the builder enforces depth and size limits") {
  KeyTable keys;
  Document doc(&keys);
  InputLimits limits;
  limits.max_depth = 3;
  DocumentBuilder b(doc, limits);
  REQUIRE(b.begin_list().is_ok());
  REQUIRE(b.begin_list().is_ok());
  REQUIRE(b.begin_list().is_ok());
  Status st = b.begin_list();
  CHECK(st.code() == StatusCode::kLimitExceeded);
  CHECK(st.message() == "nesting deeper than 3 levels");

  InputLimits small;
  small.max_string_bytes = 4;
  Document doc2(&keys);
  DocumentBuilder b2(doc2, small);
  CHECK(b2.string_value("12345").code() == StatusCode::kLimitExceeded);
}

TEST_CASE("a reset document reuses its memory") {
  KeyTable keys;
  Document doc(&keys);
  JsonDecoder dec;
  DecodeError err;
  std::string text = R"({"a":[1,2,3,{"b":"some string value"}],"c":"another string"})";
  REQUIRE(dec.decode(text, doc, &err));
  size_t used = doc.tree_bytes();
  for (int i = 0; i < 100; ++i) REQUIRE(dec.decode(text, doc, &err));
  CHECK(doc.tree_bytes() == used);
  CHECK(used < 3 * text.size() + 200);
}

// The stack buffer's limits: a path deeper than PathBuffer::kSteps nodes,
// or longer than its 512 bytes, is spelled the general way, whole.
TEST_CASE("field paths deeper than 32 nodes or longer than 512 bytes are spelled whole") {
  KeyTable keys;
  KeyId a = keys.intern("a");
  std::string long_key(200, 'k');  // KeyTable::kMaxKeyLen is 253
  KeyId k = keys.intern(long_key);
  REQUIRE(k != kNoKey);
  JsonDecoder dec;
  DecodeError err;

  Document deep(&keys);
  std::string text;
  for (int i = 0; i < 40; ++i) text += "{\"a\":";
  text += "1" + std::string(40, '}');
  REQUIRE(dec.decode(text, deep, &err));
  const Node* n = deep.root();
  std::string expected = "a";
  for (int i = 0; i < 40; ++i) n = n->field(a);
  for (int i = 1; i < 40; ++i) expected += ".a";
  CHECK(field_path(n) == expected);

  Document wide(&keys);
  const std::string quoted = "\"" + long_key + "\"";
  REQUIRE(dec.decode("{" + quoted + ":{" + quoted + ":{" + quoted + ":[7]}}}", wide, &err));
  const Node* item = wide.root()->field(k)->field(k)->field(k)->children;  // a path of 605 bytes
  CHECK(field_path(item) == long_key + "." + long_key + "." + long_key + "[0]");
}

TEST_CASE("PathBuffer: a step that does not fit fails the buffer, never writes past it") {
  PathBuffer path;
  std::string step = "." + std::string(300, 'x');
  path.step(step);
  CHECK(path.ok());
  CHECK(path.view() == step.substr(1));  // the first step loses its dot
  path.step(step);
  CHECK_FALSE(path.ok());
  PathBuffer indexes;
  for (int i = 0; i < 50 && indexes.ok(); ++i) indexes.index(4000000000u);  // "[4000000000]": 12 bytes each
  CHECK_FALSE(indexes.ok());
  CHECK(indexes.view().size() <= 512);
  PathBuffer inner(false);  // not the start of a path: `.name` keeps its dot
  inner.step(".spec");
  CHECK(inner.view() == ".spec");
}

// Every node of real documents (the corpus's Pod Security test data, decoded
// against a table that knows some of their keys and not others) has the
// path an independent spelling gives: the fast path of append_field_path
// (interned keys, a buffer on the stack) and its general form (keys only
// the document knows) must agree with it, below every ancestor.
namespace {

std::string oracle_path(const Node* node, const Node* root, const Document& doc) {
  if (node == nullptr || node == root || node->parent == nullptr) return "";
  std::string out = oracle_path(node->parent, root, doc);
  const Node* p = node->parent;
  uint32_t j = static_cast<uint32_t>(node - p->children);
  if (p->type == Type::List) return out + "[" + std::to_string(j) + "]";
  std::string_view name = doc.key_name(p->keys()[j]);
  if (is_identifier(name)) return out + (out.empty() ? "" : ".") + std::string(name);
  std::string quoted;
  append_json_string(quoted, name);
  return out + "[" + quoted + "]";
}

void check_every_path(const Node* n, const Document& doc, size_t* checked) {
  for (const Node* a = n; a != nullptr; a = a->parent) {
    if (field_path(n, a) != oracle_path(n, a, doc)) {
      FAIL_CHECK("path of a node below " << field_path(a) << ": " << field_path(n, a) << " != " << oracle_path(n, a, doc));
      return;
    }
    ++*checked;
  }
  if (n->type == Type::List || n->type == Type::Map)
    for (uint32_t i = 0; i < n->len; ++i) check_every_path(n->children + i, doc, checked);
}

}  // namespace

TEST_CASE("field paths of every node of the corpus's pods match an independent spelling") {
  KeyTable keys;
  for (const char* k : {"spec", "containers", "securityContext", "metadata", "name", "image", "capabilities"})
    keys.intern(k);
  JsonDecoder dec;
  size_t documents = 0, checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           writ::testing::corpus_path("pod-security-admission/testdata"))) {
    if (entry.path().extension() != ".yaml" || documents >= 1000) continue;
    Document doc(&keys);
    YamlDecoder yaml;
    YamlResult res;
    DecodeError err;
    if (!yaml.decode(writ::testing::read_file(entry.path().string()), doc, &res, &err)) continue;
    ++documents;
    check_every_path(doc.root(), doc, &checked);
  }
  CHECK(documents == 1000);
  CHECK(checked > 50'000);
}

TEST_CASE("root_value is kept beside the root, and follows the document's resets") {
  KeyTable keys;
  Document doc(&keys);
  CHECK(doc.root_value().is_null());
  JsonDecoder dec;
  DecodeError err;
  std::string json = "{";
  for (int i = 0; i < 100; ++i) json += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  json += "}";
  REQUIRE(dec.decode(json, doc, &err));
  Value root = doc.root_value();
  CHECK(root.type == Type::Map);
  CHECK(root.rep == Value::kTree);
  CHECK(root.node == doc.root());
  CHECK(root.len == 100);
  // What a host holding documents evaluates: the root, the document named.
  EvalInput in = input_of(doc);
  CHECK(in.document == &doc);
  CHECK(in.object.node == doc.root());
  REQUIRE(dec.decode("7", doc, &err));
  CHECK(doc.root_value().type == Type::Int);
  CHECK(doc.root_value().i == 7);
  doc.reset();
  CHECK(doc.root_value().is_null());
}
