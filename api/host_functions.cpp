// Host functions: C++ callables the host adds to the language. The VM calls
// one trampoline native for all of them; NativeCall::data says which.
#include <cmath>

#include "api/internal.hpp"
#include "runtime/value/document.hpp"
#include "runtime/vm/native.hpp"
#include "stdlib/native/registry.hpp"

namespace writ {

namespace {

HostValue to_host(const Value& v, int depth = 0) {
  if (depth > 100) return HostValue();
  switch (v.type) {
    case Type::Null: return HostValue();
    case Type::Bool: return HostValue(v.b);
    case Type::Int: return HostValue(v.i);
    case Type::Float: return HostValue(v.f);
    case Type::String: return HostValue(std::string(v.str()));
    case Type::List: {
      HostValue::List l;
      for (uint32_t j = 0; j < v.len; ++j) l.push_back(to_host(list_at(v, j), depth + 1));
      return HostValue(std::move(l));
    }
    case Type::Map: {
      HostValue::Map m;
      for (uint32_t j = 0; j < v.len; ++j) m.emplace_back(std::string(map_key_at(v, j)), to_host(map_value_at(v, j), depth + 1));
      return HostValue(std::move(m));
    }
  }
  return HostValue();
}

Value from_host(NativeCall& c, const HostValue& h, int depth = 0) {
  if (depth > 100 || h.is_null()) return Value::null();
  if (h.is_bool()) return Value::boolean(h.as_bool());
  if (h.is_int()) return Value::integer(h.as_int());
  if (h.is_float()) return Value::real(h.as_float());
  if (h.is_string()) return c.make_string(h.as_string());
  if (h.is_list()) {
    Value out;
    Value* items = c.new_list(static_cast<uint32_t>(h.as_list().size()), &out);
    for (size_t j = 0; j < h.as_list().size(); ++j) items[j] = from_host(c, h.as_list()[j], depth + 1);
    return out;
  }
  const HostValue::Map& m = h.as_map();
  MapEntry* entries = c.arena().allocate_array<MapEntry>(m.size());
  for (size_t j = 0; j < m.size(); ++j) {
    std::string_view k = c.arena().copy(m[j].first);
    entries[j] = MapEntry{k.data(), static_cast<uint32_t>(k.size()), c.key_id(k), from_host(c, m[j].second, depth + 1)};
  }
  return Value::map(entries, static_cast<uint32_t>(m.size()));
}

bool trampoline(NativeCall& c) {
  const auto* host = static_cast<const HostFunction*>(c.data);
  std::vector<HostValue> args;
  args.reserve(c.argc);
  for (uint32_t i = 0; i < c.argc; ++i) args.push_back(to_host(c.args[i]));
  if (!c.charge(100)) return false;
  auto r = host->fn(args);
  if (r.index() == 1) return c.fail(std::get<1>(r));
  c.result = from_host(c, std::get<0>(r));
  return true;
}

}  // namespace

std::shared_ptr<const NativeRegistry> registry_with(const std::vector<HostFunction>& hosts) {
  auto r = std::make_shared<NativeRegistry>(standard_natives());
  for (const HostFunction& h : hosts) {
    NativeDescriptor d;
    size_t dot = h.name.rfind('.');
    d.module = dot == std::string::npos ? "" : h.name.substr(0, dot);
    d.name = dot == std::string::npos ? h.name : h.name.substr(dot + 1);
    d.min_args = h.min_args;
    d.max_args = h.max_args;
    d.fn = trampoline;
    d.data = &h;
    d.signature = h.name + "(...)";
    d.doc = h.doc;
    r->add(std::move(d));
  }
  return r;
}

}  // namespace writ
