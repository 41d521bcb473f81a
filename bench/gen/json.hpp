// A small ordered JSON value for the pod generator.
//
// Objects keep insertion order (like JavaScript objects, which the peers'
// generator serializes), so output is stable and readable; `operator[]`
// appends a missing key, `erase` removes one. Only what the generator needs:
// no floats (every number it writes is an integer), compact serialization.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace writ::bench {

class Json {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInt, kString, kArray, kObject };

  Json() = default;
  Json(bool b) : kind_(Kind::kBool), b_(b) {}                                   // NOLINT: literal-like
  Json(int v) : kind_(Kind::kInt), i_(v) {}                                     // NOLINT
  Json(int64_t v) : kind_(Kind::kInt), i_(v) {}                                 // NOLINT
  Json(const char* s) : kind_(Kind::kString), s_(s) {}                         // NOLINT
  Json(std::string s) : kind_(Kind::kString), s_(std::move(s)) {}              // NOLINT
  Json(std::string_view s) : kind_(Kind::kString), s_(s) {}                     // NOLINT

  static Json object() { Json j; j.kind_ = Kind::kObject; return j; }
  static Json array() { Json j; j.kind_ = Kind::kArray; return j; }
  static Json array(std::vector<Json> items) { Json j = array(); j.items_ = std::move(items); return j; }
  // {k1: v1, k2: v2, ...} in the given order.
  static Json object(std::vector<std::pair<std::string, Json>> members) {
    Json j = object(); j.members_ = std::move(members); return j;
  }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool as_bool() const { return b_; }
  int64_t as_int() const { return i_; }
  const std::string& as_string() const { return s_; }

  // Object access: a missing key is appended (as null) and returned.
  Json& operator[](std::string_view key);
  // nullptr when the key is absent.
  Json* find(std::string_view key);
  const Json* find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }
  void erase(std::string_view key);
  std::vector<std::pair<std::string, Json>>& members() { return members_; }
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }

  // Array access.
  std::vector<Json>& items() { return items_; }
  const std::vector<Json>& items() const { return items_; }
  void push(Json v) { items_.push_back(std::move(v)); }
  size_t size() const { return kind_ == Kind::kArray ? items_.size() : members_.size(); }

  // Compact JSON, escaped as JavaScript's JSON.stringify does.
  void write(std::string& out) const;

 private:
  Kind kind_ = Kind::kNull;
  bool b_ = false;
  int64_t i_ = 0;
  std::string s_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

}  // namespace writ::bench
