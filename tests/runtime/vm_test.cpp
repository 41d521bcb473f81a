// The VM tested without the compiler: hand-written bytecode (after
// regorus's tests/rvm suites).
#include "runtime/bytecode/bundle.hpp"
#include "runtime/value/format.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/vm/context.hpp"
#include "support/writ_test.hpp"

using namespace writ;

namespace {

// A Program with one function `f` made of `code`, run with `args`.
struct Machine {
  std::shared_ptr<Program> program = std::make_shared<Program>();
  Function& fn() { return program->functions[0]; }

  Machine() {
    program->functions.emplace_back();
    program->functions[0].name = "f";
    program->packages.emplace_back();
    program->packages.back().name.assign("vm_test");
  }
  uint32_t constant(Value v) {
    program->constants.push_back(v);
    return static_cast<uint32_t>(program->constants.size() - 1);
  }
  // `code` becomes the function, with a span per word and 16 registers.
  void load(std::vector<Insn> code) {
    fn().code = std::move(code);
    fn().spans.assign(fn().code.size(), Span{});
    fn().num_regs = 16;
  }
  Result<Value> run(std::vector<Insn> code, std::vector<Value> args = {}, uint64_t budget = 1000) {
    load(std::move(code));
    fn().num_params = static_cast<uint16_t>(args.size());
    program->max_stack = 16;
    auto plan = Plan::create(program);
    REQUIRE(plan);
    EvalOptions opts;
    opts.budget = budget;
    EvalContext ctx(*plan, opts);
    EvalInput in;
    auto r = ctx.call_function(0, args, in);
    if (r) last = to_json(*r);
    return r;
  }
  // The verifier's answer for `code` as the function ("" when it passes).
  std::string verify(std::vector<Insn> code) {
    load(std::move(code));
    return verify_program(*program).message();
  }
  std::string last;
};

}  // namespace

TEST_CASE("vm: arithmetic and constants") {
  Machine m;
  uint32_t k = m.constant(Value::integer(40));
  auto r = m.run({Insn::make_bc(Op::LoadConst, 0, k), Insn::make_bc(Op::LoadInt, 1, 2), Insn::make(Op::Add, 2, 0, 1),
                  Insn::make(Op::Return, 2)});
  REQUIRE(r);
  CHECK(m.last == "42");
}

TEST_CASE("vm: a loop sums a list, and jumps are relative") {
  Machine m;
  Value items[] = {Value::integer(1), Value::integer(2), Value::integer(3)};
  uint32_t k = m.constant(Value::list(items, 3));
  std::vector<Insn> code = {
      Insn::make_bc(Op::LoadInt, 0, 0),     // 0: acc = 0
      Insn::make_bc(Op::LoadConst, 1, k),   // 1: list
      Insn::make(Op::IterInit, 2, 1),       // 2: it = R2, R3
      Insn::make(Op::IterNext, 2, 4, 2),    // 3: x = R4, at end jump to 6
      Insn::make(Op::Add, 0, 0, 4),         // 4: acc += x
      Insn::make_bc(Op::Jump, 0, static_cast<uint32_t>(-3)),  // 5: back to 3
      Insn::make(Op::Return, 0),            // 6
  };
  auto r = m.run(code);
  REQUIRE(r);
  CHECK(m.last == "6");
}

TEST_CASE("vm: truth, short-circuit jumps and type errors") {
  Machine m;
  auto r = m.run({Insn::make(Op::LoadNull, 0), Insn::make(Op::Not, 1, 0), Insn::make(Op::Return, 1)});
  REQUIRE(r);
  CHECK(m.last == "true");
  uint32_t s = m.constant(Value::string("x"));
  auto bad = m.run({Insn::make_bc(Op::LoadConst, 0, s), Insn::make_bc(Op::JumpIfFalse, 0, 0), Insn::make(Op::Return, 0)});
  REQUIRE_FALSE(bad);
  CHECK(bad.status().message() == "a condition must be a bool, got a string");
}

TEST_CASE("vm: the budget is counted per instruction") {
  Machine m;
  // An infinite loop is impossible in compiled writ; hand-written, the budget stops it.
  auto r = m.run({Insn::make_bc(Op::Jump, 0, static_cast<uint32_t>(-1))}, {}, 500);
  REQUIRE_FALSE(r);
  CHECK(r.status().code() == StatusCode::kBudgetExceeded);
  CHECK(r.status().message() == "evaluation budget of 500 steps exceeded");
}

TEST_CASE("vm: Force runs a lazy block once, Resume returns after the Force") {
  Machine m;
  // r1 is the flag; the block (pc 6..8) puts 40 + r2 in r0. Forced twice,
  // computed once: the second Force sees the flag true and r2 is not added again.
  auto r = m.run({Insn::make(Op::LoadBool, 1, 0), Insn::make_bc(Op::LoadInt, 2, 1),
                  Insn::make_bc(Op::Force, 1, 3),  // -> 6
                  Insn::make_bc(Op::Force, 1, 2),  // -> 6, skipped
                  Insn::make(Op::Add, 0, 0, 2), Insn::make(Op::Return, 0),
                  Insn::make_bc(Op::LoadInt, 0, 40), Insn::make(Op::Add, 0, 0, 2), Insn::make(Op::Resume, 1)});
  REQUIRE(r);
  CHECK(m.last == "42");
  // A Resume whose register holds no return address (a forged program) is an error, not a wild jump.
  auto bad = m.run({Insn::make_bc(Op::LoadInt, 1, 1000), Insn::make(Op::Resume, 1)});
  REQUIRE_FALSE(bad);
  CHECK(bad.status().message() == "corrupt program: Resume without its Force");
}

TEST_CASE("vm: lists and maps built by NewList/Append and NewMap/MapSet grow past their first capacity") {
  Machine m;
  std::vector<Insn> code = {Insn::make(Op::NewList, 0, 0), Insn::make(Op::NewMap, 5, 0)};
  for (int i = 0; i < 20; ++i) {
    code.push_back(Insn::make_bc(Op::LoadInt, 1, static_cast<uint32_t>(i)));
    code.push_back(Insn::make(Op::Append, 0, 1));
  }
  code.push_back(Insn::make(Op::Return, 0));
  auto r = m.run(code);
  REQUIRE(r);
  CHECK(m.last == "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]");
}

// A forged program reads and writes nothing out of bounds.
TEST_CASE("vm: registers the verifier cannot type are checked at run time") {
  Machine m;
  Value items[] = {Value::integer(1), Value::integer(2), Value::integer(3)};
  uint32_t k = m.constant(Value::list(items, 3));
  // Append to a constant list: its array has no room.
  auto append = m.run({Insn::make_bc(Op::LoadConst, 0, k), Insn::make_bc(Op::LoadInt, 1, 4),
                       Insn::make(Op::Append, 0, 1), Insn::make(Op::Return, 0)});
  REQUIRE_FALSE(append);
  CHECK(append.status().message() == "corrupt program: Append to a list NewList did not make");
  // IterNext over a register IterInit did not set, or with an index pushed past the end.
  auto iter = m.run({Insn::make_bc(Op::LoadConst, 2, k), Insn::make_bc(Op::LoadInt, 3, 1000),
                     Insn::make(Op::IterNext, 2, 4, 1), Insn::make(Op::Return, 4), Insn::make(Op::Return, 2)});
  REQUIRE(iter);  // index 1001 is past the end: the loop is over
  CHECK(m.last == "[1,2,3]");
  auto not_iter = m.run({Insn::make_bc(Op::LoadInt, 2, 5), Insn::make(Op::IterNext, 2, 4, 1),
                         Insn::make(Op::Return, 4), Insn::make(Op::Return, 2)});
  REQUIRE_FALSE(not_iter);
  CHECK(not_iter.status().message() == "corrupt program: IterNext without IterInit");
}

// GetField2's second key is the KeyArg word after it: run alone (a jump into
// it), that word is an error; the verifier refuses a GetField2 without one
// and a GetField3 without two.
TEST_CASE("vm: GetField2, GetField3 and their KeyArg words") {
  Machine m;
  auto f = static_cast<uint16_t>(m.program->keys.intern("f"));
  auto bad = m.run({Insn::make(Op::KeyArg, 0, 0, f), Insn::make(Op::Return, 0)});
  REQUIRE_FALSE(bad);
  CHECK(bad.status().message() == "corrupt program: a KeyArg run as an instruction");
  CHECK(m.verify({Insn::make(Op::GetField2, 0, 1, f), Insn::make(Op::Return, 0)})
            .find("GetField2 without its KeyArg words") != std::string::npos);
  CHECK(m.verify({Insn::make(Op::GetField2, 0, 1, f), Insn::make(Op::KeyArg, 0, 0, f), Insn::make(Op::Return, 0)}) == "");
  // GetField3 needs two.
  CHECK(m.verify({Insn::make(Op::GetField3, 0, 1, f), Insn::make(Op::KeyArg, 0, 0, f), Insn::make(Op::Return, 0)})
            .find("GetField3 without its KeyArg words") != std::string::npos);
}

// fuzz_bundle found it: an IterNext2 whose variables were its iterator's
// register overwrote the list with the index, then read the int as a list.
TEST_CASE("vm: the verifier refuses loop variables that overlap the iterator") {
  Machine m;
  auto loop = [&](Op op, uint16_t it, uint16_t var) {
    return m.verify({Insn::make(Op::IterInit, it, 6), Insn::make(op, it, var, 0), Insn::make(Op::Return, 0)});
  };
  for (Op op : {Op::IterNext, Op::IterNext2}) {
    INFO(op_name(op));
    CHECK(loop(op, 2, 2).find("loop variables overlap the iterator") != std::string::npos);
    CHECK(loop(op, 2, 3).find("loop variables overlap the iterator") != std::string::npos);
    CHECK(loop(op, 2, 4) == "");
  }
  CHECK(loop(Op::IterNext2, 2, 1).find("loop variables overlap the iterator") != std::string::npos);
  CHECK(loop(Op::IterNext, 2, 1) == "");
  CHECK(loop(Op::IterNext2, 2, 0) == "");
}

// fuzz_bundle again: a Force whose block started just past the function's
// end passed the verifier, and the dispatch read the word after the code.
TEST_CASE("vm: the verifier refuses jumps to just past the end of a function") {
  Machine m;
  for (Op op : {Op::Force, Op::JumpIfFalse, Op::JumpIfTrue, Op::JumpIfNotNull}) {
    INFO(op_name(op));
    CHECK(m.verify({Insn::make_bc(op, 1, 1), Insn::make(Op::Return, 0)}).find("jump outside the function") != std::string::npos);
    CHECK(m.verify({Insn::make_bc(op, 1, 0), Insn::make(Op::Return, 0)}) == "");
  }
  CHECK(m.verify({Insn::make(Op::IterInit, 1, 3), Insn::make(Op::IterNext, 1, 0, 1), Insn::make(Op::Return, 0)})
            .find("jump outside the function") != std::string::npos);
}

TEST_CASE("vm: docs/internals.md lists every opcode") {
  std::string doc = writ::testing::read_file(writ::testing::source_path("docs/internals.md"));
  for (size_t i = 0; i < static_cast<size_t>(Op::kCount); ++i) {
    std::string row = "| `" + std::string(op_name(static_cast<Op>(i))) + "` |";
    INFO(row);
    CHECK(doc.find(row) != std::string::npos);
  }
}

TEST_CASE("vm: the disassembler names every opcode") {
  for (size_t i = 0; i < static_cast<size_t>(Op::kCount); ++i) {
    CHECK(std::string_view(op_name(static_cast<Op>(i))) != "?");
    CHECK(!std::string_view(op_doc(static_cast<Op>(i))).empty());
  }
  Machine m;
  m.fn().code = {Insn::make_bc(Op::LoadInt, 0, 7), Insn::make(Op::Return, 0)};
  std::string text = disassemble(*m.program, m.fn());
  CHECK(text.find("LoadInt") != std::string::npos);
  CHECK(text.find("Return") != std::string::npos);
}
