#include "cli/repl/session.hpp"

#include <algorithm>
#include <bit>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/evaluation.hpp"
#include "cli/repl/entry.hpp"
#include "cli/repl/values.hpp"
#include "cli/report.hpp"
#include "compiler/check/checker.hpp"
#include "compiler/parse/parser.hpp"
#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/value/format.hpp"
#include "runtime/vm/context.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"

namespace writ::cli::repl {

namespace fs = std::filesystem;

namespace {

constexpr const char* kProbe = "__expr";

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool read_text(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *text = ss.str();
  return true;
}

// Built-in modules, imported by every session so that `k8s.containers(x)`
// works without an `import` line.
const std::vector<std::string>& native_modules() {
  static const std::vector<std::string> modules = [] {
    std::vector<std::string> out;
    for (const NativeDescriptor& d : standard_natives().all())
      if (!d.module.empty() && std::find(out.begin(), out.end(), d.module) == out.end()) out.push_back(d.module);
    return out;
  }();
  return modules;
}

// Is the value of `let NAME = <text>` a constant the language keeps as it
// is? Otherwise the REPL evaluates it and keeps the value it had.
bool is_constant(const std::string& text) {
  SourceMap sources;
  uint32_t file = sources.add("<let>", text);
  Diagnostics diags;
  ast::ExprPtr e = parse_expression(file, sources, diags);
  if (e == nullptr) return true;  // a syntax error: the compiler reports it on the declaration as typed
  Arena arena;
  Value v;
  return fold_constant(*e, arena, nullptr, &v);
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec1, ec2;
  return fs::weakly_canonical(a, ec1) == fs::weakly_canonical(b, ec2) && !ec1 && !ec2;
}

}  // namespace

Session::Session(std::FILE* out, bool color, uint64_t budget) : out_(out), color_(color), budget_(budget) {
  Compiled c;
  if (compile_current(&c)) {
    scope_ = c.build.scope;
    program_ = c.build.program;
  }
}

void Session::print(const std::string& text) {
  std::fputs(text.c_str(), out_);
  std::fflush(out_);
}

void Session::fail(const std::string& message) { print(plain_error(message, color_)); }

// ---------------------------------------------------------------- compiling

std::string Session::source(const std::vector<Decl>& decls, const Aliases& aliases, const std::string& tail,
                            EntryPlace* place) const {
  std::string s = std::string("package ") + kSessionPackage + "\n";
  for (const std::string& m : native_modules()) s += "import " + m + "\n";
  for (const auto& [alias, package] : aliases) s += "import " + package + " as " + alias + "\n";
  auto next_line = [&] { return static_cast<uint32_t>(std::count(s.begin(), s.end(), '\n')) + 1; };
  for (const Decl& d : decls) {
    place->earlier.emplace_back(next_line(), d.text);
    s += d.text;
    if (d.text.empty() || d.text.back() != '\n') s += '\n';
  }
  place->first_line = next_line();
  s += tail;
  s += '\n';
  return s;
}

std::vector<PolicySource> Session::sources(const std::vector<Loaded>& loaded) const {
  std::vector<PolicySource> out;
  for (const Loaded& l : loaded) {
    if (!l.pack.empty()) out.push_back(PolicySource{l.pack, {}, false});
    else if (l.from_disk) out.push_back(PolicySource{l.path, {}, false});
    else out.push_back(PolicySource{l.path, l.text, true});
  }
  return out;
}

bool Session::compile(const std::vector<Decl>& decls, const std::vector<Loaded>& loaded, const Aliases& aliases,
                      const std::string& tail, const std::string& typed, bool probe, bool explain, Compiled* out) const {
  std::string code = probe ? std::string("fn ") + kProbe + "() =\n" + tail : tail;
  std::vector<PolicySource> src = sources(loaded);
  src.push_back(PolicySource{kSessionName, source(decls, aliases, code, &out->place), true});
  out->build = build(src, kSessionName, probe ? kProbe : "", explain);
  for (uint32_t f = 0; f < out->build.sources.size(); ++f)
    if (out->build.sources.name(f) == kSessionName) out->place.file = f;
  if (probe) ++out->place.first_line;  // after `fn __expr() =`
  out->place.text = typed;
  if (!out->build.ok()) return false;
  out->plan = make_plan(out->build.program, param_overrides_, &out->plan_error);
  if (!out->plan) return false;
  if (probe) {
    std::string name = std::string(kSessionPackage) + "." + kProbe;
    const std::vector<Function>& fns = out->build.program->functions;
    for (size_t i = 0; i < fns.size(); ++i)
      if (fns[i].name == name) out->probe = static_cast<int64_t>(i);
  }
  return !probe || out->probe >= 0;
}

bool Session::compile_expression(const std::string& code, const std::string& typed, Compiled* out) const {
  return compile(decls_, loaded_, aliases_, code, typed, true, false, out);
}

bool Session::compile_current(Compiled* out, bool explain) const {
  return compile(decls_, loaded_, aliases_, "", "", false, explain, out);
}

void Session::report(const Compiled& c, bool all_warnings) {
  std::string text;
  for (const Diagnostic& d : c.build.diagnostics.items()) {
    bool about_entry = d.span.file == c.place.file && d.span.line >= c.place.first_line;
    bool elsewhere = d.span.file != c.place.file;
    if (d.level == DiagLevel::kWarning && !about_entry && !(all_warnings && elsewhere)) continue;
    text += render_diagnostic(d, c.build.sources, c.place, color_);
  }
  if (!c.plan_error.empty()) text += plain_error(c.plan_error, color_);
  print(text);
}

std::shared_ptr<const Plan> Session::make_plan(const std::shared_ptr<const Program>& program,
                                               const std::vector<std::string>& overrides, std::string* error) const {
  // Like `--param`: VALUE is YAML, decoded against this program's keys.
  std::vector<ParamOverride> values;
  std::vector<std::shared_ptr<Document>> keep;
  for (const std::string& o : overrides) {
    size_t eq = o.find('=');
    std::string name = o.substr(0, eq), text = o.substr(eq + 1);
    if (text.empty()) text = "\"\"";
    auto doc = std::make_shared<Document>(&program->keys);
    YamlDecoder yaml;
    YamlResult res;
    DecodeError err;
    if (!yaml.decode(text, *doc, &res, &err)) {
      *error = "param " + name + ": cannot read the value: " + err.message;
      return nullptr;
    }
    keep.push_back(doc);
    values.push_back(ParamOverride{name, doc->root() ? doc->root_value() : Value::null()});
  }
  auto plan = Plan::create(program, values);
  if (!plan) {
    *error = plan.status().message();
    return nullptr;
  }
  return *plan;
}

bool Session::call(Compiled& c, bool quiet, const std::function<void(const Value&)>& use) {
  DecodedInput in;
  std::string error;
  if (input_.bound() && !input_.decode(c.build.program->keys, &in, &error)) {
    if (!quiet) fail(error);
    return false;
  }
  writ::EvalOptions options;
  options.budget = budget_;
  EvalContext ctx(c.plan, options);
  Result<Value> r = ctx.call_function(static_cast<uint32_t>(c.probe), {}, in.input);
  if (!r) {
    if (!quiet) print(render_error(r.status().message(), r.status().span(), c.build.sources, c.place, color_));
    return false;
  }
  use(*r);  // the value lives in ctx and in the input document: use it now
  return true;
}

// ---------------------------------------------------------------- entries

bool Session::evaluate(const std::string& entry) {
  Compiled c;
  if (!compile_expression(entry, entry, &c)) {
    report(c, false);
    return false;
  }
  report(c, false);  // warnings about the entry
  return call(c, false, [&](const Value& v) { print(pretty(v, PrettyOptions{color_}) + "\n"); });
}

bool Session::declare(const std::string& entry) {
  DeclName dn;
  bool named = declaration_name(entry, &dn);
  const std::vector<std::string>& natives = native_modules();
  if (named && dn.space == DeclName::kImport && dn.name == dn.target &&
      std::find(natives.begin(), natives.end(), dn.target) != natives.end())
    return true;  // every built-in module is imported already
  std::string text = entry;
  if (named && dn.keyword == "let") {
    size_t eq = entry.find('=', entry.find(dn.name, entry.find("let") + 3) + dn.name.size());
    if (eq != std::string::npos && !is_constant(entry.substr(eq + 1))) {
      // Not a literal: keep the value it has now, as a constant.
      Compiled c;
      if (!compile_expression(blank_prefix(entry, eq + 1), entry, &c)) {
        report(c, false);
        return false;
      }
      std::string literal;
      bool representable = true;
      if (!call(c, false, [&](const Value& v) { representable = to_literal(v, &literal); })) return false;
      if (!representable) {
        fail("the value of " + dn.name + " cannot be kept as a constant (a float that is not finite)");
        return false;
      }
      text = "let " + dn.name + " = " + literal;
    }
  }
  // Entering a name again replaces it.
  std::vector<Decl> decls;
  for (const Decl& d : decls_)
    if (!(named && d.space == static_cast<int>(dn.space) && d.name == dn.name)) decls.push_back(d);
  Compiled c;
  if (!compile(decls, loaded_, aliases_, text, text, false, false, &c)) {
    report(c, false);
    return false;
  }
  report(c, false);
  decls.push_back(Decl{named ? static_cast<int>(dn.space) : -1, named ? dn.name : "", text});
  decls_ = std::move(decls);
  scope_ = c.build.scope;
  program_ = c.build.program;
  return true;
}

bool Session::show_type(const std::string& entry, size_t prefix) {
  std::string code = blank_prefix(entry, prefix);
  if (trim(code).empty()) {
    fail("usage: :type EXPR");
    return false;
  }
  Compiled c;
  if (!compile_expression(code, entry, &c)) {
    report(c, false);
    return false;
  }
  TypeSet t = c.build.probe_type;
  std::string line = describe_types(t);
  if (std::popcount(static_cast<unsigned>(t)) != 1) {
    // The checker cannot know more (input fields can be anything): say what
    // it is on the bound input.
    std::string here;
    if (call(c, true, [&](const Value& v) { here = type_name(v.type); })) line += " (here: " + here + ")";
  }
  print(line + "\n");
  return true;
}

bool Session::show_bytecode(const std::string& entry, size_t prefix) {
  std::string arg = trim(std::string_view(entry).substr(std::min(prefix, entry.size())));
  if (arg.empty()) {
    fail("usage: :bytecode EXPR (or a rule or function name)");
    return false;
  }
  // A rule or a function by name: its compiled body.
  if (program_ && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./") == std::string::npos) {
    std::string text;
    for (const Rule& r : program_->rules) {
      if (arg != r.name && arg != r.policy + "/" + r.name) continue;
      if (r.match.when_fn >= 0) text += disassemble(*program_, program_->functions[static_cast<size_t>(r.match.when_fn)]);
      text += disassemble(*program_, program_->functions[r.body_fn]);
    }
    std::vector<std::string> names = {std::string(kSessionPackage) + "." + arg, arg};
    size_t dot = arg.find('.');
    if (dot != std::string::npos)
      for (const auto& [alias, package] : aliases_)
        if (arg.compare(0, dot, alias) == 0 && dot == alias.size()) names.push_back(package + arg.substr(dot));
    if (text.empty())
      for (const Function& f : program_->functions)
        if (std::find(names.begin(), names.end(), f.name) != names.end()) {
          text = disassemble(*program_, f);
          break;
        }
    if (!text.empty()) {
      print(text);
      return true;
    }
  }
  Compiled c;
  if (!compile_expression(blank_prefix(entry, prefix), entry, &c)) {
    report(c, false);
    return false;
  }
  std::string text = disassemble(*c.build.program, c.build.program->functions[static_cast<size_t>(c.probe)]);
  std::string own = std::string(kSessionPackage) + "." + kProbe;
  if (size_t at = text.find(own); at != std::string::npos) text.replace(at, own.size(), "<expr>");
  print(text);
  return true;
}

// ---------------------------------------------------------------- policies

bool Session::expand(const std::string& arg, std::vector<Loaded>* out) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    std::vector<std::string> files;
    for (fs::recursive_directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && it->path().extension() == ".writ") files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
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

// ---------------------------------------------------------------- input, params, rules

bool Session::bind_input(const std::string& arg) {
  std::string path = trim(arg);
  if (path.empty()) {
    if (input_.bound()) print(input_.describe() + "\n");
    else fail("usage: :input FILE or :input FILE#N");
    return input_.bound();
  }
  BoundInput b;
  std::string error;
  if (!b.open(path, &error)) {
    fail(error);
    return false;
  }
  input_ = std::move(b);
  print(input_.describe() + "\n");
  return true;
}

bool Session::show_params() {
  Compiled c;
  if (!compile_current(&c)) {
    report(c, false);
    return false;
  }
  const Program& p = *c.build.program;
  if (p.params.empty()) {
    print("no params: declare one with `param NAME = DEFAULT`, or load policies that do\n");
    return true;
  }
  std::string text;
  for (size_t i = 0; i < p.params.size(); ++i)
    text += p.packages[p.params[i].package].name + "." + p.params[i].name + " = " +
            pretty(c.plan->param(static_cast<uint32_t>(i)), PrettyOptions{color_}) + "\n";
  print(text);
  return true;
}

bool Session::set_param(const std::string& assignment) {
  std::string a = trim(assignment);
  if (a.empty()) return show_params();
  size_t eq = a.find('=');
  if (eq == std::string::npos || eq == 0) {
    fail("usage: :param NAME=VALUE (VALUE is YAML: 3, v1.30, [a, b]); NAME or PACKAGE.NAME");
    return false;
  }
  std::string name = trim(a.substr(0, eq));
  a = name + "=" + trim(a.substr(eq + 1));
  Compiled c;
  if (!compile_current(&c)) {
    report(c, false);
    return false;
  }
  std::vector<std::string> overrides;
  for (const std::string& o : param_overrides_)
    if (o.substr(0, o.find('=')) != name) overrides.push_back(o);
  overrides.push_back(a);
  std::string error;
  std::shared_ptr<const Plan> plan = make_plan(c.build.program, overrides, &error);
  if (!plan) {
    fail(error);
    return false;
  }
  param_overrides_ = std::move(overrides);
  const Program& p = *c.build.program;
  std::string text;
  for (size_t i = 0; i < p.params.size(); ++i) {
    std::string full = p.packages[p.params[i].package].name + "." + p.params[i].name;
    if (name == p.params[i].name || name == full)
      text += full + " = " + pretty(plan->param(static_cast<uint32_t>(i)), PrettyOptions{color_}) + "\n";
  }
  print(text);
  return true;
}

bool Session::run_rules(const std::string& explain_rule) {
  bool explain = !explain_rule.empty();
  std::string rule = explain_rule == "*" ? "" : explain_rule;  // `:explain` alone: every violation, no rule
  if (!input_.bound()) {
    fail("no input: bind one with :input FILE");
    return false;
  }
  Compiled c;
  if (!compile_current(&c, explain)) {
    report(c, false);
    return false;
  }
  RunPolicies policies;
  policies.program = c.build.program;
  policies.plan = c.plan;
  if (policies.program->rules.empty()) {
    print("no rules: load policies with :load FILE.writ, or enter a rule\n");
    return true;
  }
  if (!rule.empty()) {
    for (uint32_t r = 0; r < policies.program->rules.size(); ++r) {
      const Rule& x = policies.program->rules[r];
      if (rule == x.name || rule == x.policy + "/" + x.name) policies.explain_rules.push_back(r);
    }
    if (policies.explain_rules.empty()) {
      fail(":explain " + rule + ": no such rule (:rules runs them all)");
      return false;
    }
  }
  DecodedInput in;
  std::string error;
  if (!input_.decode(policies.program->keys, &in, &error)) {
    fail(error);
    return false;
  }
  ResourceEvaluator evaluator(policies, budget_, explain);
  ResultRecord rec = evaluator.evaluate(in.resource, nullptr, false);
  Summary summary;
  summary.add(rec);
  std::unique_ptr<Reporter> reporter = make_text_reporter(out_, color_);
  reporter->begin();
  reporter->result(rec);
  reporter->end(summary);
  std::fflush(out_);
  return rec.errors.empty();
}

// ---------------------------------------------------------------- completion

std::vector<std::pair<std::string, bool>> Session::fields_of(const std::string& expr) {
  Compiled c;
  if (!compile_expression(expr, expr, &c)) return {};
  std::vector<std::pair<std::string, bool>> out;
  call(c, true, [&](const Value& v) {
    if (v.type != Type::Map) return;
    for (uint32_t j = 0; j < v.len; ++j) {
      std::string_view k = map_key_at(v, j);
      if (is_identifier(k)) out.emplace_back(std::string(k), map_value_at(v, j).type == Type::Map);
    }
  });
  return out;
}

std::vector<std::string> Session::rule_names() const {
  std::vector<std::string> out;
  if (!program_) return out;
  for (const Rule& r : program_->rules)
    if (std::find(out.begin(), out.end(), r.name) == out.end()) out.push_back(r.name);
  return out;
}

std::vector<std::string> Session::param_names() const {
  std::vector<std::string> out;
  if (!program_) return out;
  for (const Param& p : program_->params)
    if (std::find(out.begin(), out.end(), p.name) == out.end()) out.push_back(p.name);
  return out;
}

std::string Session::declarations() const {
  std::string out;
  for (const Decl& d : decls_) out += d.text + (d.text.empty() || d.text.back() != '\n' ? "\n" : "");
  return out;
}

}  // namespace writ::cli::repl
