// InputLoader: formats, locations, lists, broken documents among good ones.
#include "runtime/decode/loader.hpp"
#include "support/writ_test.hpp"

using namespace writ;

namespace {
struct Loaded {
  std::vector<LoadedDocument> docs;
};
Loaded load(const std::string& text, InputFormat fmt = InputFormat::kAuto, const std::string& name = "in.yaml") {
  static KeyTable keys;
  InputLoader loader(keys);
  Loaded out;
  loader.load_text(text, name, fmt, [&](LoadedDocument&& d) { out.docs.push_back(std::move(d)); });
  return out;
}
}  // namespace

TEST_CASE("a broken YAML document does not take its neighbours down") {
  Loaded l = load("kind: A\n---\nkind: [B\n---\nkind: C\n");
  REQUIRE(l.docs.size() == 3);
  CHECK(l.docs[0].ok());
  CHECK_FALSE(l.docs[1].ok());
  CHECK(l.docs[1].error_line == 4);
  CHECK(l.docs[1].error_text().rfind("in.yaml:4:", 0) == 0);
  CHECK(l.docs[2].ok());
  CHECK(l.docs[2].location.to_string() == "in.yaml:5");
}

TEST_CASE("JSON Lines are one document per line, located as file#line") {
  Loaded l = load("{\"kind\":\"A\"}\n\n{\"kind\":\"B\"\n{\"kind\":\"C\"}\n", InputFormat::kJsonLines, "log.jsonl");
  REQUIRE(l.docs.size() == 3);
  CHECK(l.docs[0].location.to_string() == "log.jsonl#1");
  CHECK_FALSE(l.docs[1].ok());
  CHECK(l.docs[1].error_text().rfind("log.jsonl:3:", 0) == 0);
  CHECK(l.docs[2].location.to_string() == "log.jsonl#4");
}

TEST_CASE("a List is expanded into its items, each with its own line") {
  Loaded l = load("apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n- kind: Service\n  metadata: {name: b}\n");
  REQUIRE(l.docs.size() == 1);
  auto rs = resources_of(l.docs[0]);
  REQUIRE(rs.size() == 2);
  CHECK(rs[0].location.to_string() == "in.yaml:4");
  CHECK(rs[1].location.to_string() == "in.yaml:6");
}

TEST_CASE("AdmissionReviews and audit events are recognised") {
  Loaded l = load(testing::read_file(testing::corpus_path("kubernetes-api-testdata/testdata/HEAD/admission.k8s.io.v1.AdmissionReview.json")),
                  InputFormat::kJson);
  REQUIRE(l.docs.size() == 1);
  REQUIRE(l.docs[0].ok());
  CHECK(resources_of(l.docs[0])[0].kind == ResourceKind::kAdmissionReview);
  Loaded e = load("{\"apiVersion\":\"audit.k8s.io/v1\",\"kind\":\"Event\",\"verb\":\"get\"}\n", InputFormat::kJsonLines);
  CHECK(resources_of(e.docs[0])[0].kind == ResourceKind::kAuditEvent);
}

TEST_CASE("pretty-printed JSON is one document, not JSON Lines") {
  Loaded l = load("{\n  \"kind\": \"A\"\n}\n", InputFormat::kJson, "x.json");
  REQUIRE(l.docs.size() == 1);
  CHECK(l.docs[0].ok());
}
