// The C ABI over the C++ API. Nothing may unwind across extern "C": every
// entry point catches everything (allocation failure included).
#include <cstring>
#include <new>

#include "api/internal.hpp"
#include "runtime/decode/input_limits.hpp"
#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/format.hpp"
#include "writ/writ.h"

struct writ_policy_set {
  writ::PolicySet set;
};

struct writ_evaluator {
  writ::Evaluator ev;
};

namespace {

char* dup(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) return nullptr;
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

writ_status fail(writ_status code, const std::string& message, char** error_out) {
  if (error_out != nullptr) *error_out = dup(message);
  return code;
}

// {"name": value, ...} → param name → JSON text of the value.
bool params_of(const char* json, std::map<std::string, std::string>* out, std::string* err) {
  if (json == nullptr || *json == '\0') return true;
  writ::KeyTable keys;
  writ::Document doc(&keys);
  writ::JsonDecoder dec;
  writ::DecodeError e;
  if (!dec.decode(json, doc, &e)) {
    *err = "params: " + e.message;
    return false;
  }
  writ::Value root = doc.root_value();
  if (root.type != writ::Type::Map) {
    *err = "params: expected a JSON object";
    return false;
  }
  for (uint32_t j = 0; j < root.len; ++j)
    (*out)[std::string(writ::map_key_at(root, j))] = writ::to_json(writ::map_value_at(root, j));
  return true;
}

template <typename Fn>
writ_status guarded(char** error_out, Fn fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return fail(WRIT_ERR_INTERNAL, "out of memory", error_out);
  } catch (const std::exception& e) {
    return fail(WRIT_ERR_INTERNAL, std::string("internal error: ") + e.what(), error_out);
  } catch (...) {
    return fail(WRIT_ERR_INTERNAL, "internal error", error_out);
  }
}

// {"budget": N, "limits": {NAME: N, ...}} → EvaluatorOptions.
bool evaluator_options_of(const char* json, writ::EvaluatorOptions* out, std::string* err) {
  if (json == nullptr || *json == '\0') return true;
  writ::KeyTable keys;
  writ::Document doc(&keys);
  writ::JsonDecoder dec;
  writ::DecodeError e;
  if (!dec.decode(json, doc, &e)) {
    *err = "options: " + e.message;
    return false;
  }
  auto count = [&](const writ::Value& v, std::string_view what, uint64_t* n) {
    if (v.type != writ::Type::Int || v.i < 0) {
      *err = "options: " + std::string(what) + " must be a non-negative integer";
      return false;
    }
    *n = static_cast<uint64_t>(v.i);
    return true;
  };
  writ::Value root = doc.root_value();
  if (root.type != writ::Type::Map) {
    *err = "options: expected a JSON object";
    return false;
  }
  for (uint32_t j = 0; j < root.len; ++j) {
    std::string_view name = writ::map_key_at(root, j);
    writ::Value v = writ::map_value_at(root, j);
    uint64_t n = 0;
    if (name == "budget") {
      if (!count(v, "budget", &n)) return false;
      if (n > 0) out->budget = n;
    } else if (name == "limits" && v.type == writ::Type::Map) {
      for (uint32_t k = 0; k < v.len; ++k) {
        std::string_view limit = writ::map_key_at(v, k);
        if (!count(writ::map_value_at(v, k), limit, &n)) return false;
        if (!writ::set_input_limit(&out->limits, limit, n, err)) {
          *err = "options: " + *err;
          return false;
        }
      }
    } else {
      *err = "options: unknown option '" + std::string(name) + "' (budget, limits)";
      return false;
    }
  }
  return true;
}

writ_status finish(writ::Expected<writ::PolicySet> set, writ_status code, writ_policy_set** out, char** error_out) {
  if (!set) {
    bool params = false;
    for (const writ::Problem& p : set.problems()) params = params || p.message.find("param") != std::string::npos;
    return fail(params && code == WRIT_ERR_COMPILE ? WRIT_ERR_PARAMS : code, set.error_text(), error_out);
  }
  *out = new writ_policy_set{std::move(*set)};
  return WRIT_OK;
}

}  // namespace

extern "C" {

const char* writ_version(void) { return writ::version(); }
int writ_abi_version(void) { return WRIT_ABI_VERSION; }

writ_status writ_compile(const char* const* policies, size_t count, const char* params_json, writ_policy_set** out,
                         char** error_out) {
  return guarded(error_out, [&] {
    if (out == nullptr || (policies == nullptr && count > 0)) return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    *out = nullptr;
    writ::PolicySetOptions opts;
    std::string err;
    if (!params_of(params_json, &opts.params, &err)) return fail(WRIT_ERR_PARAMS, err, error_out);
    std::vector<std::string> list;
    for (size_t i = 0; i < count; ++i) {
      if (policies[i] == nullptr) return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL policy name", error_out);
      list.emplace_back(policies[i]);
    }
    return finish(writ::PolicySet::compile(list, opts), WRIT_ERR_COMPILE, out, error_out);
  });
}

writ_status writ_compile_source(const char* name, const char* source, const char* params_json, writ_policy_set** out,
                                char** error_out) {
  return guarded(error_out, [&] {
    if (out == nullptr || source == nullptr) return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    *out = nullptr;
    writ::PolicySetOptions opts;
    std::string err;
    if (!params_of(params_json, &opts.params, &err)) return fail(WRIT_ERR_PARAMS, err, error_out);
    return finish(writ::PolicySet::compile_source(name ? name : "source.writ", source, opts), WRIT_ERR_COMPILE, out, error_out);
  });
}

writ_status writ_load_bundle(const char* path, const char* params_json, writ_policy_set** out, char** error_out) {
  return guarded(error_out, [&] {
    if (out == nullptr || path == nullptr) return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    *out = nullptr;
    writ::PolicySetOptions opts;
    std::string err;
    if (!params_of(params_json, &opts.params, &err)) return fail(WRIT_ERR_PARAMS, err, error_out);
    return finish(writ::PolicySet::load_bundle(path, opts), WRIT_ERR_BUNDLE, out, error_out);
  });
}

writ_status writ_save_bundle(const writ_policy_set* set, const char* path, char** error_out) {
  return guarded(error_out, [&] {
    if (set == nullptr || path == nullptr) return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    auto r = set->set.save_bundle(path);
    return r ? WRIT_OK : fail(WRIT_ERR_IO, r.error_text(), error_out);
  });
}

void writ_policy_set_free(writ_policy_set* set) { delete set; }

writ_status writ_evaluator_new(const writ_policy_set* set, uint64_t budget, writ_evaluator** out, char** error_out) {
  return guarded(error_out, [&] {
    if (set == nullptr || out == nullptr) return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    writ::EvaluatorOptions opts;
    if (budget > 0) opts.budget = budget;
    *out = new writ_evaluator{writ::Evaluator(set->set, opts)};
    return WRIT_OK;
  });
}

writ_status writ_evaluator_new_with_options(const writ_policy_set* set, const char* options_json, writ_evaluator** out,
                                            char** error_out) {
  return guarded(error_out, [&] {
    if (set == nullptr || out == nullptr) return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    writ::EvaluatorOptions opts;
    std::string err;
    if (!evaluator_options_of(options_json, &opts, &err)) return fail(WRIT_ERR_INVALID_ARGUMENT, err, error_out);
    *out = new writ_evaluator{writ::Evaluator(set->set, opts)};
    return WRIT_OK;
  });
}

void writ_evaluator_free(writ_evaluator* ev) { delete ev; }

writ_status writ_evaluate(writ_evaluator* ev, const char* input_json, size_t len, char** result_out, char** error_out) {
  return guarded(error_out, [&] {
    if (ev == nullptr || input_json == nullptr || result_out == nullptr)
      return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    *result_out = nullptr;
    writ::Verdict v = ev->ev.evaluate_json(std::string_view(input_json, len));
    if (!v.input_problems.empty()) return fail(WRIT_ERR_INPUT, v.input_problems[0].text, error_out);
    *result_out = dup(v.to_json());
    return *result_out ? WRIT_OK : fail(WRIT_ERR_INTERNAL, "out of memory", error_out);
  });
}

writ_status writ_admission_review(writ_evaluator* ev, const char* review_json, size_t len, char** response_out,
                                  char** error_out) {
  return guarded(error_out, [&] {
    if (ev == nullptr || review_json == nullptr || response_out == nullptr)
      return fail(WRIT_ERR_INVALID_ARGUMENT, "NULL argument", error_out);
    *response_out = nullptr;
    auto r = ev->ev.admission_response(std::string_view(review_json, len));
    if (!r) return fail(WRIT_ERR_INPUT, r.error_text(), error_out);
    *response_out = dup(*r);
    return *response_out ? WRIT_OK : fail(WRIT_ERR_INTERNAL, "out of memory", error_out);
  });
}

void writ_string_free(char* s) { std::free(s); }

}  // extern "C"
