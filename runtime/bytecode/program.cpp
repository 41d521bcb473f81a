#include "runtime/bytecode/program.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "runtime/value/ops.hpp"

namespace writ {

const char* action_name(Action a) {
  switch (a) {
    case Action::kDeny: return "deny";
    case Action::kWarn: return "warn";
    case Action::kAudit: return "audit";
  }
  return "?";
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "?";
}

bool parse_severity(std::string_view s, Severity* out) {
  static const std::pair<const char*, Severity> table[] = {
      {"info", Severity::kInfo}, {"low", Severity::kLow}, {"medium", Severity::kMedium},
      {"high", Severity::kHigh}, {"critical", Severity::kCritical}};
  for (const auto& [name, sev] : table)
    if (s == name) { *out = sev; return true; }
  return false;
}

bool parse_kube_version(std::string_view s, KubeVersion* out) {
  // v<major>.<minor>, no leading zeros (as Pod Security Admission accepts).
  if (s.size() < 4 || s[0] != 'v') return false;
  size_t dot = s.find('.');
  if (dot == std::string_view::npos) return false;
  auto num = [](std::string_view t, uint32_t* v) {
    if (t.empty() || t.size() > 3 || (t.size() > 1 && t[0] == '0')) return false;
    auto r = std::from_chars(t.data(), t.data() + t.size(), *v);
    return r.ec == std::errc() && r.ptr == t.data() + t.size();
  };
  uint32_t major = 0, minor = 0;
  if (!num(s.substr(1, dot - 1), &major) || !num(s.substr(dot + 1), &minor)) return false;
  if (major == 0) return false;
  *out = major * 1000 + minor;
  return true;
}

std::string kube_version_string(KubeVersion v) {
  return "v" + std::to_string(v / 1000) + "." + std::to_string(v % 1000);
}

ConstSet ConstSet::of(std::span<const Value> items) {
  ConstSet set;
  uint64_t cap = 4;
  while (cap < items.size() * 2ull) cap *= 2;
  set.items.assign(cap, Value::null());
  set.used.assign(cap, 0);
  set.mask = cap - 1;
  for (const Value& v : items) {
    if (set.contains(v)) continue;
    uint64_t slot = hash_value(v) & set.mask;
    while (set.used[slot]) slot = (slot + 1) & set.mask;
    set.items[slot] = v;
    set.used[slot] = 1;
  }
  return set;
}

namespace {

// Could this string be a field name or a label/annotation key? Then the
// lowering interns it, so that indexing an input map by it goes by id.
bool key_like(std::string_view s) {
  if (s.empty() || s.size() > KeyTable::kMaxKeyLen) return false;
  for (unsigned char c : s)
    if (c <= ' ' || c == 0x7f) return false;
  return true;
}

}  // namespace

void hint_constant_keys(Program& p, bool intern) {
  std::function<void(Value&)> visit = [&](Value& v) {
    if (v.type == Type::String) {
      if (intern && key_like(v.str())) p.keys.intern(v.str());
      v = Value::key_string(v.str(), p.keys.find(v.str()));
    } else if (v.rep == Value::kComputed && v.type == Type::List) {
      for (uint32_t j = 0; j < v.len; ++j) visit(const_cast<Value&>(v.items[j]));  // the constant arena's
    } else if (v.rep == Value::kComputed && v.type == Type::Map) {
      for (uint32_t j = 0; j < v.len; ++j) visit(const_cast<MapEntry&>(v.entries[j]).value);
    }
  };
  auto set_strings = [](const ConstSet& set, auto&& fn) {
    for (size_t j = 0; j < set.items.size(); ++j)
      if (set.used[j] && set.items[j].type == Type::String) fn(set.items[j].str());
  };
  if (intern)
    for (const ConstSet& set : p.sets)
      set_strings(set, [&](std::string_view s) { if (key_like(s)) p.keys.intern(s); });
  for (Value& v : p.constants) visit(v);
  // The table is final now: the sets learn the ids of their strings.
  for (ConstSet& set : p.sets) {
    set.string_ids.clear();
    set_strings(set, [&](std::string_view s) { set.string_ids.push_back(p.keys.find(s)); });
    std::sort(set.string_ids.begin(), set.string_ids.end());
    set.ids_ready = true;
  }
}

uint32_t compute_max_stack(const Program& p) {
  std::vector<int64_t> need(p.functions.size(), -1);
  std::function<int64_t(uint32_t)> visit = [&](uint32_t f) -> int64_t {
    if (need[f] >= 0) return need[f];
    need[f] = 0;
    const Function& fn = p.functions[f];
    int64_t n = fn.num_regs;
    for (const Insn& in : fn.code)
      if (in.op() == Op::CallFn) n = std::max(n, in.a() + 1 + visit(fn.calls[in.bc()].target));
    need[f] = n;
    return n;
  };
  int64_t max = 0;
  for (uint32_t f = 0; f < p.functions.size(); ++f) max = std::max(max, visit(f));
  return static_cast<uint32_t>(max);
}

bool ConstSet::contains(const Value& v) const {
  if (KeyId id = v.key_hint(); id != kNoKey && ids_ready) {
    if (string_ids.size() <= 16) return std::find(string_ids.begin(), string_ids.end(), id) != string_ids.end();
    return std::binary_search(string_ids.begin(), string_ids.end(), id);
  }
  if (mask == 0) return false;
  for (uint64_t slot = hash_value(v) & mask;; slot = (slot + 1) & mask) {
    if (!used[slot]) return false;
    if (values_equal(items[slot], v)) return true;
  }
}

}  // namespace writ
