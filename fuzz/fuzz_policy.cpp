// Fuzz target: policy source text → compile, as `writ check` does it (the
// standard natives, the stdlib packs for imports), then the formatter.
//
// Any text may be rejected with diagnostics; none may crash, hang or leak.
// A program the compiler accepts must pass the bytecode verifier that
// bundles go through (a failure there is a lowering bug), and formatting
// must be idempotent: either failing aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/compiler.hpp"
#include "compiler/format/formatter.hpp"
#include "runtime/bytecode/bundle.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  writ::CompileOptions options;
  options.natives = &writ::standard_natives();
  options.stdlib = writ::find_stdlib_pack;
  writ::Compilation c = writ::compile({writ::PolicySource{"fuzz.writ", text, true}}, options);
  // Rendering quotes the source line under each diagnostic: spans must be in range.
  std::string rendered = writ::render_all(c.diagnostics, c.sources);
  if (c.program) {
    writ::Status s = writ::verify_program(*c.program);
    if (!s.is_ok()) {
      std::fprintf(stderr, "compiled program fails verification: %s\n", s.message().c_str());
      std::abort();
    }
  }
  writ::SourceMap sources;
  uint32_t file = sources.add("fuzz.writ", std::move(text));
  writ::Diagnostics diags;
  std::string formatted;
  // The formatter's contract (formatter.hpp): its output is a fixed point.
  if (writ::format_source(file, sources, diags, &formatted)) {
    uint32_t again = sources.add("again.writ", formatted);
    std::string twice;
    if (!writ::format_source(again, sources, diags, &twice) || twice != formatted) {
      std::fprintf(stderr, "fmt is not idempotent on:\n%s\n--- formatted again:\n%s\n", formatted.c_str(), twice.c_str());
      std::abort();
    }
  }
  return 0;
}
