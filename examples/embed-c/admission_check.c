/* The same admission checker through the C ABI.
 *
 *   cc admission_check.c $(pkg-config --cflags --libs writ) -o admission_check
 *   ./admission_check pss/restricted < review.json
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <writ/writ.h>

static char* read_all(FILE* f, size_t* len) {
  size_t cap = 4096, n = 0;
  char* buf = malloc(cap);
  for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap) {
      char* bigger = realloc(buf, cap *= 2);
      if (!bigger) { free(buf); return NULL; }
      buf = bigger;
    }
  }
  *len = n;
  return buf;
}

int main(int argc, char** argv) {
  const char* fallback[] = {"pss/baseline"};
  const char* const* policies = argc > 1 ? (const char* const*)(argv + 1) : fallback;
  size_t count = argc > 1 ? (size_t)(argc - 1) : 1;
  writ_policy_set* set = NULL;
  writ_evaluator* ev = NULL;
  char* error = NULL;
  char* response = NULL;
  int rc = 2;
  size_t len = 0;
  char* review = read_all(stdin, &len);
  if (review == NULL) { fprintf(stderr, "cannot read stdin\n"); return 2; }
  if (writ_compile(policies, count, NULL, &set, &error) != WRIT_OK) goto done;
  if (writ_evaluator_new(set, 0, &ev, &error) != WRIT_OK) goto done;
  if (writ_admission_review(ev, review, len, &response, &error) != WRIT_OK) goto done;
  printf("%s\n", response);
  rc = 0;
done:
  if (error) fprintf(stderr, "%s\n", error);
  writ_string_free(error);
  writ_string_free(response);
  writ_evaluator_free(ev);
  writ_policy_set_free(set);
  free(review);
  return rc;
}
