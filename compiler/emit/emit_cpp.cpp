#include "compiler/emit/emit_cpp.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "runtime/vm/embedded_program.hpp"

namespace writ {

namespace {

// One Function's C++. Each run of instructions that is entered only at
// its first and that no call interrupts starts with WRIT_STEPS(pc, n),
// charging the budget for all n at once; any instruction may hand over,
// refunding what was charged for itself and the rest of its run
// (compiled_code.hpp). Labels only where something jumps.
class FunctionEmitter {
 public:
  FunctionEmitter(std::ostream& out, const Program& program, const Function& fn, size_t index)
      : o_(out), prog_(program), fn_(fn), index_(index) {}

  void emit() {
    find_targets();
    find_runs();
    o_ << "// " << fn_.name << "\n";
    o_ << "bool f" << index_ << "(EvalContext& ctx, const Function& fn, Value* R, Value* result) {\n"
       << "  const Program& prog = CompiledCode::program(ctx);\n"
       << "  const Value* K = prog.constants.data();\n"
       << "  uint64_t budget = CompiledCode::budget(ctx);\n"
       << "  size_t at = 0;\n"
       << "  (void)prog;\n  (void)K;\n";
    for (size_t pc = 0; pc < fn_.code.size(); pc += 1 + key_args(fn_.code[pc].op())) instruction(pc);
    if (targets_.count(fn_.code.size()) != 0)
      o_ << label(fn_.code.size()) << ":\n  WRIT_HAND_OVER(" << fn_.code.size() << ", 0);\n";
    // The exit of WRIT_STEPS and WRIT_HAND_OVER (compiled_code.hpp).
    o_ << "out_of_steps:\n  return CompiledCode::hand_over(ctx, fn, R, result, at, budget);\n}\n\n";
  }

 private:
  static std::string label(size_t pc) { return "L" + std::to_string(pc); }
  size_t target(size_t pc, int32_t offset) const { return static_cast<size_t>(static_cast<int64_t>(pc) + 1 + offset); }

  // Instructions after which a new run of steps starts: those that jump,
  // end the function, or charge the budget more than one step or let a
  // callee charge it (the interpreter has charged nothing ahead of them).
  static bool ends_run(Op op) {
    switch (op) {
      case Op::Jump: case Op::JumpIfFalse: case Op::JumpIfTrue: case Op::JumpIfNotNull: case Op::Force:
      case Op::Resume: case Op::IterNext: case Op::IterNext2: case Op::Return: case Op::Halt: case Op::Call:
      case Op::CallFn: case Op::Concat:
        return true;
      default:
        return false;
    }
  }

  // Splits the code into runs: one starts at every jump target and after
  // every instruction that ends_run().
  void find_runs() {
    size_t start = 0;
    for (size_t pc = 0; pc < fn_.code.size(); pc += 1 + key_args(fn_.code[pc].op())) {
      if (targets_.count(pc) != 0) start = pc;
      run_start_[pc] = start;
      if (ends_run(fn_.code[pc].op())) start = pc + 1 + key_args(fn_.code[pc].op());
    }
    for (size_t pc = 0; pc < fn_.code.size(); pc += 1 + key_args(fn_.code[pc].op())) last_in_run_[run_start_[pc]] = pc;
  }
  // Steps charged ahead for `pc` and the rest of its run: the refund when
  // it hands over, and at a run's first instruction what WRIT_STEPS charges.
  size_t charged_from(size_t pc) const {
    size_t n = 0;
    for (size_t q = pc; q <= last_in_run_.at(run_start_.at(pc)); q += 1 + key_args(fn_.code[q].op())) ++n;
    return n;
  }

  void find_targets() {
    for (size_t pc = 0; pc < fn_.code.size(); ++pc) {
      Insn in = fn_.code[pc];
      switch (in.op()) {
        case Op::Jump:
        case Op::JumpIfFalse:
        case Op::JumpIfTrue:
        case Op::JumpIfNotNull: targets_.insert(target(pc, in.sbc())); break;
        case Op::Force:
          targets_.insert(target(pc, in.sbc()));
          targets_.insert(pc + 1);
          returns_.insert(pc + 1);
          break;
        case Op::IterNext:
        case Op::IterNext2: targets_.insert(target(pc, in.sc())); break;
        default: break;
      }
    }
  }

  std::string r(unsigned i) const { return "R[" + std::to_string(i) + "]"; }
  // "3, 1, 57": operands as arguments.
  template <typename... N>
  static std::string nums(N... n) {
    std::string s;
    ((s += (s.empty() ? "" : ", ") + std::to_string(n)), ...);
    return s;
  }

  // `WRIT_HAND_OVER(pc, refund);` after `prefix`.
  void hand_over(const std::string& prefix, size_t pc) {
    o_ << prefix << "WRIT_HAND_OVER(" << pc << ", " << charged_from(pc) << ");\n";
  }
  // `if (!(cond)) WRIT_HAND_OVER(pc, refund);`
  void unless(const std::string& cond, size_t pc) { hand_over("  if (!(" + cond + ")) ", pc); }
  // An operator of operators.hpp, into a temporary: R[a] is only written on success.
  void pure(const std::string& call, unsigned a, size_t pc) {
    o_ << "  {\n    Value t;\n";
    hand_over("    if (!" + call + ") ", pc);
    o_ << "    " << r(a) << " = t;\n  }\n";
  }

  void instruction(size_t pc) {
    Insn in = fn_.code[pc];
    unsigned a = in.a(), b = in.b(), c = in.c();
    if (targets_.count(pc) != 0) o_ << label(pc) << ":\n";
    if (run_start_.at(pc) == pc) o_ << "  WRIT_STEPS(" << pc << ", " << charged_from(pc) << ");\n";
    o_ << "  // " << pc << " " << op_name(in.op()) << "\n";
    const std::string err = "&CompiledCode::scratch_error(ctx)";
    const std::string args2 = r(b) + ", " + r(c);
    switch (in.op()) {
      case Op::LoadNull: o_ << "  " << r(a) << " = Value::null();\n"; break;
      case Op::LoadBool: o_ << "  " << r(a) << " = Value::boolean(" << (b != 0 ? "true" : "false") << ");\n"; break;
      case Op::ClearFlags:
        for (unsigned i = a; i < a + b; ++i) o_ << "  " << r(i) << " = Value::boolean(false);\n";
        break;
      case Op::LoadInt: o_ << "  " << r(a) << " = Value::integer(" << in.sbc() << ");\n"; break;
      case Op::LoadConst: o_ << "  " << r(a) << " = K[" << in.bc() << "];\n"; break;
      case Op::Move: o_ << "  " << r(a) << " = " << r(b) << ";\n"; break;
      case Op::LoadInput: load_input(a, b, pc); break;
      case Op::LoadParam: o_ << "  " << r(a) << " = CompiledCode::param(ctx, " << b << ");\n"; break;
      case Op::GetField: unless("compiled::get_field(R, " + nums(a, b, c) + ")", pc); break;
      case Op::GetField2:
      case Op::GetField3: {
        std::string keys = nums(a, b, c, fn_.code[pc + 1].c());
        if (in.op() == Op::GetField3) keys += ", " + nums(fn_.code[pc + 2].c(), 3);
        unless("compiled::get_field_path(R, " + keys + ")", pc);
        break;
      }
      case Op::GetIndex: unless("compiled::get_index(R, " + nums(a, b, c) + ", " + err + ")", pc); break;
      case Op::Slice:
        pure("slice_value(" + args2 + ", " + r(c + 1) + ", CompiledCode::arena(ctx), &t, " + err + ")", a, pc);
        break;
      case Op::Not:
      case Op::Truth:
        unless("compiled::is_condition(" + r(b) + ")", pc);
        o_ << "  " << r(a) << " = Value::boolean(" << (in.op() == Op::Not ? "!" : "") << r(b) << ".is_true());\n";
        break;
      case Op::Len:
      case Op::NotEmpty:
        unless("compiled::length(R, " + nums(a, b) + (in.op() == Op::NotEmpty ? ", true)" : ", false)"), pc);
        break;
      case Op::Neg: pure("negate(" + r(b) + ", &t, " + err + ")", a, pc); break;
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod:
        pure("arith(Op::" + std::string(op_name(in.op())) + ", " + args2 + ", CompiledCode::arena(ctx), &t, " + err + ")",
             a, pc);
        break;
      case Op::Eq:
      case Op::Ne: pure(std::string("equality(") + (in.op() == Op::Eq ? "true" : "false") + ", " + args2 + ", &t, " + err + ")", a, pc); break;
      case Op::EqConst:
      case Op::NeConst: eq_const(in, pc); break;
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: order(in, pc); break;
      case Op::In: pure("membership(" + args2 + ", &t, " + err + ")", a, pc); break;
      case Op::InSet: in_set(a, b, c); break;
      case Op::Jump: o_ << "  goto " << label(target(pc, in.sbc())) << ";\n"; break;
      case Op::JumpIfFalse:
        o_ << "  if (!" << r(a) << ".is_true()) {\n";
        hand_over("    if (!compiled::is_condition(" + r(a) + ")) ", pc);
        o_ << "    goto " << label(target(pc, in.sbc())) << ";\n  }\n";
        break;
      case Op::JumpIfTrue:
        o_ << "  if (" << r(a) << ".is_true()) goto " << label(target(pc, in.sbc())) << ";\n";
        unless("compiled::is_condition(" + r(a) + ")", pc);
        break;
      case Op::JumpIfNotNull: o_ << "  if (!" << r(a) << ".is_null()) goto " << label(target(pc, in.sbc())) << ";\n"; break;
      case Op::Force:
        o_ << "  if (!" << r(a) << ".is_true()) {\n    " << r(a) << " = Value::integer(" << pc + 1 << ");\n    goto "
           << label(target(pc, in.sbc())) << ";\n  }\n";
        break;
      case Op::Resume:
        // The return address is one of the Forces' (anything else: the
        // interpreter reports the corrupt program).
        o_ << "  switch (" << r(a) << ".type == Type::Int ? " << r(a) << ".i : -1) {\n";
        for (size_t back : returns_)
          o_ << "    case " << back << ": " << r(a) << " = Value::boolean(true); goto " << label(back) << ";\n";
        hand_over("    default: ", pc);
        o_ << "  }\n";
        break;
      case Op::IterInit: unless("compiled::iter_init(R, " + nums(a, b) + ")", pc); break;
      case Op::IterNext:
      case Op::IterNext2:
        o_ << "  switch (compiled::iter_next(prog.keys, R, " << a << ", " << b << ", " << (in.op() == Op::IterNext2 ? "true" : "false")
           << ")) {\n    case compiled::Step::kItem: break;\n    case compiled::Step::kEnd: goto "
           << label(target(pc, in.sc())) << ";\n";
        hand_over("    case compiled::Step::kHandOver: ", pc);
        o_ << "  }\n";
        break;
      case Op::NewList: o_ << "  compiled::new_list(CompiledCode::arena(ctx), R, " << a << ", " << (b < 4 ? 4 : b) << ");\n"; break;
      case Op::Append: unless("compiled::append(CompiledCode::arena(ctx), R, " + nums(a, b) + ")", pc); break;
      case Op::NewMap: o_ << "  compiled::new_map(CompiledCode::arena(ctx), R, " << a << ", " << (b < 4 ? 4 : b) << ");\n"; break;
      case Op::MapSet:
        unless("CompiledCode::map_set(ctx, R, " + nums(a, b, c) + ")", pc);
        break;
      case Op::Concat:
        unless("compiled::concat(CompiledCode::arena(ctx), R, " + nums(a, b, c) + ", &budget)", pc);
        break;
      case Op::Call: {
        // The budget goes by value and comes back through the context: a
        // local whose address escaped would live in memory for the whole
        // function, and every run's charge would load and store it.
        // A native that memoizes (k8s.containers, asked by most Pod Security
        // rules) is looked up in the memo inline first: a hit is a few loads
        // and compares where the call costs ~60 instructions.
        bool memo = prog_.natives[fn_.calls[in.bc()].target].memoize;
        if (memo) o_ << "  if (!CompiledCode::memo_hit(ctx, prog, fn, " << in.bc() << ", R, " << a << ")) {\n  ";
        unless("CompiledCode::call_native(ctx, fn, " + nums(in.bc()) + ", R, " + nums(a) + ", budget)", pc);
        o_ << (memo ? "    budget = CompiledCode::budget(ctx);\n  }\n" : "  budget = CompiledCode::budget(ctx);\n");
        break;
      }
      case Op::CallFn: {
        uint32_t callee = fn_.calls[in.bc()].target;
        o_ << "  CompiledCode::budget(ctx) = budget;\n  if (!f" << callee << "(ctx, prog.functions[" << callee << "], &"
           << r(a + 1) << ", &" << r(a) << ")) return false;\n  budget = CompiledCode::budget(ctx);\n";
        break;
      }
      case Op::Return:
        o_ << "  *result = " << r(a) << ";\n  CompiledCode::budget(ctx) = budget;\n  return true;\n";
        break;
      case Op::Halt: o_ << "  *result = Value::null();\n  CompiledCode::budget(ctx) = budget;\n  return true;\n"; break;
      case Op::PathOf: o_ << "  CompiledCode::path_of(ctx, R, " << a << ", " << b << ", " << c << ");\n"; break;
      case Op::PathOfItem: o_ << "  CompiledCode::path_of_item(ctx, R, " << a << ", " << b << ", " << c << ");\n"; break;
      case Op::Emit: o_ << "  CompiledCode::emit(ctx, R, " << a << ", " << in.bc() << ");\n"; break;
      case Op::KeyArg:  // data of a GetField2/3, skipped with it; run on its own it is an error
      case Op::Probe:   // explain mode only, never in a precompiled program
      case Op::kCount: hand_over("  ", pc); break;
    }
  }

  void load_input(unsigned a, unsigned slot, size_t pc) {
    const char* field = nullptr;
    switch (static_cast<InputSlot>(slot)) {
      case InputSlot::kObject: field = "object"; break;
      case InputSlot::kOldObject: field = "old_object"; break;
      case InputSlot::kRequest: field = "request"; break;
      case InputSlot::kNamespaceObject: field = "namespace_object"; break;
      case InputSlot::kEvent: field = "event"; break;
      default: break;
    }
    if (field != nullptr) o_ << "  " << r(a) << " = CompiledCode::input(ctx)." << field << ";\n";
    else hand_over("  ", pc);  // the inventory, or a slot the interpreter nulls
  }

  // x == K[c] and x != K[c], specialized on the constant's type.
  void eq_const(Insn in, size_t pc) {
    const Value& k = prog_.constants[in.c()];
    std::string head = nums(in.a(), in.b()) + ", ";
    std::string eq = in.op() == Op::EqConst ? "true" : "false";
    switch (k.type) {
      case Type::String:
        unless("compiled::eq_string(R, " + head + "K[" + std::to_string(in.c()) + "], " + std::to_string(k.flags) + ", " + eq + ")", pc);
        break;
      case Type::Bool: unless("compiled::eq_scalar<Type::Bool>(R, " + head + (k.b ? "1" : "0") + ", " + eq + ")", pc); break;
      case Type::Int: unless("compiled::eq_scalar<Type::Int>(R, " + head + std::to_string(k.i) + "LL, " + eq + ")", pc); break;
      case Type::Null:  // `x != null`: never an error
        o_ << "  " << r(in.a()) << " = Value::boolean(" << r(in.b()) << ".is_null() == " << eq << ");\n";
        break;
      default: pure("equality(" + eq + ", " + r(in.b()) + ", K[" + std::to_string(in.c()) + "], &t, &CompiledCode::scratch_error(ctx))", in.a(), pc); break;
    }
  }

  // x in SET[c]: a string that knows its key id is a member exactly when
  // its id is among the set's (ConstSet::contains), here a switch.
  void in_set(unsigned a, unsigned b, unsigned c) {
    const ConstSet& set = prog_.sets[c];
    std::string x = r(b), general = "prog.sets[" + std::to_string(c) + "].contains(" + x + ")";
    if (!set.ids_ready) {
      o_ << "  " << r(a) << " = Value::boolean(" << general << ");\n";
      return;
    }
    o_ << "  if (KeyId id = " << x << ".key_hint(); id != kNoKey) {\n    bool member = false;\n    switch (id) {\n";
    for (KeyId id : std::set<KeyId>(set.string_ids.begin(), set.string_ids.end()))
      if (id != kNoKey) o_ << "      case " << id << ":\n";
    o_ << "        member = true;\n        break;\n      default: break;\n    }\n    " << r(a)
       << " = Value::boolean(member);\n  } else {\n    " << r(a) << " = Value::boolean(" << general << ");\n  }\n";
  }

  void order(Insn in, size_t pc) {
    const char* cmp = in.op() == Op::Lt ? "<" : in.op() == Op::Le ? "<=" : in.op() == Op::Gt ? ">" : ">=";
    std::string x = r(in.b()), y = r(in.c());
    o_ << "  if (" << x << ".type == Type::Int && " << y << ".type == Type::Int) {\n    " << r(in.a()) << " = Value::boolean("
       << x << ".i " << cmp << " " << y << ".i);\n  } else\n";
    pure("order(Op::" + std::string(op_name(in.op())) + ", " + x + ", " + y + ", &t, &CompiledCode::scratch_error(ctx))",
         in.a(), pc);
  }

  std::ostream& o_;
  const Program& prog_;
  const Function& fn_;
  size_t index_;
  std::set<size_t> targets_;
  std::set<size_t> returns_;
  std::map<size_t, size_t> run_start_;    // pc -> first pc of its run
  std::map<size_t, size_t> last_in_run_;  // first pc of a run -> its last pc
};

}  // namespace

// Bytes as a C++ string literal, in pieces of ~100 columns: printable ASCII
// as itself, the rest as three-digit octal escapes (never followed by a
// digit that would extend them, unlike hex escapes).
static void write_literal(std::ostream& out, std::string_view bytes) {
  size_t column = 0;
  out << "    \"";
  for (unsigned char c : bytes) {
    if (column >= 96) {
      out << "\"\n    \"";
      column = 0;
    }
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      out << static_cast<char>(c);
      column += 1;
    } else {
      char esc[5];
      std::snprintf(esc, sizeof esc, "\\%03o", c);
      out << esc;
      column += 4;
    }
  }
  out << "\"";
}

// `name` on one comment line: a path could hold a line break.
static std::string comment_text(std::string_view name) {
  std::string out;
  for (char c : name) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  return out;
}

static bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_cpp_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!is_word_char(c)) return false;
  return true;
}

std::string cpp_identifier(std::string_view s) {
  std::string out;
  for (char c : s) out += is_word_char(c) ? c : '_';
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(out.begin(), '_');
  return out;
}

std::string emit_cpp(const Program& program, std::string_view bundle, const std::string& symbol,
                     std::string_view name) {
  std::ostringstream o;
  o << "// Generated by writ (compiler/emit/emit_cpp.cpp) from " << comment_text(name) << ": do not edit.\n"
    << "// Its bundle, and what the interpreter does with its bytecode as C++\n"
    << "// (runtime/vm/compiled_code.hpp, runtime/vm/embedded_program.hpp).\n"
    << "#include \"runtime/vm/compiled_code.hpp\"\n#include \"runtime/vm/embedded_program.hpp\"\n"
    << "#include \"runtime/vm/operators.hpp\"\n\n"
    << "static_assert(writ::kMachineCodeVersion == " << kMachineCodeVersion
    << ", \"emitted by another version of writ: emit it again with the writ it is built with\");\n\n"
    << "namespace writ {\nnamespace {\n\n";
  for (size_t i = 0; i < program.functions.size(); ++i)
    o << "bool f" << i << "(EvalContext& ctx, const Function& fn, Value* R, Value* result);\n";
  o << "\n";
  for (size_t i = 0; i < program.functions.size(); ++i) FunctionEmitter(o, program, program.functions[i], i).emit();
  // A table of one null entry for a program without functions: C++ has no
  // empty arrays (the span below still says 0).
  o << "const CompiledFn code[] = {";
  if (program.functions.empty()) o << "nullptr";
  for (size_t i = 0; i < program.functions.size(); ++i) o << (i % 8 == 0 ? "\n    " : " ") << "f" << i << ",";
  o << "\n};\n\n}  // namespace\n}  // namespace writ\n\n"
    << "extern const writ::EmbeddedProgram " << symbol << ";\n"
    << "constinit const writ::EmbeddedProgram " << symbol << " = {\n";
  write_literal(o, name);
  o << ",\n    std::string_view(\n";
  write_literal(o, bundle);
  o << ",\n    " << bundle.size() << "),\n    {writ::code, " << program.functions.size() << "}};\n";
  return o.str();
}

}  // namespace writ
