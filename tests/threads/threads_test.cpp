// Concurrency: one compiled set shared by several threads. These are the
// tests CI runs under ThreadSanitizer (.ci/run builds only this binary and
// the writ program there), so they live in their own small binary.
#include <string>
#include <thread>
#include <vector>

#include "support/writ_test.hpp"
#include "writ/writ.hpp"

using namespace writ::testing;

TEST_CASE("api: many threads on one PolicySet agree with one thread") {
  auto set = writ::PolicySet::compile({"pss/restricted", source_path("examples/policies/pods.writ")});
  REQUIRE(set.ok());
  std::vector<std::string> inputs;
  for (int i = 0; i < 50; ++i) {
    std::string caps = i % 3 == 0 ? R"("add":["SYS_ADMIN"])" : R"("drop":["ALL"])";
    inputs.push_back(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p)" + std::to_string(i) +
                     R"("},"spec":{"hostPID":)" + (i % 2 ? "true" : "false") + R"(,"containers":[{"name":"c","image":"x",
                     "securityContext":{"capabilities":{)" + caps + "}}}]}}");
  }
  std::vector<std::string> expected;
  {
    writ::Evaluator ev(*set);
    for (const std::string& in : inputs) expected.push_back(ev.evaluate_json(in).to_json());
  }
  constexpr int kThreads = 4, kRounds = 40;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      writ::Evaluator ev(*set);
      for (int round = 0; round < kRounds; ++round)
        for (size_t i = 0; i < inputs.size(); ++i)
          if (ev.evaluate_json(inputs[(i + t) % inputs.size()]).to_json() != expected[(i + t) % inputs.size()]) ++mismatches[t];
    });
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) CHECK(mismatches[t] == 0);  // 4 threads x 2,000 evaluations
}

TEST_CASE("audit: results are the same, in the same order, on 1 and 2 threads") {
  auto audit = [](const char* threads) {
    std::string out;
    run_cli({"audit", "-p", "examples/policies/pods.writ", "-p", "examples/policies/namespaces.writ",
             "tests/cli/audit/cluster.yaml", "examples/manifests", "--format", "jsonl", "--threads", threads},
            &out);
    return out;
  };
  std::string one = audit("1"), two = audit("2");
  CHECK(!one.empty());
  CHECK(one == two);
}
