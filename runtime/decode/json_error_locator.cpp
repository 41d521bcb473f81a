// A small JSON syntax checker that only runs after simdjson rejected a
// document: simdjson says *that* the text is invalid, this says *where*.
#include <vector>

#include "runtime/decode/json_decoder.hpp"

namespace writ {

namespace {

class Locator {
 public:
  explicit Locator(std::string_view t) : t_(t) {}

  bool run(DecodeError* err) {
    skip_ws();
    if (!value()) return report(err);
    skip_ws();
    if (pos_ < t_.size()) {
      msg_ = "unexpected text after the JSON value";
      return report(err);
    }
    return false;
  }

 private:
  bool report(DecodeError* err) {
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < pos_ && i < t_.size(); ++i) {
      if (t_[i] == '\n') { ++line; col = 1; } else { ++col; }
    }
    err->message = "invalid JSON: " + msg_;
    err->line = line;
    err->column = col;
    return true;
  }
  void skip_ws() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }
  bool fail(const char* m) { msg_ = m; return false; }
  bool literal(std::string_view word) {
    if (t_.substr(pos_, word.size()) != word) return fail("unknown literal (expected true, false or null)");
    pos_ += word.size();
    return true;
  }
  bool string() {
    ++pos_;  // opening quote
    while (pos_ < t_.size()) {
      char c = t_[pos_];
      if (c == '"') { ++pos_; return true; }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= t_.size()) break;
        char e = t_[pos_];
        if (e == 'u') {
          for (int k = 1; k <= 4; ++k)
            if (pos_ + k >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[pos_ + k])))
              return fail("bad \\u escape in a string");
          pos_ += 4;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return fail("bad escape in a string");
        }
      }
      ++pos_;
    }
    return fail("unterminated string");
  }
  bool number() {
    size_t start = pos_;
    if (t_[pos_] == '-') ++pos_;
    auto digits = [&] {
      size_t s = pos_;
      while (pos_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[pos_]))) ++pos_;
      return pos_ > s;
    };
    if (!digits()) { pos_ = start; return fail("bad number"); }
    if (pos_ < t_.size() && t_[pos_] == '.') { ++pos_; if (!digits()) return fail("bad number"); }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("bad number");
    }
    return true;
  }
  // Iterative over containers so hostile nesting cannot overflow the stack.
  bool value() {
    std::vector<char> stack;  // '{' or '['
    for (;;) {
      skip_ws();
      if (pos_ >= t_.size()) return fail("unexpected end of input");
      char c = t_[pos_];
      bool scalar_done = false;
      if (c == '{' || c == '[') {
        stack.push_back(c);
        ++pos_;
        skip_ws();
        if (pos_ < t_.size() && t_[pos_] == (c == '{' ? '}' : ']')) { ++pos_; scalar_done = true; stack.pop_back(); }
        else if (c == '{') { if (!key()) return false; continue; }
        else continue;
      } else if (c == '"') { if (!string()) return false; scalar_done = true; }
      else if (c == 't') { if (!literal("true")) return false; scalar_done = true; }
      else if (c == 'f') { if (!literal("false")) return false; scalar_done = true; }
      else if (c == 'n') { if (!literal("null")) return false; scalar_done = true; }
      else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) { if (!number()) return false; scalar_done = true; }
      else return fail("unexpected character");
      (void)scalar_done;
      // After a value: close containers or expect a comma.
      for (;;) {
        if (stack.empty()) return true;
        skip_ws();
        if (pos_ >= t_.size()) return fail("unexpected end of input");
        char open = stack.back();
        char d = t_[pos_];
        if (d == ',') {
          ++pos_;
          if (open == '{') { skip_ws(); if (!key()) return false; }
          break;
        }
        if (d == (open == '{' ? '}' : ']')) { ++pos_; stack.pop_back(); continue; }
        return fail(open == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }
  bool key() {
    skip_ws();
    if (pos_ >= t_.size() || t_[pos_] != '"') return fail("expected a string key");
    if (!string()) return false;
    skip_ws();
    if (pos_ >= t_.size() || t_[pos_] != ':') return fail("expected ':' after a key");
    ++pos_;
    return true;
  }

  std::string_view t_;
  size_t pos_ = 0;
  std::string msg_;
};

}  // namespace

bool locate_json_error(std::string_view text, DecodeError* err) { return Locator(text).run(err); }

}  // namespace writ
