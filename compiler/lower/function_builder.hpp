// FunctionBuilder: emits the instructions of one Function (internal to
// compiler/lower): registers, jumps, spans and side tables.
//
// Registers: locals first (the checker numbered them), temporaries above,
// allocated and released in stack order.
#pragma once

#include <string>

#include "compiler/diag/diagnostic.hpp"
#include "runtime/bytecode/program.hpp"

namespace writ {

class FunctionBuilder {
 public:
  FunctionBuilder(Function& fn, uint32_t num_locals, Diagnostics& diags)
      : fn_(fn), next_(num_locals), max_(num_locals), diags_(diags) {}

  // Current source span: attached to every instruction emitted.
  void at(Span s) { span_ = s; }
  Span span() const { return span_; }

  size_t emit(Insn in) {
    fn_.code.push_back(in);
    fn_.spans.push_back(span_);
    return fn_.code.size() - 1;
  }
  size_t emit(Op op, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0) {
    return emit(Insn::make(op, reg(a), reg(b), reg(c)));
  }
  size_t emit_bc(Op op, uint32_t a, uint32_t bc) { return emit(Insn::make_bc(op, reg(a), bc)); }

  // Jumps: emit with a placeholder, patch when the target is known.
  size_t jump(Op op, uint32_t a = 0) { return emit_bc(op, a, 0); }
  void patch_to_here(size_t at) { patch(at, fn_.code.size()); }
  void patch(size_t at, size_t target) {
    auto off = static_cast<int64_t>(target) - static_cast<int64_t>(at) - 1;
    Insn& in = fn_.code[at];
    if (in.op() == Op::IterNext || in.op() == Op::IterNext2) {
      if (off < INT16_MIN || off > INT16_MAX) fail("loop body too large");
      in.set_sc(static_cast<int16_t>(off));
    } else {
      in.set_sbc(static_cast<int32_t>(off));
    }
  }
  size_t here() const { return fn_.code.size(); }
  void jump_back(Op op, uint32_t a, size_t target) { patch(jump(op, a), target); }

  uint32_t temp(uint32_t n = 1) {
    uint32_t r = next_;
    next_ += n;
    if (next_ > max_) max_ = next_;
    return r;
  }
  uint32_t top() const { return next_; }
  uint32_t high_water() const { return max_; }  // one past the highest register used
  void release(uint32_t to) { next_ = to; }

  uint32_t call_site(CallSite cs) {
    fn_.calls.push_back(cs);
    return static_cast<uint32_t>(fn_.calls.size() - 1);
  }

  void finish(uint16_t num_params) {
    fn_.num_params = num_params;
    fn_.num_regs = static_cast<uint16_t>(std::min<uint32_t>(max_ + 1, 0xffff));
  }

  bool failed() const { return failed_; }
  void fail(const std::string& what) {
    if (!failed_) diags_.error(span_, what);
    failed_ = true;
  }

 private:
  uint16_t reg(uint32_t r) {
    if (r > 0xfff0) fail("function too large: more than 65,000 registers");
    return static_cast<uint16_t>(r);
  }

  Function& fn_;
  uint32_t next_;
  uint32_t max_;
  Span span_;
  Diagnostics& diags_;
  bool failed_ = false;
};

}  // namespace writ
