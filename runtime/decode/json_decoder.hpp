// JSON → Document, through simdjson (the hot path for AdmissionReviews,
// audit logs and JSON Lines).
//
// A JsonDecoder keeps simdjson's buffers between documents: decode one input
// after another with the same decoder (one per thread) and it stops
// allocating. Errors name the line and column of the first syntax error.
#pragma once

#include <memory>
#include <string_view>

#include "runtime/support/status.hpp"
#include "runtime/value/document.hpp"
#include "writ/limits.hpp"

namespace writ {

struct DecodeError {
  std::string message;
  uint32_t line = 0;    // 1-based within the decoded text; 0 if unknown
  uint32_t column = 0;  // 1-based
};

class JsonDecoder {
 public:
  explicit JsonDecoder(InputLimits limits = {});
  ~JsonDecoder();
  JsonDecoder(const JsonDecoder&) = delete;
  JsonDecoder& operator=(const JsonDecoder&) = delete;

  // Replaces the contents of `doc` with the JSON value in `text`.
  bool decode(std::string_view text, Document& doc, DecodeError* err);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  InputLimits limits_;
};

// Finds the first JSON syntax error in `text` (for messages only: slow).
// Returns false if the text is well-formed.
bool locate_json_error(std::string_view text, DecodeError* err);

}  // namespace writ
