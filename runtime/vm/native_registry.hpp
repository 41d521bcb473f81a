// NativeRegistry: the built-in functions a policy can call.
//
// One descriptor per function, read by both the checker (arity, argument
// types, result type) and the lowering (which C++ function a call site
// calls, whether a constant argument can be prepared ahead of time). The
// standard library fills a registry (stdlib/native/registry.hpp); hosts add
// their own functions to a copy of it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/vm/native.hpp"

namespace writ {

// A set of value types, for static checking: bit (1 << Type).
using TypeSet = uint8_t;
inline constexpr TypeSet type_bit(Type t) { return static_cast<TypeSet>(1u << static_cast<unsigned>(t)); }
inline constexpr TypeSet kAnyType = 0x7f;
inline constexpr TypeSet kNumberType = type_bit(Type::Int) | type_bit(Type::Float);
inline constexpr TypeSet kStringType = type_bit(Type::String);
inline constexpr TypeSet kListType = type_bit(Type::List);
inline constexpr TypeSet kMapType = type_bit(Type::Map);
inline constexpr TypeSet kBoolType = type_bit(Type::Bool);
inline constexpr TypeSet kNullType = type_bit(Type::Null);
std::string describe_types(TypeSet t);  // "a string or a list"

// Compiles a constant argument once (a regex, a glob, a CIDR). Returns null
// and sets *error when the constant is invalid: a compile-time error.
using PrepareFn = std::shared_ptr<const void> (*)(const Value& constant, std::string* error);

struct NativeDescriptor {
  std::string module;        // "" for global functions; "k8s", "regex", ...
  std::string name;
  uint8_t min_args = 0;
  uint8_t max_args = 0;      // 255 = variadic
  std::vector<TypeSet> params;  // per argument (the last one repeats if variadic)
  TypeSet result = kAnyType;
  NativeFn fn = nullptr;
  PrepareFn prepare = nullptr;  // optional: prepares argument `prepare_arg`
  int8_t prepare_arg = -1;
  // Pure, one list/map argument, called by many rules on the same value
  // (k8s.containers(object)): computed once per evaluation.
  bool memoize = false;
  // Answers from EvalInput::inventory (k8s.list, k8s.lookup): a run that
  // calls it must be held whole (`writ eval` and `writ audit` do not stream).
  bool reads_inventory = false;
  // Host functions: what the host attached (the C++ callable); reaches the
  // native as NativeCall::data.
  const void* data = nullptr;
  std::string signature;     // "lower(s: string) -> string", for docs and the REPL
  std::string doc;           // one line

  std::string qualified_name() const { return module.empty() ? name : module + "." + name; }
  TypeSet param_type(size_t i) const {
    if (params.empty()) return kAnyType;
    return i < params.size() ? params[i] : params.back();
  }
};

class NativeRegistry {
 public:
  void add(NativeDescriptor d);
  // nullptr if unknown.
  const NativeDescriptor* find(std::string_view module, std::string_view name) const;
  const NativeDescriptor* find_qualified(std::string_view qualified) const;
  bool has_module(std::string_view module) const;
  const std::vector<NativeDescriptor>& all() const { return natives_; }

 private:
  std::vector<NativeDescriptor> natives_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace writ
