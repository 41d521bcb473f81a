#include "runtime/bytecode/opcodes.hpp"

namespace writ {

const char* op_name(Op op) {
  static const char* const names[] = {
#define WRIT_OP_NAME(name, fmt, doc) #name,
      WRIT_OPCODES(WRIT_OP_NAME)
#undef WRIT_OP_NAME
  };
  auto i = static_cast<size_t>(op);
  return i < static_cast<size_t>(Op::kCount) ? names[i] : "?";
}

Format op_format(Op op) {
  static const Format formats[] = {
#define WRIT_OP_FMT(name, fmt, doc) Format::fmt,
      WRIT_OPCODES(WRIT_OP_FMT)
#undef WRIT_OP_FMT
  };
  auto i = static_cast<size_t>(op);
  return i < static_cast<size_t>(Op::kCount) ? formats[i] : Format::None;
}

const char* op_doc(Op op) {
  static const char* const docs[] = {
#define WRIT_OP_DOC(name, fmt, doc) doc,
      WRIT_OPCODES(WRIT_OP_DOC)
#undef WRIT_OP_DOC
  };
  auto i = static_cast<size_t>(op);
  return i < static_cast<size_t>(Op::kCount) ? docs[i] : "";
}

const char* input_slot_name(InputSlot s) {
  switch (s) {
    case InputSlot::kObject: return "object";
    case InputSlot::kOldObject: return "oldObject";
    case InputSlot::kRequest: return "request";
    case InputSlot::kNamespaceObject: return "namespaceObject";
    case InputSlot::kEvent: return "event";
    case InputSlot::kInventory: return "inventory";
    case InputSlot::kCount: break;
  }
  return "?";
}

}  // namespace writ
