// Fuzz target: an AdmissionReview through the public API, as a webhook
// serves it: Evaluator::admission_response with the standard packs, then
// the same bytes through the C ABI.
//
// Whatever the request, the answer is either a Problem (not JSON, no uid)
// or a response that is itself valid JSON: the API server must be able to
// read every answer, so an unreadable one aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "runtime/decode/json_decoder.hpp"
#include "writ/writ.h"
#include "writ/writ.hpp"

namespace {

// Compiled once: a webhook compiles at start and serves every request.
const writ::PolicySet& policies() {
  static const writ::PolicySet set = [] {
    auto s = writ::PolicySet::compile({"pss/restricted", "workloads", "rbac", "network", "secrets", "ingress"});
    if (!s) {
      std::fprintf(stderr, "fuzz_admission: %s\n", s.error_text().c_str());
      std::abort();
    }
    return *s;
  }();
  return set;
}

void check_json(const std::string& text) {
  static const writ::KeyTable keys;
  static writ::JsonDecoder json;
  writ::Document doc(&keys);
  writ::DecodeError err;
  if (!json.decode(text, doc, &err)) {
    std::fprintf(stderr, "the admission response is not valid JSON: %s\n%s\n", err.message.c_str(), text.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view review(reinterpret_cast<const char*>(data), size);
  // A small budget, as a webhook with a deadline would set.
  writ::EvaluatorOptions options;
  options.budget = 200'000;
  writ::Evaluator evaluator(policies(), options);
  auto response = evaluator.admission_response(review);
  if (response) check_json(*response);

  static writ_policy_set* set = [] {
    const char* packs[] = {"pss/baseline"};
    writ_policy_set* s = nullptr;
    char* error = nullptr;
    if (writ_compile(packs, 1, "{\"version\": \"v1.30\"}", &s, &error) != WRIT_OK) std::abort();
    return s;
  }();
  writ_evaluator* ev = nullptr;
  char *error = nullptr, *out = nullptr;
  if (writ_evaluator_new(set, 200'000, &ev, &error) != WRIT_OK) std::abort();
  if (writ_admission_review(ev, review.data(), review.size(), &out, &error) == WRIT_OK) check_json(out);
  else if (error == nullptr) std::abort();  // every failure comes with a message
  writ_string_free(out);
  writ_string_free(error);
  writ_evaluator_free(ev);
  return 0;
}
