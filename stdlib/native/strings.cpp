// String built-ins: lower, upper, trim, starts_with, split, join, quote...
// A null subject gives null (absent stays absent); other wrong types fail.
#include <algorithm>
#include <cctype>

#include "runtime/support/copy_bytes.hpp"
#include "runtime/value/format.hpp"
#include "stdlib/native/args.hpp"
#include "stdlib/native/registry.hpp"

namespace writ {

namespace {

using native::def;
using native::expect;
using native::null_in_null_out;

bool str_lower(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!expect(c, 0, Type::String)) return false;
  std::string_view s = c.args[0].str();
  char* p = static_cast<char*>(c.arena().allocate(s.size() ? s.size() : 1, 1));
  for (size_t i = 0; i < s.size(); ++i) p[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  c.result = Value::string({p, s.size()});
  return true;
}

bool str_upper(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!expect(c, 0, Type::String)) return false;
  std::string_view s = c.args[0].str();
  char* p = static_cast<char*>(c.arena().allocate(s.size() ? s.size() : 1, 1));
  for (size_t i = 0; i < s.size(); ++i) p[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
  c.result = Value::string({p, s.size()});
  return true;
}

bool str_trim(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!expect(c, 0, Type::String)) return false;
  std::string_view s = c.args[0].str();
  size_t b = s.find_first_not_of(" \t\r\n\v\f");
  if (b == std::string_view::npos) {
    c.result = Value::string({});
    return true;
  }
  size_t e = s.find_last_not_of(" \t\r\n\v\f");
  c.result = Value::string(s.substr(b, e - b + 1));
  return true;
}

bool two_strings(NativeCall& c) {
  return expect(c, 0, Type::String) && expect(c, 1, Type::String);
}

bool str_trim_prefix(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!two_strings(c)) return false;
  std::string_view s = c.args[0].str(), p = c.args[1].str();
  c.result = Value::string(s.substr(0, p.size()) == p ? s.substr(p.size()) : s);
  return true;
}

bool str_trim_suffix(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!two_strings(c)) return false;
  std::string_view s = c.args[0].str(), p = c.args[1].str();
  bool has = s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
  c.result = Value::string(has ? s.substr(0, s.size() - p.size()) : s);
  return true;
}

bool str_starts_with(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!two_strings(c)) return false;
  c.result = Value::boolean(c.args[0].str().substr(0, c.args[1].len) == c.args[1].str());
  return true;
}

bool str_ends_with(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!two_strings(c)) return false;
  std::string_view s = c.args[0].str(), p = c.args[1].str();
  c.result = Value::boolean(s.size() >= p.size() && s.substr(s.size() - p.size()) == p);
  return true;
}

bool str_contains(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!two_strings(c)) return false;
  c.charge(c.args[0].len / 64);
  c.result = Value::boolean(c.args[0].str().find(c.args[1].str()) != std::string_view::npos);
  return true;
}

bool str_split(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!two_strings(c)) return false;
  std::string_view s = c.args[0].str(), sep = c.args[1].str();
  if (sep.empty()) return c.fail("the separator must not be empty");
  uint32_t n = 1;
  for (size_t p = s.find(sep); p != std::string_view::npos; p = s.find(sep, p + sep.size())) ++n;
  if (!c.charge(n)) return false;
  Value* items = c.new_list(n, &c.result);
  size_t start = 0;
  for (uint32_t k = 0; k < n; ++k) {
    size_t p = k + 1 < n ? s.find(sep, start) : s.size();
    items[k] = Value::string(s.substr(start, p - start));
    start = p + sep.size();
  }
  return true;
}

bool str_join(NativeCall& c) {
  if (c.args[0].is_null()) {
    c.result = Value::string({});
    return true;
  }
  if (!expect(c, 0, Type::List) || !expect(c, 1, Type::String)) return false;
  const Value& list = c.args[0];
  if (!c.charge(list.len)) return false;
  if (list.len == 1 && list_at(list, 0).type == Type::String) {  // one name, as messages mostly have: itself
    c.result = list_at(list, 0);
    return true;
  }
  std::string_view sep = c.args[1].str();
  // Strings (the usual case: names) are sized first and copied once.
  size_t size = list.len > 0 ? sep.size() * (list.len - 1) : 0;
  bool strings = true;
  for (uint32_t j = 0; j < list.len && strings; ++j) {
    Value item = list_at(list, j);
    strings = item.type == Type::String;
    size += item.len;
  }
  if (strings && size == 0) {
    c.result = Value::string({});
    return true;
  }
  if (strings) {
    char* out = static_cast<char*>(c.arena().allocate(size, 1));
    char* p = out;
    for (uint32_t j = 0; j < list.len; ++j) {
      if (j) {
        copy_bytes(p, sep.data(), sep.size());
        p += sep.size();
      }
      std::string_view item = list_at(list, j).str();
      copy_bytes(p, item.data(), item.size());  // no memcpy below 4 bytes: an empty item may have no bytes
      p += item.size();
    }
    c.result = Value::string({out, size});
    return true;
  }
  std::string& out = c.scratch();
  for (uint32_t j = 0; j < list.len; ++j) {
    if (j) out += sep;
    append_display(out, list_at(list, j));
  }
  c.result = c.make_string(out);
  return true;
}

bool str_replace(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!two_strings(c) || !expect(c, 2, Type::String)) return false;
  std::string_view s = c.args[0].str(), from = c.args[1].str(), to = c.args[2].str();
  if (from.empty()) {
    c.result = c.args[0];
    return true;
  }
  std::string& out = c.scratch();
  size_t start = 0;
  for (size_t p = s.find(from); p != std::string_view::npos; p = s.find(from, start)) {
    out.append(s.substr(start, p - start));
    out.append(to);
    start = p + from.size();
  }
  out.append(s.substr(start));
  if (!c.charge(out.size() / 16)) return false;
  c.result = c.make_string(out);
  return true;
}

bool str_to_string(NativeCall& c) {
  if (c.args[0].type == Type::String) {
    c.result = c.args[0];
    return true;
  }
  std::string& out = c.scratch();
  append_display(out, c.args[0]);
  c.result = c.make_string(out);
  return true;
}

// Go's %q: what Pod Security Admission uses to quote names in messages.
bool str_quote(NativeCall& c) {
  std::string& out = c.scratch();
  if (c.args[0].type != Type::String) {
    append_display(out, c.args[0]);
    std::string q;
    append_json_string(q, out);
    c.result = c.make_string(q);
    return true;
  }
  static const char* hex = "0123456789abcdef";
  std::string_view s = c.args[0].str();
  out += '"';
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (ch < 0x20 || ch == 0x7f) {
          out += "\\x";
          out += hex[ch >> 4];
          out += hex[ch & 15];
        } else {
          out += static_cast<char>(ch);
        }
    }
  }
  out += '"';
  c.result = c.make_string(out);
  return true;
}

}  // namespace

void register_strings(NativeRegistry& r) {
  const TypeSet S = kStringType | kNullType, L = kListType | kNullType;
  const TypeSet SN = kStringType | kNullType, BN = kBoolType | kNullType;
  r.add(def("lower", 1, 1, {S}, SN, str_lower, "lower(s: string) -> string", "s in lower case (ASCII)"));
  r.add(def("upper", 1, 1, {S}, SN, str_upper, "upper(s: string) -> string", "s in upper case (ASCII)"));
  r.add(def("trim", 1, 1, {S}, SN, str_trim, "trim(s: string) -> string", "s without leading and trailing whitespace"));
  r.add(def("trim_prefix", 2, 2, {S, S}, SN, str_trim_prefix, "trim_prefix(s: string, prefix: string) -> string",
           "s without prefix, if it starts with it"));
  r.add(def("trim_suffix", 2, 2, {S, S}, SN, str_trim_suffix, "trim_suffix(s: string, suffix: string) -> string",
           "s without suffix, if it ends with it"));
  r.add(def("starts_with", 2, 2, {S, S}, BN, str_starts_with, "starts_with(s: string, prefix: string) -> bool",
           "whether s starts with prefix"));
  r.add(def("ends_with", 2, 2, {S, S}, BN, str_ends_with, "ends_with(s: string, suffix: string) -> bool",
           "whether s ends with suffix"));
  r.add(def("contains", 2, 2, {S, S}, BN, str_contains, "contains(s: string, sub: string) -> bool",
           "whether sub occurs in s (for lists, use `x in list`)"));
  r.add(def("split", 2, 2, {S, S}, kListType | kNullType, str_split, "split(s: string, sep: string) -> list",
           "the parts of s between occurrences of sep"));
  r.add(def("join", 2, 2, {L, S}, kStringType, str_join, "join(items: list, sep: string) -> string",
           "the items (strings as they are, other values as JSON) joined by sep"));
  r.add(def("replace", 3, 3, {S, S, S}, SN, str_replace, "replace(s: string, old: string, new: string) -> string",
           "s with every occurrence of old replaced by new"));
  r.add(def("to_string", 1, 1, {kAnyType}, kStringType, str_to_string, "to_string(v) -> string",
           "v as text: strings as they are, other values as JSON"));
  r.add(def("quote", 1, 1, {kAnyType}, kStringType, str_quote, "quote(s: string) -> string",
           "s in double quotes with Go %q escapes, as Kubernetes messages quote names"));
}

}  // namespace writ
