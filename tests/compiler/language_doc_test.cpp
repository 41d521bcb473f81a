// Runs the examples of docs/language.md: every ```writ block followed by a
// ```yaml input and an ```expect block. Expectation lines read
// `ACTION RULE[ PATH]: MESSAGE`, in the order violations are reported.
#include "support/writ_test.hpp"

using namespace writ::testing;

namespace {

struct Block {
  std::string lang, text;
  size_t line;
};

std::vector<Block> fenced_blocks(const std::string& md) {
  std::vector<Block> out;
  std::istringstream in(md);
  std::string line;
  size_t n = 0;
  Block* cur = nullptr;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      if (cur == nullptr) {
        out.push_back(Block{line.substr(3), "", n});
        cur = &out.back();
      } else {
        cur = nullptr;
      }
      continue;
    }
    if (cur != nullptr) cur->text += line + "\n";
  }
  return out;
}

std::string describe(const Found& f) {
  return f.action + " " + f.rule + (f.path.empty() ? "" : " " + f.path) + ": " + f.message;
}

}  // namespace

TEST_CASE("every example of docs/language.md runs as documented") {
  std::vector<Block> blocks = fenced_blocks(read_file(source_path("docs/language.md")));
  size_t examples = 0;
  for (size_t i = 0; i + 2 < blocks.size(); ++i) {
    if (blocks[i].lang != "writ" || blocks[i + 1].lang != "yaml" || blocks[i + 2].lang != "expect") continue;
    ++examples;
    INFO("example at docs/language.md:" << blocks[i].line);
    Outcome o = run(blocks[i].text, blocks[i + 1].text);
    REQUIRE(o.compiled);
    CHECK(o.errors.empty());
    std::vector<std::string> got, want;
    for (const Found& f : o.violations) got.push_back(describe(f));
    std::istringstream exp(blocks[i + 2].text);
    for (std::string l; std::getline(exp, l);)
      if (!l.empty()) want.push_back(l);
    CHECK(got == want);
  }
  CHECK(examples >= 4);
}

TEST_CASE("every writ block of docs/language.md compiles") {
  for (const Block& b : fenced_blocks(read_file(source_path("docs/language.md")))) {
    if (b.lang != "writ") continue;
    INFO("block at docs/language.md:" << b.line);
    Compiled c = compile_text(b.text);
    CHECK(c.diagnostics == "");
    CHECK(c.program != nullptr);
  }
}
