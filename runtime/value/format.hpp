// Text renderings of Values: for string interpolation, for JSON output, and
// the field path of a document node.
#pragma once

#include <string>
#include <string_view>

#include "runtime/value/value.hpp"

namespace writ {

// Interpolation form: strings as they are, everything else as JSON.
void append_display(std::string& out, const Value& v);

// JSON text. Invalid UTF-8 in strings is replaced by U+FFFD so that the
// output is always valid JSON.
void append_json(std::string& out, const Value& v);
void append_json_string(std::string& out, std::string_view s);
std::string to_json(const Value& v);

// Shortest round-trip form of a float, always with a '.', 'e', "inf" or "nan".
void append_float(std::string& out, double d);

// The field path of `node` relative to `root` (an ancestor, or the document
// root when null): `spec.containers[1].securityContext`,
// `metadata.annotations["app.kubernetes.io/name"]`. Empty for the root itself.
std::string field_path(const Node* node, const Node* root = nullptr);
// The same, appended to `out` (the VM's reused buffer).
void append_field_path(std::string& out, const Node* node, const Node* root = nullptr);

// Appends one path step: `.name` or `["odd key"]`, or `[i]`. `identifier`
// is is_identifier(key), when the caller knows it already.
void append_path_key(std::string& out, std::string_view key);
void append_path_key(std::string& out, std::string_view key, bool identifier);
void append_path_index(std::string& out, uint32_t i);
// Appends a key step as KeyTable::path_step spells it (`.name` loses its
// dot at the start of a path).
void append_path_step(std::string& out, std::string_view step);

// True for [A-Za-z_][A-Za-z0-9_]*: such keys print as `.key` in paths.
bool is_identifier(std::string_view s);

}  // namespace writ
