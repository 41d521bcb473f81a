/* writ: the C ABI.
 *
 * Stable across releases of the same major version (check writ_version()).
 * Opaque handles, explicit ownership, status codes plus message strings,
 * JSON in and JSON out; no C++ type crosses this header and no exception
 * crosses it either.
 *
 * Ownership: every writ_*_new / writ_compile* / writ_load_bundle output is
 * owned by the caller and released with the matching *_free. Every `char*`
 * the library returns (results and error messages) is released with
 * writ_string_free. Passing NULL where a handle is expected returns
 * WRIT_ERR_INVALID_ARGUMENT (never a crash).
 *
 * Threads: a writ_policy_set may be used from any number of threads at once;
 * a writ_evaluator by one thread at a time (make one per thread).
 */
#ifndef WRIT_H
#define WRIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WRIT_ABI_VERSION 1

typedef enum writ_status {
  WRIT_OK = 0,
  WRIT_ERR_INVALID_ARGUMENT = 1, /* a NULL handle, a bad option */
  WRIT_ERR_COMPILE = 2,          /* the policies do not compile; the message has every diagnostic */
  WRIT_ERR_INPUT = 3,            /* the input is not valid JSON/YAML, or not an AdmissionReview */
  WRIT_ERR_BUNDLE = 4,           /* the bundle is unreadable, corrupt or of another format version */
  WRIT_ERR_PARAMS = 5,           /* a param is unknown or of the wrong type */
  WRIT_ERR_IO = 6,               /* a file cannot be read or written */
  WRIT_ERR_INTERNAL = 7          /* a bug in writ */
} writ_status;

typedef struct writ_policy_set writ_policy_set;
typedef struct writ_evaluator writ_evaluator;

/* "0.1.0". Static storage: do not free. */
const char* writ_version(void);
/* WRIT_ABI_VERSION of the loaded library. */
int writ_abi_version(void);

/* Compiles `count` policies (.writ files, folders, or standard packs such as
 * "pss/restricted"). `params_json` is NULL or a JSON object of param values,
 * e.g. {"version": "v1.30"}. On error, *error_out (if not NULL) receives a
 * message to free with writ_string_free. */
writ_status writ_compile(const char* const* policies, size_t count, const char* params_json, writ_policy_set** out,
                         char** error_out);
/* The same from source text. */
writ_status writ_compile_source(const char* name, const char* source, const char* params_json, writ_policy_set** out,
                                char** error_out);
/* Loads a bundle written by `writ build` (no parser involved). */
writ_status writ_load_bundle(const char* path, const char* params_json, writ_policy_set** out, char** error_out);
/* Writes the policy set as a bundle. */
writ_status writ_save_bundle(const writ_policy_set* set, const char* path, char** error_out);
void writ_policy_set_free(writ_policy_set* set);

/* An evaluator over `set` with a budget of instructions per evaluation
 * (0 = the default, 10,000,000). The set may be freed before the evaluator:
 * the evaluator keeps what it needs. */
writ_status writ_evaluator_new(const writ_policy_set* set, uint64_t budget, writ_evaluator** out, char** error_out);
/* The same with options as JSON (NULL or "" = the defaults):
 *   {"budget": 1000000, "limits": {"max_document_bytes": 1048576, "max_depth": 64}}
 * "limits" takes the fields of writ::InputLimits (docs/security.md); an
 * unknown option or limit is WRIT_ERR_INVALID_ARGUMENT. */
writ_status writ_evaluator_new_with_options(const writ_policy_set* set, const char* options_json, writ_evaluator** out,
                                            char** error_out);
void writ_evaluator_free(writ_evaluator* ev);

/* Evaluates a Kubernetes object, an AdmissionReview or an audit Event (JSON
 * text of `len` bytes). *result_out receives
 *   {"allowed": bool, "violations": [{policy, rule, action, severity, message, path, span}], "errors": [...]}
 * An unreadable input is WRIT_ERR_INPUT. */
writ_status writ_evaluate(writ_evaluator* ev, const char* input_json, size_t len, char** result_out, char** error_out);

/* An AdmissionReview request in, the AdmissionReview response out (JSON). */
writ_status writ_admission_review(writ_evaluator* ev, const char* review_json, size_t len, char** response_out,
                                  char** error_out);

void writ_string_free(char* s);

#ifdef __cplusplus
}
#endif

#endif /* WRIT_H */
