#include "runtime/value/format.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

#include "runtime/value/document.hpp"

namespace writ {

void append_float(std::string& out, double d) {
  if (std::isnan(d)) { out += "nan"; return; }
  if (std::isinf(d)) { out += d < 0 ? "-inf" : "inf"; return; }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view s(buf, static_cast<size_t>(r.ptr - buf));
  out += s;
  if (s.find_first_of(".e") == std::string_view::npos) out += ".0";
}

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not valid.
static size_t utf8_seq_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;                                  // overlong
  if (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) return 0;             // overlong
  if (n == 3 && c == 0xED && b(i + 1) >= 0xA0) return 0;            // surrogates
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && b(i + 1) < 0x90) || (c == 0xF4 && b(i + 1) >= 0x90))) return 0;
  return n;
}

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = utf8_seq_len(s, i);
      if (n == 0) { out += "\\ufffd"; ++i; continue; }
      out.append(s.data() + i, n);
      i += n;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void append_json(std::string& out, const Value& v) {
  switch (v.type) {
    case Type::Null: out += "null"; return;
    case Type::Bool: out += v.b ? "true" : "false"; return;
    case Type::Int: out += std::to_string(v.i); return;
    case Type::Float:
      if (!std::isfinite(v.f)) { out += "null"; return; }  // JSON has no inf/nan
      append_float(out, v.f);
      return;
    case Type::String: append_json_string(out, v.str()); return;
    case Type::List:
      out += '[';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) out += ',';
        append_json(out, list_at(v, j));
      }
      out += ']';
      return;
    case Type::Map:
      out += '{';
      for (uint32_t j = 0; j < v.len; ++j) {
        if (j) out += ',';
        append_json_string(out, map_key_at(v, j));
        out += ':';
        append_json(out, map_value_at(v, j));
      }
      out += '}';
      return;
  }
}

std::string to_json(const Value& v) {
  std::string s;
  append_json(s, v);
  return s;
}

void append_display(std::string& out, const Value& v) {
  if (v.type == Type::String) {
    out.append(v.s, v.len);
  } else {
    append_json(out, v);
  }
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void append_path_key(std::string& out, std::string_view key) { append_path_key(out, key, is_identifier(key)); }

void append_path_key(std::string& out, std::string_view key, bool identifier) {
  if (identifier) {
    if (!out.empty()) out += '.';
    out += key;
  } else {
    out += '[';
    append_json_string(out, key);
    out += ']';
  }
}

void append_path_index(std::string& out, uint32_t i) {
  char digits[12];
  digits[0] = '[';
  char* end = std::to_chars(digits + 1, digits + sizeof digits - 1, i).ptr;
  *end++ = ']';
  out.append(digits, end);
}

void append_path_step(std::string& out, std::string_view step) {
  if (out.empty() && !step.empty() && step.front() == '.') step.remove_prefix(1);
  out.append(step);
}

// Root first: recursion up the parent links (as deep as the document, which
// InputLimits::max_depth bounds), appending on the way back down. An
// interned key is spelled by its table (KeyTable::path_step); a key only
// the document knows (kOverflowKey) is spelled here.
static void append_steps(std::string& out, const Node* n, const Node* root, const Document* doc) {
  if (n == nullptr || n == root || n->parent == nullptr) return;
  append_steps(out, n->parent, root, doc);
  uint32_t j = n->index_in_parent();
  if (n->parent->type != Type::Map) return append_path_index(out, j);
  KeyId id = n->parent->keys()[j];
  if (id & kOverflowKey) append_path_key(out, doc->key_name(id));
  else append_path_step(out, doc->key_table()->path_step(id));
}

// The parent links walked once into an array, then the steps copied root
// first. A key the table does not know (kOverflowKey) or a path deeper than
// kSteps makes it fail: append_field_path then takes append_steps.
void PathBuffer::node_path(const Node* node, const Node* root) {
  if (node == nullptr) return;
  const Node* chain[kSteps];
  size_t depth = 0;
  const Node* top = node;
  for (; top != root && top->parent != nullptr; top = top->parent) {
    if (depth == kSteps) return fail();
    chain[depth++] = top;
  }
  if (depth == 0) return;
  while (top->parent != nullptr) top = top->parent;
  const KeyTable* keys = (top - 1)->doc->key_table();
  while (depth > 0 && ok_) {
    const Node* c = chain[--depth];
    uint32_t j = c->index_in_parent();
    if (c->parent->type != Type::Map) {
      index(j);
      continue;
    }
    KeyId id = c->parent->keys()[j];
    if (id & kOverflowKey) return fail();
    step(keys->path_step(id));
  }
}

void append_field_path(std::string& out, const Node* node, const Node* root) {
  PathBuffer path(out.empty());
  path.node_path(node, root);
  if (path.ok()) out.append(path.view());
  else append_steps(out, node, root, node->document());
}

std::string field_path(const Node* node, const Node* root) {
  std::string out;
  append_field_path(out, node, root);
  return out;
}

}  // namespace writ
