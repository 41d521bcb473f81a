// The writ instruction set: the one place where every opcode is defined.
//
// Layout: every instruction is one 64-bit word.
//
//    63        48 47        32 31        16 15     8 7      0
//   +------------+------------+------------+--------+--------+
//   |     c      |     b      |     a      | (zero) |   op   |
//   +------------+------------+------------+--------+--------+
//                 \__________ bc _________/
//
//   a, b, c  16-bit unsigned operands (registers, constant or key indices)
//   bc       b | c << 16, a 32-bit operand; sbc is the same read as signed
//
// Registers R[i] are the 16-byte Values of the current frame. K[i] are the
// module's constants; KEY[i] the interned key ids of the module's KeyTable.
// Jump offsets are relative to the instruction after the jump.
//
// We use 64-bit words rather than Lua's 32: operands never need an EXTRAARG
// word or a range check in the code generator, and a rule's code is small
// enough that density does not show in the benchmarks. Anything bigger than
// 32 bits (call sites, violation sites, path suffixes) goes in a side table
// of the Function, as regorus does.
//
// WRIT_OP(name, format, meaning)
//   format: how the disassembler prints operands (see Format below).
#pragma once

#include <cstddef>
#include <cstdint>

namespace writ {

#define WRIT_OPCODES(WRIT_OP)                                                                       \
  WRIT_OP(LoadNull, A, "R[a] := null")                                                              \
  WRIT_OP(LoadBool, AB, "R[a] := (b != 0)")                                                         \
  WRIT_OP(ClearFlags, AB, "R[a] ... R[a+b-1] := false (the flags of a block's lazy lets, in one go)")   \
  WRIT_OP(LoadInt, AsBC, "R[a] := int(sbc)")                                                        \
  WRIT_OP(LoadConst, AK, "R[a] := K[bc]")                                                           \
  WRIT_OP(Move, AB, "R[a] := R[b]")                                                                 \
  WRIT_OP(LoadInput, AB, "R[a] := input slot b (object, oldObject, request, ...: see InputSlot)")   \
  WRIT_OP(LoadParam, AB, "R[a] := value of param b")                                                \
  WRIT_OP(GetField, ABKey, "R[a] := R[b].KEY[c]; null if R[b] is null or has no such key")         \
  WRIT_OP(GetField2, ABKey, "R[a] := R[b].KEY[c].KEY[c'], c' the KeyArg word after it (x.f.g in one dispatch)") \
  WRIT_OP(GetField3, ABKey, "R[a] := R[b].KEY[c].KEY[c'].KEY[c''], from the two KeyArg words after it")  \
  WRIT_OP(KeyArg, Key, "data: a further key of the GetField2 or GetField3 before it; an error if run") \
  WRIT_OP(GetIndex, ABC, "R[a] := R[b][R[c]]: list index (negative from the end) or map key")      \
  WRIT_OP(Slice, ABC, "R[a] := R[b][R[c] : R[c+1]] (null bounds mean the ends)")                    \
  WRIT_OP(Not, AB, "R[a] := not truth(R[b]); truth(null) is false")                                \
  WRIT_OP(Truth, AB, "R[a] := truth(R[b]) as a bool; error unless bool or null")                    \
  WRIT_OP(Len, AB, "R[a] := len(R[b]): bytes, items or entries; 0 for null (the built-in, inlined)")  \
  WRIT_OP(NotEmpty, AB, "R[a] := len(R[b]) > 0 (`len(x) > 0` and `len(x) != 0` in one instruction)")  \
  WRIT_OP(Neg, AB, "R[a] := -R[b]")                                                                 \
  WRIT_OP(Add, ABC, "R[a] := R[b] + R[c] (numbers, strings, lists)")                               \
  WRIT_OP(Sub, ABC, "R[a] := R[b] - R[c]")                                                          \
  WRIT_OP(Mul, ABC, "R[a] := R[b] * R[c]")                                                          \
  WRIT_OP(Div, ABC, "R[a] := R[b] / R[c]")                                                          \
  WRIT_OP(Mod, ABC, "R[a] := R[b] % R[c]")                                                          \
  WRIT_OP(Eq, ABC, "R[a] := R[b] == R[c]")                                                          \
  WRIT_OP(Ne, ABC, "R[a] := R[b] != R[c]")                                                          \
  WRIT_OP(EqConst, ABK16, "R[a] := R[b] == K[c]")                                                   \
  WRIT_OP(NeConst, ABK16, "R[a] := R[b] != K[c]")                                                   \
  WRIT_OP(Lt, ABC, "R[a] := R[b] < R[c]; null if either is null")                                   \
  WRIT_OP(Le, ABC, "R[a] := R[b] <= R[c]; null if either is null")                                  \
  WRIT_OP(Gt, ABC, "R[a] := R[b] > R[c]; null if either is null")                                   \
  WRIT_OP(Ge, ABC, "R[a] := R[b] >= R[c]; null if either is null")                                  \
  WRIT_OP(In, ABC, "R[a] := R[b] in R[c] (list item, map key, substring); false if R[c] is null")  \
  WRIT_OP(InSet, ABSet, "R[a] := R[b] in constant set SET[c] (hashed)")                             \
  WRIT_OP(Jump, sBC, "pc += sbc")                                                                   \
  WRIT_OP(JumpIfFalse, AsBC, "if not truth(R[a]) then pc += sbc")                                   \
  WRIT_OP(JumpIfTrue, AsBC, "if truth(R[a]) then pc += sbc")                                        \
  WRIT_OP(JumpIfNotNull, AsBC, "if R[a] is not null then pc += sbc")                                \
  WRIT_OP(Force, AsBC, "lazy let: unless R[a] is true, R[a] := return address, pc += sbc (its block)") \
  WRIT_OP(Resume, A, "end of a lazy let's block: pc := R[a] (set by Force), R[a] := true")           \
  WRIT_OP(IterInit, AB, "R[a] := R[b] (list or map; null iterates nothing), R[a+1] := -1")         \
  WRIT_OP(IterNext, ABsC, "advance R[a]; at the end pc += sc; else R[b] := item (map: key)")        \
  WRIT_OP(IterNext2, ABsC, "advance R[a]; at the end pc += sc; else R[b] := index or key, R[b+1] := item") \
  WRIT_OP(NewList, AB, "R[a] := empty list with room for b items")                                  \
  WRIT_OP(Append, AB, "R[a] := R[a] with R[b] appended (R[a] built by NewList)")                    \
  WRIT_OP(NewMap, AB, "R[a] := empty map with room for b entries")                                  \
  WRIT_OP(MapSet, ABC, "R[a] := R[a] with key R[b] set to R[c] (R[a] built by NewMap)")             \
  WRIT_OP(Concat, ABC, "R[a] := display(R[b]) ++ ... ++ display(R[b+c-1]) (interpolation)")        \
  WRIT_OP(Call, ACall, "R[a] := native call CALL[bc] on its arguments R[a+1 ...]")                 \
  WRIT_OP(CallFn, ACall, "R[a] := user fn call CALL[bc] on its arguments R[a+1 ...]")              \
  WRIT_OP(Return, A, "return R[a] to the caller")                                                   \
  WRIT_OP(PathOf, ABPath, "R[a] := field path of R[b] (a document node) plus suffix PATH[c]")      \
  WRIT_OP(PathOfItem, ABPath, "R[a] := field path of the current item of iterator R[b] plus PATH[c]") \
  WRIT_OP(Emit, ASite, "violation at SITE[bc]: message R[a], path R[a+1]")                           \
  WRIT_OP(Probe, AExplain, "explain mode only: condition R[a] of EXPLAIN[bc] was just computed")      \
  WRIT_OP(Halt, None, "end of a rule body")

enum class Op : uint8_t {
#define WRIT_OP_ENUM(name, fmt, doc) name,
  WRIT_OPCODES(WRIT_OP_ENUM)
#undef WRIT_OP_ENUM
      kCount
};

// KeyArg words after a GetField2 (1) or GetField3 (2); 0 for the others.
constexpr int key_args(Op op) { return op == Op::GetField2 ? 1 : op == Op::GetField3 ? 2 : 0; }

// How each opcode's operands print in the disassembly.
enum class Format : uint8_t { None, A, AB, ABC, AK, AsBC, sBC, ABKey, Key, ABK16, ABSet, ABsC, ACall, ABPath, ASite, AExplain };

struct Insn {
  uint64_t word = 0;

  static Insn make(Op op, uint16_t a = 0, uint16_t b = 0, uint16_t c = 0) {
    return Insn{static_cast<uint64_t>(op) | static_cast<uint64_t>(a) << 16 | static_cast<uint64_t>(b) << 32 |
                static_cast<uint64_t>(c) << 48};
  }
  static Insn make_bc(Op op, uint16_t a, uint32_t bc) {
    return Insn{static_cast<uint64_t>(op) | static_cast<uint64_t>(a) << 16 | static_cast<uint64_t>(bc) << 32};
  }

  Op op() const { return static_cast<Op>(word & 0xff); }
  uint16_t a() const { return static_cast<uint16_t>(word >> 16); }
  uint16_t b() const { return static_cast<uint16_t>(word >> 32); }
  uint16_t c() const { return static_cast<uint16_t>(word >> 48); }
  int16_t sc() const { return static_cast<int16_t>(c()); }
  uint32_t bc() const { return static_cast<uint32_t>(word >> 32); }
  int32_t sbc() const { return static_cast<int32_t>(bc()); }

  void set_sbc(int32_t v) { word = (word & 0xffffffffull) | static_cast<uint64_t>(static_cast<uint32_t>(v)) << 32; }
  void set_sc(int16_t v) { word = (word & 0x0000ffffffffffffull) | static_cast<uint64_t>(static_cast<uint16_t>(v)) << 48; }
};
static_assert(sizeof(Insn) == 8);

const char* op_name(Op op);
Format op_format(Op op);
const char* op_doc(Op op);

// Input slots for LoadInput (LANGUAGE.md item 4).
enum class InputSlot : uint8_t { kObject, kOldObject, kRequest, kNamespaceObject, kEvent, kInventory, kCount };
const char* input_slot_name(InputSlot s);

}  // namespace writ

// Notes
// - truth(v): true only for the bool true. null is false, so an absent field
//   never fires a condition; any other type in a condition is an error.
// - Comparisons < <= > >= with a null operand yield null (absent propagates
//   and does not fire), and across incompatible types raise an error.
// - Arithmetic with a null operand yields null; on other mismatches, errors.
// - IterInit/IterNext keep the collection in R[a] and the position in R[a+1];
//   PathOfItem reads the same pair to find the document node of the item.
// - Append/MapSet grow their target in the evaluation arena, doubling; only
//   the register that NewList/NewMap initialized is ever appended to.
// - Probe exists only in programs compiled for explanations (`--explain`);
//   ordinary compilation never emits it, so it costs nothing.
