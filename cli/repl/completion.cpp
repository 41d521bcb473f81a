#include "cli/repl/completion.hpp"

#include <algorithm>
#include <filesystem>

#include "cli/repl/commands.hpp"
#include "cli/repl/entry.hpp"
#include "runtime/decode/loader.hpp"
#include "stdlib/native/registry.hpp"

namespace writ::cli::repl {

namespace fs = std::filesystem;

namespace {

const char* const kInputs[] = {"object", "oldObject", "request", "namespaceObject", "event", "inventory", "params"};
const char* const kKeywords[] = {"let", "fn", "param", "import", "rule", "any", "all", "count", "not", "and", "or",
                                 "in", "true", "false", "null", "for", "if", "else", "deny", "warn", "audit", "at"};

void add(std::vector<Candidate>* out, std::string_view word, std::string_view prefix, std::string suffix = "") {
  if (word.substr(0, prefix.size()) == prefix) out->push_back(Candidate{std::string(word), std::move(suffix)});
}

void finish(std::vector<Candidate>* c) {
  std::stable_sort(c->begin(), c->end(), [](const Candidate& a, const Candidate& b) { return a.word < b.word; });
  c->erase(std::unique(c->begin(), c->end(), [](const Candidate& a, const Candidate& b) { return a.word == b.word; }),
           c->end());
}

// Files and folders for `:load` (policies) and `:input` (documents).
Completion files(std::string_view line, size_t arg_start, bool policies) {
  size_t token = line.find_last_of(" \t");
  token = token == std::string_view::npos || token < arg_start ? arg_start : token + 1;
  std::string path(line.substr(token));
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  Completion out;
  out.start = token + dir.size();
  std::error_code ec;
  for (fs::directory_iterator it(dir.empty() ? "." : dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name[0] == '.' && (base.empty() || base[0] != '.')) continue;
    if (it->is_directory(ec)) {
      add(&out.candidates, name, base, "/");
      continue;
    }
    bool wanted = policies ? it->path().extension() == ".writ" : InputLoader::format_for(name) != InputFormat::kAuto;
    if (wanted) add(&out.candidates, name, base, " ");
  }
  finish(&out.candidates);
  return out;
}

Completion expression(Session& session, std::string_view line) {
  Completion out;
  size_t start = line.size();
  while (start > 0 && is_identifier_char(line[start - 1])) --start;
  out.start = start;
  std::string_view word = line.substr(start);
  if (!word.empty() && word[0] >= '0' && word[0] <= '9') return out;  // a number
  const Scope& scope = session.scope();
  if (start > 0 && line[start - 1] == '.') {
    std::string prefix = member_prefix(line, start - 1);
    if (prefix.empty()) return out;
    auto module = scope.modules.find(prefix);
    if (module != scope.modules.end()) {
      for (const Member& m : module->second) add(&out.candidates, m.name, word, m.function ? "(" : "");
    } else {
      // A map gets its dot: the next Tab lists its fields.
      for (const auto& [field, is_map] : session.fields_of(prefix)) add(&out.candidates, field, word, is_map ? "." : "");
    }
    finish(&out.candidates);
    return out;
  }
  for (const char* n : kInputs) add(&out.candidates, n, word);
  for (const char* k : kKeywords) add(&out.candidates, k, word, " ");
  for (const std::string& c : scope.constants) add(&out.candidates, c, word);
  for (const std::string& f : scope.functions) add(&out.candidates, f, word, "(");
  for (const auto& [alias, members] : scope.modules) add(&out.candidates, alias, word, ".");
  for (const NativeDescriptor& d : standard_natives().all())
    if (d.module.empty()) add(&out.candidates, d.name, word, "(");
  finish(&out.candidates);
  return out;
}

}  // namespace

std::string member_prefix(std::string_view line, size_t dot) {
  size_t i = dot;
  while (i > 0) {
    char c = line[i - 1];
    if (is_identifier_char(c)) {
      while (i > 0 && is_identifier_char(line[i - 1])) --i;
      if (i > 0 && line[i - 1] == '.') {
        --i;
        continue;
      }
      break;
    }
    if (c != ')' && c != ']') break;
    // Back to the bracket that opens this one.
    int depth = 0;
    size_t j = i;
    while (j > 0) {
      char d = line[--j];
      if (d == ')' || d == ']' || d == '}') ++depth;
      else if (d == '(' || d == '[' || d == '{') --depth;
      if (depth == 0) break;
    }
    if (depth != 0) return "";
    i = j;
  }
  return std::string(line.substr(i, dot - i));
}

std::string common_prefix(const std::vector<Candidate>& candidates) {
  if (candidates.empty()) return "";
  std::string p = candidates[0].word;
  for (const Candidate& c : candidates) {
    size_t n = 0;
    while (n < p.size() && n < c.word.size() && p[n] == c.word[n]) ++n;
    p.resize(n);
  }
  return p;
}

Completion complete(Session& session, std::string_view line, bool first_line) {
  size_t first = line.find_first_not_of(" \t");
  if (!first_line || first == std::string_view::npos || line[first] != ':') return expression(session, line);
  size_t end = line.find_first_of(" \t", first);
  if (end == std::string_view::npos) {  // the command itself
    Completion out;
    out.start = first;
    for (const CommandInfo& c : commands()) add(&out.candidates, c.name, line.substr(first), " ");
    return out;
  }
  std::string_view cmd = line.substr(first, end - first);
  size_t arg = line.find_first_not_of(" \t", end);
  if (arg == std::string_view::npos) arg = line.size();
  if (cmd == ":load" || cmd == ":l") return files(line, arg, true);
  if (cmd == ":input" || cmd == ":i") return files(line, arg, false);
  if (cmd == ":explain" || cmd == ":param" || cmd == ":help") {
    Completion out;
    out.start = arg;
    std::string_view word = line.substr(arg);
    if (cmd == ":explain")
      for (const std::string& r : session.rule_names()) add(&out.candidates, r, word);
    if (cmd == ":param")
      for (const std::string& p : session.param_names()) add(&out.candidates, p, word, "=");
    if (cmd == ":help") {
      for (const NativeDescriptor& d : standard_natives().all()) add(&out.candidates, d.qualified_name(), word);
      for (const CommandInfo& c : commands()) add(&out.candidates, c.name, word);
      add(&out.candidates, "functions", word);
    }
    finish(&out.candidates);
    return out;
  }
  return expression(session, line);  // :type EXPR, :bytecode EXPR
}

}  // namespace writ::cli::repl
