// The embedding examples (examples/embed-*), built in-tree, on the sample
// AdmissionReviews. (tests/install/install_test.sh builds them again
// against an installed package.)
#include "support/writ_test.hpp"

using namespace writ::testing;

TEST_CASE("examples: the C++ and C admission checkers answer AdmissionReviews") {
  for (const char* bin : {WRIT_EXAMPLE_CPP, WRIT_EXAMPLE_C}) {
    INFO(bin);
    std::string out;
    int rc = run_program(bin, {}, &out, nullptr, read_file(source_path("examples/admission/review-privileged.json")));
    CHECK(rc == 0);
    CHECK(out.rfind("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":"
                    "\"3a7e6c3e-93c4-4f0e-8f0a-2b4d6a1c9e11\",\"allowed\":false,\"status\":{\"code\":403",
                    0) == 0);
    CHECK(out.find("pss.baseline/privileged: privileged (container \\\"shell\\\" must not set securityContext.privileged=true)") !=
          std::string::npos);
    rc = run_program(bin, {}, &out, nullptr, read_file(source_path("examples/admission/review-ok.json")));
    CHECK(rc == 0);
    CHECK(out == "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":"
                 "\"9b1f7a2c-0d34-4e5f-8a6b-7c8d9e0f1a2b\",\"allowed\":true}}\n");
    std::string err;
    rc = run_program(bin, {"no/such/pack"}, &out, &err, "{}");
    CHECK(rc == 2);
    CHECK(err.find("no policy file, folder or standard library pack named 'no/such/pack'") != std::string::npos);
  }
}

TEST_CASE("examples: the Python (ctypes) admission checker") {
  std::string out;
  std::vector<std::string> args = {"WRIT_LIB=" WRIT_LIBRARY};
  if (std::string(WRIT_HOST_PRELOAD).size() > 0) {  // a sanitized libwrit.so in a plain python3
    args.push_back("LD_PRELOAD=" WRIT_HOST_PRELOAD);
    args.push_back("ASAN_OPTIONS=detect_leaks=0");
  }
  args.push_back("python3");
  args.push_back(source_path("examples/embed-python/admission_check.py"));
  std::string review = read_file(source_path("examples/admission/review-privileged.json"));
  int rc = run_program("/usr/bin/env", args, &out, nullptr, review);
  CHECK(rc == 0);
  CHECK(out.find("\"allowed\":false") != std::string::npos);
  CHECK(out.find("hostNamespaces") != std::string::npos);
}

TEST_CASE("examples: a host with its policies compiled in as machine code") {
  std::string manifest = source_path("examples/manifests/web-deployment.yaml");
  std::string machine, interpreted, err;
  CHECK(run_program(WRIT_EXAMPLE_MACHINE_CODE, {manifest}, &machine) == 0);
  CHECK(machine ==
        "deny example.pods/host_namespaces spec.template.spec.hostNetwork: hostNetwork must not be true\n"
        "deny example.pods/capabilities spec.template.spec.containers[0].securityContext.capabilities.add[0]: "
        "container web must not add capability NET_ADMIN\n"
        "deny example.pods/capabilities spec.template.spec.containers[0].securityContext.capabilities.add[1]: "
        "container web must not add capability SYS_TIME\n"
        "warn example.pods/capabilities spec.template.spec.containers[0]: container web should drop ALL capabilities\n"
        "denied\n");
  // The same program in the interpreter says the same.
  CHECK(run_program("/usr/bin/env", {"WRIT_INTERPRET=1", WRIT_EXAMPLE_MACHINE_CODE, manifest}, &interpreted) == 0);
  CHECK(interpreted == machine);
  CHECK(run_program(WRIT_EXAMPLE_MACHINE_CODE, {source_path("examples/manifests/no-such.yaml")}, &machine, &err) == 2);
  CHECK(err.find("cannot read") != std::string::npos);
}
