#include <functional>

#include "runtime/bytecode/bundle.hpp"
#include "runtime/bytecode/bundle_format.hpp"

namespace writ {

namespace {

using bundle::Reader;

Status corrupt(const std::string& what) { return error(StatusCode::kInputError, "corrupt bundle: " + what); }

// Values are rebuilt in the Program's constant arena; nesting is bounded.
bool value(Reader& r, Program& p, Value* out, int depth = 0) {
  if (depth > 64) return false;
  auto type = static_cast<Type>(r.u8());
  Arena& arena = p.constant_arena();
  switch (type) {
    case Type::Null: *out = Value::null(); return !r.bad();
    case Type::Bool: *out = Value::boolean(r.u8() != 0); return !r.bad();
    case Type::Int: *out = Value::integer(r.i64()); return !r.bad();
    case Type::Float: *out = Value::real(r.f64()); return !r.bad();
    case Type::String: *out = Value::string(arena.copy(r.str())); return !r.bad();
    case Type::List: {
      uint64_t n = r.count();
      Value* items = arena.allocate_array<Value>(n);
      for (uint64_t j = 0; j < n; ++j)
        if (!value(r, p, &items[j], depth + 1)) return false;
      *out = Value::list(items, static_cast<uint32_t>(n));
      return !r.bad();
    }
    case Type::Map: {
      uint64_t n = r.count();
      MapEntry* entries = arena.allocate_array<MapEntry>(n);
      for (uint64_t j = 0; j < n; ++j) {
        std::string_view k = arena.copy(r.str());
        entries[j].key = k.data();
        entries[j].key_len = static_cast<uint32_t>(k.size());
        entries[j].id = p.keys.find(k);
        if (!value(r, p, &entries[j].value, depth + 1)) return false;
      }
      *out = Value::map(entries, static_cast<uint32_t>(n));
      return !r.bad();
    }
  }
  return false;
}

Span span(Reader& r) {
  Span s;
  uint64_t f = r.u64();
  s.file = f == 0 ? Span::kNoFile : static_cast<uint32_t>(f - 1);
  s.line = static_cast<uint32_t>(r.u64());
  s.column = static_cast<uint32_t>(r.u64());
  s.length = static_cast<uint32_t>(r.u64());
  return s;
}

std::vector<std::string> strings(Reader& r) {
  std::vector<std::string> v(r.count());
  for (std::string& s : v) s = std::string(r.str());
  return v;
}

}  // namespace

Result<std::shared_ptr<Program>> read_bundle(std::string_view bytes, const NativeRegistry& natives) {
  if (bytes.size() < bundle::kHeaderSize || bytes.compare(0, 8, std::string_view(bundle::kMagic, 8)) != 0)
    return error(StatusCode::kInputError, "not a writ bundle (no WRITBNDL header)");
  auto le = [&](size_t at, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return v;
  };
  uint64_t version = le(8, 4);
  if (version != bundle::kFormatVersion)
    return error(StatusCode::kInputError, "bundle format version " + std::to_string(version) +
                                              " is not supported by this writ (it reads version " +
                                              std::to_string(bundle::kFormatVersion) + "): rebuild it with `writ build`");
  uint64_t size = le(16, 8), sum = le(24, 8);
  std::string_view payload = bytes.substr(bundle::kHeaderSize);
  if (payload.size() != size) return corrupt("payload size does not match the header");
  if (bundle::fnv1a(payload) != sum) return corrupt("checksum mismatch");

  auto p = std::make_shared<Program>();
  Reader r(payload);
  r.str();  // producer
  uint64_t nkeys = r.count();
  for (uint64_t id = 1; id < nkeys; ++id) {
    std::string_view name = r.str();
    if (p->keys.intern(name) != id) return corrupt("key table out of order");
  }
  p->constants.resize(r.count());
  for (Value& v : p->constants)
    if (!value(r, *p, &v)) return corrupt("constants");
  p->sets.resize(r.count());
  for (ConstSet& s : p->sets) {
    std::vector<Value> items(r.count());
    for (Value& v : items)
      if (!value(r, *p, &v)) return corrupt("constant sets");
    s = ConstSet::of(items);
  }
  p->paths.resize(r.count());
  for (PathSuffix& path : p->paths) {
    path.steps.resize(r.count());
    for (PathStep& s : path.steps) {
      s.key = std::string(r.str());
      s.id = p->keys.find(s.key);
      s.index = r.i64();
      s.is_index = r.u8() != 0;
      s.reg = static_cast<int32_t>(r.i64());
    }
  }
  p->sites.resize(r.count());
  for (ViolationSite& s : p->sites) {
    s.rule = static_cast<uint32_t>(r.u64());
    s.action = static_cast<Action>(r.u8());
    s.span = span(r);
    if (static_cast<uint8_t>(s.action) > 2) return corrupt("violation site action");
  }
  p->explains.resize(r.count());
  for (ExplainPoint& e : p->explains) {
    e.rule = static_cast<uint32_t>(r.u64());
    e.site = static_cast<uint32_t>(r.u64());
    e.condition = std::string(r.str());
    e.terms.resize(r.count());
    for (ExplainTerm& t : e.terms) {
      t.text = std::string(r.str());
      t.fn = static_cast<uint32_t>(r.u64());
    }
    e.bindings.resize(r.count());
    for (ExplainBinding& b : e.bindings) {
      b.name = std::string(r.str());
      b.slot = static_cast<uint32_t>(r.u64());
      b.iter = static_cast<int32_t>(r.i64());
    }
    e.num_locals = static_cast<uint16_t>(r.u64());
  }
  p->functions.resize(r.count());
  for (Function& f : p->functions) {
    f.name = std::string(r.str());
    f.num_params = static_cast<uint16_t>(r.u64());
    f.num_regs = static_cast<uint16_t>(r.u64());
    uint64_t n = r.count();
    f.code.resize(n);
    for (Insn& in : f.code) in.word = r.u64raw();
    f.spans.resize(n);
    for (Span& s : f.spans) s = span(r);
    f.calls.resize(r.count());
    for (CallSite& c : f.calls) {
      c.target = static_cast<uint32_t>(r.u64());
      c.argc = static_cast<uint16_t>(r.u64());
      c.prepared = static_cast<int32_t>(r.i64());
    }
    if (r.bad()) return corrupt("functions");
  }
  p->rules.resize(r.count());
  for (Rule& rule : p->rules) {
    rule.name = std::string(r.str());
    rule.policy = std::string(r.str());
    rule.package = static_cast<uint32_t>(r.u64());
    rule.severity = static_cast<Severity>(r.u8());
    rule.span = span(r);
    rule.match.kinds.resize(r.count());
    for (KindPattern& k : rule.match.kinds) {
      k.group = std::string(r.str());
      k.version = std::string(r.str());
      k.kind = std::string(r.str());
    }
    rule.match.operations = r.u8();
    rule.match.namespaces = strings(r);
    rule.match.exclude_namespaces = strings(r);
    rule.match.labels.resize(r.count());
    for (LabelRequirement& l : rule.match.labels) {
      l.key = std::string(r.str());
      l.op = static_cast<LabelRequirement::Op>(r.u8());
      l.values = strings(r);
      if (static_cast<uint8_t>(l.op) > 5) return corrupt("label selector");
    }
    rule.match.when_fn = static_cast<int32_t>(r.i64());
    rule.match.autogen = r.u8() != 0;
    rule.body_fn = static_cast<uint32_t>(r.u64());
    rule.since = static_cast<KubeVersion>(r.u64());
    rule.overrides = strings(r);
    rule.description = std::string(r.str());
    if (static_cast<uint8_t>(rule.severity) > 4) return corrupt("rule severity");
  }
  p->params.resize(r.count());
  for (Param& prm : p->params) {
    prm.name = std::string(r.str());
    prm.package = static_cast<uint32_t>(r.u64());
    if (!value(r, *p, &prm.default_value)) return corrupt("params");
    prm.span = span(r);
  }
  p->packages.resize(r.count());
  for (Package& pkg : p->packages) {
    pkg.name = std::string(r.str());
    pkg.version_min = static_cast<KubeVersion>(r.u64());
    pkg.version_max = static_cast<KubeVersion>(r.u64());
    pkg.version_param = static_cast<int32_t>(r.i64());
  }
  p->natives.resize(r.count());
  for (NativeBinding& n : p->natives) {
    n.name = std::string(r.str());
    n.memoize = r.u8() != 0;
    const NativeDescriptor* d = natives.find_qualified(n.name);
    if (r.bad()) break;
    if (d == nullptr) return error(StatusCode::kInputError, "the bundle calls " + n.name + ", which this host does not provide");
    n.fn = d->fn;
    n.data = d->data;
    n.reads_inventory = d->reads_inventory;
  }
  p->prepared.resize(r.count());
  for (Prepared& pr : p->prepared) {
    pr.native = static_cast<uint32_t>(r.u64());
    pr.constant = static_cast<uint32_t>(r.u64());
    if (r.bad() || pr.native >= p->natives.size() || pr.constant >= p->constants.size()) return corrupt("prepared constants");
    const NativeDescriptor* d = natives.find_qualified(p->natives[pr.native].name);
    std::string err;
    if (d == nullptr || d->prepare == nullptr || (pr.object = d->prepare(p->constants[pr.constant], &err)) == nullptr)
      return corrupt("prepared constant for " + p->natives[pr.native].name + (err.empty() ? "" : ": " + err));
  }
  p->sources.resize(r.count());
  for (SourceFile& s : p->sources) {
    s.name = std::string(r.str());
    s.text = std::string(r.str());
  }
  if (r.bad()) return corrupt("truncated data");
  if (!r.at_end()) return corrupt("trailing data");
  WRIT_TRY(verify_program(*p));
  p->max_stack = compute_max_stack(*p);  // derived, not trusted from the file
  hint_constant_keys(*p, false);
  return p;
}

}  // namespace writ
