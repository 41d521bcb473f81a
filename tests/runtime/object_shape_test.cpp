// The shape check every object passes before rules run (object_shape.hpp).
#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/value/object_shape.hpp"
#include "support/writ_test.hpp"

using namespace writ;

namespace {

// A YAML document decoded into its own tree.
struct Decoded {
  KeyTable keys;
  Document doc{&keys};
  explicit Decoded(const std::string& yaml) {
    YamlDecoder dec;
    YamlResult res;
    DecodeError err;
    REQUIRE(dec.decode(yaml, doc, &res, &err));
  }
};

std::string problem_of(const std::string& yaml) { return object_shape_problem(Decoded(yaml).doc.root_value()); }

}  // namespace

TEST_CASE("object shape: well-formed objects pass, whatever their kind") {
  CHECK(problem_of("apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: b}}\nspec: {containers: [{name: c}]}") == "");
  CHECK(problem_of("kind: Widget\nspec: {anything: [1, 2]}") == "");
  CHECK(problem_of("kind: CronJob\nspec: {jobTemplate: {spec: {template: {spec: {initContainers: []}}}}}") == "");
  CHECK(problem_of("kind: Deployment\nspec: {replicas: 3}") == "");  // no template yet: nothing to check below it
}

TEST_CASE("object shape: the first field of the wrong type, with its path") {
  CHECK(problem_of("- 1") == "the document must be a map (a Kubernetes object), got a list");
  CHECK(problem_of("kind: [Pod]") == "kind must be a string, got a list");
  CHECK(problem_of("kind: Pod\nmetadata: {labels: {app: 7}}") == "metadata.labels.app must be a string, got an int");
  CHECK(problem_of("kind: Pod\nmetadata: {annotations: x}") == "metadata.annotations must be a map, got a string");
  CHECK(problem_of("kind: Pod\nspec: {containers: [{name: a}, {name: b, securityContext: true}]}") ==
        "spec.containers[1].securityContext must be a map, got a bool");
  CHECK(problem_of("kind: CronJob\nspec: {jobTemplate: {spec: {template: []}}}") ==
        "spec.jobTemplate.spec.template must be a map, got a list");
  CHECK(problem_of("kind: StatefulSet\nspec: {template: {metadata: {name: 5}}}") ==
        "spec.template.metadata.name must be a string, got an int");
  CHECK(problem_of("kind: Job\nspec: {template: {spec: {ephemeralContainers: [3]}}}") ==
        "spec.template.spec.ephemeralContainers[0] must be a map (a container), got an int");
  CHECK(problem_of("kind: Service\nspec: [1]") == "spec must be a map, got a list");
}

// A document's root is checked when it is built, so evaluations skip it;
// a root that fails is not marked, and its evaluation still refuses it.
TEST_CASE("object shape: a document's root is checked once, when it is built") {
  auto checked = [](const std::string& yaml) { return Decoded(yaml).doc.root_shape_checked(); };
  CHECK(checked("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}"));
  CHECK_FALSE(checked("kind: Pod\nspec: {containers: [{name: a, securityContext: true}]}"));
  CHECK_FALSE(checked("- 1"));
  writ::testing::Outcome o = writ::testing::run("rule r { deny \"x\" }",
                                                "kind: Pod\nspec: {containers: [{name: a, securityContext: true}]}\n");
  CHECK(o.violations.empty());
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0].find("malformed object: spec.containers[0].securityContext must be a map, got a bool") !=
        std::string::npos);
}
