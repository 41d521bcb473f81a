#include "cli/session.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "cli/report.hpp"
#include "runtime/decode/input_limits.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/bytecode/bundle.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"
#include "stdlib/precompiled.hpp"

namespace writ::cli {

void print_error(const std::string& message) {
  bool color = want_color(stderr);
  fmt::print(stderr, "{}: {}\n", color ? "\033[1;31merror\033[0m" : "error", message);
}

bool input_limits_of(const std::vector<std::string>& assignments, InputLimits* out) {
  for (const std::string& a : assignments) {
    std::string err;
    if (!parse_input_limit(out, a, &err)) {
      print_error("--limit " + a + ": " + err);
      return false;
    }
  }
  return true;
}

std::shared_ptr<const Program> compile_policies(const std::vector<std::string>& policies, bool print_warnings,
                                                bool explain) {
  // A bundle (`writ build`) stands for its policies: loaded, not compiled.
  if (policies.size() == 1 && policies[0].size() > 4 && policies[0].compare(policies[0].size() - 4, 4, ".wbc") == 0) {
    std::ifstream in(policies[0], std::ios::binary);
    if (!in) {
      print_error(policies[0] + ": cannot read the bundle");
      return nullptr;
    }
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto program = read_bundle(bytes.str(), standard_natives());
    if (!program) {
      print_error(policies[0] + ": " + program.status().message());
      return nullptr;
    }
    return *program;
  }
  // A standard pack alone is read from the bundle made of it at build time.
  if (policies.size() == 1 && !explain)
    if (auto program = precompiled_program(policies[0], standard_natives())) return program;
  std::vector<PolicySource> sources;
  for (const std::string& p : policies) sources.push_back(PolicySource{p, {}, false});
  CompileOptions opts;
  opts.natives = &standard_natives();
  opts.stdlib = find_stdlib_pack;
  opts.explain = explain;
  Compilation c = compile(sources, opts);
  bool color = want_color(stderr);
  for (const Diagnostic& d : c.diagnostics.items()) {
    if (d.level != DiagLevel::kError && !print_warnings) continue;
    fmt::print(stderr, "{}", render(d, c.sources, color));
  }
  if (!c.ok()) {
    size_t n = c.diagnostics.error_count();
    fmt::print(stderr, "{} error{} in the policies\n", n, n == 1 ? "" : "s");
    return nullptr;
  }
  return c.program;
}

namespace {

// Parses VALUE of --param NAME=VALUE as YAML, so `v1.30`, `3`, `[a, b]`
// and `{k: v}` all mean what they look like.
bool decode_value(const std::string& text, const KeyTable& keys, std::shared_ptr<Document>* doc, std::string* err) {
  auto d = std::make_shared<Document>(&keys);
  YamlDecoder yaml;
  YamlResult res;
  DecodeError e;
  if (!yaml.decode(text, *d, &res, &e)) {
    *err = e.message;
    return false;
  }
  *doc = d;
  return true;
}

}  // namespace

std::shared_ptr<const Plan> bind_params(std::shared_ptr<const Program> program, const PolicyOptions& opts,
                                        const std::vector<std::string>& packages) {
  std::vector<ParamOverride> overrides;
  std::vector<std::shared_ptr<Document>> keep;
  for (const std::string& p : opts.params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      print_error("--param needs NAME=VALUE, got '" + p + "'");
      return nullptr;
    }
    std::shared_ptr<Document> doc;
    std::string err;
    std::string value = p.substr(eq + 1);
    if (value.empty()) value = "\"\"";
    if (!decode_value(value, program->keys, &doc, &err)) {
      print_error("--param " + p.substr(0, eq) + ": cannot read the value: " + err);
      return nullptr;
    }
    keep.push_back(doc);
    overrides.push_back(ParamOverride{p.substr(0, eq), doc->root() ? doc->root_value() : Value::null()});
  }
  for (const std::string& file : opts.param_files) {
    std::ifstream in(file);
    if (!in) {
      print_error("--params " + file + ": cannot read the file");
      return nullptr;
    }
    std::stringstream s;
    s << in.rdbuf();
    std::shared_ptr<Document> doc;
    std::string err;
    if (!decode_value(s.str(), program->keys, &doc, &err)) {
      print_error("--params " + file + ": " + err);
      return nullptr;
    }
    Value root = doc->root() ? doc->root_value() : Value::null();
    if (root.type != Type::Map) {
      print_error("--params " + file + ": expected a map of param names to values");
      return nullptr;
    }
    keep.push_back(doc);
    for (uint32_t j = 0; j < root.len; ++j)
      overrides.push_back(ParamOverride{std::string(map_key_at(root, j)), map_value_at(root, j)});
  }
  auto plan = Plan::create(std::move(program), overrides, packages);
  if (!plan) {
    print_error(plan.status().message());
    return nullptr;
  }
  return *plan;
}

static Value get(const Value& m, std::string_view k) {
  Value v;
  return m.type == Type::Map && map_get_str(m, k, &v) ? v : Value::null();
}

static std::string str(const Value& v) { return v.type == Type::String ? std::string(v.str()) : std::string(); }

void identify(const Resource& r, const EvalInput& in, ResourceId* id) {
  if (r.kind == ResourceKind::kAuditEvent) {
    id->api_version = str(get(in.event, "apiVersion"));
    id->kind = "Event";
    Value ref = get(in.event, "objectRef");
    id->namespace_ = str(get(ref, "namespace"));
    id->name = str(get(in.event, "auditID"));
    return;
  }
  const Value& obj = in.object.type == Type::Map ? in.object : in.old_object;
  id->api_version = str(get(obj, "apiVersion"));
  id->kind = str(get(obj, "kind"));
  Value meta = get(obj, "metadata");
  id->namespace_ = str(get(meta, "namespace"));
  id->name = str(get(meta, "name"));
  if (r.kind == ResourceKind::kAdmissionReview) {
    Value kind = get(in.request, "kind");
    if (id->kind.empty()) id->kind = str(get(kind, "kind"));
    if (id->namespace_.empty()) id->namespace_ = str(get(in.request, "namespace"));
    if (id->name.empty()) id->name = str(get(in.request, "name"));
  }
}

}  // namespace writ::cli
