// `writ build`: compile policies into a bundle that hosts load without the
// parser (runtime/bytecode/bundle.hpp), or, with --emit-cpp, into C++ that
// a host compiles in: the bundle and its functions as machine code
// (compiler/emit/emit_cpp.hpp, runtime/vm/embedded_program.hpp).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cli/commands.hpp"
#include "compiler/emit/emit_cpp.hpp"
#include "runtime/bytecode/bundle.hpp"

namespace writ::cli {

namespace {

bool write_file(const std::string& path, const std::string& bytes, const char* what) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) print_error(path + ": cannot write the " + what);
  return static_cast<bool>(out);
}

}  // namespace

int run_build(const BuildOptions& opts) {
  auto start = std::chrono::steady_clock::now();
  std::string symbol;
  if (!opts.emit_cpp.empty()) {
    symbol = opts.symbol.empty() ? cpp_identifier(std::filesystem::path(opts.emit_cpp).stem().string()) : opts.symbol;
    if (!is_cpp_identifier(symbol)) {
      print_error("--symbol " + symbol + ": not a C++ identifier ([A-Za-z_][A-Za-z0-9_]*)");
      return kExitError;
    }
  } else if (!opts.symbol.empty()) {
    print_error("--symbol names what --emit-cpp writes: give --emit-cpp FILE.cpp too");
    return kExitError;
  }
  auto program = compile_policies(opts.policies);
  if (!program) return kExitError;
  BundleOptions bo;
  bo.include_sources = !opts.strip_sources;
  std::string bytes = write_bundle(*program, bo);
  std::string name;
  for (const std::string& p : opts.policies) name += (name.empty() ? "" : " ") + p;
  const std::string& path = opts.emit_cpp.empty() ? opts.output : opts.emit_cpp;
  std::string text = opts.emit_cpp.empty() ? bytes : emit_cpp(*program, bytes, symbol, name);
  if (!write_file(path, text, opts.emit_cpp.empty() ? "bundle" : "C++")) return kExitError;
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (opts.emit_cpp.empty())
    fmt::print("wrote {}: {} rules, {} functions, {} bytes ({:.1f} ms)\n", path, program->rules.size(),
               program->functions.size(), bytes.size(), ms);
  else
    fmt::print("wrote {}: writ::EmbeddedProgram {}, {} rules, {} functions as C++, bundle of {} bytes ({:.1f} ms)\n",
               path, symbol, program->rules.size(), program->functions.size(), bytes.size(), ms);
  return kExitOk;
}

}  // namespace writ::cli
