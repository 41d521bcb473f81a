#include "runtime/vm/native_registry.hpp"

namespace writ {

std::string describe_types(TypeSet t) {
  if (t == kAnyType) return "any value";
  std::string out;
  int n = 0;
  for (unsigned i = 0; i < 7; ++i)
    if (t & (1u << i)) ++n;
  int k = 0;
  for (unsigned i = 0; i < 7; ++i) {
    if (!(t & (1u << i))) continue;
    if (k > 0) out += (k == n - 1) ? " or " : ", ";
    out += type_name(static_cast<Type>(i));
    ++k;
  }
  return out;
}

void NativeRegistry::add(NativeDescriptor d) {
  std::string key = d.qualified_name();
  auto it = index_.find(key);
  if (it != index_.end()) {
    natives_[it->second] = std::move(d);
    return;
  }
  index_[key] = natives_.size();
  natives_.push_back(std::move(d));
}

const NativeDescriptor* NativeRegistry::find(std::string_view module, std::string_view name) const {
  std::string key = module.empty() ? std::string(name) : std::string(module) + "." + std::string(name);
  return find_qualified(key);
}

const NativeDescriptor* NativeRegistry::find_qualified(std::string_view qualified) const {
  auto it = index_.find(std::string(qualified));
  return it == index_.end() ? nullptr : &natives_[it->second];
}

bool NativeRegistry::has_module(std::string_view module) const {
  for (const NativeDescriptor& d : natives_)
    if (d.module == module) return true;
  return false;
}

}  // namespace writ
