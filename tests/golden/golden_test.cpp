#include <filesystem>
#include <fstream>

#include "support/writ_test.hpp"

using namespace writ::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_args(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '\'') { quoted = !quoted; continue; }
    if (c == ' ' && !quoted) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

void compare(const fs::path& expected, const std::string& actual, bool update) {
  if (update) {
    if (actual.empty() && expected.extension() == ".stderr") fs::remove(expected);
    else std::ofstream(expected, std::ios::binary) << actual;
    return;
  }
  std::string want = fs::exists(expected) ? read_file(expected.string()) : "";
  INFO("golden file " << expected.string());
  CHECK(actual == want);
}

}  // namespace

TEST_CASE("CLI golden outputs") {
  bool update = std::getenv("WRIT_UPDATE_GOLDEN") != nullptr;
  fs::path dir = source_path("tests/golden/cases");
  std::vector<fs::path> cmds;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".cmd") cmds.push_back(e.path());
  std::sort(cmds.begin(), cmds.end());
  REQUIRE(cmds.size() >= 5);
  for (const fs::path& cmd : cmds) {
    SECTION(cmd.stem().string()) {
      std::istringstream in(read_file(cmd.string()));
      std::string args_line, stdin_file;
      std::getline(in, args_line);
      for (std::string l; std::getline(in, l);)
        if (l.rfind("stdin: ", 0) == 0) stdin_file = l.substr(7);
      std::string out, err;
      int rc = run_cli(split_args(args_line), &out, &err, stdin_file.empty() ? "" : read_file(source_path(stdin_file)));
      fs::path base = cmd;
      compare(base.replace_extension(".stdout"), out, update);
      compare(base.replace_extension(".stderr"), err, update);
      compare(base.replace_extension(".rc"), std::to_string(rc) + "\n", update);
    }
  }
}
