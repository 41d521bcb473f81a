#include "runtime/support/status.hpp"

namespace writ {

const std::string& Status::no_message() {
  static const std::string empty;
  return empty;
}

const Span& Status::no_span() {
  static const Span none{};
  return none;
}

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kParseError: return "parse error";
    case StatusCode::kInputError: return "input error";
    case StatusCode::kEvalError: return "evaluation error";
    case StatusCode::kBudgetExceeded: return "budget exceeded";
    case StatusCode::kLimitExceeded: return "limit exceeded";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kIoError: return "i/o error";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

}  // namespace writ
