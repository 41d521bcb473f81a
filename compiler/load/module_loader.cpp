#include "compiler/load/module_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace writ {

namespace fs = std::filesystem;

static constexpr const char* kStdlibPrefix = "<stdlib>/";

int32_t ModuleLoader::find_loaded(const std::string& key) {
  for (size_t i = 0; i < unit_.modules.size(); ++i)
    if (unit_.modules[i].key == key) return static_cast<int32_t>(i);
  return -1;
}

int32_t ModuleLoader::add_module(std::string key, std::string display, std::string text, bool is_policy, bool from_stdlib) {
  if (int32_t m = find_loaded(key); m >= 0) {
    if (is_policy) unit_.modules[static_cast<size_t>(m)].is_policy = true;
    return m;
  }
  uint32_t file = unit_.sources.add(std::move(display), std::move(text));
  ModuleInfo info;
  info.key = std::move(key);
  info.is_policy = is_policy;
  info.from_stdlib = from_stdlib;
  info.ast = parse_module(file, unit_.sources, unit_.diags, options_);
  if (info.ast == nullptr) {
    // Keep a stub so that indices stay stable and later passes skip it.
    info.ast = std::make_unique<ast::Module>();
    info.ast->file = file;
    info.ast->path = unit_.sources.name(file);
    info.ast->package = "<unparsed:" + std::to_string(file) + ">";
  }
  unit_.modules.push_back(std::move(info));
  return static_cast<int32_t>(unit_.modules.size() - 1);
}

int32_t ModuleLoader::load_file(const std::string& path, bool is_policy, Span from) {
  std::error_code ec;
  std::string key = fs::weakly_canonical(path, ec).string();
  if (ec) key = path;
  if (int32_t m = find_loaded(key); m >= 0) {
    if (is_policy) unit_.modules[static_cast<size_t>(m)].is_policy = true;
    return m;
  }
  // Only a regular file, and no larger than the parser accepts: reading
  // `import "/dev/zero"` (or a FIFO) would never end, and a folder reads as
  // an empty policy.
  if (!fs::is_regular_file(path, ec)) {
    bool exists = fs::exists(path, ec);
    bool folder = exists && fs::is_directory(path, ec);
    unit_.diags.error(from, "cannot read policy file " + path +
                                (!exists ? ": no such file" : folder ? ": it is a folder" : ": not a regular file"));
    return -1;
  }
  if (uintmax_t size = fs::file_size(path, ec); !ec && size > options_.max_source_bytes) {
    unit_.diags.error(from, "policy file " + path + " is larger than " + std::to_string(options_.max_source_bytes) + " bytes");
    return -1;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    unit_.diags.error(from, "cannot read policy file " + path);
    return -1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return add_module(key, path, text.str(), is_policy, false);
}

int32_t ModuleLoader::load_stdlib(const std::string& name, bool is_policy, Span from) {
  std::string text;
  if (!stdlib_ || !stdlib_(name, &text)) {
    unit_.diags.error(from, "no standard library module '" + name + "'");
    return -1;
  }
  return add_module("stdlib:" + name, kStdlibPrefix + name + ".writ", std::move(text), is_policy, true);
}

std::vector<std::string> writ_files_in(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && it->path().extension() == ".writ") files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void ModuleLoader::load_policy(const std::string& arg) {
  std::error_code ec;
  Span none;
  if (fs::is_directory(arg, ec)) {
    std::vector<std::string> files = writ_files_in(arg);
    if (files.empty()) unit_.diags.error(none, "no .writ files in folder " + arg);
    for (const std::string& f : files) load_file(f, true, none);
    return;
  }
  if (fs::exists(arg, ec)) {
    load_file(arg, true, none);
    return;
  }
  std::string name = arg;
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".writ") == 0) name.resize(name.size() - 5);
  std::string text;
  if (stdlib_ && stdlib_(name, &text)) {
    load_stdlib(name, true, none);
    return;
  }
  unit_.diags.error(none, "no policy file, folder or standard library pack named '" + arg + "'");
}

void ModuleLoader::load_policy_text(const std::string& name, std::string text) {
  add_module("text:" + name + ":" + std::to_string(unit_.modules.size()), name, std::move(text), true, false);
}

int32_t ModuleLoader::resolve_dotted(const std::string& dotted, Span from, const char* what) {
  // A loaded module declaring that package wins over the stdlib.
  for (size_t i = 0; i < unit_.modules.size(); ++i)
    if (unit_.modules[i].ast->package == dotted) return static_cast<int32_t>(i);
  std::string name = dotted;
  std::replace(name.begin(), name.end(), '.', '/');
  std::string text;
  if (stdlib_ && stdlib_(name, &text)) return load_stdlib(name, false, from);
  unit_.diags.error(from, std::string("cannot ") + what + " '" + dotted + "': no such module (not a loaded package, a built-in module or a standard library module)");
  return -1;
}

void ModuleLoader::resolve_module(uint32_t m) {
  // Copy what we need: loading more modules may reallocate unit_.modules.
  std::vector<ast::Import> imports;
  for (const ast::Import& imp : unit_.modules[m].ast->imports) imports.push_back(imp);
  std::vector<std::pair<std::string, Span>> extends = unit_.modules[m].ast->extends;
  std::string key = unit_.modules[m].key;
  bool stdlib = unit_.modules[m].from_stdlib;

  for (const ast::Import& imp : imports) {
    ModuleBinding b;
    b.span = imp.span;
    if (!imp.is_path && imp.target.find('.') == std::string::npos && unit_.natives->has_module(imp.target)) {
      b.kind = ModuleBinding::kNativeModule;
      b.native_module = imp.target;
    } else {
      int32_t target = -1;
      if (imp.is_path) {
        if (stdlib) {
          std::string base = key.substr(7);  // after "stdlib:"
          std::string dir = base.find('/') == std::string::npos ? "" : base.substr(0, base.rfind('/') + 1);
          std::string name = (fs::path(dir) / imp.target).lexically_normal().string();
          if (name.size() > 5 && name.compare(name.size() - 5, 5, ".writ") == 0) name.resize(name.size() - 5);
          target = load_stdlib(name, false, imp.span);
        } else {
          fs::path dir = fs::path(unit_.sources.name(unit_.modules[m].ast->file)).parent_path();
          target = load_file((dir / imp.target).lexically_normal().string(), false, imp.span);
        }
      } else {
        target = resolve_dotted(imp.target, imp.span, "import");
      }
      if (target < 0) continue;
      b.kind = ModuleBinding::kWritModule;
      b.index = static_cast<uint32_t>(target);
    }
    auto& names = unit_.modules[m].names;
    if (names.count(imp.alias)) {
      unit_.diags.error(imp.span, "'" + imp.alias + "' is imported twice (use `as` to rename one)");
      continue;
    }
    names[imp.alias] = b;
  }
  for (const auto& [dotted, span] : extends) {
    int32_t target = resolve_dotted(dotted, span, "extend");
    if (target >= 0) unit_.modules[m].extends.push_back({static_cast<uint32_t>(target), span});
  }
}

void ModuleLoader::resolve() {
  // Resolving can load more modules: loop until none is left unresolved.
  while (resolved_ < unit_.modules.size()) resolve_module(static_cast<uint32_t>(resolved_++));
  check_cycles();
}

void ModuleLoader::check_cycles() {
  size_t n = unit_.modules.size();
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<uint32_t> stack;
  auto edges = [&](uint32_t m) {
    std::vector<std::pair<uint32_t, Span>> out;
    for (const auto& [alias, b] : unit_.modules[m].names)
      if (b.kind == ModuleBinding::kWritModule) out.push_back({b.index, b.span});
    for (const auto& e : unit_.modules[m].extends) out.push_back(e);
    return out;
  };
  std::function<void(uint32_t)> visit = [&](uint32_t m) {
    state[m] = 1;
    stack.push_back(m);
    for (const auto& [to, span] : edges(m)) {
      if (state[to] == 1) {
        std::string path;
        auto it = std::find(stack.begin(), stack.end(), to);
        for (; it != stack.end(); ++it) path += unit_.sources.name(unit_.modules[*it].ast->file) + " -> ";
        path += unit_.sources.name(unit_.modules[to].ast->file);
        unit_.diags.error(span, "import cycle: " + path);
      } else if (state[to] == 0) {
        visit(to);
      }
    }
    stack.pop_back();
    state[m] = 2;
  };
  for (uint32_t m = 0; m < n; ++m)
    if (state[m] == 0) visit(m);
}

}  // namespace writ
