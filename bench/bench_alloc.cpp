// bench_alloc: heap allocations per evaluation in the steady state (target:
// none). Links support/alloc_counter.cpp, which counts every operator new.
//
//   bench_alloc --pods FILE [--limit N] [--policy pss/restricted] [--trace K] [--tag T]
//
// --trace K prints (stderr) where the first K steady-state allocations of
// evaluation come from, as symbolized call stacks; --trace-decode K the same
// for decoding.
//
// The first pass over the objects warms the EvalContext (its arena, stack
// and Decision grow to what the largest object needs); the second pass is
// the steady state, and every allocation in it is counted and reported per
// evaluation. Decoding (a JsonDecoder and a reused Document) is counted the
// same way. Note: std::malloc calls made directly (simdjson's buffers) are
// not operator new and are not counted.
#include <cstdio>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/resource_input.hpp"
#include "support/alloc_counter.hpp"
#include "support/args.hpp"
#include "support/engine.hpp"
#include "support/pods.hpp"
#include "support/results.hpp"

using namespace writ;
using namespace writ::bench;

namespace {

struct Counted {
  double per_object = 0;      // allocations per object
  double bytes_per_object = 0;
  size_t objects_allocating = 0;  // objects whose step allocated at all
  size_t clean_allocating = 0;    // of those, objects without violations
};

// Runs step(i) for every object and counts what each call allocates;
// step returns whether the object had violations.
template <typename F>
Counted count_pass(size_t n, F&& step) {
  Counted c;
  AllocCount before = allocations();
  for (size_t i = 0; i < n; ++i) {
    uint64_t calls = allocations().calls;
    bool violations = step(i);
    bool allocated = allocations().calls != calls;
    c.objects_allocating += allocated;
    c.clean_allocating += allocated && !violations;
  }
  AllocCount after = allocations();
  c.per_object = static_cast<double>(after.calls - before.calls) / static_cast<double>(n);
  c.bytes_per_object = static_cast<double>(after.bytes - before.bytes) / static_cast<double>(n);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  Args args(argc, argv, "usage: bench_alloc --pods FILE [--limit N] [--policy pss/restricted] [--trace K] [--trace-decode K] [--tag T]");
  std::string policy = args.get("--policy", "pss/restricted");
  auto program = load_or_die(policy);  // a standard pack as machine code, as `writ eval -p` runs it
  auto plan = plan_or_die(program);
  JsonLines in = read_json_lines(args.require("--pods"), static_cast<size_t>(args.number("--limit", 0)));
  DecodedSet set = decode_all(in, program->keys);
  const size_t n = set.docs.size();

  EvalContext ctx(plan);
  auto eval = [&](size_t i) { return !ctx.evaluate(input_of(*set.docs[i])).violations.empty(); };
  JsonDecoder decoder;
  Document doc(&program->keys);
  DecodeError err;
  auto decode = [&](size_t i) { return !decoder.decode(in.lines[i], doc, &err); };
  auto decode_eval = [&](size_t i) {
    decoder.decode(in.lines[i], doc, &err);
    return !ctx.evaluate(input_of(doc)).violations.empty();
  };

  Results out("bench_alloc");
  // Ids "alloc.*" for pss/restricted, "alloc.<tag>.*" for another run.
  std::string tag = args.get("--tag");
  std::string id = tag.empty() ? "alloc." : "alloc." + tag + ".";
  std::string of = tag.empty() ? "" : " [" + tag + "]";
  out.info(id + "objects", static_cast<double>(n));
  out.info(id + "policy", policy);
  Counted warm = count_pass(n, eval);
  out.value(id + "eval_warmup_per_object", "eval: allocations per evaluation, first pass (warm-up)" + of, "allocs",
            warm.per_object);
  Counted steady = count_pass(n, eval);
  out.value(id + "eval_per_object", "eval: allocations per evaluation, steady state" + of, "allocs", steady.per_object,
            Target::at_most(0));
  out.value(id + "eval_bytes_per_object", "eval: bytes allocated per evaluation, steady state" + of, "bytes",
            steady.bytes_per_object);
  out.value(id + "eval_objects_allocating", "eval: evaluations that allocate, steady state" + of, "objects",
            static_cast<double>(steady.objects_allocating));
  out.value(id + "eval_clean_objects_allocating", "eval: of those, evaluations with no violation" + of, "objects",
            static_cast<double>(steady.clean_allocating));
  if (int k = static_cast<int>(args.number("--trace", 0)); k > 0 && steady.per_object > 0) {
    start_alloc_trace(k);
    for (size_t i = 0; i < n; ++i) eval(i);
    stop_alloc_trace();
    std::fprintf(stderr, "bench_alloc: where steady-state evaluations allocate (first %d allocations):\n%s", k,
                 alloc_trace_report().c_str());
  }
  count_pass(n, decode);
  Counted dec = count_pass(n, decode);
  if (int k = static_cast<int>(args.number("--trace-decode", 0)); k > 0 && dec.per_object > 0) {
    start_alloc_trace(k);
    for (size_t i = 0; i < n; ++i) decode(i);
    stop_alloc_trace();
    std::fprintf(stderr, "bench_alloc: where steady-state decoding allocates (first %d allocations):\n%s", k,
                 alloc_trace_report().c_str());
  }
  out.value(id + "decode_per_object", "decode: allocations per object, steady state" + of, "allocs", dec.per_object);
  out.value(id + "decode_bytes_per_object", "decode: bytes allocated per object, steady state" + of, "bytes",
            dec.bytes_per_object);
  count_pass(n, decode_eval);
  Counted both = count_pass(n, decode_eval);
  out.value(id + "decode_eval_per_object", "decode+eval: allocations per object, steady state" + of, "allocs",
            both.per_object);
  out.print();
  return 0;
}
