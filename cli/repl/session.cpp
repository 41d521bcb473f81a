// Session: compiling the session, and the entries that go through it:
// expressions, declarations, :type, :bytecode (and, for completion, the
// fields of a value).
#include "cli/repl/session.hpp"

#include <algorithm>
#include <bit>

#include "cli/repl/entry.hpp"
#include "cli/repl/values.hpp"
#include "compiler/check/checker.hpp"
#include "compiler/parse/parser.hpp"
#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/value/format.hpp"
#include "runtime/vm/context.hpp"
#include "stdlib/native/registry.hpp"

namespace writ::cli::repl {

namespace {

constexpr const char* kProbe = "__expr";

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
  std::string body;
  for (const Decl& d : decls_) body += d.text + (d.text.empty() || d.text.back() != '\n' ? "\n" : "");
  // The imports the session makes for you, when the declarations use them,
  // so that the text can start a policy file. (A textual look for `k8s.`:
  // inside a string it adds an import too many, which does no harm.)
  auto uses = [&](const std::string& alias) {
    for (size_t at = body.find(alias + "."); at != std::string::npos; at = body.find(alias + ".", at + 1))
      if (at == 0 || !is_identifier_char(body[at - 1])) return true;
    return false;
  };
  std::string imports;
  for (const std::string& m : native_modules())
    if (uses(m)) imports += "import " + m + "\n";
  for (const auto& [alias, package] : aliases_)
    if (uses(alias)) imports += "import " + package + (package.substr(package.rfind('.') + 1) == alias ? "" : " as " + alias) + "\n";
  return imports + body;
}

}  // namespace writ::cli::repl
