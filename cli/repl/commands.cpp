#include "cli/repl/commands.hpp"

#include <algorithm>

#include "cli/repl/entry.hpp"
#include "stdlib/native/registry.hpp"

namespace writ::cli::repl {

const std::vector<CommandInfo>& commands() {
  static const std::vector<CommandInfo> table = {
      {":load", "FILE.writ...", "load policies (files, folders, standard packs such as pss/restricted)"},
      {":reload", "", "read the loaded policy files again"},
      {":input", "FILE[#N]", "bind the input: object; request, object and oldObject for an AdmissionReview"},
      {":param", "[NAME=VALUE]", "set a param (VALUE is YAML); alone, list the params"},
      {":rules", "", "run the rules on the input and show violations, as writ eval does"},
      {":explain", "[RULE]", "the same, explaining each violation, and why RULE did not fire"},
      {":type", "EXPR", "the type the checker gives EXPR (and what it is on the input)"},
      {":bytecode", "EXPR|NAME", "the compiled instructions of EXPR, of a rule or of a function"},
      {":decls", "", "the declarations entered so far"},
      {":help", "[NAME]", "this help; :help functions lists the built-ins, :help NAME describes one"},
      {":quit", "", "leave the REPL (Ctrl-D too)"},
  };
  return table;
}

namespace {

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t b = s.find_first_not_of(" \t\r\n", i);
    if (b == std::string::npos) break;
    size_t e = s.find_first_of(" \t\r\n", b);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
    i = e;
  }
  return out;
}

std::string general_help() {
  std::string out =
      "Enter an expression to see its value, or a declaration to keep it until you leave:\n"
      "let, fn, param, import and rule (entering a name again replaces it). Input goes on\n"
      "over several lines while a bracket or a block is open; Ctrl-C drops it.\n"
      "Built-in modules (k8s, regex, glob, cidr) are always imported.\n\n";
  size_t w = 0;
  for (const CommandInfo& c : commands()) w = std::max(w, std::string(c.name).size() + 1 + std::string(c.args).size());
  for (const CommandInfo& c : commands()) {
    std::string head = std::string(c.name) + (*c.args ? " " : "") + c.args;
    out += "  " + head + std::string(w - head.size() + 2, ' ') + c.help + "\n";
  }
  return out;
}

std::string describe(const NativeDescriptor& d) { return "  " + d.signature + "\n      " + d.doc + "\n"; }

std::string help_about(const std::string& topic) {
  const NativeRegistry& natives = standard_natives();
  if (topic == "functions" || topic == "builtins") {
    std::string out;
    std::string module = "-";
    std::vector<const NativeDescriptor*> all;
    for (const NativeDescriptor& d : natives.all()) all.push_back(&d);
    std::stable_sort(all.begin(), all.end(), [](auto* a, auto* b) { return a->module < b->module; });
    for (const NativeDescriptor* d : all) {
      if (d->module != module) {
        module = d->module;
        out += module.empty() ? "Global functions:\n" : "\nModule " + module + ":\n";
      }
      out += "  " + d->signature + "\n";
    }
    return out;
  }
  if (const NativeDescriptor* d = natives.find_qualified(topic)) return describe(*d);
  if (natives.has_module(topic)) {
    std::string out = "Module " + topic + ":\n";
    for (const NativeDescriptor& d : natives.all())
      if (d.module == topic) out += describe(d);
    return out;
  }
  std::string name = topic[0] == ':' ? topic : ":" + topic;
  for (const CommandInfo& c : commands())
    if (name == c.name) return std::string("  ") + c.name + (*c.args ? " " : "") + c.args + "\n      " + c.help + "\n";
  return "";
}

// The command a word names: itself, or the one command it begins.
const CommandInfo* find_command(const std::string& word, std::string* error) {
  std::vector<const CommandInfo*> hits;
  for (const CommandInfo& c : commands()) {
    if (word == c.name) return &c;
    if (std::string_view(c.name).substr(0, word.size()) == word) hits.push_back(&c);
  }
  if (hits.size() == 1) return hits[0];
  if (hits.empty()) {
    *error = "unknown command '" + word + "' (:help lists them)";
  } else {
    *error = "'" + word + "' could be";
    for (size_t i = 0; i < hits.size(); ++i) *error += std::string(i == 0 ? " " : i + 1 == hits.size() ? " or " : ", ") + hits[i]->name;
  }
  return nullptr;
}

}  // namespace

Outcome run_command(Session& session, const std::string& entry) {
  size_t start = entry.find(':');
  size_t end = entry.find_first_of(" \t\r\n", start);
  if (end == std::string::npos) end = entry.size();
  std::string word = entry.substr(start, end - start);
  std::string rest = entry.substr(end);
  std::string error;
  const CommandInfo* c = find_command(word, &error);
  if (c == nullptr) {
    session.print(error_at(error, entry, static_cast<uint32_t>(start + 1), static_cast<uint32_t>(word.size()), session.color()));
    return Outcome::kError;
  }
  std::string name = c->name;
  auto result = [](bool ok) { return ok ? Outcome::kOk : Outcome::kError; };
  if (name == ":quit") return Outcome::kQuit;
  if (name == ":load") return result(session.load(split_words(rest)));
  if (name == ":reload") return result(session.reload());
  if (name == ":input") return result(session.bind_input(rest));
  if (name == ":param") return result(session.set_param(rest));
  if (name == ":rules") return result(session.run_rules(""));
  if (name == ":explain") {
    std::string rule = trim(rest);
    return result(session.run_rules(rule.empty() ? "*" : rule));
  }
  if (name == ":type") return result(session.show_type(entry, end));
  if (name == ":bytecode") return result(session.show_bytecode(entry, end));
  if (name == ":decls") {
    std::string d = session.declarations();
    session.print(d.empty() ? "no declarations yet\n" : d);
    return Outcome::kOk;
  }
  if (name == ":help") {
    std::string topic = trim(rest);
    if (topic.empty()) {
      session.print(general_help());
      return Outcome::kOk;
    }
    std::string text = help_about(topic);
    if (text.empty()) {
      session.print(plain_error("no help about '" + topic + "': try :help functions", session.color()));
      return Outcome::kError;
    }
    session.print(text);
    return Outcome::kOk;
  }
  return Outcome::kError;
}

Outcome run_entry(Session& session, const std::string& entry) {
  auto result = [](bool ok) { return ok ? Outcome::kOk : Outcome::kError; };
  size_t first = entry.find_first_not_of(" \t\r\n");
  uint32_t column = static_cast<uint32_t>(first == std::string::npos ? 1 : first + 1);
  switch (classify(entry)) {
    case EntryKind::kEmpty: return Outcome::kOk;
    case EntryKind::kCommand: return run_command(session, entry);
    case EntryKind::kDeclaration: return result(session.declare(entry));
    case EntryKind::kExpression: return result(session.evaluate(entry));
    case EntryKind::kUnsupported: {
      std::string word = leading_words(entry, 1)[0];
      session.print(error_at("`" + word + "` belongs at the top of a policy file: write one and :load it", entry, column,
                             static_cast<uint32_t>(word.size()), session.color()));
      return Outcome::kError;
    }
    case EntryKind::kStatement: {
      std::string word = leading_words(entry, 1)[0];
      session.print(error_at("`" + word + "` is a statement: enter it inside a rule, rule NAME { ... }", entry, column,
                             static_cast<uint32_t>(word.size()), session.color()));
      return Outcome::kError;
    }
  }
  return Outcome::kError;
}

}  // namespace writ::cli::repl
