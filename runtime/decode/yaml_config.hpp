// ConfigNode: YAML read for configuration (test suites, params files), with
// the line and column of every node so that errors can point at them.
// Policy inputs use the Document decoder instead; build_document() turns a
// config subtree (an inline object in a test suite) into a Document with
// the same scalar rules.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/support/status.hpp"
#include "runtime/value/document.hpp"
#include "writ/limits.hpp"

namespace writ {

struct ConfigNode {
  // Declared so that ConfigNode is not an aggregate: for an aggregate,
  // clang (libstdc++'s C++20 std::pair) checks `ConfigNode{}` while
  // `entries`' pair type is still incomplete, and fails to compile.
  ConfigNode() = default;
  enum class Kind { kNull, kScalar, kList, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;    // kScalar: the text
  bool plain = true;     // an unquoted, untagged scalar (resolves to bool/int/... )
  std::string tag;       // an explicit tag, if any
  uint32_t line = 0;     // 1-based
  uint32_t column = 0;
  std::vector<std::pair<std::string, ConfigNode>> entries;  // kMap, in order
  std::vector<ConfigNode> items;                             // kList

  const ConfigNode* get(std::string_view key) const {
    for (const auto& [k, v] : entries)
      if (k == key) return &v;
    return nullptr;
  }
  bool is_map() const { return kind == Kind::kMap; }
  bool is_list() const { return kind == Kind::kList; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  // A plain scalar `none`, `true`... compared as text.
  bool is_text(std::string_view t) const { return kind == Kind::kScalar && scalar == t; }
};

// Every document of a YAML stream. Errors carry the line and column in the
// Span (file left unset).
Result<std::vector<ConfigNode>> parse_config_yaml(std::string_view text);

// Replaces `doc` with the value of `node`, resolving scalars as the YAML
// decoder does.
Status build_document(const ConfigNode& node, Document& doc, const InputLimits& limits = {});

}  // namespace writ
