// The packs precompiled at build time must be exactly what compiling them
// now makes: same bundle bytes, so `-p NAME` behaves the same either way.
#include <cstdlib>
#include <string>

#include "compiler/compiler.hpp"
#include "runtime/bytecode/bundle.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"
#include "stdlib/precompiled.hpp"
#include "support/writ_test.hpp"

TEST_CASE("every standard pack is precompiled, byte for byte as compiled now") {
  size_t policy_packs = 0;
  for (const writ::EmbeddedPack& pack : writ::embedded_packs()) {
    INFO(pack.name);
    const writ::EmbeddedProgram* found = nullptr;
    for (const writ::EmbeddedProgram* p : writ::precompiled_packs())
      if (std::string_view(p->name) == pack.name) found = p;
    REQUIRE(found != nullptr);
    writ::CompileOptions opts;
    opts.natives = &writ::standard_natives();
    opts.stdlib = writ::find_embedded_pack;
    writ::Compilation c = writ::compile({writ::PolicySource{pack.name, {}, false}}, opts);
    REQUIRE(c.ok());
    CHECK(writ::write_bundle(*c.program) == found->bundle);
    auto program = writ::precompiled_program(pack.name, writ::standard_natives());
    REQUIRE(program != nullptr);
    CHECK(program->rules.size() == c.program->rules.size());
    if (!program->rules.empty()) ++policy_packs;
  }
  CHECK(writ::precompiled_packs().size() == writ::embedded_packs().size());
  CHECK(policy_packs >= 8);
}

TEST_CASE("a precompiled pack is found under its -p spellings only") {
  CHECK(writ::precompiled_program("pss/restricted", writ::standard_natives()) != nullptr);
  CHECK(writ::precompiled_program("pss/restricted.writ", writ::standard_natives()) != nullptr);
  CHECK(writ::precompiled_program("pss/restrict", writ::standard_natives()) == nullptr);
  CHECK(writ::precompiled_program("", writ::standard_natives()) == nullptr);
}

TEST_CASE("packs edited through WRIT_STDLIB are compiled, not read precompiled") {
  ::setenv("WRIT_STDLIB", "/nonexistent-writ-stdlib", 1);
  CHECK(writ::precompiled_program("pss/restricted", writ::standard_natives()) == nullptr);
  ::unsetenv("WRIT_STDLIB");
  CHECK(writ::precompiled_program("pss/restricted", writ::standard_natives()) != nullptr);
}

TEST_CASE("a host registry without the pack's natives gets no precompiled program") {
  writ::NativeRegistry empty;
  CHECK(writ::precompiled_program("pss/restricted", empty) == nullptr);
}
