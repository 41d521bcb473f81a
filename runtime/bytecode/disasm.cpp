// The disassembler: `writ repl`'s :bytecode and the compiler tests read it.
#include <fmt/format.h>

#include "runtime/bytecode/program.hpp"
#include "runtime/value/format.hpp"

namespace writ {

static std::string operands(const Program& p, const Function& fn, Insn in, size_t pc) {
  auto target = [&](int32_t off) { return static_cast<long>(pc) + 1 + off; };
  switch (op_format(in.op())) {
    case Format::None: return "";
    case Format::A: return fmt::format("r{}", in.a());
    case Format::AB: return fmt::format("r{} {}", in.a(), in.b());
    case Format::ABC: return fmt::format("r{} r{} r{}", in.a(), in.b(), in.c());
    case Format::AK: {
      std::string k = in.bc() < p.constants.size() ? to_json(p.constants[in.bc()]) : "?";
      if (k.size() > 40) k = k.substr(0, 37) + "...";
      return fmt::format("r{} k{}  ; {}", in.a(), in.bc(), k);
    }
    case Format::AsBC: return fmt::format("r{} {}", in.a(), in.op() == Op::LoadInt ? in.sbc() : target(in.sbc()));
    case Format::sBC: return fmt::format("-> {}", target(in.sbc()));
    case Format::ABKey:
      return fmt::format("r{} r{} .{}", in.a(), in.b(), in.c() < p.keys.size() ? p.keys.name(in.c()) : "?");
    case Format::Key: return fmt::format(".{}", in.c() < p.keys.size() ? p.keys.name(in.c()) : "?");
    case Format::ABK16: {
      std::string k = in.c() < p.constants.size() ? to_json(p.constants[in.c()]) : "?";
      return fmt::format("r{} r{} k{}  ; {}", in.a(), in.b(), in.c(), k);
    }
    case Format::ABSet: return fmt::format("r{} r{} set{}", in.a(), in.b(), in.c());
    case Format::ABsC: return fmt::format("r{} r{} -> {}", in.a(), in.b(), target(in.sc()));
    case Format::ACall: {
      const CallSite& cs = fn.calls[in.bc()];
      bool native = in.op() == Op::Call;
      std::string name = native ? p.natives[cs.target].name : p.functions[cs.target].name;
      return fmt::format("r{} {}/{}{}", in.a(), name, cs.argc, cs.prepared >= 0 ? " (prepared)" : "");
    }
    case Format::ABPath: {
      std::string suffix;
      for (const PathStep& s : p.paths[in.c()].steps) {
        if (s.is_index) append_path_index(suffix, static_cast<uint32_t>(s.index));
        else { suffix += '.'; suffix += s.key; }
      }
      return fmt::format("r{} r{} {}", in.a(), in.b(), suffix.empty() ? "-" : suffix);
    }
    case Format::AExplain: return fmt::format("r{} explain#{}", in.a(), in.bc());
    case Format::ASite: {
      const ViolationSite& s = p.sites[in.bc()];
      return fmt::format("r{} {} {}", in.a(), action_name(s.action), p.rules[s.rule].name);
    }
  }
  return "";
}

std::string disassemble(const Program& p, const Function& fn) {
  std::string out = fmt::format("fn {} (params {}, registers {})\n", fn.name, fn.num_params, fn.num_regs);
  for (size_t pc = 0; pc < fn.code.size(); ++pc) {
    Insn in = fn.code[pc];
    out += fmt::format("  {:4}  {:<13} {}\n", pc, op_name(in.op()), operands(p, fn, in, pc));
  }
  return out;
}

}  // namespace writ
