// Text renderings of Values: for string interpolation, for JSON output, and
// the field path of a document node.
#pragma once

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>

#include "runtime/support/copy_bytes.hpp"
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
// The same, appended to `out` (the VM's reused buffer): any path, any key.
void append_field_path(std::string& out, const Node* node, const Node* root = nullptr);

// A field path spelled into a buffer on the stack, as every violation needs
// one: the node's path, then the steps a rule named past the last value
// that exists. No allocation, no call per step. ok() turns false when a step
// does not fit or is not spelled this way (a key only the document knows, a
// path deeper than kSteps nodes); the caller then spells the whole path into
// a string (append_field_path and the append_path_* functions).
class PathBuffer {
 public:
  static constexpr size_t kSteps = 32;
  // `path_start`: the first step is the start of the path (`.name` loses its dot).
  explicit PathBuffer(bool path_start = true) : path_start_(path_start) {}

  void node_path(const Node* node, const Node* root);
  // A key step as KeyTable::path_step spells it: `.name` or `["odd key"]`.
  void step(std::string_view spelled) {
    if (len_ == 0 && path_start_ && !spelled.empty() && spelled.front() == '.') spelled.remove_prefix(1);
    if (spelled.size() > sizeof buf_ - len_) return fail();
    copy_bytes(buf_ + len_, spelled.data(), spelled.size());
    len_ += spelled.size();
  }
  void index(uint32_t i) {
    if (len_ + 12 > sizeof buf_) return fail();
    buf_[len_++] = '[';
    len_ = static_cast<size_t>(std::to_chars(buf_ + len_, buf_ + sizeof buf_, i).ptr - buf_);
    buf_[len_++] = ']';
  }
  void fail() { ok_ = false; }
  bool ok() const { return ok_; }
  std::string_view view() const { return {buf_, len_}; }

 private:
  char buf_[512];
  size_t len_ = 0;
  bool path_start_;
  bool ok_ = true;
};

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
