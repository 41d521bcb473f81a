// Values: equality, ordering, hashing and their text forms.
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"
#include "support/writ_test.hpp"

using namespace writ;

TEST_CASE("values compare structurally, ints and floats numerically") {
  CHECK(values_equal(Value::integer(1), Value::real(1.0)));
  CHECK_FALSE(values_equal(Value::null(), Value::boolean(false)));
  CHECK(values_equal(Value::null(), Value::null()));
  CHECK_FALSE(values_equal(Value::string("1"), Value::integer(1)));
  Value a[] = {Value::integer(1), Value::string("x")};
  Value b[] = {Value::real(1.0), Value::string("x")};
  CHECK(values_equal(Value::list(a, 2), Value::list(b, 2)));
  CHECK_FALSE(values_equal(Value::list(a, 2), Value::list(b, 1)));
  CHECK(hash_value(Value::integer(7)) == hash_value(Value::real(7.0)));
  CHECK(hash_value(Value::string("ab")) != hash_value(Value::string("ba")));
}

TEST_CASE("ordering is defined for numbers and strings only") {
  CHECK(compare_values(Value::integer(1), Value::real(1.5)) == Ordering::kLess);
  CHECK(compare_values(Value::string("b"), Value::string("a")) == Ordering::kGreater);
  CHECK(compare_values(Value::string("a"), Value::integer(1)) == Ordering::kUnordered);
  CHECK(compare_values(Value::real(NAN), Value::real(1)) == Ordering::kUnordered);
}

TEST_CASE("JSON text escapes control characters and replaces invalid UTF-8") {
  std::string out;
  append_json_string(out, std::string("a\"b\\c\n\x01\xff\xc3\xa9", 10));
  CHECK(out == "\"a\\\"b\\\\c\\n\\u0001\\ufffd\xc3\xa9\"");
  CHECK(to_json(Value::real(1.0)) == "1.0");
  CHECK(to_json(Value::real(0.1)) == "0.1");
  CHECK(to_json(Value::real(INFINITY)) == "null");
  CHECK(to_json(Value::integer(-42)) == "-42");
}

TEST_CASE("path keys that are not identifiers are quoted") {
  std::string p;
  append_path_key(p, "metadata");
  append_path_key(p, "annotations");
  append_path_key(p, "app.kubernetes.io/name");
  CHECK(p == "metadata.annotations[\"app.kubernetes.io/name\"]");
  CHECK(is_identifier("_a1"));
  CHECK_FALSE(is_identifier("1a"));
  CHECK_FALSE(is_identifier(""));
}

// Indexing by a string that carries its key id (constants, keys of input
// maps) must find exactly what indexing by the bare string finds: present
// and absent keys, keys outside the policy set's table, computed maps.
TEST_CASE("m[k] by a key-carrying string agrees with a plain string look-up") {
  const std::string input = R"({"spec": {"volumes": [{"name": "a", "configMap": {"name": "x"}},
    {"name": "b", "hostPath": {"path": "/"}}, {"name": "c", "notAField_zz9": 1}]}})";
  using writ::testing::eval_expr;
  // Constant list of field names, some never read as `.field` by a policy.
  CHECK(eval_expr(R"([[s for s in ["configMap", "hostPath", "secret", "notAField_zz9"] if v[s] != null]
                     for v in object.spec.volumes])", input) == R"([["configMap"],["hostPath"],["notAField_zz9"]])");
  // The same names built at run time carry no id.
  CHECK(eval_expr(R"([[s for s in ["config" + "Map", "host" + "Path", "secret", "notAField" + "_zz9"] if v[s] != null]
                     for v in object.spec.volumes])", input) == R"([["configMap"],["hostPath"],["notAField_zz9"]])");
  // Keys of an input map index another input map, and a computed map.
  CHECK(eval_expr(R"(flatten([[k for k, _ in v if object.spec.volumes[0][k] != null] for v in object.spec.volumes]))",
                  input) ==
        R"(["name","configMap","name","name"])");
  CHECK(eval_expr(R"([k for k, _ in object.spec.volumes[1] if {name: 1, hostPath: 2}[k] != null])", input) ==
        R"(["name","hostPath"])");
  CHECK(eval_expr(R"("configMap" in object.spec.volumes[0] and not ("secret" in object.spec.volumes[0]))", input) ==
        "true");
}
