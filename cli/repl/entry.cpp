#include "cli/repl/entry.hpp"

#include <filesystem>

namespace writ::cli::repl {

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

namespace {

struct Token {
  enum Kind { kWord, kNumber, kString, kPunct } kind;
  std::string text;  // a string's contents, without quotes (interpolations left as written)
};

// Walks the entry the way the lexer would, calling `on_token` for words,
// strings and punctuation, and tracking bracket depth. A string's
// interpolation `{...}` is a bracket too: an entry cannot end inside one.
struct Scanner {
  explicit Scanner(std::string_view text) : s(text) {}
  std::string_view s;
  size_t i = 0;
  int depth = 0;
  bool stray_close = false;
  // Modes of the brace stack: true = the `{` opened an interpolation, so the
  // matching `}` returns into a string.
  std::vector<bool> braces;

  template <typename Fn>
  void run(Fn&& on_token) {
    while (i < s.size()) {
      char c = s[i];
      if (c == '#') {
        while (i < s.size() && s[i] != '\n') ++i;
      } else if (c == 'r' && i + 1 < s.size() && s[i + 1] == '"' && (i == 0 || !is_identifier_char(s[i - 1]))) {
        size_t start = i + 2;
        i = start;
        while (i < s.size() && s[i] != '"' && s[i] != '\n') ++i;
        on_token(Token{Token::kString, std::string(s.substr(start, i - start))});
        if (i < s.size() && s[i] == '"') ++i;
      } else if (c == '"') {
        ++i;
        string_body(on_token);
      } else if (is_identifier_char(c)) {
        size_t start = i;
        while (i < s.size() && (is_identifier_char(s[i]) || (s[i] == '.' && i + 1 < s.size() && is_identifier_char(s[i + 1]))))
          ++i;
        bool number = c >= '0' && c <= '9';
        on_token(Token{number ? Token::kNumber : Token::kWord, std::string(s.substr(start, i - start))});
      } else {
        if (c == '(' || c == '[' || c == '{') {
          ++depth;
          if (c == '{') braces.push_back(false);
        } else if (c == ')' || c == ']' || c == '}') {
          if (depth == 0) stray_close = true;
          else --depth;
          if (c == '}' && !braces.empty()) {
            bool interp = braces.back();
            braces.pop_back();
            if (interp) {
              ++i;
              string_body(on_token);
              continue;
            }
          }
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') on_token(Token{Token::kPunct, std::string(1, c)});
        ++i;
      }
    }
  }

  // From just after `"` (or after the `}` of an interpolation) to the closing
  // quote, a `{` that opens an interpolation, or the end of the line (an
  // unterminated string: the compiler reports it, the entry is not held open).
  template <typename Fn>
  void string_body(Fn&& on_token) {
    std::string text;
    while (i < s.size()) {
      char c = s[i];
      if (c == '\\' && i + 1 < s.size() && s[i + 1] != '\n') {
        text += s.substr(i, 2);
        i += 2;
      } else if (c == '"') {
        ++i;
        break;
      } else if (c == '\n') {
        break;
      } else if (c == '{') {
        ++i;
        ++depth;
        braces.push_back(true);
        break;
      } else {
        text += c;
        ++i;
      }
    }
    on_token(Token{Token::kString, std::move(text)});
  }
};

std::vector<Token> tokens(std::string_view text, size_t max) {
  std::vector<Token> out;
  Scanner sc(text);
  sc.run([&](Token&& t) {
    if (out.size() < max) out.push_back(std::move(t));
  });
  return out;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!is_identifier_char(c)) return false;
  return true;
}

}  // namespace

bool entry_complete(std::string_view text) {
  Scanner sc(text);
  Token last{Token::kPunct, ""};
  sc.run([&](Token&& t) { last = std::move(t); });
  if (sc.stray_close) return true;
  if (sc.depth > 0) return false;
  // A line that ends with an operator (or `=`, or a comma) cannot be the
  // end of an entry: the operand is on the next line. Commands are one line.
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == ':') return true;
  if (last.kind == Token::kPunct) return last.text.empty() || std::string_view("=+-*/%,.?:<>!").find(last.text[0]) == std::string_view::npos;
  if (last.kind == Token::kWord) return last.text != "and" && last.text != "or" && last.text != "not" && last.text != "in";
  return true;
}

std::vector<std::string> leading_words(std::string_view text, size_t max_words) {
  std::vector<std::string> out;
  for (Token& t : tokens(text, max_words))
    if (t.kind == Token::kWord) out.push_back(std::move(t.text));
  return out;
}

EntryKind classify(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return EntryKind::kEmpty;
  if (text[first] == ':') return EntryKind::kCommand;
  std::vector<Token> t = tokens(text, 2);
  if (t.empty()) return text[first] == '#' ? EntryKind::kEmpty : EntryKind::kExpression;
  if (t[0].kind != Token::kWord) return EntryKind::kExpression;
  const std::string& w = t[0].text;
  // `let` at the top level is a declaration; `match` followed by `{` is a
  // file-level match block, but `match` alone may be a name.
  if (w == "let" || w == "fn" || w == "param" || w == "import" || w == "rule") return EntryKind::kDeclaration;
  if (w == "package" || w == "versioned" || w == "extends" || (w == "match" && t.size() > 1 && t[1].text == "{"))
    return EntryKind::kUnsupported;
  if (w == "deny" || w == "warn" || w == "audit" || w == "for" || w == "if" || w == "severity" || w == "description")
    return EntryKind::kStatement;
  return EntryKind::kExpression;
}

bool declaration_name(std::string_view text, DeclName* out) {
  std::vector<Token> t = tokens(text, 5);
  if (t.size() < 2 || t[0].kind != Token::kWord) return false;
  out->keyword = t[0].text;
  if (out->keyword == "import") {
    out->space = DeclName::kImport;
    if (t[1].kind == Token::kString) {
      out->target = t[1].text;
      out->name = std::filesystem::path(out->target).stem().string();
    } else if (t[1].kind == Token::kWord) {
      out->target = t[1].text;
      out->name = out->target.substr(out->target.rfind('.') + 1);
    } else {
      return false;
    }
    if (t.size() >= 4 && t[2].kind == Token::kWord && t[2].text == "as" && t[3].kind == Token::kWord) out->name = t[3].text;
    return !out->name.empty();
  }
  if (t[1].kind != Token::kWord || !is_identifier(t[1].text)) return false;
  out->name = t[1].text;
  if (out->keyword == "param") out->space = DeclName::kParam;
  else if (out->keyword == "rule") out->space = DeclName::kRule;
  else out->space = DeclName::kValue;
  return true;
}

std::string blank_prefix(std::string_view text, size_t n) {
  std::string out(text);
  for (size_t i = 0; i < n && i < out.size(); ++i)
    if (out[i] != '\n') out[i] = ' ';
  return out;
}

}  // namespace writ::cli::repl
