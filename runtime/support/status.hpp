// Status and Result<T>: how writ code reports failure without throwing.
//
// Our own code never throws (STYLE.md house rule 3). A Status is a code, a
// message and, when the failure has a place in a source or input file, a
// Span. Result<T> holds either a T or a non-OK Status, shaped like C++23
// std::expected. WRIT_TRY / WRIT_ASSIGN_OR_RETURN propagate failures.
#pragma once

#include <cassert>
#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "runtime/support/span.hpp"

namespace writ {

enum class StatusCode : unsigned char {
  kOk = 0,
  kInvalidArgument,   // bad usage: unknown param, bad flag value
  kParseError,        // policy source does not parse or check
  kInputError,        // an input document is malformed
  kEvalError,         // a rule failed at run time (type error, bad argument)
  kBudgetExceeded,    // the cost budget ran out
  kLimitExceeded,     // an input limit (size, depth, ...) was hit
  kNotFound,          // a file or stdlib module does not exist
  kIoError,           // reading or writing a file failed
  kInternal,          // a broken invariant: a bug in writ
};

const char* status_code_name(StatusCode code);

// One pointer: null when OK. Builders and decoders return a Status for
// every event (a pod's decoding makes ~500 of them), so an OK Status is
// made, tested and dropped with a single word, where a code, a message
// string and a span cost ~15 instructions each time. Errors, rare, hold
// their details on the heap.
class [[nodiscard]] Status {
 public:
  Status() = default;
  // A kOk code makes an OK status (its message is dropped).
  Status(StatusCode code, std::string message, Span span = {})
      : rep_(code == StatusCode::kOk ? nullptr : std::make_unique<Rep>(Rep{code, std::move(message), span})) {}
  Status(const Status& o) : rep_(o.rep_ ? std::make_unique<Rep>(*o.rep_) : nullptr) {}
  Status(Status&&) noexcept = default;
  Status& operator=(const Status& o) {
    rep_ = o.rep_ ? std::make_unique<Rep>(*o.rep_) : nullptr;
    return *this;
  }
  Status& operator=(Status&&) noexcept = default;

  static Status ok() { return {}; }
  bool is_ok() const { return rep_ == nullptr; }
  explicit operator bool() const { return is_ok(); }

  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  const std::string& message() const { return rep_ ? rep_->message : no_message(); }
  const Span& span() const { return rep_ ? rep_->span : no_span(); }

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    Span span;
  };
  static const std::string& no_message();
  static const Span& no_span();
  std::unique_ptr<Rep> rep_;
};

inline Status error(StatusCode code, std::string message, Span span = {}) {
  return Status(code, std::move(message), span);
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).is_ok()); }  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Status& status() const { return std::get<1>(v_); }
  Status take_status() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace writ

#define WRIT_CONCAT_INNER_(a, b) a##b
#define WRIT_CONCAT_(a, b) WRIT_CONCAT_INNER_(a, b)

// Return the Status from the enclosing function if `expr` is not OK.
#define WRIT_TRY(expr)                          \
  do {                                          \
    ::writ::Status writ_try_status_ = (expr);   \
    if (!writ_try_status_.is_ok()) return writ_try_status_; \
  } while (0)

// `WRIT_ASSIGN_OR_RETURN(auto x, f())`: bind the value or return the Status.
#define WRIT_ASSIGN_OR_RETURN(decl, expr) \
  WRIT_ASSIGN_OR_RETURN_IMPL_(WRIT_CONCAT_(writ_result_, __LINE__), decl, expr)
#define WRIT_ASSIGN_OR_RETURN_IMPL_(tmp, decl, expr)  \
  auto tmp = (expr);                                  \
  if (!tmp.has_value()) return std::move(tmp).take_status(); \
  decl = std::move(tmp).value()

#ifdef NDEBUG
#define WRIT_ASSERT(cond) ((void)0)
#else
#define WRIT_ASSERT(cond) assert(cond)
#endif
