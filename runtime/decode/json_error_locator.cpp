// A small JSON checker that only runs after a document was refused, by
// simdjson (syntax, numbers) or by the tree builder (duplicate keys): they
// say *that* the text is refused, this says *where*.
#include <charconv>
#include <cmath>
#include <set>
#include <string>
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
    err->message = msg_;
    err->line = line;
    err->column = col;
    return true;
  }
  void skip_ws() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }
  bool fail(const char* m) {
    msg_ = std::string("invalid JSON: ") + m;
    return false;
  }
  // Valid JSON that writ still refuses.
  bool refuse(size_t at, std::string m) {
    pos_ = at;
    msg_ = std::move(m);
    return false;
  }
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
    bool integer = true;
    if (pos_ < t_.size() && t_[pos_] == '.') integer = false;  // (checked above)
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      integer = false;
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("bad number");
    }
    return in_range(start, integer);
  }
  // The same outcome as YAML's (yaml_scalars.hpp): out of range is refused.
  bool in_range(size_t start, bool integer) {
    std::string_view text = t_.substr(start, pos_ - start);
    bool ok;
    if (integer) {
      int64_t i;
      auto r = std::from_chars(text.data(), text.data() + text.size(), i);
      ok = r.ec == std::errc();
    } else {
      double f;
      auto r = std::from_chars(text.data(), text.data() + text.size(), f);
      // Underflow reads as zero; overflow is refused.
      ok = r.ec == std::errc() ? std::isfinite(f) : !overflows(text);
    }
    if (ok) return true;
    return refuse(start, "number out of range: " + std::string(text.substr(0, 40)) + (text.size() > 40 ? "..." : "") +
                             " (integers are 64-bit; floats must be finite)");
  }
  static bool overflows(std::string_view text) {
    size_t e = text.find_first_of("eE");
    std::string_view mantissa = text.substr(0, e);
    int64_t magnitude = 0;
    bool leading = true;
    for (char c : mantissa) {
      if (c == '.') break;
      if (c >= '1' && c <= '9') leading = false;
      if (!leading && c >= '0' && c <= '9') ++magnitude;
    }
    if (e != std::string_view::npos) {
      std::string_view exp = text.substr(e + 1);
      bool neg = !exp.empty() && exp[0] == '-';
      int64_t x = 0;
      for (char c : exp)
        if (c >= '0' && c <= '9') x = std::min<int64_t>(x * 10 + (c - '0'), 1'000'000);
      magnitude += neg ? -x : x;
    }
    return magnitude > 0;
  }
  // Iterative over containers so hostile nesting cannot overflow the stack.
  bool value() {
    std::vector<char>& stack = stack_;  // '{' or '['
    for (;;) {
      skip_ws();
      if (pos_ >= t_.size()) return fail("unexpected end of input");
      char c = t_[pos_];
      bool scalar_done = false;
      if (c == '{' || c == '[') {
        open(c);
        ++pos_;
        skip_ws();
        if (pos_ < t_.size() && t_[pos_] == (c == '{' ? '}' : ']')) { ++pos_; scalar_done = true; close(); }
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
        char inside = stack.back();
        char d = t_[pos_];
        if (d == ',') {
          ++pos_;
          if (inside == '{') { skip_ws(); if (!key()) return false; }
          break;
        }
        if (d == (inside == '{' ? '}' : ']')) { ++pos_; close(); continue; }
        return fail(inside == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }
  void open(char c) {
    stack_.push_back(c);
    if (c == '{') keys_.emplace_back();
  }
  void close() {
    if (stack_.back() == '{') keys_.pop_back();
    stack_.pop_back();
  }
  bool key() {
    skip_ws();
    if (pos_ >= t_.size() || t_[pos_] != '"') return fail("expected a string key");
    size_t start = pos_;
    if (!string()) return false;
    // As written: a key spelled with different escapes is not caught here
    // (the builder still refuses it, without a position).
    std::string_view name = t_.substr(start + 1, pos_ - start - 2);
    if (!keys_.back().insert(name).second) return refuse(start, "duplicate key \"" + std::string(name) + "\"");
    skip_ws();
    if (pos_ >= t_.size() || t_[pos_] != ':') return fail("expected ':' after a key");
    ++pos_;
    return true;
  }

  std::string_view t_;
  size_t pos_ = 0;
  std::string msg_;
  std::vector<char> stack_;                      // open containers, '{' or '['
  std::vector<std::set<std::string_view>> keys_;  // keys seen, per open object
};

}  // namespace

bool locate_json_error(std::string_view text, DecodeError* err) { return Locator(text).run(err); }

}  // namespace writ
