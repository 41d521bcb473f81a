#include <cstring>

#include "runtime/bytecode/bundle.hpp"
#include "runtime/bytecode/bundle_format.hpp"
#include "runtime/value/document.hpp"

namespace writ {

namespace {

using bundle::Writer;

void value(Writer& w, const Value& v) {
  w.u8(static_cast<uint8_t>(v.type));
  switch (v.type) {
    case Type::Null: break;
    case Type::Bool: w.u8(v.b ? 1 : 0); break;
    case Type::Int: w.i64(v.i); break;
    case Type::Float: w.f64(v.f); break;
    case Type::String: w.str(v.str()); break;
    case Type::List:
      w.u64(v.len);
      for (uint32_t j = 0; j < v.len; ++j) value(w, list_at(v, j));
      break;
    case Type::Map:
      w.u64(v.len);
      for (uint32_t j = 0; j < v.len; ++j) {
        w.str(map_key_at(v, j));
        value(w, map_value_at(v, j));
      }
      break;
  }
}

void span(Writer& w, const Span& s) {
  w.u64(s.file == Span::kNoFile ? 0 : s.file + 1ull);
  w.u64(s.line);
  w.u64(s.column);
  w.u64(s.length);
}

void strings(Writer& w, const std::vector<std::string>& v) {
  w.u64(v.size());
  for (const std::string& s : v) w.str(s);
}

}  // namespace

std::string write_bundle(const Program& p, const BundleOptions& options) {
  Writer w;
  w.str("writ 0.1.0");
  // Keys beyond the well-known ones every table starts with.
  w.u64(p.keys.size());
  for (size_t id = 1; id < p.keys.size(); ++id) w.str(p.keys.name(static_cast<KeyId>(id)));
  w.u64(p.constants.size());
  for (const Value& v : p.constants) value(w, v);
  w.u64(p.sets.size());
  for (const ConstSet& s : p.sets) {
    uint64_t n = 0;
    for (uint8_t u : s.used) n += u;
    w.u64(n);
    for (size_t i = 0; i < s.items.size(); ++i)
      if (s.used[i]) value(w, s.items[i]);
  }
  w.u64(p.paths.size());
  for (const PathSuffix& path : p.paths) {
    w.u64(path.steps.size());
    for (const PathStep& s : path.steps) {
      w.str(s.key);
      w.i64(s.index);
      w.u8(s.is_index ? 1 : 0);
      w.i64(s.reg);
    }
  }
  w.u64(p.sites.size());
  for (const ViolationSite& s : p.sites) {
    w.u64(s.rule);
    w.u8(static_cast<uint8_t>(s.action));
    span(w, s.span);
  }
  w.u64(p.explains.size());
  for (const ExplainPoint& e : p.explains) {
    w.u64(e.rule);
    w.u64(e.site);
    w.str(e.condition);
    w.u64(e.terms.size());
    for (const ExplainTerm& t : e.terms) {
      w.str(t.text);
      w.u64(t.fn);
    }
    w.u64(e.bindings.size());
    for (const ExplainBinding& b : e.bindings) {
      w.str(b.name);
      w.u64(b.slot);
      w.i64(b.iter);
    }
    w.u64(e.num_locals);
  }
  w.u64(p.functions.size());
  for (const Function& f : p.functions) {
    w.str(f.name);
    w.u64(f.num_params);
    w.u64(f.num_regs);
    w.u64(f.code.size());
    for (const Insn& in : f.code) w.u64raw(in.word);
    for (const Span& s : f.spans) span(w, s);
    w.u64(f.calls.size());
    for (const CallSite& c : f.calls) {
      w.u64(c.target);
      w.u64(c.argc);
      w.i64(c.prepared);
    }
  }
  w.u64(p.rules.size());
  for (const Rule& r : p.rules) {
    w.str(r.name);
    w.str(r.policy);
    w.u64(r.package);
    w.u8(static_cast<uint8_t>(r.severity));
    span(w, r.span);
    w.u64(r.match.kinds.size());
    for (const KindPattern& k : r.match.kinds) {
      w.str(k.group);
      w.str(k.version);
      w.str(k.kind);
    }
    w.u8(r.match.operations);
    strings(w, r.match.namespaces);
    strings(w, r.match.exclude_namespaces);
    w.u64(r.match.labels.size());
    for (const LabelRequirement& l : r.match.labels) {
      w.str(l.key);
      w.u8(static_cast<uint8_t>(l.op));
      strings(w, l.values);
    }
    w.i64(r.match.when_fn);
    w.u8(r.match.autogen ? 1 : 0);
    w.u64(r.body_fn);
    w.u64(r.since);
    strings(w, r.overrides);
    w.str(r.description);
  }
  w.u64(p.params.size());
  for (const Param& prm : p.params) {
    w.str(prm.name);
    w.u64(prm.package);
    value(w, prm.default_value);
    span(w, prm.span);
  }
  w.u64(p.packages.size());
  for (const Package& pkg : p.packages) {
    w.str(pkg.name);
    w.u64(pkg.version_min);
    w.u64(pkg.version_max);
    w.i64(pkg.version_param);
  }
  w.u64(p.natives.size());
  for (const NativeBinding& n : p.natives) {
    w.str(n.name);
    w.u8(n.memoize ? 1 : 0);
  }
  w.u64(p.prepared.size());
  for (const Prepared& pr : p.prepared) {
    w.u64(pr.native);
    w.u64(pr.constant);
  }
  w.u64(p.sources.size());
  for (const SourceFile& s : p.sources) {
    w.str(s.name);
    w.str(options.include_sources ? s.text : std::string());
  }
  return bundle::frame(w.bytes());
}

}  // namespace writ
