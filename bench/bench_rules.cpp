// bench_rules: does a Pod evaluation pay for rules written for other kinds?
//
//   bench_rules --pods FILE [--limit N] [--runs R] [--counts 0,10,100,1000]
//
// For each count K, pss/restricted is compiled together with K generated
// rules that match other kinds (support/other_kinds.cpp), and the eval-only
// pass is timed over the same objects. Runs alternate between the counts,
// so noise hits them alike; the overhead is per run, against K = 0.
#include <atomic>
#include <cstdio>
#include <sstream>

#include "runtime/vm/context.hpp"
#include "runtime/vm/resource_input.hpp"
#include "support/args.hpp"
#include "support/engine.hpp"
#include "support/foreign_load.hpp"
#include "support/other_kinds.hpp"
#include "support/pods.hpp"
#include "support/results.hpp"

using namespace writ;
using namespace writ::bench;

namespace {

std::atomic<uint64_t> g_sink{0};

struct Variant {
  int rules;
  std::shared_ptr<const Plan> plan;
  DecodedSet set;
  std::unique_ptr<EvalContext> ctx;
  double compile_ms = 0;
  std::vector<double> seconds;
};

// From memory (evict_from_caches): each variant has its own copy of the
// pods, and a large L3 would otherwise keep some of them cached.
double eval_pass(Variant& v) {
  return time_once(
      [&] {
        for (const auto& d : v.set.docs) g_sink += v.ctx->evaluate(input_of(*d)).violations.size();
      },
      [&] { evict_from_caches(v.set.docs); });
}

}  // namespace

int main(int argc, char** argv) {
  Args args(argc, argv, "usage: bench_rules --pods FILE [--limit N] [--runs R] [--counts 0,10,100,1000]");
  JsonLines in = read_json_lines(args.require("--pods"), static_cast<size_t>(args.number("--limit", 0)));
  int runs = static_cast<int>(args.number("--runs", 7));
  std::vector<int> counts;
  {
    std::stringstream ss(args.get("--counts", "0,10,100,1000"));
    for (std::string item; std::getline(ss, item, ',');) counts.push_back(std::stoi(item));
  }
  std::vector<Variant> variants;
  for (int k : counts) {
    Variant v;
    v.rules = k;
    std::vector<PolicySource> sources = {policy_named("pss/restricted")};
    if (k > 0) sources.push_back(policy_text("bench/other_kinds_" + std::to_string(k) + ".writ", other_kinds_policy(k)));
    std::shared_ptr<const Program> program;
    v.compile_ms = 1e3 * time_once([&] { program = compile_or_die(sources); });
    v.plan = plan_or_die(program);
    v.set = decode_all(in, program->keys);
    v.ctx = std::make_unique<EvalContext>(v.plan);
    std::fprintf(stderr, "bench_rules: %d other-kind rules: %zu active rules, %zu for a Pod, compiled in %.1f ms\n", k,
                 v.plan->active_rules().size(), v.plan->rules_for_kind("Pod").size(), v.compile_ms);
    eval_pass(v);  // warm-up
    variants.push_back(std::move(v));
  }
  int discarded = 0;  // runs thrown away because others used the CPU meanwhile
  for (int r = 0; r < runs; ++r)
    discarded += run_clean([&] {
      std::vector<double> t;
      for (Variant& v : variants) t.push_back(eval_pass(v));
      return [&, t] {
        for (size_t i = 0; i < variants.size(); ++i) variants[i].seconds.push_back(t[i]);
      };
    });

  Results out("bench_rules");
  out.info("rules.objects", static_cast<double>(in.lines.size()));
  out.info("rules.discarded_runs", static_cast<double>(discarded));
  out.info("rules.dirty_runs_kept", static_cast<double>(dirty_runs_kept()));
  out.info("rules.neighbour_load_cores", mean_foreign_load_kept());
  const double per_obj_us = 1e6 / static_cast<double>(in.lines.size());
  for (const Variant& v : variants) {
    std::string k = std::to_string(v.rules);
    out.metric("rules." + k + ".eval_us", "eval-only, pss/restricted + " + k + " other-kind rules", "µs/object",
               scaled(stats_of(v.seconds), per_obj_us));
    out.info("rules." + k + ".compile_ms", v.compile_ms);
    out.info("rules." + k + ".rules_for_pod", static_cast<double>(v.plan->rules_for_kind("Pod").size()));
    if (&v == &variants.front()) continue;
    std::vector<double> overhead;
    for (int r = 0; r < runs; ++r)
      overhead.push_back(100.0 * (v.seconds[static_cast<size_t>(r)] / variants.front().seconds[static_cast<size_t>(r)] - 1));
    std::optional<Target> target;
    if (v.rules == 1000) target = Target::at_most(10);
    out.metric("rules." + k + ".overhead_pct", k + " other-kind rules: added time (per run)", "%", stats_of(overhead),
               target);
  }
  out.print();
  return 0;
}
