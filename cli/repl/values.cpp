#include "cli/repl/values.hpp"

#include <cmath>

#include "runtime/value/document.hpp"
#include "runtime/value/format.hpp"

namespace writ::cli::repl {

namespace {

// jq's palette: keys blue, strings green, numbers plain, true/false/null dim.
constexpr const char* kKey = "\033[34;1m";
constexpr const char* kString = "\033[32m";
constexpr const char* kLiteral = "\033[35m";
constexpr const char* kReset = "\033[0m";

class Printer {
 public:
  explicit Printer(const PrettyOptions& o) : o_(o) {}

  // `column`: where on its line the value starts (after indentation and key).
  void value(const Value& v, size_t indent, size_t column) {
    if (v.type != Type::List && v.type != Type::Map) {
      scalar(v);
      return;
    }
    if (v.len == 0) {
      out_ += v.type == Type::List ? "[]" : "{}";
      return;
    }
    // One line if it fits after the indentation (and the key, roughly).
    std::string flat;
    append_flat(flat, v);
    if (column + flat.size() <= o_.width && !has_nested_container(v)) {
      Printer p(o_);
      p.flat(v);
      out_ += p.out_;
      return;
    }
    std::string pad(indent + 2, ' ');
    out_ += v.type == Type::List ? "[\n" : "{\n";
    for (uint32_t j = 0; j < v.len; ++j) {
      out_ += pad;
      if (v.type == Type::Map) {
        std::string_view k = map_key_at(v, j);
        key(k);
        out_ += ": ";
        value(map_value_at(v, j), indent + 2, pad.size() + k.size() + 4);
      } else {
        value(list_at(v, j), indent + 2, pad.size());
      }
      if (j + 1 < v.len) out_ += ',';
      out_ += '\n';
    }
    out_ += std::string(indent, ' ');
    out_ += v.type == Type::List ? "]" : "}";
  }

  std::string take() { return std::move(out_); }

 private:
  // Containers of scalars stay on one line; a container holding containers
  // is laid out over lines unless it is short, like [[1, 2], [3]].
  bool has_nested_container(const Value& v) const {
    std::string flat;
    append_flat(flat, v);
    if (flat.size() <= 40) return false;
    for (uint32_t j = 0; j < v.len; ++j) {
      Value x = v.type == Type::List ? list_at(v, j) : map_value_at(v, j);
      if ((x.type == Type::List || x.type == Type::Map) && x.len > 0) return true;
    }
    return false;
  }

  static void append_flat(std::string& out, const Value& v) {
    if (v.type == Type::List) {
      out += '[';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) out += ", ";
        append_flat(out, list_at(v, j));
      }
      out += ']';
    } else if (v.type == Type::Map) {
      out += '{';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) out += ", ";
        append_json_string(out, map_key_at(v, j));
        out += ": ";
        append_flat(out, map_value_at(v, j));
      }
      out += '}';
    } else {
      append_json(out, v);
    }
  }

  void flat(const Value& v) {
    if (v.type == Type::List) {
      out_ += '[';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) out_ += ", ";
        flat(list_at(v, j));
      }
      out_ += ']';
    } else if (v.type == Type::Map) {
      out_ += '{';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) out_ += ", ";
        key(map_key_at(v, j));
        out_ += ": ";
        flat(map_value_at(v, j));
      }
      out_ += '}';
    } else {
      scalar(v);
    }
  }

  void key(std::string_view k) {
    std::string s;
    append_json_string(s, k);
    paint(kKey, s);
  }

  void scalar(const Value& v) {
    std::string s;
    if (v.type == Type::Float && !std::isfinite(v.f)) append_float(s, v.f);  // JSON would say null
    else append_json(s, v);
    if (v.type == Type::String) paint(kString, s);
    else if (v.type == Type::Null || v.type == Type::Bool) paint(kLiteral, s);
    else out_ += s;
  }

  void paint(const char* color, const std::string& s) {
    if (!o_.color) {
      out_ += s;
      return;
    }
    out_ += color;
    out_ += s;
    out_ += kReset;
  }

  const PrettyOptions& o_;
  std::string out_;
};

}  // namespace

std::string pretty(const Value& v, const PrettyOptions& options) {
  Printer p(options);
  p.value(v, 0, 0);
  return p.take();
}

std::string writ_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\0': out += "\\0"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

bool to_literal(const Value& v, std::string* out) {
  switch (v.type) {
    case Type::Null: *out += "null"; return true;
    case Type::Bool: *out += v.b ? "true" : "false"; return true;
    case Type::Int: *out += std::to_string(v.i); return true;
    case Type::Float:
      if (!std::isfinite(v.f)) return false;
      append_float(*out, v.f);
      return true;
    case Type::String: *out += writ_string(v.str()); return true;
    case Type::List:
      *out += '[';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) *out += ", ";
        if (!to_literal(list_at(v, j), out)) return false;
      }
      *out += ']';
      return true;
    case Type::Map:
      *out += '{';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) *out += ", ";
        *out += writ_string(map_key_at(v, j));
        *out += ": ";
        if (!to_literal(map_value_at(v, j), out)) return false;
      }
      *out += '}';
      return true;
  }
  return false;
}

}  // namespace writ::cli::repl
