// Bundles: a compiled Program in a file, loaded without the parser.
//
// Layout (all integers little-endian; see docs/embedding.md):
//   "WRITBNDL"  u32 format version  u32 reserved  u64 payload size  u64 FNV-1a-64 of the payload
//   payload: the Program's tables, each as a count and its entries
//
// A reader refuses, with a clear error: another format version, a bad
// checksum, truncated or inconsistent data, natives the host has not
// registered, and bytecode that fails verification (operands out of range,
// jumps outside the function, call cycles). A bundle from an untrusted
// place can therefore not crash the host.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "runtime/bytecode/program.hpp"
#include "runtime/support/status.hpp"
#include "runtime/vm/native_registry.hpp"

namespace writ {

struct BundleOptions {
  bool include_sources = true;  // keep policy texts (diagnostics, --explain quotes); false makes bundles smaller
};

std::string write_bundle(const Program& program, const BundleOptions& options = {});

// `natives` must hold every native the program calls (the standard ones and
// the host's), under the same names.
Result<std::shared_ptr<Program>> read_bundle(std::string_view bytes, const NativeRegistry& natives);

// Checks every instruction's operands against the Program's tables and the
// function's registers; the bundle reader runs it, tests may too.
Status verify_program(const Program& program);

}  // namespace writ
