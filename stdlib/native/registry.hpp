// The standard built-in functions, one family per file (STYLE.md rule 4).
#pragma once

#include "runtime/vm/native_registry.hpp"

namespace writ {

// Every standard built-in. Built once; thread-safe to read.
const NativeRegistry& standard_natives();

void register_strings(NativeRegistry& r);
void register_collections(NativeRegistry& r);
void register_regex(NativeRegistry& r);
void register_glob(NativeRegistry& r);
void register_k8s(NativeRegistry& r);
void register_cidr(NativeRegistry& r);

}  // namespace writ
