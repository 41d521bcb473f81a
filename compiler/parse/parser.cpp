// The ANTLR adapter: runs the generated lexer and parser, turns ANTLR's
// errors into diagnostics a policy author understands, and hands the parse
// tree to the builder (builder.cpp).
#include "compiler/parse/parser.hpp"

#include <antlr4-runtime.h>

#include <algorithm>
#include <cstdio>

#include "Writ.h"
#include "WritLexer.h"
#include "compiler/parse/builder.hpp"
#include "compiler/parse/positions.hpp"
#include "runtime/support/utf8.hpp"

namespace writ {

namespace {

using writ_antlr::Writ;
using writ_antlr::WritLexer;

// A `}` with no matching `{` must not pop an empty mode stack: leave the
// mode alone and let the parser report the stray brace.
class Lexer : public WritLexer {
 public:
  using WritLexer::WritLexer;
  size_t popMode() override {
    if (modeStack.empty()) return mode;
    return WritLexer::popMode();
  }
};

std::string token_words(size_t type, const std::string& text) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case WritLexer::ID: return "name '" + text + "'";
    case WritLexer::INT:
    case WritLexer::FLOAT: return "number " + text;
    case WritLexer::STRING_START:
    case WritLexer::RAW_STRING: return "a string";
    case WritLexer::VERSION: return "version " + text;
    case WritLexer::UNKNOWN_CHAR: return "character '" + text + "'";
    case WritLexer::UNTERMINATED_STRING: return "end of line inside a string";
    default: return "'" + text + "'";
  }
}

std::string expected_words(const antlr4::misc::IntervalSet& set, const antlr4::dfa::Vocabulary& vocab) {
  if (set.contains(static_cast<size_t>(WritLexer::INT)) && set.contains(static_cast<size_t>(WritLexer::ID)) &&
      set.contains(static_cast<size_t>(WritLexer::STRING_START)))
    return "an expression";
  std::vector<std::string> words;
  for (size_t t : set.toList()) {
    if (t == antlr4::Token::EOF) { words.push_back("end of file"); continue; }
    if (t == WritLexer::ID) { words.push_back("a name"); continue; }
    if (t == WritLexer::STRING_START || t == WritLexer::RAW_STRING) { words.push_back("a string"); continue; }
    if (t == WritLexer::VERSION) { words.push_back("a version like v1.25"); continue; }
    if (t == WritLexer::INT || t == WritLexer::FLOAT) { words.push_back("a number"); continue; }
    std::string lit = vocab.getLiteralName(t);
    if (!lit.empty()) words.push_back(lit);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  if (words.empty() || words.size() > 6) return "";
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  ErrorCollector(uint32_t file, Diagnostics& diags, uint32_t max, std::string_view text)
      : file_(file), diags_(diags), max_(max), pos_(text) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t col,
                   const std::string& msg, std::exception_ptr) override {
    if (count_ >= max_ || line == last_line_) return;  // one error per line: the rest is usually fallout
    last_line_ = line;
    ++count_;
    Span span{file_, static_cast<uint32_t>(line), static_cast<uint32_t>(col + 1), 1};
    std::string text;
    if (offending != nullptr) {
      text = offending->getText();
      if (offending->getStartIndex() != static_cast<size_t>(-1)) span.column = pos_.column(offending->getStartIndex());
      if (offending->getType() != antlr4::Token::EOF) span.length = static_cast<uint32_t>(std::max<size_t>(1, text.size()));
    }
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser == nullptr) {  // lexer
      diags_.error(span, "unexpected character in the source");
      return;
    }
    size_t type = offending ? offending->getType() : antlr4::Token::EOF;
    if (type == WritLexer::UNTERMINATED_STRING) {
      diags_.error(span, "unterminated string: a string must end on the line it starts (missing '\"')");
      return;
    }
    if (type == WritLexer::RBRACE && msg.rfind("extraneous", 0) == 0) {
      diags_.error(span, "unexpected '}': it has no matching '{'");
      return;
    }
    if (type == WritLexer::ASSIGN) {
      diags_.error(span, "unexpected '=': to compare, write '=='");
      return;
    }
    std::string expected = expected_words(parser->getExpectedTokens(), parser->getVocabulary());
    std::string message;
    if (msg.rfind("missing ", 0) == 0 && !expected.empty())
      message = "expected " + expected + " before " + token_words(type, text);
    else
      message = "unexpected " + token_words(type, text) + (expected.empty() ? "" : ", expected " + expected);
    diags_.error(span, message);
  }

  uint32_t count() const { return count_; }

 private:
  uint32_t file_;
  Diagnostics& diags_;
  uint32_t max_;
  uint32_t count_ = 0;
  size_t last_line_ = 0;
  Positions pos_;
};

// Rejects bracket nesting deeper than the limit before ANTLR's recursive
// descent can exhaust the stack on a hostile file.
bool check_nesting(antlr4::CommonTokenStream& tokens, uint32_t file, uint32_t max_depth, Diagnostics& diags) {
  tokens.fill();
  uint32_t depth = 0, prefix_run = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    size_t type = t->getType();
    bool open = type == WritLexer::LPAREN || type == WritLexer::LBRACKET || type == WritLexer::LBRACE ||
                type == WritLexer::INTERP_START;
    bool close = type == WritLexer::RPAREN || type == WritLexer::RBRACKET || type == WritLexer::RBRACE;
    prefix_run = (type == WritLexer::MINUS || type == WritLexer::NOT) ? prefix_run + 1 : 0;
    if (open) ++depth;
    if (close && depth > 0) --depth;
    if (depth > max_depth || prefix_run > max_depth) {
      diags.error(Span{file, static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine() + 1), 1},
                  "nesting deeper than " + std::to_string(max_depth) + " levels");
      return false;
    }
  }
  tokens.seek(0);
  return true;
}

template <typename Fn>
auto with_parser(uint32_t file, const SourceMap& sources, Diagnostics& diags, const ParseOptions& options, Fn fn)
    -> decltype(fn(std::declval<Writ&>(), std::declval<ErrorCollector&>())) {
  const std::string& text = sources.text(file);
  if (text.size() > options.max_source_bytes) {
    diags.error(Span{file, 1, 1, 1}, "policy file larger than " + std::to_string(options.max_source_bytes) + " bytes");
    return nullptr;
  }
  if (size_t bad = utf8::first_invalid(text); bad != std::string::npos) {
    size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    line_start = (bad == 0 || line_start == std::string::npos) ? 0 : line_start + 1;
    uint32_t line = 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    diags.error(Span{file, line, static_cast<uint32_t>(bad - line_start + 1), 1},
                std::string("invalid UTF-8 (byte ") + hex + "): policy files must be UTF-8");
    return nullptr;
  }
  // Everything ANTLR does is inside the try: nothing it throws may escape.
  try {
    antlr4::ANTLRInputStream input(text);
    Lexer lexer(&input);
    ErrorCollector errors(file, diags, options.max_errors, text);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&errors);
    antlr4::CommonTokenStream tokens(&lexer);
    if (!check_nesting(tokens, file, options.max_depth, diags)) return nullptr;
    Writ parser(&tokens);
    parser.removeErrorListeners();
    // Two stages, as ANTLR recommends: SLL prediction is linear and right
    // for almost every input, but bails out at the first syntax error or
    // true ambiguity; full LL then parses again and reports errors. LL
    // alone spent seconds in full-context prediction on a 100,000-item
    // list literal.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      return fn(parser, errors);
    } catch (const antlr4::ParseCancellationException&) {
    }
    tokens.seek(0);
    parser.reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.addErrorListener(&errors);
    return fn(parser, errors);
  } catch (const std::exception& e) {
    diags.error(Span{file, 1, 1, 1}, std::string("internal parser error: ") + e.what());
    return nullptr;
  }
}

}  // namespace

std::unique_ptr<ast::Module> parse_module(uint32_t file, const SourceMap& sources, Diagnostics& diags,
                                          const ParseOptions& options) {
  return with_parser(file, sources, diags, options, [&](Writ& parser, ErrorCollector& errors) -> std::unique_ptr<ast::Module> {
    Writ::FileContext* tree = parser.file();
    if (errors.count() > 0) return nullptr;
    return build_module(tree, file, sources, diags, options.max_depth);
  });
}

ast::ExprPtr parse_expression(uint32_t file, const SourceMap& sources, Diagnostics& diags, const ParseOptions& options) {
  return with_parser(file, sources, diags, options, [&](Writ& parser, ErrorCollector& errors) -> ast::ExprPtr {
    Writ::ExprOnlyContext* tree = parser.exprOnly();
    if (errors.count() > 0) return nullptr;
    return build_expression(tree->expr(), file, sources, diags, options.max_depth);
  });
}

}  // namespace writ
