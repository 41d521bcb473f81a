#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "cli/audit/audit.hpp"
#include "runtime/value/well_known_keys.hpp"

namespace writ::cli {

AuditSet collect(const std::vector<std::string>& inputs, const KeyTable& keys, const InputLimits& limits) {
  AuditSet set;
  InputLoader loader(keys, limits);
  for (const std::string& path : inputs) {
    loader.load(path, [&](LoadedDocument&& d) {
      if (!d.ok()) {
        set.input_errors.push_back(d.error_text());
        return;
      }
      set.documents.push_back(std::move(d));
    });
  }
  for (const LoadedDocument& d : set.documents)
    for (Resource& r : resources_of(d)) {
      if (r.kind == ResourceKind::kObject) set.objects.push_back(Value::of(r.node));
      set.resources.push_back(std::move(r));
    }
  set.inventory = std::make_unique<InventoryIndex>(set.objects, keys);
  return set;
}

void evaluate_all(std::span<const Resource> resources, const InventoryIndex* inventory, RunPolicies& policies,
                  uint64_t budget, unsigned threads, bool with_passes,
                  const std::function<void(const ResultRecord&)>& sink, Progress* progress) {
  size_t n = resources.size();
  std::vector<ResultRecord> results(n);
  std::vector<char> ready(n, 0);
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<size_t> next{0};
  constexpr size_t kChunk = 32;
  auto worker = [&] {
    ResourceEvaluator evaluator(policies, budget, false);
    for (;;) {
      size_t begin = next.fetch_add(kChunk);
      if (begin >= n) return;
      size_t end = std::min(n, begin + kChunk);
      std::vector<ResultRecord> local;
      for (size_t i = begin; i < end; ++i) local.push_back(evaluator.evaluate(resources[i], inventory, with_passes));
      std::lock_guard<std::mutex> lock(mu);
      for (size_t i = begin; i < end; ++i) {
        results[i] = std::move(local[i - begin]);
        ready[i] = 1;
      }
      cv.notify_one();
    }
  };
  if (threads == 0) threads = 1;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  // Emit in input order as results arrive.
  size_t emitted = 0;
  while (emitted < n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return ready[emitted] != 0; });
    while (emitted < n && ready[emitted]) {
      ResultRecord rec = std::move(results[emitted]);
      ++emitted;
      lock.unlock();
      sink(rec);
      lock.lock();
    }
    if (progress) progress->update(emitted, n);
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace writ::cli
