#include <fstream>
#include <sstream>

#include "api/internal.hpp"
#include "compiler/compiler.hpp"
#include "runtime/bytecode/bundle.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/decode/yaml_decoder.hpp"
#include "runtime/vm/embedded_program.hpp"
#include "runtime/value/format.hpp"
#include "stdlib/packs.hpp"
#include "stdlib/precompiled.hpp"

namespace writ {

const char* version() { return "0.1.0"; }

Problem problem(std::string message, std::string file, uint32_t line, uint32_t column) {
  Problem p;
  p.file = std::move(file);
  p.line = line;
  p.column = column;
  p.message = std::move(message);
  p.text = (p.file.empty() ? "" : p.file + (line ? ":" + std::to_string(line) + (column ? ":" + std::to_string(column) : "") : "") + ": ") +
           "error: " + p.message + "\n";
  return p;
}

std::vector<Problem> problems_of(const Diagnostics& d, const SourceMap& sources, bool errors_only) {
  std::vector<Problem> out;
  for (const Diagnostic& x : d.items()) {
    if (errors_only && x.level != DiagLevel::kError) continue;
    if (!errors_only && x.level == DiagLevel::kError) continue;
    Problem p;
    p.level = x.level == DiagLevel::kError ? Problem::Level::kError : Problem::Level::kWarning;
    if (x.span.file != Span::kNoFile && x.span.file < sources.size()) p.file = sources.name(x.span.file);
    p.line = x.span.line;
    p.column = x.span.column;
    p.message = x.message;
    p.text = render(x, sources, false);
    out.push_back(std::move(p));
  }
  return out;
}

Expected<std::shared_ptr<const Plan>> bind(std::shared_ptr<const Program> program,
                                           const std::map<std::string, std::string>& params) {
  std::vector<std::shared_ptr<Document>> keep;
  std::vector<ParamOverride> overrides;
  for (const auto& [name, text] : params) {
    auto doc = std::make_shared<Document>(&program->keys);
    YamlDecoder yaml;
    YamlResult res;
    DecodeError err;
    if (!yaml.decode(text.empty() ? "\"\"" : text, *doc, &res, &err))
      return std::vector<Problem>{problem("param " + name + ": cannot read the value: " + err.message)};
    keep.push_back(doc);
    overrides.push_back(ParamOverride{name, doc->root() ? doc->root_value() : Value::null()});
  }
  auto plan = Plan::create(std::move(program), overrides);
  if (!plan) return std::vector<Problem>{problem(plan.status().message())};
  return std::shared_ptr<const Plan>(*plan);
}

namespace {

Expected<PolicySet::Impl> build(const std::vector<PolicySource>& sources, const PolicySetOptions& options) {
  PolicySet::Impl impl;
  impl.hosts = std::make_shared<const std::vector<HostFunction>>(options.functions);
  impl.natives = registry_with(*impl.hosts);
  // A standard pack alone is read from the bundle made of it at build time.
  if (sources.size() == 1 && !sources[0].inline_text && !options.explain)
    impl.program = precompiled_program(sources[0].name, *impl.natives);
  if (!impl.program) {
    writ::CompileOptions co;
    co.natives = impl.natives.get();
    co.stdlib = find_stdlib_pack;
    co.explain = options.explain;
    Compilation c = writ::compile(sources, co);
    if (!c.ok()) return problems_of(c.diagnostics, c.sources, true);
    impl.warnings = problems_of(c.diagnostics, c.sources, false);
    impl.program = c.program;
  }
  auto plan = bind(impl.program, options.params);
  if (!plan) return plan.problems();
  impl.plan = *plan;
  return impl;
}

}  // namespace

Expected<PolicySet> PolicySet::compile(const std::vector<std::string>& policies, const PolicySetOptions& options) {
  std::vector<PolicySource> sources;
  for (const std::string& p : policies) sources.push_back(PolicySource{p, {}, false});
  auto impl = build(sources, options);
  if (!impl) return impl.problems();
  return PolicySet(std::make_shared<const Impl>(std::move(*impl)));
}

Expected<PolicySet> PolicySet::compile_source(const std::string& name, const std::string& source, const PolicySetOptions& options) {
  auto impl = build({PolicySource{name, source, true}}, options);
  if (!impl) return impl.problems();
  return PolicySet(std::make_shared<const Impl>(std::move(*impl)));
}

namespace {

// A PolicySet around a program read, not compiled: `read(natives)` is
// read_bundle or read_embedded_program.
template <typename Read>
Expected<std::shared_ptr<const PolicySet::Impl>> read_policies(const PolicySetOptions& options, Read read) {
  PolicySet::Impl impl;
  impl.hosts = std::make_shared<const std::vector<HostFunction>>(options.functions);
  impl.natives = registry_with(*impl.hosts);
  auto program = read(*impl.natives);
  if (!program) return std::vector<Problem>{problem(program.status().message())};
  impl.program = *program;
  auto plan = bind(impl.program, options.params);
  if (!plan) return plan.problems();
  impl.plan = *plan;
  return std::make_shared<const PolicySet::Impl>(std::move(impl));
}

}  // namespace

Expected<PolicySet> PolicySet::load_bundle_bytes(std::string_view bytes, const PolicySetOptions& options) {
  auto impl = read_policies(options, [&](const NativeRegistry& natives) { return read_bundle(bytes, natives); });
  if (!impl) return impl.problems();
  return PolicySet(*impl);
}

Expected<PolicySet> PolicySet::load_embedded(const EmbeddedProgram& embedded, const PolicySetOptions& options) {
  auto impl = read_policies(options, [&](const NativeRegistry& natives) { return read_embedded_program(embedded, natives); });
  if (!impl) return impl.problems();
  return PolicySet(*impl);
}

Expected<PolicySet> PolicySet::load_bundle(const std::string& path, const PolicySetOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::vector<Problem>{problem("cannot read the bundle", path)};
  std::stringstream s;
  s << in.rdbuf();
  auto set = load_bundle_bytes(s.str(), options);
  if (!set) {
    std::vector<Problem> ps = set.problems();
    for (Problem& p : ps) {
      p.file = path;
      p.text = path + ": " + p.text;
    }
    return ps;
  }
  return set;
}

std::string PolicySet::bundle_bytes(bool include_sources) const {
  BundleOptions o;
  o.include_sources = include_sources;
  return write_bundle(*impl_->program, o);
}

Expected<bool> PolicySet::save_bundle(const std::string& path, bool include_sources) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return std::vector<Problem>{problem("cannot write the bundle", path)};
  out << bundle_bytes(include_sources);
  out.close();
  if (!out) return std::vector<Problem>{problem("cannot write the bundle", path)};
  return true;
}

Expected<PolicySet> PolicySet::with_params(const std::map<std::string, std::string>& params) const {
  auto plan = bind(impl_->program, params);
  if (!plan) return plan.problems();
  Impl copy = *impl_;
  copy.plan = *plan;
  return PolicySet(std::make_shared<const Impl>(std::move(copy)));
}

std::vector<PolicySet::RuleInfo> PolicySet::rules() const {
  std::vector<RuleInfo> out;
  for (uint32_t r : impl_->plan->active_rules()) {
    const Rule& rule = impl_->program->rules[r];
    out.push_back(RuleInfo{rule.policy, rule.name, severity_name(rule.severity), rule.description});
  }
  return out;
}

const std::vector<Problem>& PolicySet::warnings() const { return impl_->warnings; }

Expected<std::shared_ptr<const Inventory>> PolicySet::make_inventory(const std::vector<std::string>& documents) const {
  auto inv = std::make_shared<Inventory>();
  inv->program = impl_->program;
  InputLoader loader(impl_->program->keys);
  std::vector<Problem> problems;
  for (size_t i = 0; i < documents.size(); ++i) {
    loader.load_text(documents[i], "inventory[" + std::to_string(i) + "]", InputFormat::kAuto, [&](LoadedDocument&& d) {
      if (!d.ok()) {
        problems.push_back(problem(d.error, d.location.file, d.error_line, d.error_column));
        return;
      }
      inv->documents.push_back(d.doc);
      for (const Resource& r : resources_of(d))
        if (r.kind == ResourceKind::kObject) inv->objects.push_back(Value::of(r.node));
    });
  }
  if (!problems.empty()) return problems;
  inv->index = std::make_unique<InventoryIndex>(inv->objects, impl_->program->keys);
  return std::shared_ptr<const Inventory>(std::move(inv));
}

}  // namespace writ
