// regex.match, regex.find, regex.replace: RE2, so matching is linear in the
// input whatever the pattern (a policy can never ReDoS the host). A
// constant pattern is compiled once, when the policy is compiled.
#include <re2/re2.h>

#include "stdlib/native/args.hpp"
#include "stdlib/native/registry.hpp"

namespace writ {

namespace {

using native::def;
using native::expect;
using native::null_in_null_out;

std::shared_ptr<const void> prepare_regex(const Value& pattern, std::string* error) {
  if (pattern.type != Type::String) {
    *error = "the pattern must be a string";
    return nullptr;
  }
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(8 << 20);
  auto re = std::make_shared<RE2>(re2::StringPiece(pattern.s, pattern.len), opts);
  if (!re->ok()) {
    *error = "invalid regular expression: " + re->error();
    return nullptr;
  }
  return re;
}

// The compiled pattern: prepared at compile time, or compiled now.
const RE2* pattern_of(NativeCall& c, std::shared_ptr<const void>* holder) {
  if (c.prepared != nullptr) return static_cast<const RE2*>(c.prepared);
  std::string err;
  if (!c.charge(c.args[0].len * 4 + 100)) return nullptr;
  *holder = prepare_regex(c.args[0], &err);
  if (*holder == nullptr) {
    c.fail(err);
    return nullptr;
  }
  return static_cast<const RE2*>(holder->get());
}

bool r_match(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!expect(c, 0, Type::String) || !expect(c, 1, Type::String)) return false;
  std::shared_ptr<const void> holder;
  const RE2* re = pattern_of(c, &holder);
  if (re == nullptr) return false;
  if (!c.charge(c.args[1].len / 8 + 1)) return false;
  c.result = Value::boolean(RE2::PartialMatch(re2::StringPiece(c.args[1].s, c.args[1].len), *re));
  return true;
}

bool r_find(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!expect(c, 0, Type::String) || !expect(c, 1, Type::String)) return false;
  std::shared_ptr<const void> holder;
  const RE2* re = pattern_of(c, &holder);
  if (re == nullptr) return false;
  if (!c.charge(c.args[1].len / 8 + 1)) return false;
  re2::StringPiece text(c.args[1].s, c.args[1].len), m;
  if (!re->Match(text, 0, text.size(), RE2::UNANCHORED, &m, 1)) {
    c.result = Value::null();
    return true;
  }
  c.result = Value::string({m.data(), m.size()});
  return true;
}

bool r_replace(NativeCall& c) {
  if (null_in_null_out(c)) return true;
  if (!expect(c, 0, Type::String) || !expect(c, 1, Type::String) || !expect(c, 2, Type::String)) return false;
  std::shared_ptr<const void> holder;
  const RE2* re = pattern_of(c, &holder);
  if (re == nullptr) return false;
  if (!c.charge(c.args[1].len / 4 + 1)) return false;
  std::string s(c.args[1].str());
  RE2::GlobalReplace(&s, *re, re2::StringPiece(c.args[2].s, c.args[2].len));
  c.result = c.make_string(s);
  return true;
}

}  // namespace

void register_regex(NativeRegistry& r) {
  const TypeSet S = kStringType | kNullType;
  auto add = [&](NativeDescriptor d) {
    d.prepare = prepare_regex;
    d.prepare_arg = 0;
    r.add(std::move(d));
  };
  add(def("match", 2, 2, {kStringType, S}, kBoolType | kNullType, r_match, "regex.match(pattern: string, s: string) -> bool",
          "whether the RE2 pattern matches somewhere in s (anchor with ^ and $)", "regex"));
  add(def("find", 2, 2, {kStringType, S}, S, r_find, "regex.find(pattern: string, s: string) -> string",
          "the first match of the pattern in s, or null", "regex"));
  add(def("replace", 3, 3, {kStringType, S, kStringType}, S, r_replace,
          "regex.replace(pattern: string, s: string, with: string) -> string",
          "s with every match replaced (\\1 refers to a group)", "regex"));
}

}  // namespace writ
