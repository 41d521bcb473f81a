// cidr.contains, cidr.is_ip: IP address ranges, IPv4 and IPv6, for rules
// over audit-log source IPs and Service externalIPs. A constant range (or
// list of ranges) is parsed once, when the policy is compiled; an invalid
// one is then a compile-time error.
//
// Addresses are parsed strictly, as Go's net/netip does: dotted-quad IPv4
// without leading zeros, RFC 4291 IPv6 text (with `::` and an IPv4 tail), no
// zone (`%eth0`). An IPv4-mapped IPv6 address (`::ffff:10.1.2.3`) is
// compared as the IPv4 address it carries. A range is `address/bits`; bits
// set after the prefix are ignored (`10.1.2.3/8` is `10.0.0.0/8`), and a
// bare address is a range of one (/32 or /128).
#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "stdlib/native/args.hpp"
#include "stdlib/native/registry.hpp"

namespace writ {

namespace {

using native::def;

struct Net {
  bool v6 = false;
  std::array<uint8_t, 16> addr{};  // IPv4 in the first 4 bytes
  int bits = 0;                    // prefix length
};

bool parse_ip(std::string_view s, Net* out) {
  if (s.empty() || s.size() > 45) return false;
  char buf[64];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  Net n;
  if (s.find(':') == std::string_view::npos) {
    if (inet_pton(AF_INET, buf, n.addr.data()) != 1) return false;
    n.bits = 32;
  } else {
    if (inet_pton(AF_INET6, buf, n.addr.data()) != 1) return false;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(n.addr.data(), mapped, 12) == 0) {  // ::ffff:a.b.c.d is a.b.c.d
      std::memmove(n.addr.data(), n.addr.data() + 12, 4);
      std::memset(n.addr.data() + 4, 0, 12);
      n.bits = 32;
    } else {
      n.v6 = true;
      n.bits = 128;
    }
  }
  *out = n;
  return true;
}

// "address/bits" or a bare address. Range addresses are not unmapped: a
// range written in IPv6 stays IPv6.
bool parse_cidr(std::string_view s, Net* out, std::string* error) {
  auto bad = [&](const std::string& why) {
    *error = "'" + std::string(s) + "' " + why;
    return false;
  };
  size_t slash = s.find('/');
  std::string_view a = slash == std::string_view::npos ? s : s.substr(0, slash);
  Net n;
  char buf[64];
  if (a.empty() || a.size() > 45) return bad("is not an IP address or CIDR range");
  std::memcpy(buf, a.data(), a.size());
  buf[a.size()] = '\0';
  bool v6 = a.find(':') != std::string_view::npos;
  if (inet_pton(v6 ? AF_INET6 : AF_INET, buf, n.addr.data()) != 1) return bad("is not an IP address or CIDR range");
  n.v6 = v6;
  int max = v6 ? 128 : 32;
  n.bits = max;
  if (slash != std::string_view::npos) {
    std::string_view b = s.substr(slash + 1);
    bool ok = !b.empty() && b.size() <= 3 && (b.size() == 1 || b[0] != '0');
    int bits = 0;
    for (char ch : b) {
      ok = ok && ch >= '0' && ch <= '9';
      bits = bits * 10 + (ch - '0');
    }
    if (!ok || bits > max) return bad("has a bad prefix length: it must be 0 to " + std::to_string(max));
    n.bits = bits;
  }
  // Clear the bits after the prefix.
  for (int i = 0; i < 16; ++i) {
    int keep = n.bits - i * 8;
    if (keep >= 8) continue;
    n.addr[static_cast<size_t>(i)] &= keep <= 0 ? 0 : static_cast<uint8_t>(0xff << (8 - keep));
  }
  *out = n;
  return true;
}

// Whether `x` (an address, or a range) lies inside `net`.
bool inside(const Net& net, const Net& x) {
  if (net.v6 != x.v6 || x.bits < net.bits) return false;
  int full = net.bits / 8, rest = net.bits % 8;
  if (std::memcmp(net.addr.data(), x.addr.data(), static_cast<size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  auto mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (x.addr[static_cast<size_t>(full)] & mask) == net.addr[static_cast<size_t>(full)];
}

using Nets = std::vector<Net>;

// The ranges of a string or a list of strings.
bool parse_ranges(const Value& v, Nets* out, std::string* error) {
  if (v.type == Type::String) {
    Net n;
    if (!parse_cidr(v.str(), &n, error)) return false;
    out->push_back(n);
    return true;
  }
  if (v.type != Type::List) {
    *error = "the range must be a string or a list of strings";
    return false;
  }
  for (uint32_t i = 0; i < v.len; ++i) {
    Value item = list_at(v, i);
    if (item.type != Type::String) {
      *error = "item " + std::to_string(i + 1) + " of the ranges must be a string, got " + a_type(item.type);
      return false;
    }
    Net n;
    if (!parse_cidr(item.str(), &n, error)) return false;
    out->push_back(n);
  }
  return true;
}

std::shared_ptr<const void> prepare_ranges(const Value& constant, std::string* error) {
  auto nets = std::make_shared<Nets>();
  if (!parse_ranges(constant, nets.get(), error)) return nullptr;
  return nets;
}

bool c_contains(NativeCall& c) {
  if (native::null_in_null_out(c)) return true;
  if (!native::expect(c, 1, Type::String)) return false;
  Nets parsed;
  const Nets* nets = static_cast<const Nets*>(c.prepared);
  if (nets == nullptr) {
    if (c.args[0].type != Type::String && c.args[0].type != Type::List)
      return c.fail("argument 1 must be a string or a list, got " + a_type(c.args[0].type));
    if (!c.charge(c.args[0].type == Type::List ? c.args[0].len * 4 + 1 : 4)) return false;
    std::string err;
    if (!parse_ranges(c.args[0], &parsed, &err)) return c.fail(err);
    nets = &parsed;
  }
  Net x;
  std::string err;
  std::string_view s = c.args[1].str();
  bool ok = s.find('/') == std::string_view::npos ? parse_ip(s, &x) : parse_cidr(s, &x, &err);
  if (!ok) return c.fail("'" + std::string(s) + "' is not an IP address or CIDR range");
  if (!c.charge(nets->size() + 1)) return false;
  bool hit = false;
  for (const Net& n : *nets) hit = hit || inside(n, x);
  c.result = Value::boolean(hit);
  return true;
}

bool c_is_ip(NativeCall& c) {
  if (native::null_in_null_out(c)) return true;
  if (!native::expect(c, 0, Type::String)) return false;
  Net x;
  c.result = Value::boolean(parse_ip(c.args[0].str(), &x));
  return true;
}

}  // namespace

void register_cidr(NativeRegistry& r) {
  NativeDescriptor contains =
      def("contains", 2, 2, {kStringType | kListType | kNullType, kStringType | kNullType}, kBoolType | kNullType,
          c_contains, "cidr.contains(range: string | list, ip: string) -> bool",
          "whether the IPv4 or IPv6 address (or range) ip lies inside the CIDR range, or inside any range of a list",
          "cidr");
  contains.prepare = prepare_ranges;
  contains.prepare_arg = 0;
  r.add(std::move(contains));
  r.add(def("is_ip", 1, 1, {kStringType | kNullType}, kBoolType | kNullType, c_is_ip, "cidr.is_ip(s: string) -> bool",
            "whether s is an IPv4 or IPv6 address", "cidr"));
}

}  // namespace writ
