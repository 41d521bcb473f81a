// The bytecode verifier: every operand in range, every jump inside its
// function, every function ending in a terminator, no call cycles. The VM
// trusts verified code and checks nothing of this at run time; what the
// verifier cannot see (the kind of value a register holds) the few
// instructions that depend on it check themselves (interpreter.cpp).
#include <functional>

#include "runtime/bytecode/bundle.hpp"

namespace writ {

namespace {

struct Verifier {
  const Program& p;
  std::string fail;

  bool bad(const Function& f, size_t pc, const std::string& what) {
    fail = "function " + f.name + " at " + std::to_string(pc) + ": " + what;
    return false;
  }

  bool reg(const Function& f, size_t pc, uint64_t r, uint64_t count = 1) {
    return r + count <= f.num_regs || bad(f, pc, "register r" + std::to_string(r + count - 1) + " out of range");
  }

  // Inside the function: a jump to just past its last instruction would
  // have the dispatch read the word after the code (fuzz_bundle: a Force).
  bool jump(const Function& f, size_t pc, int64_t offset) {
    int64_t target = static_cast<int64_t>(pc) + 1 + offset;
    return (target >= 0 && target < static_cast<int64_t>(f.code.size())) || bad(f, pc, "jump outside the function");
  }

  bool path(const Function& f, size_t pc, uint32_t idx) {
    if (idx >= p.paths.size()) return bad(f, pc, "path index out of range");
    for (const PathStep& s : p.paths[idx].steps)
      if (s.reg >= 0 && !reg(f, pc, static_cast<uint64_t>(s.reg))) return false;
    return true;
  }

  bool insn(const Function& f, size_t pc) {
    Insn in = f.code[pc];
    if (static_cast<size_t>(in.op()) >= static_cast<size_t>(Op::kCount)) return bad(f, pc, "unknown opcode");
    if ((in.word >> 8 & 0xff) != 0) return bad(f, pc, "reserved bits set");
    switch (op_format(in.op())) {
      case Format::None: break;
      case Format::A: if (!reg(f, pc, in.a())) return false; break;
      case Format::AB:
        if (!reg(f, pc, in.a())) return false;
        if (in.op() == Op::LoadInput && in.b() >= static_cast<uint16_t>(InputSlot::kCount)) return bad(f, pc, "input slot");
        else if (in.op() == Op::LoadParam && in.b() >= p.params.size()) return bad(f, pc, "param index");
        else if (in.op() == Op::IterInit && !(reg(f, pc, in.a(), 2) && reg(f, pc, in.b()))) return false;
        else if (in.op() == Op::ClearFlags && !reg(f, pc, in.a(), in.b())) return false;
        else if ((in.op() == Op::Move || in.op() == Op::Not || in.op() == Op::Truth || in.op() == Op::Len || in.op() == Op::NotEmpty ||
                  in.op() == Op::Neg ||
                  in.op() == Op::Append) &&
                 !reg(f, pc, in.b()))
          return false;
        break;
      case Format::ABC:
        if (!reg(f, pc, in.a()) || !reg(f, pc, in.b())) return false;
        if (in.op() == Op::Concat) {
          if (!reg(f, pc, in.b(), in.c())) return false;
        } else if (in.op() == Op::Slice) {
          if (!reg(f, pc, in.c(), 2)) return false;
        } else if (!reg(f, pc, in.c())) {
          return false;
        }
        break;
      case Format::AK: if (!reg(f, pc, in.a()) || in.bc() >= p.constants.size()) return bad(f, pc, "constant index"); break;
      case Format::AsBC:
        if (!reg(f, pc, in.a())) return false;
        if (in.op() != Op::LoadInt && !jump(f, pc, in.sbc())) return false;
        break;
      case Format::sBC: if (!jump(f, pc, in.sbc())) return false; break;
      case Format::ABKey:
        if (!reg(f, pc, in.a()) || !reg(f, pc, in.b()) || in.c() >= p.keys.size()) return bad(f, pc, "operands of GetField");
        for (int k = 1; k <= key_args(in.op()); ++k)
          if (pc + k >= f.code.size() || f.code[pc + k].op() != Op::KeyArg)
            return bad(f, pc, std::string(op_name(in.op())) + " without its KeyArg words");
        break;
      case Format::Key:
        if (in.c() >= p.keys.size()) return bad(f, pc, "key of KeyArg");
        break;
      case Format::ABK16:
        if (!reg(f, pc, in.a()) || !reg(f, pc, in.b()) || in.c() >= p.constants.size()) return bad(f, pc, "constant index");
        break;
      case Format::ABSet:
        if (!reg(f, pc, in.a()) || !reg(f, pc, in.b()) || in.c() >= p.sets.size()) return bad(f, pc, "set index");
        break;
      case Format::ABsC: {
        uint32_t vars = in.op() == Op::IterNext2 ? 2 : 1;
        if (!reg(f, pc, in.a(), 2) || !reg(f, pc, in.b(), vars) || !jump(f, pc, in.sc())) return false;
        // IterNext writes its variables while it still reads the iterator
        // (IterNext2 on a map reads it after writing the key): they must not
        // share a register, or the iterator would be read as an int.
        if (in.b() < in.a() + 2u && in.a() < in.b() + vars) return bad(f, pc, "loop variables overlap the iterator");
        break;
      }
      case Format::ACall: {
        if (in.bc() >= f.calls.size()) return bad(f, pc, "call site index");
        const CallSite& cs = f.calls[in.bc()];
        if (!reg(f, pc, in.a(), 1ull + cs.argc)) return false;
        if (in.op() == Op::Call) {
          if (cs.target >= p.natives.size() || p.natives[cs.target].fn == nullptr) return bad(f, pc, "native index");
          if (cs.prepared >= 0 && static_cast<size_t>(cs.prepared) >= p.prepared.size()) return bad(f, pc, "prepared index");
        } else {
          if (cs.target >= p.functions.size()) return bad(f, pc, "function index");
          if (p.functions[cs.target].num_params != cs.argc) return bad(f, pc, "argument count");
        }
        break;
      }
      case Format::ABPath:
        if (!reg(f, pc, in.a()) || !reg(f, pc, in.b(), in.op() == Op::PathOfItem ? 2 : 1) || !path(f, pc, in.c())) return false;
        break;
      case Format::ASite:
        if (!reg(f, pc, in.a(), 2) || in.bc() >= p.sites.size()) return bad(f, pc, "site index");
        break;
      case Format::AExplain:
        if (!reg(f, pc, in.a()) || in.bc() >= p.explains.size()) return bad(f, pc, "explain index");
        break;
    }
    return true;
  }

  bool function(const Function& f) {
    if (f.code.empty()) return bad(f, 0, "empty function");
    if (f.spans.size() != f.code.size()) return bad(f, 0, "span table size");
    if (f.num_params > f.num_regs) return bad(f, 0, "more parameters than registers");
    Op last = f.code.back().op();
    if (last != Op::Return && last != Op::Halt && last != Op::Jump && last != Op::Resume) return bad(f, f.code.size() - 1, "falls off its end");
    for (size_t pc = 0; pc < f.code.size(); ++pc)
      if (!insn(f, pc)) return false;
    return true;
  }

  // User functions call each other without cycles (the C stack is finite).
  bool acyclic() {
    std::vector<uint8_t> state(p.functions.size(), 0);
    std::function<bool(uint32_t, int)> visit = [&](uint32_t f, int depth) -> bool {
      if (state[f] == 2) return true;
      if (state[f] == 1 || depth > 1000) return false;
      state[f] = 1;
      const Function& fn = p.functions[f];
      for (const Insn& in : fn.code)
        if (in.op() == Op::CallFn && !visit(fn.calls[in.bc()].target, depth + 1)) return false;
      state[f] = 2;
      return true;
    };
    for (uint32_t f = 0; f < p.functions.size(); ++f)
      if (!visit(f, 0)) {
        fail = "functions call each other in a cycle";
        return false;
      }
    return true;
  }

  bool tables() {
    for (const ViolationSite& s : p.sites)
      if (s.rule >= p.rules.size()) return (fail = "violation site names an unknown rule", false);
    for (const ExplainPoint& e : p.explains) {
      if (e.rule >= p.rules.size() || e.site >= p.sites.size()) return (fail = "explain entry out of range", false);
      for (const ExplainTerm& t : e.terms)
        if (t.fn >= p.functions.size()) return (fail = "explain term function out of range", false);
    }
    for (const Rule& r : p.rules) {
      if (r.body_fn >= p.functions.size() || r.package >= p.packages.size() ||
          (r.match.when_fn >= 0 && static_cast<size_t>(r.match.when_fn) >= p.functions.size()))
        return (fail = "rule " + r.name + " refers out of range", false);
    }
    for (const Param& prm : p.params)
      if (prm.package >= p.packages.size()) return (fail = "param package out of range", false);
    for (const Package& pkg : p.packages)
      if (pkg.version_param >= 0 && static_cast<size_t>(pkg.version_param) >= p.params.size())
        return (fail = "package version param out of range", false);
    return true;
  }
};

}  // namespace

Status verify_program(const Program& p) {
  Verifier v{p, {}};
  for (const Function& f : p.functions)
    if (!v.function(f)) return error(StatusCode::kInputError, "invalid bytecode: " + v.fail);
  if (!v.tables() || !v.acyclic()) return error(StatusCode::kInputError, "invalid bytecode: " + v.fail);
  return Status::ok();
}

}  // namespace writ
