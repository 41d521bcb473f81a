// Session: `:load` and `:reload`. Files are read when loaded (a snapshot:
// editing them changes nothing until `:reload`); standard packs are
// embedded. Loaded policies are adopted only if they compile, alone and
// with the session.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/repl/entry.hpp"
#include "cli/repl/session.hpp"
#include "compiler/load/module_loader.hpp"
#include "stdlib/packs.hpp"

namespace writ::cli::repl {

namespace fs = std::filesystem;

namespace {

bool read_text(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *text = ss.str();
  return true;
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec1, ec2;
  return fs::weakly_canonical(a, ec1) == fs::weakly_canonical(b, ec2) && !ec1 && !ec2;
}

}  // namespace

bool Session::expand(const std::string& arg, std::vector<Loaded>* out) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    std::vector<std::string> files = writ_files_in(arg);
    if (files.empty()) {
      fail("no .writ files in folder " + arg);
      return false;
    }
    for (const std::string& f : files) {
      Loaded l{arg, f, "", "", false};
      if (!read_text(f, &l.text)) {
        fail("cannot read " + f);
        return false;
      }
      out->push_back(std::move(l));
    }
    return true;
  }
  if (fs::exists(arg, ec)) {
    Loaded l{arg, arg, "", "", false};
    if (!read_text(arg, &l.text)) {
      fail("cannot read " + arg);
      return false;
    }
    out->push_back(std::move(l));
    return true;
  }
  std::string name = arg;
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".writ") == 0) name.resize(name.size() - 5);
  std::string text;
  if (find_stdlib_pack(name, &text)) {
    out->push_back(Loaded{arg, "", name, "", false});
    return true;
  }
  fail("no policy file, folder or standard pack named '" + arg + "'");
  return false;
}

bool Session::load(const std::vector<std::string>& args) {
  if (args.empty()) {
    fail("usage: :load FILE.writ (or a folder, or a standard pack such as pss/restricted)");
    return false;
  }
  std::vector<Loaded> fresh;
  for (const std::string& a : args)
    if (!expand(a, &fresh)) return false;
  // Loading a file again reads it again; the others keep the text they had.
  std::vector<Loaded> loaded;
  for (const Loaded& old : loaded_) {
    bool replaced = false;
    for (const Loaded& f : fresh)
      replaced = replaced || (!old.path.empty() && !f.path.empty() && same_file(old.path, f.path)) ||
                 (!old.pack.empty() && old.pack == f.pack);
    if (!replaced) loaded.push_back(old);
  }
  std::vector<std::string> names;
  for (Loaded& f : fresh) {
    names.push_back(f.pack.empty() ? f.path : std::string("<stdlib>/") + f.pack + ".writ");
    loaded.push_back(std::move(f));
  }
  return adopt(std::move(loaded), names, false);
}

bool Session::reload() {
  if (loaded_.empty()) {
    fail("nothing to reload: load policies with :load FILE.writ");
    return false;
  }
  std::vector<std::string> args;
  for (const Loaded& l : loaded_)
    if (std::find(args.begin(), args.end(), l.arg) == args.end()) args.push_back(l.arg);
  std::vector<Loaded> loaded;
  for (const std::string& a : args)
    if (!expand(a, &loaded)) return false;
  return adopt(std::move(loaded), {}, true);
}

// Makes `loaded` the session's policies if they compile, alone and with
// the session: first alone (their diagnostics, their packages), then with
// the session importing each package under the last part of its name.
bool Session::adopt(std::vector<Loaded> loaded, const std::vector<std::string>& fresh, bool reloading) {
  Build alone = build(sources(loaded), "", "", false);
  bool again = false;
  for (Loaded& l : loaded) {
    if (l.path.empty() || l.from_disk) continue;
    std::error_code ec;
    std::string key = fs::weakly_canonical(l.path, ec).string();
    if (std::find(alone.module_keys.begin(), alone.module_keys.end(), key) != alone.module_keys.end()) {
      l.from_disk = true;
      again = true;
    }
  }
  if (again) alone = build(sources(loaded), "", "", false);
  Compiled shown;
  shown.build = std::move(alone);
  report(shown, true);
  if (!shown.build.ok()) {
    if (reloading) print("the policies loaded before stay in use\n");
    return false;
  }
  Aliases aliases;
  std::vector<std::string> taken = native_modules();
  for (const Decl& d : decls_) taken.push_back(d.name);
  for (const PolicyModule& p : shown.build.policies) {
    std::string alias = p.package.substr(p.package.rfind('.') + 1);
    bool exists = std::any_of(aliases.begin(), aliases.end(), [&](const auto& a) { return a.second == p.package; });
    if (exists || std::find(taken.begin(), taken.end(), alias) != taken.end() || alias.empty()) continue;
    aliases.emplace_back(alias, p.package);
    taken.push_back(alias);
  }
  Compiled c;
  if (!compile(decls_, loaded, aliases, "", "", false, false, &c)) {
    report(c, false);
    print(reloading ? "the policies loaded before stay in use\n" : "not loaded: the session does not compile with them\n");
    return false;
  }
  loaded_ = std::move(loaded);
  aliases_ = std::move(aliases);
  scope_ = c.build.scope;
  program_ = c.build.program;
  std::string text;
  size_t rules = 0;
  for (const PolicyModule& p : shown.build.policies) {
    rules += p.rules;
    if (std::find(fresh.begin(), fresh.end(), p.file) == fresh.end()) continue;
    std::string alias;
    for (const auto& [a, package] : aliases_)
      if (package == p.package) alias = a;
    text += "loaded " + p.package + " from " + p.file + ": " + std::to_string(p.rules) + " rule" + (p.rules == 1 ? "" : "s") +
            (alias.empty() ? "" : ", functions as " + alias + ".NAME") + "\n";
  }
  if (reloading)
    text += "reloaded " + std::to_string(shown.build.policies.size()) + " polic" +
            (shown.build.policies.size() == 1 ? "y" : "ies") + ": " + std::to_string(rules) + " rule" + (rules == 1 ? "" : "s") + "\n";
  print(text);
  return true;
}

}  // namespace writ::cli::repl
