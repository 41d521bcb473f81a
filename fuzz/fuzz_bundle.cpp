// Fuzz target: a compiled bundle that was tampered with, as a host loading
// `.wbc` files from a shared volume might meet one (docs/security.md,
// "Bundles").
//
// Random bytes would rarely get past the header, so the input edits one of
// a few genuine bundles, compiled at start: byte 0 picks the bundle, then
// every 4 bytes are a patch (a 24-bit offset into the payload, modulo its
// size, and the byte to write there); 1 to 3 bytes left over truncate the
// payload. The checksum is recomputed (bundle::frame), so every patched
// payload reaches the format reader and the verifier. A bundle that loads
// must then evaluate a Pod, a Deployment and an AdmissionReview: errors are
// fine, crashes, hangs and memory errors are not.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "eval_policies.hpp"
#include "runtime/bytecode/bundle_format.hpp"
#include "writ/writ.hpp"

namespace {

// The payloads (bundle bytes after the header) of the genuine bundles.
const std::vector<std::string>& payloads() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    auto add = [&](writ::Expected<writ::PolicySet> set) {
      if (!set) {
        std::fprintf(stderr, "fuzz_bundle: %s\n", set.error_text().c_str());
        std::abort();
      }
      out.push_back(set->bundle_bytes(false).substr(writ::bundle::kHeaderSize));
    };
    add(writ::PolicySet::compile({"pss/restricted"}));
    add(writ::PolicySet::compile({"rbac", "network", "workloads"}));
    add(writ::PolicySet::compile_source("ops.writ", writ::fuzz::kOpsPolicy));
    return out;
  }();
  return all;
}

constexpr std::string_view kPod = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default",
 "labels":{"app":"x"}},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"nginx:latest",
 "securityContext":{"privileged":true,"capabilities":{"add":["NET_ADMIN"],"drop":["ALL"]}},
 "ports":[{"containerPort":80,"hostPort":8080}]}],"volumes":[{"name":"v","hostPath":{"path":"/"}}]}})";

constexpr std::string_view kDeployment = R"({"apiVersion":"apps/v1","kind":"Deployment",
 "metadata":{"name":"d","namespace":"default"},"spec":{"template":{"metadata":{"labels":{"app":"x"}},
 "spec":{"initContainers":[{"name":"i","image":"busybox"}],"containers":[{"name":"c","image":"nginx",
 "securityContext":{"runAsNonRoot":false,"seccompProfile":{"type":"Unconfined"}}}]}}}})";

constexpr std::string_view kReview = R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
 "request":{"uid":"u","operation":"CREATE","kind":{"group":"","version":"v1","kind":"Pod"},
 "namespace":"default","userInfo":{"username":"alice"},"object":{"apiVersion":"v1","kind":"Pod",
 "metadata":{"name":"p"},"spec":{"hostPID":true,"containers":[{"name":"c","image":"x"}]}}}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::vector<std::string>& all = payloads();
  std::string payload = all[data[0] % all.size()];
  size_t i = 1;
  for (; i + 4 <= size; i += 4) {
    size_t offset = static_cast<size_t>(data[i]) | static_cast<size_t>(data[i + 1]) << 8 |
                    static_cast<size_t>(data[i + 2]) << 16;
    payload[offset % payload.size()] = static_cast<char>(data[i + 3]);
  }
  if (i < size) {
    size_t keep = 0;
    for (; i < size; ++i) keep = keep << 8 | data[i];
    payload.resize(keep % payload.size());
  }
  auto set = writ::PolicySet::load_bundle_bytes(writ::bundle::frame(payload));
  if (!set) {
    if (set.problems().empty() || set.problems()[0].message.empty()) std::abort();  // refusals say why
    return 0;
  }
  writ::EvaluatorOptions options;
  options.budget = 200'000;
  writ::Evaluator evaluator(*set, options);
  for (std::string_view object : {kPod, kDeployment}) {
    // to_json reads every finding and error: ASan checks they are alive.
    (void)evaluator.evaluate_json(object).to_json();
  }
  (void)evaluator.admission_response(kReview);
  return 0;
}
