// bench_pss: how fast writ evaluates a policy over many objects, and how
// that compares with decoding them and with hand-written C++.
//
//   bench_pss --pods FILE [--limit N] [--runs R] [--policy pss/restricted]
//             [--version V] [--tag T] [--threads 2] [--per-rule] [--no-reference]
//             [--interpreted]
//
// The policy is loaded as `writ eval -p POLICY` loads it: a standard pack
// runs as machine code (runtime/vm/compiled_code.hpp) unless --interpreted;
// a file is compiled and interpreted, except the control policy
// (bench/policies/pss_verdicts.writ), which the benchmarks compile in as a
// host compiles its own policies (writ_add_machine_code): machine code too,
// unless --interpreted.
//
// Every figure is a pass over all N objects, repeated R times (after one
// warm-up pass); the report gives the median and the min-max per object.
// A run during which other processes used the CPU is thrown away and
// repeated (support/foreign_load.hpp): the machine is shared.
// Within a run the passes alternate (eval, reference, decode, decode+eval),
// so machine noise hits them alike and the per-run ratios are fair.
//
//   eval          pre-decoded Documents → EvalContext::evaluate (one context);
//                 10,000 trees are ~80 MB, so each object is cold in cache
//   reference     pre-decoded Documents → PssReference (the restricted level's 15 checks),
//                 each tree warmed first as writ's evaluate warms it
//   eval hot      the cost of evaluating an object whose tree is in cache (as
//                 it is right after decoding): a pass evaluating each object
//                 kRepeat times in a row, minus the eval pass, / (kRepeat - 1)
//   reference hot the same for the reference
//   decode        JSON line → Document (one decoder, one reused Document)
//   decode+eval   both, as a JSON Lines stream is processed
//   threads       1 vs T threads on one Plan, one EvalContext per thread
//   per-rule      each active rule alone (EvalContext::evaluate_rule)
//
// --only-threads measures the threads alone (it needs the whole machine, so
// scripts/bench runs it separately, when the machine is idle).
//
// --profile eval|decode|reference|all [--seconds S | --passes K] only repeats
// that pass (all: each of the three in turn) for S seconds (default 10) or K
// times, and prints nothing else: a clean target for `perf record` or
// `valgrind --tool=callgrind`.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <thread>

#include "reference/pss_reference.hpp"
#include "runtime/decode/json_decoder.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/resource_input.hpp"
#include "support/args.hpp"
#include "support/engine.hpp"
#include "support/foreign_load.hpp"
#include "support/pods.hpp"
#include "support/results.hpp"
#include "support/verdicts.hpp"

using namespace writ;
using namespace writ::bench;

namespace {

const char* kUsage =
    "usage: bench_pss --pods FILE [--limit N] [--runs R] [--policy pss/restricted] [--version V] [--tag T]\n"
    "                 [--threads T] [--only-threads] [--per-rule] [--no-reference] [--interpreted]\n"
    "                 [--profile eval|decode|reference|all [--seconds S | --passes K]]";

// Keeps results observable so no pass is optimized away.
std::atomic<uint64_t> g_sink{0};

struct Pass {
  const std::vector<std::unique_ptr<Document>>& docs;
  size_t errors = 0;

  // Evaluates docs[begin, end) with `ctx`; returns the violations found.
  // Counts in locals: threads' Pass objects share cache lines.
  uint64_t eval(EvalContext& ctx, size_t begin, size_t end) {
    uint64_t violations = 0;
    size_t errs = 0;
    for (size_t i = begin; i < end; ++i) {
      const Decision& d = ctx.evaluate(input_of(*docs[i]));
      violations += d.violations.size();
      errs += d.errors.size();
    }
    errors += errs;
    return violations;
  }
};

// The load average, for the record: the machine is shared.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

}  // namespace

int main(int argc, char** argv) {
  Args args(argc, argv, kUsage);
  std::string pods_path = args.require("--pods");
  std::string policy = args.get("--policy", "pss/restricted");
  std::string version = args.get("--version");
  std::string tag = args.get("--tag", "pss");
  int runs = static_cast<int>(args.number("--runs", 7));
  int threads = static_cast<int>(args.number("--threads", 2));
  size_t limit = static_cast<size_t>(args.number("--limit", 0));

  const bool interpreted = args.flag("--interpreted");
  auto program = load_or_die(policy, !interpreted);
  auto plan = plan_or_die(program, version);
  JsonLines in = read_json_lines(pods_path, limit);
  DecodedSet set = decode_all(in, program->keys);
  const size_t n = set.docs.size();
  const double per_obj_us = 1e6 / static_cast<double>(n);

  // The reference decides the restricted level's checks: it is timed next to
  // restricted-level policies (pss/restricted, bench/policies/pss_verdicts.writ),
  // and needs every field it reads interned by the policy.
  std::unique_ptr<PssReference> ref;
  if (!args.flag("--no-reference")) {
    ref = std::make_unique<PssReference>(program->keys, version.empty() || version == "latest" ? 37 : std::atoi(version.c_str() + 3));
    if (!ref->missing_keys().empty()) ref.reset();
  }

  Results out("bench_pss");
  // Labels of a run on another input say which ("[mixed]").
  const std::string of = tag == "pss" ? "" : " [" + tag + "]";
  out.info(tag + ".pods_file", pods_path);
  out.info(tag + ".policy", policy);
  size_t compiled_functions = 0;
  for (const Function& f : program->functions) compiled_functions += f.compiled != nullptr;
  out.info(tag + ".runs_as", compiled_functions == program->functions.size() ? "machine code" : "bytecode (interpreter)");
  out.info(tag + ".objects", static_cast<double>(n));
  out.info(tag + ".json_bytes_per_object", static_cast<double>(set.json_bytes) / static_cast<double>(n));
  out.info(tag + ".active_rules", static_cast<double>(plan->active_rules().size()));
  out.info(tag + ".load_average_before", load_average());
  std::fprintf(stderr, "bench_pss [%s]: %s over %zu objects (%.0f bytes each), %d runs\n", tag.c_str(), policy.c_str(), n,
               static_cast<double>(set.json_bytes) / static_cast<double>(n), runs);

  // ---- memory: tree bytes per JSON byte ----
  {
    std::vector<double> per_doc;
    for (size_t i = 0; i < n; ++i)
      per_doc.push_back(static_cast<double>(set.docs[i]->tree_bytes()) / static_cast<double>(in.lines[i].size()));
    Stats s = stats_of(per_doc);
    out.value(tag + ".tree_bytes_per_json_byte", "value tree bytes per JSON byte (all objects)" + of, "B/B",
              static_cast<double>(set.tree_bytes) / static_cast<double>(set.json_bytes), Target::at_most(3));
    out.info(tag + ".tree_bytes_per_json_byte_min_object", s.min);
    out.info(tag + ".tree_bytes_per_json_byte_max_object", s.max);
  }

  EvalContext ctx(plan);
  Pass pass{set.docs};
  JsonDecoder decoder;
  Document scratch(&program->keys);
  auto eval_pass = [&] { g_sink += pass.eval(ctx, 0, n); };
  auto evict = [&] { evict_from_caches(set.docs); };
  // The reference warms each tree first, as EvalContext::evaluate does
  // (Document::warm, the document named by input_of): a trick any engine
  // can use is part of the limit.
  auto ref_eval = [&](const Document& d) {
    d.warm();
    return ref->evaluate(d.root(), kRestrictedLevelChecks);
  };
  auto ref_pass = [&] {
    CheckMask acc = 0;
    for (const auto& d : set.docs) acc += ref_eval(*d);
    g_sink += acc;
  };
  // Each object kRepeat times in a row: after the first, its tree is in cache.
  constexpr int kRepeat = 5;
  auto eval_repeat_pass = [&] {
    for (const auto& d : set.docs) {
      EvalInput input = input_of(*d);
      for (int k = 0; k < kRepeat; ++k) g_sink += ctx.evaluate(input).violations.size();
    }
  };
  auto ref_repeat_pass = [&] {
    CheckMask acc = 0;
    for (const auto& d : set.docs)
      for (int k = 0; k < kRepeat; ++k) acc += ref_eval(*d);
    g_sink += acc;
  };
  auto decode_pass = [&] {
    DecodeError err;
    for (std::string_view line : in.lines) decoder.decode(line, scratch, &err);
    g_sink += scratch.tree_bytes();
  };
  auto decode_eval_pass = [&] {
    DecodeError err;
    for (std::string_view line : in.lines) {
      decoder.decode(line, scratch, &err);
      g_sink += ctx.evaluate(input_of(scratch)).violations.size();
    }
  };

  if (std::string what = args.get("--profile"); !what.empty()) {
    std::function<void()> fn = what == "decode" ? std::function<void()>(decode_pass)
                               : what == "reference" && ref ? std::function<void()>(ref_pass)
                               : what == "all" ? std::function<void()>([&] {
                                   eval_pass();
                                   if (ref) ref_pass();
                                   decode_pass();
                                 })
                                               : std::function<void()>(eval_pass);
    double seconds = static_cast<double>(args.number("--seconds", 10));
    long max_passes = args.number("--passes", -1);
    auto t0 = std::chrono::steady_clock::now();
    long passes = 0;
    while (max_passes >= 0 ? passes < max_passes : seconds_since(t0) < seconds) {
      fn();
      ++passes;
    }
    std::fprintf(stderr, "bench_pss: profiled %ld %s passes\n", passes, what.c_str());
    return 0;
  }

  const bool only_threads = args.flag("--only-threads");
  std::vector<double> t_eval, t_ref, t_decode, t_decode_eval, r_ref, r_decode, t_eval_hot, t_ref_hot, r_ref_hot;
  int discarded = 0;  // runs thrown away because others used the CPU meanwhile
  if (!only_threads) {
    // Warm-up: caches, branch predictors, the context's arena and stacks.
    eval_pass();
    if (ref) ref_pass();
    decode_pass();
    decode_eval_pass();
    uint64_t instructions = 0, violations = 0;
    {
      for (const auto& d : set.docs) {
        const Decision& dec = ctx.evaluate(input_of(*d));
        instructions += dec.instructions;
        violations += dec.violations.size();
      }
    }
    out.info(tag + ".vm_instructions_per_object", static_cast<double>(instructions) / static_cast<double>(n));
    out.info(tag + ".violations_per_object", static_cast<double>(violations) / static_cast<double>(n));

    for (int r = 0; r < runs; ++r)
      discarded += run_clean([&] {
        // Every pass that starts cold starts from memory (evict_from_caches).
        double te = time_once(eval_pass, evict);
        double th = (time_once(eval_repeat_pass, evict) - te) / (kRepeat - 1);
        double tr = 0, trh = 0;
        if (ref) {
          tr = time_once(ref_pass, evict);
          trh = (time_once(ref_repeat_pass, evict) - tr) / (kRepeat - 1);
        }
        double td = time_once(decode_pass);
        double tde = time_once(decode_eval_pass);
        return [&, te, th, tr, trh, td, tde] {
          t_eval.push_back(te);
          t_eval_hot.push_back(th);
          if (ref) {
            t_ref.push_back(tr);
            r_ref.push_back(te / tr);
            t_ref_hot.push_back(trh);
            r_ref_hot.push_back(th / trh);
          }
          t_decode.push_back(td);
          t_decode_eval.push_back(tde);
          r_decode.push_back(tde / td);
        };
      });
    if (pass.errors) {
      std::fprintf(stderr, "bench_pss: %zu evaluation errors: the figures are not meaningful\n", pass.errors);
      return 1;
    }
    out.metric(tag + ".eval_us", "eval-only, " + policy + of, "µs/object", scaled(stats_of(t_eval), per_obj_us),
               Target::at_most(2));
    if (ref) {
      out.metric(tag + ".reference_us", "hand-written C++ reference, same checks" + of, "µs/object",
                 scaled(stats_of(t_ref), per_obj_us));
      out.metric(tag + ".eval_over_reference", "writ / reference (per run)" + of, "×", stats_of(r_ref), Target::at_most(2));
    }
    out.metric(tag + ".eval_hot_us", "eval-only, tree in cache" + of, "µs/object", scaled(stats_of(t_eval_hot), per_obj_us));
    if (ref) {
      out.metric(tag + ".reference_hot_us", "reference, tree in cache" + of, "µs/object", scaled(stats_of(t_ref_hot), per_obj_us));
      out.metric(tag + ".eval_over_reference_hot", "writ / reference, tree in cache (per run)" + of, "×", stats_of(r_ref_hot));
    }
    out.metric(tag + ".decode_us", "decode-only (JSON line → tree)" + of, "µs/object", scaled(stats_of(t_decode), per_obj_us));
    out.metric(tag + ".decode_eval_us", "decode + eval" + of, "µs/object", scaled(stats_of(t_decode_eval), per_obj_us));
    out.metric(tag + ".decode_eval_over_decode", "(decode + eval) / decode (per run)" + of, "×", stats_of(r_decode),
               Target::at_most(2));
    {
      std::vector<double> mbs;
      for (double t : t_decode) mbs.push_back(static_cast<double>(set.json_bytes) / t / 1048576.0);
      out.metric(tag + ".decode_mib_per_s", "decode throughput" + of, "MiB/s", stats_of(mbs));
    }
  }  // !only_threads

  // ---- threads: one Plan, one EvalContext per thread ----
  if (threads > 1) {
    std::vector<std::unique_ptr<EvalContext>> ctxs;
    for (int t = 0; t < threads; ++t) ctxs.push_back(std::make_unique<EvalContext>(plan));
    std::vector<Pass> passes(static_cast<size_t>(threads), Pass{set.docs});
    auto run_threads = [&](int k) {
      std::vector<std::thread> pool;
      for (int t = 0; t < k; ++t)
        pool.emplace_back([&, t] {
          size_t begin = n * static_cast<size_t>(t) / static_cast<size_t>(k);
          size_t end = n * static_cast<size_t>(t + 1) / static_cast<size_t>(k);
          g_sink += passes[static_cast<size_t>(t)].eval(*ctxs[static_cast<size_t>(t)], begin, end);
        });
      for (std::thread& th : pool) th.join();
    };
    run_threads(threads);  // warm every context
    std::vector<double> one, many, speedup;
    for (int r = 0; r < runs; ++r)
      discarded += run_clean([&] {
        // Not evicted: both passes follow a pass over the same trees, so
        // they find the same caches, and the ratio measures the engine's
        // scaling, not the machine's memory (from memory, RUN17's VM gave
        // 1.32x: its memory, not two threads, was the limit).
        double t1 = time_once([&] { run_threads(1); });
        double tk = time_once([&] { run_threads(threads); });
        return [&, t1, tk] {
          one.push_back(static_cast<double>(n) / t1);
          many.push_back(static_cast<double>(n) / tk);
          speedup.push_back(t1 / tk);
        };
      }, Need::kWholeMachine);
    std::string k = std::to_string(threads);
    out.metric(tag + ".threads_1_pods_per_s", "1 thread" + of, "objects/s", stats_of(one));
    out.metric(tag + ".threads_" + k + "_pods_per_s", k + " threads, one Plan" + of, "objects/s", stats_of(many));
    out.metric(tag + ".threads_speedup", k + " threads / 1 thread (per run)" + of, "×", stats_of(speedup),
               Target::at_least(0.9 * threads));
  }

  // ---- per rule: which checks cost what ----
  if (args.flag("--per-rule")) {
    const Program& p = plan->program();
    for (uint32_t rule : plan->active_rules()) {
      auto one_rule = [&] {
        for (const auto& d : set.docs) g_sink += ctx.evaluate_rule(rule, input_of(*d)).violations.size();
      };
      one_rule();
      uint64_t instr = 0;
      for (const auto& d : set.docs) instr += ctx.evaluate_rule(rule, input_of(*d)).instructions;
      std::vector<double> t;
      for (int r = 0; r < std::max(3, runs / 2); ++r)
        discarded += run_clean([&] {
          double tr = time_once(one_rule, evict);
          return [&, tr] { t.push_back(tr); };
        });
      out.metric(tag + ".rule." + p.rules[rule].name, "rule " + p.rules[rule].name + " alone", "µs/object",
                 scaled(stats_of(t), per_obj_us));
      out.info(tag + ".rule." + p.rules[rule].name + ".vm_instructions", static_cast<double>(instr) / static_cast<double>(n));
    }
  }
  out.info(tag + ".load_average_after", load_average());
  out.info(tag + ".discarded_runs", static_cast<double>(discarded));
  out.info(tag + ".dirty_runs_kept", static_cast<double>(dirty_runs_kept()));
  out.info(tag + ".neighbour_load_cores", mean_foreign_load_kept());
  out.print();
  return 0;
}
