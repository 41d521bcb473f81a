// The C ABI (include/writ/writ.h): results, and every error path returning
// a status and a message instead of crashing.
#include "support/writ_test.hpp"
#include "writ/writ.h"

#include <cstring>
#include <filesystem>

using namespace writ::testing;

TEST_CASE("c api: version, compile, evaluate, free") {
  CHECK(std::string(writ_version()) == "0.1.0");
  CHECK(writ_abi_version() == WRIT_ABI_VERSION);
  writ_policy_set* set = nullptr;
  char* err = nullptr;
  std::string path = source_path("examples/policies/pods.writ");
  const char* policies[] = {path.c_str()};
  REQUIRE(writ_compile(policies, 1, "{\"allowed_caps\": [\"NET_ADMIN\"]}", &set, &err) == WRIT_OK);
  REQUIRE(err == nullptr);
  writ_evaluator* ev = nullptr;
  REQUIRE(writ_evaluator_new(set, 0, &ev, &err) == WRIT_OK);
  writ_policy_set_free(set);  // the evaluator keeps what it needs
  const char* pod = R"({"kind":"Pod","spec":{"hostPID":true,"containers":[{"name":"c","securityContext":{"capabilities":{"add":["NET_ADMIN"],"drop":["ALL"]}}}]}})";
  char* result = nullptr;
  REQUIRE(writ_evaluate(ev, pod, std::strlen(pod), &result, &err) == WRIT_OK);
  std::string r = result;
  writ_string_free(result);
  CHECK(r.rfind("{\"allowed\":false,\"violations\":[{\"policy\":\"example.pods\",\"rule\":\"host_namespaces\"", 0) == 0);
  CHECK(r.find("NET_ADMIN") == std::string::npos);  // allowed by the param
  writ_evaluator_free(ev);
}

TEST_CASE("c api: errors are statuses with messages") {
  writ_policy_set* set = nullptr;
  char* err = nullptr;
  CHECK(writ_compile(nullptr, 1, nullptr, &set, &err) == WRIT_ERR_INVALID_ARGUMENT);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_compile_source("bad.writ", "rule r { deny }", nullptr, &set, &err) == WRIT_ERR_COMPILE);
  REQUIRE(err != nullptr);
  CHECK(std::string(err).find("bad.writ:1:15: error: unexpected '}', expected an expression") != std::string::npos);
  writ_string_free(err);
  err = nullptr;
  CHECK(set == nullptr);
  CHECK(writ_compile_source("p.writ", "param n = 1\nrule r { deny \"x\" }", "{\"n\": \"one\"}", &set, &err) == WRIT_ERR_PARAMS);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_compile_source("p.writ", "rule r { deny \"x\" }", "[1, 2]", &set, &err) == WRIT_ERR_PARAMS);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_load_bundle("/nonexistent/x.wbc", nullptr, &set, &err) == WRIT_ERR_BUNDLE);
  writ_string_free(err);
  err = nullptr;
  // NULL handles everywhere: a status, never a crash.
  writ_evaluator* ev = nullptr;
  char* out = nullptr;
  CHECK(writ_evaluator_new(nullptr, 0, &ev, &err) == WRIT_ERR_INVALID_ARGUMENT);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_evaluate(nullptr, "{}", 2, &out, &err) == WRIT_ERR_INVALID_ARGUMENT);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_admission_review(nullptr, "{}", 2, &out, nullptr) == WRIT_ERR_INVALID_ARGUMENT);
  CHECK(writ_save_bundle(nullptr, "/tmp/x", nullptr) == WRIT_ERR_INVALID_ARGUMENT);
  writ_policy_set_free(nullptr);
  writ_evaluator_free(nullptr);
  writ_string_free(nullptr);
  // Bad input on a good evaluator.
  REQUIRE(writ_compile_source("p.writ", "rule r { deny \"x\" }", nullptr, &set, &err) == WRIT_OK);
  REQUIRE(writ_evaluator_new(set, 0, &ev, &err) == WRIT_OK);
  CHECK(writ_evaluate(ev, "{\"kind\": [", 10, &out, &err) == WRIT_ERR_INPUT);
  REQUIRE(err != nullptr);
  CHECK(std::string(err).find("invalid JSON") != std::string::npos);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_admission_review(ev, "{\"kind\":\"Pod\"}", 14, &out, &err) == WRIT_ERR_INPUT);
  writ_string_free(err);
  writ_evaluator_free(ev);
  writ_policy_set_free(set);
}

TEST_CASE("c api: bundles through the ABI") {
  writ_policy_set* set = nullptr;
  char* err = nullptr;
  const char* policies[] = {"pss/baseline"};
  REQUIRE(writ_compile(policies, 1, "{\"version\": \"v1.30\"}", &set, &err) == WRIT_OK);
  std::string path = (std::filesystem::temp_directory_path() / "writ-c-api.wbc").string();
  REQUIRE(writ_save_bundle(set, path.c_str(), &err) == WRIT_OK);
  writ_policy_set_free(set);
  set = nullptr;
  REQUIRE(writ_load_bundle(path.c_str(), "{\"version\": \"v1.30\"}", &set, &err) == WRIT_OK);
  writ_evaluator* ev = nullptr;
  REQUIRE(writ_evaluator_new(set, 0, &ev, &err) == WRIT_OK);
  const char* pod = R"({"apiVersion":"v1","kind":"Pod","spec":{"hostNetwork":true,"containers":[{"name":"c","image":"x"}]}})";
  char* out = nullptr;
  REQUIRE(writ_evaluate(ev, pod, std::strlen(pod), &out, &err) == WRIT_OK);
  CHECK(std::string(out).find("host namespaces (hostNetwork=true)") != std::string::npos);
  writ_string_free(out);
  writ_evaluator_free(ev);
  writ_policy_set_free(set);
  std::filesystem::remove(path);
}

TEST_CASE("c api: evaluator options set the budget and the input limits") {
  writ_policy_set* set = nullptr;
  char* err = nullptr;
  REQUIRE(writ_compile_source("p.writ", "rule r { deny \"seen\" }", nullptr, &set, &err) == WRIT_OK);
  writ_evaluator* ev = nullptr;
  REQUIRE(writ_evaluator_new_with_options(set, R"({"budget": 1000, "limits": {"max_depth": 3}})", &ev, &err) == WRIT_OK);
  const char* shallow = R"({"kind":"Pod","a":{"b":1}})";
  const char* deep = R"({"kind":"Pod","a":{"b":{"c":{"d":1}}}})";
  char* result = nullptr;
  REQUIRE(writ_evaluate(ev, shallow, std::strlen(shallow), &result, &err) == WRIT_OK);
  writ_string_free(result);
  CHECK(writ_evaluate(ev, deep, std::strlen(deep), &result, &err) == WRIT_ERR_INPUT);
  REQUIRE(err != nullptr);
  CHECK(std::string(err).find("nesting deeper than 3 levels") != std::string::npos);
  writ_string_free(err);
  writ_evaluator_free(ev);
  // Unknown names are refused, with the list of the known ones.
  err = nullptr;
  CHECK(writ_evaluator_new_with_options(set, R"({"limits": {"max_dpeth": 3}})", &ev, &err) == WRIT_ERR_INVALID_ARGUMENT);
  REQUIRE(err != nullptr);
  CHECK(std::string(err).find("unknown limit 'max_dpeth' (one of: max_document_bytes, max_depth") != std::string::npos);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_evaluator_new_with_options(set, R"({"budgte": 3})", &ev, &err) == WRIT_ERR_INVALID_ARGUMENT);
  writ_string_free(err);
  err = nullptr;
  CHECK(writ_evaluator_new_with_options(set, R"({"limits": {"max_depth": -1}})", &ev, &err) == WRIT_ERR_INVALID_ARGUMENT);
  writ_string_free(err);
  writ_policy_set_free(set);
}
