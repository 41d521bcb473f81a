// The k8s module: pod specs of every pod controller, containers, resource
// quantities and image references.
#include <charconv>
#include <cmath>

#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"
#include "runtime/vm/autogen.hpp"
#include "runtime/vm/context.hpp"
#include "stdlib/native/args.hpp"
#include "stdlib/native/registry.hpp"

namespace writ {

namespace {

using native::def;
using native::expect;

bool k_pod_spec(NativeCall& c) {
  c.result = field_of(pod_template_of(c.args[0]), keys::kSpec);
  return true;
}

bool k_pod_metadata(NativeCall& c) {
  c.result = field_of(pod_template_of(c.args[0]), keys::kMetadata);
  return true;
}

bool k_containers(NativeCall& c) {
  Value spec = field_of(pod_template_of(c.args[0]), keys::kSpec);
  Value parts[3] = {field_of(spec, keys::kInitContainers), field_of(spec, keys::kContainers),
                    field_of(spec, keys::kEphemeralContainers)};
  uint32_t n = 0;
  for (const Value& p : parts) {
    if (p.type == Type::List) n += p.len;
    else if (!p.is_null()) return c.fail("pod spec container lists must be lists, got " + a_type(p.type));
  }
  if (!c.charge(n)) return false;
  Value* items = c.new_list(n, &c.result);
  uint32_t k = 0;
  for (const Value& p : parts)
    for (uint32_t j = 0; p.type == Type::List && j < p.len; ++j) items[k++] = list_at(p, j);
  return true;
}

// A Kubernetes resource quantity ("500m", "1Gi", "2e3") as a number.
bool parse_quantity(std::string_view s, double* out) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) { ++i; ++digits; }
  if (digits == 0) return false;
  std::string_view num = s.substr(0, i), suffix = s.substr(i);
  double mult = 1;
  struct Suffix { const char* s; double m; };
  static const Suffix table[] = {{"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
                                 {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0}, {"n", 1e-9}, {"u", 1e-6},
                                 {"m", 1e-3}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18}};
  if (!suffix.empty()) {
    bool found = false;
    for (const Suffix& t : table)
      if (suffix == t.s) { mult = t.m; found = true; break; }
    if (!found) {
      if (suffix[0] != 'e' && suffix[0] != 'E') return false;
      int exp = 0;
      auto r = std::from_chars(suffix.data() + 1 + (suffix.size() > 1 && suffix[1] == '+'), suffix.data() + suffix.size(), exp);
      if (r.ec != std::errc() || r.ptr != suffix.data() + suffix.size()) return false;
      mult = std::pow(10.0, exp);
    }
  }
  double v = 0;
  const char* b = num.data() + (num[0] == '+');
  auto r = std::from_chars(b, num.data() + num.size(), v);
  if (r.ec != std::errc() || r.ptr != num.data() + num.size()) return false;
  *out = v * mult;
  return true;
}

bool k_quantity(NativeCall& c) {
  const Value& v = c.args[0];
  if (v.is_null() || v.is_number()) {
    c.result = v;
    return true;
  }
  if (!expect(c, 0, Type::String)) return false;
  double d = 0;
  if (!parse_quantity(v.str(), &d)) return c.fail("\"" + std::string(v.str().substr(0, 64)) + "\" is not a quantity");
  if (d == std::floor(d) && std::fabs(d) < 9e15) c.result = Value::integer(static_cast<int64_t>(d));
  else c.result = Value::real(d);
  return true;
}

// Image references: [registry/]repository[:tag][@digest], normalized the
// way container runtimes read them (docker.io and library/ when omitted).
bool k_image(NativeCall& c) {
  const Value& v = c.args[0];
  if (v.is_null()) { c.result = v; return true; }
  if (!expect(c, 0, Type::String)) return false;
  std::string_view ref = v.str();
  std::string_view rest = ref, digest, tag, registry;
  size_t at = rest.find('@');
  if (at != std::string_view::npos) { digest = rest.substr(at + 1); rest = rest.substr(0, at); }
  size_t slash = rest.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = rest.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos || first == "localhost") {
      registry = first;
      rest = rest.substr(slash + 1);
    }
  }
  size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos) { tag = rest.substr(colon + 1); rest = rest.substr(0, colon); }
  if (rest.empty()) return c.fail("\"" + std::string(ref.substr(0, 64)) + "\" is not an image reference");
  std::string repository(rest);
  bool docker_hub = registry.empty() || registry == "docker.io" || registry == "index.docker.io";
  if (docker_hub && repository.find('/') == std::string::npos) repository = "library/" + repository;
  struct Field { const char* key; Value value; };
  Field fields[] = {
      {"registry", c.make_string(registry.empty() ? std::string_view("docker.io") : registry)},
      {"repository", c.make_string(repository)},
      {"tag", tag.empty() ? Value::null() : Value::string(tag)},
      {"digest", digest.empty() ? Value::null() : Value::string(digest)},
      {"name", Value::string(ref)},
  };
  constexpr uint32_t n = sizeof(fields) / sizeof(fields[0]);
  MapEntry* entries = c.arena().allocate_array<MapEntry>(n);
  for (uint32_t j = 0; j < n; ++j) {
    std::string_view k = fields[j].key;
    entries[j] = MapEntry{k.data(), static_cast<uint32_t>(k.size()), c.key_id(k), fields[j].value};
  }
  c.result = Value::map(entries, n);
  return true;
}

// Cross-resource look-ups, answered from the inventory's indexes.
bool k_list(NativeCall& c) {
  if (!expect(c, 0, Type::String)) return false;
  const InventoryIndex* inv = c.ctx.input().inventory;
  if (inv == nullptr) {
    c.new_list(0, &c.result);
    return true;
  }
  if (c.argc == 1) {
    c.result = inv->list(c.args[0].str(), nullptr);
    return true;
  }
  if (!c.args[1].is_null() && !expect(c, 1, Type::String)) return false;
  std::string_view ns = string_of(c.args[1]);
  c.result = inv->list(c.args[0].str(), &ns);
  return true;
}

bool k_lookup(NativeCall& c) {
  if (!expect(c, 0, Type::String) || (!c.args[1].is_null() && !expect(c, 1, Type::String))) return false;
  if (c.args[2].is_null()) {
    c.result = Value::null();
    return true;
  }
  if (!expect(c, 2, Type::String)) return false;
  const InventoryIndex* inv = c.ctx.input().inventory;
  c.result = inv == nullptr ? Value::null() : inv->lookup(c.args[0].str(), string_of(c.args[1]), c.args[2].str());
  return true;
}

}  // namespace

void register_k8s(NativeRegistry& r) {
  const TypeSet M = kMapType | kNullType;
  auto memo = [](NativeDescriptor d) {
    d.memoize = true;
    return d;
  };
  auto inventory = [](NativeDescriptor d) {
    d.reads_inventory = true;
    return d;
  };
  r.add(memo(def("pod_spec", 1, 1, {kAnyType}, M, k_pod_spec, "k8s.pod_spec(obj) -> map",
            "the pod spec of a Pod or of a pod controller's template (Deployment, CronJob, ...); null otherwise", "k8s")));
  r.add(memo(def("pod_metadata", 1, 1, {kAnyType}, M, k_pod_metadata, "k8s.pod_metadata(obj) -> map",
            "the metadata of a Pod or of a pod controller's template", "k8s")));
  r.add(memo(def("containers", 1, 1, {kAnyType}, kListType, k_containers, "k8s.containers(obj) -> list",
            "init, regular and ephemeral containers of the pod (template), in that order", "k8s")));
  r.add(inventory(def("list", 1, 2, {kStringType, kStringType | kNullType}, kListType, k_list,
            "k8s.list(kind: string[, namespace: string]) -> list",
            "objects of that kind in the inventory, in one namespace (\"\" or null: cluster-scoped) or in all", "k8s")));
  r.add(inventory(def("lookup", 3, 3, {kStringType, kStringType | kNullType, kStringType | kNullType}, M, k_lookup,
            "k8s.lookup(kind: string, namespace: string, name: string) -> map",
            "the object of that kind, namespace (\"\" or null: cluster-scoped) and name in the inventory, or null", "k8s")));
  r.add(def("quantity", 1, 1, {kStringType | kNumberType | kNullType}, kNumberType | kNullType, k_quantity,
            "k8s.quantity(q: string) -> number", "a resource quantity (\"500m\", \"1Gi\") as a number of base units", "k8s"));
  r.add(def("image", 1, 1, {kStringType | kNullType}, M, k_image, "k8s.image(ref: string) -> map",
            "an image reference as {registry, repository, tag, digest, name}; tag and digest null when absent", "k8s"));
}

}  // namespace writ
