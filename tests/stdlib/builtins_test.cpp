// Every built-in function, through the language (eval_expr wraps the
// expression in a one-rule policy and returns the rendered value).
#include <algorithm>
#include <string>
#include <vector>

#include "support/writ_test.hpp"

using namespace writ::testing;

TEST_CASE("string built-ins") {
  CHECK(eval_expr("lower(\"AbC\")") == "abc");
  CHECK(eval_expr("upper(\"AbC\")") == "ABC");
  CHECK(eval_expr("trim(\"  x y \\n\")") == "x y");
  CHECK(eval_expr("trim_prefix(\"docker.io/nginx\", \"docker.io/\")") == "nginx");
  CHECK(eval_expr("trim_suffix(\"a.yaml\", \".yaml\")") == "a");
  CHECK(eval_expr("starts_with(\"abc\", \"ab\")") == "true");
  CHECK(eval_expr("ends_with(\"abc\", \"bc\")") == "true");
  CHECK(eval_expr("contains(\"abc\", \"d\")") == "false");
  CHECK(eval_expr("split(\"a,b,,c\", \",\")") == R"(["a","b","","c"])");
  CHECK(eval_expr("join([\"a\", 1, null], \"/\")") == "a/1/null");
  // All strings (sized, copied once), empty items and lists, tree strings.
  CHECK(eval_expr("join([\"ab\", \"\", \"c\"], \", \")") == "ab, , c");
  CHECK(eval_expr("join([], \"/\")") == "");
  CHECK(eval_expr("join([\"\", \"\"], \"\")") == "");
  CHECK(eval_expr("join([\"x\"], \"--\") + \"|\"") == "x|");
  CHECK(eval_expr("join([c.name for c in object.cs], \"+\")", "cs: [{name: a}, {name: bc}]\n") == "a+bc");
  CHECK(eval_expr("join(object.names, \"+\")", "names: [a, \"\", z]\n") == "a++z");
  CHECK(eval_expr("replace(\"a-b-c\", \"-\", \"+\")") == "a+b+c");
  CHECK(eval_expr("to_string(1.5)") == "1.5");
  CHECK(eval_expr("quote(\"a\\\"b\\n\")") == R"("a\"b\n")");
  CHECK(eval_expr("lower(null)") == "null");
  CHECK(eval_expr("split(\"a\", \"\")").find("separator must not be empty") != std::string::npos);
}

// sort and unique on lists long enough to leave their small-list paths
// (insertion sort up to 16 items, linear search up to 32): the results are
// checked against std::stable_sort and a first-seen filter.
TEST_CASE("sort and unique of long lists") {
  for (int n : {15, 16, 17, 33, 100, 257}) {
    INFO(n);
    std::vector<std::pair<int, int>> items;  // (value, position); 1 and 1.0 alternate
    std::string list = "[";
    uint32_t seed = 12345 + static_cast<uint32_t>(n);
    for (int i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      int v = static_cast<int>((seed >> 16) % 23);
      items.push_back({v, i});
      list += (i ? ", " : "") + std::to_string(v) + (i % 2 ? ".0" : "");
    }
    list += "]";
    std::stable_sort(items.begin(), items.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::string sorted = "[";
    for (size_t i = 0; i < items.size(); ++i)
      sorted += (i ? "," : "") + std::to_string(items[i].first) + (items[i].second % 2 ? ".0" : "");
    CHECK(eval_expr("sort(" + list + ")") == sorted + "]");
    std::vector<int> seen;
    std::string distinct = "[";
    std::vector<std::pair<int, int>> by_position(items);
    std::sort(by_position.begin(), by_position.end(), [](auto& a, auto& b) { return a.second < b.second; });
    for (auto& [v, pos] : by_position) {
      if (std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
      distinct += (seen.empty() ? "" : ",") + std::to_string(v) + (pos % 2 ? ".0" : "");
      seen.push_back(v);
    }
    CHECK(eval_expr("unique(" + list + ")") == distinct + "]");
  }
}

TEST_CASE("collection built-ins") {
  CHECK(eval_expr("len([1, 2])") == "2");
  CHECK(eval_expr("len({a: 1})") == "1");
  CHECK(eval_expr("len(\"héllo\")") == "6");
  CHECK(eval_expr("len(null)") == "0");
  CHECK(eval_expr("len(object.n)", "n: 5").find("len: len needs a string, list or map, got an int") != std::string::npos);
  CHECK(eval_expr("len(object.spec.containers)", "spec: {containers: [{name: a}, {name: b}]}") == "2");  // an input list
  CHECK(eval_expr("keys({b: 1, a: 2})") == R"(["b","a"])");
  CHECK(eval_expr("values({b: 1, a: 2})") == "[1,2]");
  CHECK(eval_expr("sort([3, 1.5, 2])") == "[1.5,2,3]");
  CHECK(eval_expr("sort([\"b\", \"a\"])") == R"(["a","b"])");
  CHECK(eval_expr("sort([1, \"a\"])").find("numbers or a list of strings") != std::string::npos);
  CHECK(eval_expr("unique([1, 2, 1, 1.0, \"1\"])") == R"([1,2,"1"])");
  CHECK(eval_expr("sum([1, 2, 3])") == "6");
  CHECK(eval_expr("sum([1, 2.5])") == "3.5");
  CHECK(eval_expr("min([3, 1, 2])") == "1");
  CHECK(eval_expr("max([\"a\", \"c\", \"b\"])") == "c");
  CHECK(eval_expr("max([])") == "null");
  CHECK(eval_expr("flatten([[1], 2, [3, [4]]])") == "[1,2,3,[4]]");
  CHECK(eval_expr("to_int(\"42\")") == "42");
  CHECK(eval_expr("to_int(3.9)") == "3");
  CHECK(eval_expr("to_int(\"x\")").find("is not an integer") != std::string::npos);
  CHECK(eval_expr("to_float(\"2.5\")") == "2.5");
  CHECK(eval_expr("type_of({})") == "map");
}

TEST_CASE("regex and glob built-ins") {
  CHECK(eval_expr("regex.match(\"^[a-z]+$\", \"abc\")") == "true");
  CHECK(eval_expr("regex.match(r\"^\\d{2}$\", \"123\")") == "false");
  CHECK(eval_expr("regex.find(\"[0-9]+\", \"v1.23\")") == "1");
  CHECK(eval_expr("regex.find(\"z\", \"abc\")") == "null");
  CHECK(eval_expr("regex.replace(\"(a+)\", \"caab\", \"<\\\\1>\")") == "c<aa>b");
  // A dynamic pattern is compiled at run time; an invalid one is an error.
  CHECK(eval_expr("regex.match(object.kind, \"Thing\")") == "true");
  CHECK(eval_expr("glob.match(\"*.example.com/*\", \"registry.example.com/app\")") == "true");
  // A constant invalid pattern is a compile-time error.
  CHECK(eval_expr("regex.match(\"(\", \"x\")").find("invalid regular expression") != std::string::npos);
}

TEST_CASE("k8s built-ins") {
  CHECK(eval_expr("k8s.quantity(\"500m\")") == "0.5");
  CHECK(eval_expr("k8s.quantity(\"1Gi\")") == "1073741824");
  CHECK(eval_expr("k8s.quantity(\"2k\")") == "2000");
  CHECK(eval_expr("k8s.quantity(\"1e3\")") == "1000");
  CHECK(eval_expr("k8s.quantity(\"1.5Mi\")") == "1572864");
  CHECK(eval_expr("k8s.quantity(3)") == "3");
  CHECK(eval_expr("k8s.quantity(\"lots\")").find("is not a quantity") != std::string::npos);
  CHECK(eval_expr("k8s.quantity(\"250m\") < k8s.quantity(\"1\")") == "true");
  CHECK(eval_expr("k8s.image(\"nginx\")") ==
        R"({"registry":"docker.io","repository":"library/nginx","tag":null,"digest":null,"name":"nginx"})");
  CHECK(eval_expr("k8s.image(\"ghcr.io/org/app:1.2@sha256:abc\").tag") == "1.2");
  CHECK(eval_expr("k8s.image(\"ghcr.io/org/app:1.2@sha256:abc\").digest") == "sha256:abc");
  CHECK(eval_expr("k8s.image(\"localhost:5000/app\").registry") == "localhost:5000");
  CHECK(eval_expr("k8s.image(\"localhost:5000/app\").tag") == "null");

  std::string cronjob = R"(apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: i}]
          containers: [{name: c}]
          ephemeralContainers: [{name: e}]
)";
  CHECK(eval_expr("[c.name for c in k8s.containers(object)]", cronjob) == R"(["i","c","e"])");
  CHECK(eval_expr("len(k8s.pod_spec(object).containers)", cronjob) == "1");
  CHECK(eval_expr("k8s.pod_spec(object)", "kind: ConfigMap\n") == "null");
  CHECK(eval_expr("k8s.containers(object)", "kind: ConfigMap\n") == "[]");
}
