#include "compiler/parse/tokens.hpp"

#include <antlr4-runtime.h>

#include <set>

#include "Writ.h"
#include "WritLexer.h"
#include "compiler/parse/parser.hpp"
#include "compiler/parse/positions.hpp"

namespace writ {

namespace {

using writ_antlr::Writ;
using writ_antlr::WritLexer;

class StrictLexer : public WritLexer {
 public:
  using WritLexer::WritLexer;
  size_t popMode() override { return modeStack.empty() ? mode : WritLexer::popMode(); }
};

// Collects the token indices that start statements and the braces that hold them.
void mark(antlr4::tree::ParseTree* t, std::set<size_t>* starts, std::set<size_t>* blocks) {
  auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(t);
  if (ctx == nullptr) return;
  auto start_of = [&](antlr4::ParserRuleContext* c) {
    if (c->getStart() != nullptr) starts->insert(c->getStart()->getTokenIndex());
  };
  if (dynamic_cast<Writ::DeclContext*>(ctx) || dynamic_cast<Writ::StmtContext*>(ctx) ||
      dynamic_cast<Writ::MatchFieldContext*>(ctx) || dynamic_cast<Writ::PackageDeclContext*>(ctx) ||
      dynamic_cast<Writ::IfTailContext*>(ctx))
    start_of(ctx);
  auto brace = [&](antlr4::tree::TerminalNode* n) {
    if (n != nullptr) blocks->insert(n->getSymbol()->getTokenIndex());
  };
  if (auto* r = dynamic_cast<Writ::RuleDeclContext*>(ctx)) brace(r->LBRACE());
  if (auto* b = dynamic_cast<Writ::BlockContext*>(ctx)) brace(b->LBRACE());
  if (auto* m = dynamic_cast<Writ::MatchBlockContext*>(ctx)) brace(m->LBRACE());
  if (auto* f = dynamic_cast<Writ::BlockBodyContext*>(ctx)) {
    brace(f->LBRACE());
    for (auto* let : f->LET()) starts->insert(let->getSymbol()->getTokenIndex());
    starts->insert(f->RETURN()->getSymbol()->getTokenIndex());
  }
  for (auto* child : ctx->children) mark(child, starts, blocks);
}

FormatToken::Class classify(size_t type) {
  using C = FormatToken::Class;
  switch (type) {
    case WritLexer::LPAREN: case WritLexer::LBRACKET: case WritLexer::LBRACE: return C::kOpen;
    case WritLexer::RPAREN: case WritLexer::RBRACKET: case WritLexer::RBRACE: return C::kClose;
    case WritLexer::COMMA: return C::kComma;
    case WritLexer::COLON: return C::kColon;
    case WritLexer::DOT: case WritLexer::DOTDOT: return C::kDot;
    case WritLexer::MINUS: return C::kMinus;
    case WritLexer::EQ: case WritLexer::NE: case WritLexer::LE: case WritLexer::GE: case WritLexer::LT:
    case WritLexer::GT: case WritLexer::ASSIGN: case WritLexer::PLUS: case WritLexer::STAR: case WritLexer::SLASH:
    case WritLexer::PERCENT: case WritLexer::COALESCE: case WritLexer::QUESTION: return C::kOperator;
    case WritLexer::COMMENT: return C::kComment;
    case WritLexer::RAW_STRING: return C::kString;
    default: return C::kWord;
  }
}

bool is_keyword(size_t type) { return type >= WritLexer::PACKAGE && type <= WritLexer::COUNT; }

}  // namespace

bool tokenize_for_format(uint32_t file, const SourceMap& sources, Diagnostics& diags, std::vector<FormatToken>* out) {
  // Syntax errors first, with the usual messages.
  size_t before = diags.error_count();
  if (parse_module(file, sources, diags) == nullptr || diags.error_count() > before) return false;
  const std::string& text = sources.text(file);
  antlr4::ANTLRInputStream input(text);
  StrictLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  Writ parser(&tokens);
  parser.removeErrorListeners();
  std::set<size_t> starts, blocks;
  mark(parser.file(), &starts, &blocks);
  const auto& all = tokens.getTokens();
  Positions pos(text);
  for (size_t i = 0; i < all.size(); ++i) {
    antlr4::Token* t = all[i];
    size_t type = t->getType();
    if (type == antlr4::Token::EOF) break;
    FormatToken ft;
    ft.line = static_cast<uint32_t>(t->getLine());
    ft.statement_start = starts.count(i) > 0;
    ft.block_brace = blocks.count(i) > 0;
    // A keyword after `.` is a field name (`glob.match`, `x.count`).
    ft.keyword = is_keyword(type) && !(out->size() > 0 && out->back().text == ".");
    if (type == WritLexer::STRING_START) {
      // The whole literal, verbatim: its text is meaning, not layout.
      size_t depth = 0, j = i;
      for (; j < all.size(); ++j) {
        size_t tt = all[j]->getType();
        if (tt == WritLexer::STRING_START) ++depth;
        if (tt == WritLexer::STRING_END && --depth == 0) break;
      }
      size_t stop = j < all.size() ? all[j]->getStopIndex() : t->getStopIndex();
      ft.cls = FormatToken::Class::kString;
      ft.text = text.substr(pos.byte(t->getStartIndex()), pos.length(t->getStartIndex(), stop));
      ft.end_line = j < all.size() ? static_cast<uint32_t>(all[j]->getLine()) : ft.line;
      out->push_back(std::move(ft));
      i = j;
      continue;
    }
    ft.cls = classify(type);
    ft.text = t->getText();
    if (ft.cls == FormatToken::Class::kComment)
      while (!ft.text.empty() && (ft.text.back() == ' ' || ft.text.back() == '\t' || ft.text.back() == '\r')) ft.text.pop_back();
    ft.end_line = ft.line;
    out->push_back(std::move(ft));
  }
  return true;
}

}  // namespace writ
