#include "stdlib/native/registry.hpp"

namespace writ {

const NativeRegistry& standard_natives() {
  static const NativeRegistry registry = [] {
    NativeRegistry r;
    register_strings(r);
    register_collections(r);
    register_regex(r);
    register_glob(r);
    register_k8s(r);
    register_cidr(r);
    return r;
  }();
  return registry;
}

}  // namespace writ
