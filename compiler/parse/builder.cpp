// Builds our AST from ANTLR's parse tree. Only runs on a tree without syntax
// errors, but still checks what the grammar cannot: literal ranges, escape
// sequences, versions, nesting depth.
#include "compiler/parse/builder.hpp"
#include "compiler/parse/positions.hpp"

#include <charconv>
#include <filesystem>

namespace writ {

namespace {

using writ_antlr::Writ;
using namespace ast;

class Builder {
 public:
  Builder(uint32_t file, Diagnostics& diags, uint32_t max_depth, std::string_view text)
      : file_(file), diags_(diags), max_depth_(max_depth), pos_(text) {}

  // Spans are in bytes; ANTLR's indices are code points.
  Span span(antlr4::Token* t) const {
    if (t == nullptr) return Span{file_, 0, 0, 0};
    size_t start = t->getStartIndex(), stop = t->getStopIndex();
    uint32_t len = stop >= start && stop != static_cast<size_t>(-1) ? pos_.length(start, stop) : 1;
    return Span{file_, static_cast<uint32_t>(t->getLine()), pos_.column(start), len};
  }
  Span span(antlr4::tree::TerminalNode* n) const { return span(n ? n->getSymbol() : nullptr); }
  // A context's span: its first token, extended to its last token when both
  // are on the same line.
  Span span(antlr4::ParserRuleContext* ctx) const {
    Span s = span(ctx->getStart());
    antlr4::Token* stop = ctx->getStop();
    if (stop != nullptr && stop->getLine() == ctx->getStart()->getLine() && stop->getStopIndex() >= ctx->getStart()->getStartIndex())
      s.length = pos_.length(ctx->getStart()->getStartIndex(), stop->getStopIndex());
    return s;
  }

  // ---------------------------------------------------------- declarations

  std::unique_ptr<Module> module(Writ::FileContext* ctx, const std::string& path) {
    auto m = std::make_unique<Module>();
    m->file = file_;
    m->path = path;
    if (auto* p = ctx->packageDecl()) {
      m->package = qualified(p->qualifiedName());
      m->package_span = span(p->qualifiedName());
    } else {
      m->package = std::filesystem::path(path).stem().string();
      m->package_span = Span{file_, 1, 1, 1};
    }
    for (Writ::DeclContext* d : ctx->decl()) decl(d, *m);
    return m;
  }

  std::string qualified(Writ::QualifiedNameContext* q) {
    std::string out;
    for (auto* n : q->name()) {
      if (!out.empty()) out += '.';
      out += n->getText();
    }
    return out;
  }

  void decl(Writ::DeclContext* d, Module& m) {
    if (auto* c = dynamic_cast<Writ::ImportDeclContext*>(d)) {
      Import imp;
      imp.span = span(c);
      if (c->qualifiedName() != nullptr) {
        imp.target = qualified(c->qualifiedName());
        imp.alias = c->qualifiedName()->name().back()->getText();
      } else {
        imp.is_path = true;
        imp.target = plain_string(c->stringLit());
        imp.alias = std::filesystem::path(imp.target).stem().string();
      }
      if (c->ID() != nullptr) imp.alias = c->ID()->getText();
      m.imports.push_back(std::move(imp));
    } else if (auto* c = dynamic_cast<Writ::ParamDeclContext*>(d)) {
      ParamDecl p;
      p.name = c->ID()->getText();
      p.span = span(c->ID());
      if (c->expr() != nullptr) p.default_value = expr(c->expr());
      m.params.push_back(std::move(p));
    } else if (auto* c = dynamic_cast<Writ::FnDeclContext*>(d)) {
      m.fns.push_back(fn(c));
    } else if (auto* c = dynamic_cast<Writ::RuleDeclContext*>(d)) {
      m.rules.push_back(rule(c));
    } else if (auto* c = dynamic_cast<Writ::FileMatchDeclContext*>(d)) {
      m.file_matches.push_back(match(c->matchBlock()));
    } else if (auto* c = dynamic_cast<Writ::VersionedDeclContext*>(d)) {
      KubeVersion lo = version(c->VERSION(0)), hi = version(c->VERSION(1));
      if (m.versioned) diags_.error(span(c), "a package has only one `versioned` declaration");
      if (lo > hi) diags_.error(span(c), "the version range is empty: " + c->VERSION(0)->getText() + " is after " + c->VERSION(1)->getText());
      m.versioned = {lo, hi};
      m.versioned_span = span(c);
    } else if (auto* c = dynamic_cast<Writ::ExtendsDeclContext*>(d)) {
      m.extends.emplace_back(qualified(c->qualifiedName()), span(c->qualifiedName()));
    } else if (auto* c = dynamic_cast<Writ::ConstDeclContext*>(d)) {
      ConstDecl k;
      k.name = c->ID()->getText();
      k.span = span(c->ID());
      k.value = expr(c->expr());
      m.consts.push_back(std::move(k));
    } else if (auto* c = dynamic_cast<Writ::StrayStmtDeclContext*>(d)) {
      std::string word = c->stmt()->getStart()->getText();
      diags_.error(span(c->stmt()->getStart()), "`" + word + "` must be inside a rule");
    }
  }

  KubeVersion version(antlr4::tree::TerminalNode* t) {
    KubeVersion v = 0;
    if (!parse_kube_version(t->getText(), &v)) diags_.error(span(t), "'" + t->getText() + "' is not a version like v1.25");
    return v;
  }

  FnDecl fn(Writ::FnDeclContext* c) {
    FnDecl f;
    f.name = c->ID()->getText();
    f.span = span(c->ID());
    if (c->idList() != nullptr)
      for (auto* id : c->idList()->ID()) {
        f.params.push_back(id->getText());
        f.param_spans.push_back(span(id));
      }
    if (auto* b = dynamic_cast<Writ::ExprBodyContext*>(c->fnBody())) {
      f.body = expr(b->expr());
    } else if (auto* b = dynamic_cast<Writ::BlockBodyContext*>(c->fnBody())) {
      auto ids = b->ID();
      auto exprs = b->expr();
      for (size_t i = 0; i < ids.size(); ++i) {
        f.lets.emplace_back(ids[i]->getText(), expr(exprs[i]));
        f.let_spans.push_back(span(ids[i]));
      }
      f.body = expr(exprs.back());
    }
    return f;
  }

  RuleDecl rule(Writ::RuleDeclContext* c) {
    RuleDecl r;
    r.name = c->ID()->getText();
    r.span = span(c->ID());
    for (auto* cl : c->ruleClause()) {
      if (auto* s = dynamic_cast<Writ::SinceClauseContext*>(cl)) {
        if (r.since) diags_.error(span(s), "`since` given twice");
        r.since = version(s->VERSION());
        r.since_span = span(s);
      } else if (auto* o = dynamic_cast<Writ::OverridesClauseContext*>(cl)) {
        for (auto* id : o->ID()) r.overrides.push_back(id->getText());
        r.overrides_span = span(o);
      }
    }
    for (auto* s : c->stmt()) rule_stmt(s, r, r.body);
    return r;
  }

  // Statements of a rule body; metadata (severity, description, match) is
  // only allowed at the top level of the rule.
  void rule_stmt(Writ::StmtContext* s, RuleDecl& r, std::vector<StmtPtr>& out, bool top = true) {
    if (auto* c = dynamic_cast<Writ::SeverityStmtContext*>(s)) {
      Severity sev;
      if (!parse_severity(c->ID()->getText(), &sev))
        diags_.error(span(c->ID()), "unknown severity '" + c->ID()->getText() + "' (use info, low, medium, high or critical)");
      else if (!top) diags_.error(span(c), "`severity` belongs at the top of a rule, not inside a block");
      else if (r.severity) diags_.error(span(c), "`severity` given twice");
      else r.severity = sev;
      return;
    }
    if (auto* c = dynamic_cast<Writ::DescriptionStmtContext*>(s)) {
      if (!top) diags_.error(span(c), "`description` belongs at the top of a rule, not inside a block");
      r.description = plain_string(c->stringLit());
      return;
    }
    if (auto* c = dynamic_cast<Writ::MatchStmtContext*>(s)) {
      if (!top) diags_.error(span(c), "`match` belongs at the top of a rule, not inside a block");
      r.matches.push_back(match(c->matchBlock()));
      return;
    }
    if (StmtPtr st = stmt(s, r)) out.push_back(std::move(st));
  }

  std::vector<StmtPtr> block(Writ::BlockContext* b, RuleDecl& r) {
    std::vector<StmtPtr> out;
    for (auto* s : b->stmt()) rule_stmt(s, r, out, false);
    return out;
  }

  StmtPtr if_chain(Writ::ExprContext* cond, Writ::BlockContext* then, Writ::BlockContext* otherwise,
                   Writ::IfTailContext* tail, Span sp, RuleDecl& r) {
    auto st = std::make_unique<Stmt>(StmtKind::kIf, sp);
    st->cond = expr(cond);
    st->body = block(then, r);
    if (otherwise != nullptr) st->else_body = block(otherwise, r);
    else if (tail != nullptr)
      st->else_body.push_back(if_chain(tail->cond, tail->then, tail->otherwise, tail->ifTail(), span(tail), r));
    return st;
  }

  StmtPtr stmt(Writ::StmtContext* s, RuleDecl& r) {
    if (auto* c = dynamic_cast<Writ::LetStmtContext*>(s)) {
      auto st = std::make_unique<Stmt>(StmtKind::kLet, span(c->ID()));
      st->name = c->ID()->getText();
      st->value = expr(c->expr());
      return st;
    }
    if (auto* c = dynamic_cast<Writ::ForStmtContext*>(s)) {
      auto st = std::make_unique<Stmt>(StmtKind::kFor, span(c->ID(0)));
      for (auto* id : c->ID()) st->vars.push_back(id->getText());
      st->value = expr(c->iter);
      if (c->filter != nullptr) st->cond = expr(c->filter);
      st->body = block(c->block(), r);
      return st;
    }
    if (auto* c = dynamic_cast<Writ::IfStmtContext*>(s))
      return if_chain(c->cond, c->then, c->otherwise, c->ifTail(), span(c->IF()), r);
    if (auto* c = dynamic_cast<Writ::EmitStmtContext*>(s)) {
      auto st = std::make_unique<Stmt>(StmtKind::kEmit, span(c->action));
      std::string a = c->action->getText();
      st->action = a == "deny" ? Action::kDeny : a == "warn" ? Action::kWarn : Action::kAudit;
      st->value = expr(c->msg);
      if (c->atExpr != nullptr) st->at = expr(c->atExpr);
      if (c->cond != nullptr) st->cond = expr(c->cond);
      return st;
    }
    return nullptr;
  }

  MatchBlock match(Writ::MatchBlockContext* c) {
    MatchBlock mb;
    mb.span = span(c->MATCH());
    for (auto* f : c->matchField()) {
      MatchField mf;
      mf.name = f->name()->getText();
      mf.span = span(f->name());
      mf.value = expr(f->expr());
      mb.fields.push_back(std::move(mf));
    }
    return mb;
  }

  // ----------------------------------------------------------- expressions

  ExprPtr make(ExprKind k, Span s) { return std::make_unique<Expr>(k, s); }

  ExprPtr binary(ast::Op op, ExprPtr a, ExprPtr b, Span s) {
    auto e = make(ExprKind::kBinary, s);
    e->op = op;
    e->a = std::move(a);
    e->b = std::move(b);
    return e;
  }

  // Depth guard: left-deep chains (a + b + c ...) are built in loops, but
  // every later pass recurses over the tree.
  void deeper(Span s) {
    if (++depth_ > max_depth_ && !depth_reported_) {
      depth_reported_ = true;
      diags_.error(s, "expression nested deeper than " + std::to_string(max_depth_) + " levels");
    }
  }

  ExprPtr expr(Writ::ExprContext* c) {
    if (c == nullptr) return make(ExprKind::kNull, Span{file_, 0, 0, 0});
    deeper(span(c));
    ExprPtr e = or_expr(c->orExpr());
    if (c->QUESTION() != nullptr) {
      auto cond = make(ExprKind::kCond, span(c->QUESTION()));
      cond->a = std::move(e);
      cond->b = expr(c->expr(0));
      cond->c = expr(c->expr(1));
      e = std::move(cond);
    }
    --depth_;
    return e;
  }

  template <typename Ctx, typename Sub, typename Next>
  ExprPtr chain(Ctx* c, std::vector<Sub*> parts, Next next, ast::Op op, size_t tok) {
    ExprPtr e = (this->*next)(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      deeper(span(parts[i]));
      e = binary(op, std::move(e), (this->*next)(parts[i]), span(c->getToken(tok, i - 1)));
    }
    depth_ -= parts.size() - 1;
    return e;
  }

  ExprPtr or_expr(Writ::OrExprContext* c) { return chain(c, c->andExpr(), &Builder::and_expr, ast::Op::kOr, Writ::OR); }
  ExprPtr and_expr(Writ::AndExprContext* c) { return chain(c, c->notExpr(), &Builder::not_expr, ast::Op::kAnd, Writ::AND); }

  ExprPtr not_expr(Writ::NotExprContext* c) {
    if (c->NOT() != nullptr) {
      auto e = make(ExprKind::kUnary, span(c->NOT()));
      e->op = ast::Op::kNot;
      e->a = not_expr(c->notExpr());
      return e;
    }
    return cmp_expr(c->cmpExpr());
  }

  ExprPtr cmp_expr(Writ::CmpExprContext* c) {
    auto parts = c->coalesceExpr();
    ExprPtr e = coalesce_expr(parts[0]);
    if (parts.size() == 1) return e;
    Writ::CmpOpContext* o = c->cmpOp();
    ast::Op op = ast::Op::kEq;
    if (o->EQ()) op = ast::Op::kEq;
    else if (o->NE()) op = ast::Op::kNe;
    else if (o->LT()) op = ast::Op::kLt;
    else if (o->LE()) op = ast::Op::kLe;
    else if (o->GT()) op = ast::Op::kGt;
    else if (o->GE()) op = ast::Op::kGe;
    else if (o->NOT()) op = ast::Op::kNotIn;
    else op = ast::Op::kIn;
    return binary(op, std::move(e), coalesce_expr(parts[1]), span(o));
  }

  ExprPtr coalesce_expr(Writ::CoalesceExprContext* c) {
    return chain(c, c->addExpr(), &Builder::add_expr, ast::Op::kCoalesce, Writ::COALESCE);
  }

  ExprPtr add_expr(Writ::AddExprContext* c) {
    auto parts = c->mulExpr();
    ExprPtr e = mul_expr(parts[0]);
    // Operators are the odd children between the operands.
    for (size_t i = 1; i < parts.size(); ++i) {
      auto* tok = dynamic_cast<antlr4::tree::TerminalNode*>(c->children[2 * i - 1]);
      deeper(span(parts[i]));
      ast::Op op = tok->getSymbol()->getType() == Writ::PLUS ? ast::Op::kAdd : ast::Op::kSub;
      e = binary(op, std::move(e), mul_expr(parts[i]), span(tok));
    }
    depth_ -= parts.size() - 1;
    return e;
  }

  ExprPtr mul_expr(Writ::MulExprContext* c) {
    auto parts = c->unaryExpr();
    ExprPtr e = unary_expr(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      auto* tok = dynamic_cast<antlr4::tree::TerminalNode*>(c->children[2 * i - 1]);
      deeper(span(parts[i]));
      size_t t = tok->getSymbol()->getType();
      ast::Op op = t == Writ::STAR ? ast::Op::kMul : t == Writ::SLASH ? ast::Op::kDiv : ast::Op::kMod;
      e = binary(op, std::move(e), unary_expr(parts[i]), span(tok));
    }
    depth_ -= parts.size() - 1;
    return e;
  }

  ExprPtr unary_expr(Writ::UnaryExprContext* c) {
    if (c->MINUS() != nullptr) {
      // Fold -<number literal> right away so -9223372036854775808 fits.
      Writ::UnaryExprContext* inner = c->unaryExpr();
      if (inner->postfixExpr() != nullptr && inner->postfixExpr()->postfix().empty()) {
        auto* prim = inner->postfixExpr()->primary();
        if (auto* i = dynamic_cast<Writ::IntLitContext*>(prim)) return int_literal(i->INT(), true, span(c));
        if (auto* f = dynamic_cast<Writ::FloatLitContext*>(prim)) {
          auto e = float_literal(f->FLOAT());
          e->float_value = -e->float_value;
          e->span = span(c);
          return e;
        }
      }
      auto e = make(ExprKind::kUnary, span(c->MINUS()));
      e->op = ast::Op::kNeg;
      e->a = unary_expr(inner);
      return e;
    }
    return postfix_expr(c->postfixExpr());
  }

  ExprPtr postfix_expr(Writ::PostfixExprContext* c) {
    ExprPtr e = primary(c->primary());
    size_t n = 0;
    for (auto* p : c->postfix()) {
      deeper(span(p));
      ++n;
      if (auto* m = dynamic_cast<Writ::MemberPostfixContext*>(p)) {
        auto x = make(ExprKind::kMember, span(m->name()));
        x->a = std::move(e);
        x->text = m->name()->getText();
        e = std::move(x);
      } else if (auto* i = dynamic_cast<Writ::IndexPostfixContext*>(p)) {
        auto x = make(ExprKind::kIndex, span(i));
        x->a = std::move(e);
        x->b = expr(i->expr());
        e = std::move(x);
      } else if (auto* s = dynamic_cast<Writ::SlicePostfixContext*>(p)) {
        auto x = make(ExprKind::kSlice, span(s));
        x->a = std::move(e);
        if (s->lo != nullptr) x->b = expr(s->lo);
        if (s->hi != nullptr) x->c = expr(s->hi);
        e = std::move(x);
      } else if (auto* call = dynamic_cast<Writ::CallPostfixContext*>(p)) {
        Span sp = e->span;
        auto x = make(ExprKind::kCall, sp);
        x->a = std::move(e);
        for (auto* arg : call->expr()) x->items.push_back(expr(arg));
        e = std::move(x);
      }
    }
    depth_ -= n;
    return e;
  }

  ExprPtr int_literal(antlr4::tree::TerminalNode* t, bool negative, Span sp) {
    auto e = make(ExprKind::kInt, sp);
    std::string text = (negative ? "-" : "") + t->getText();
    auto r = std::from_chars(text.data(), text.data() + text.size(), e->int_value);
    if (r.ec != std::errc()) diags_.error(sp, "integer literal " + text + " does not fit in 64 bits");
    return e;
  }

  ExprPtr float_literal(antlr4::tree::TerminalNode* t) {
    auto e = make(ExprKind::kFloat, span(t));
    std::string text = t->getText();
    auto r = std::from_chars(text.data(), text.data() + text.size(), e->float_value);
    if (r.ec != std::errc()) diags_.error(span(t), "float literal " + text + " is out of range");
    return e;
  }

  void comprehension_vars(std::vector<antlr4::tree::TerminalNode*> ids, Expr& e) {
    for (auto* id : ids) e.vars.push_back(id->getText());
  }

  ExprPtr primary(Writ::PrimaryContext* p) {
    if (auto* c = dynamic_cast<Writ::IntLitContext*>(p)) return int_literal(c->INT(), false, span(c->INT()));
    if (auto* c = dynamic_cast<Writ::FloatLitContext*>(p)) return float_literal(c->FLOAT());
    if (auto* c = dynamic_cast<Writ::TrueLitContext*>(p)) {
      auto e = make(ExprKind::kBool, span(c));
      e->bool_value = true;
      return e;
    }
    if (auto* c = dynamic_cast<Writ::FalseLitContext*>(p)) return make(ExprKind::kBool, span(c));
    if (auto* c = dynamic_cast<Writ::NullLitContext*>(p)) return make(ExprKind::kNull, span(c));
    if (auto* c = dynamic_cast<Writ::StringPrimaryContext*>(p)) return string(c->stringLit());
    if (auto* c = dynamic_cast<Writ::NamePrimaryContext*>(p)) {
      auto e = make(ExprKind::kName, span(c->ID()));
      e->text = c->ID()->getText();
      return e;
    }
    if (auto* c = dynamic_cast<Writ::ParenPrimaryContext*>(p)) return expr(c->expr());
    if (auto* c = dynamic_cast<Writ::ListLitContext*>(p)) {
      auto e = make(ExprKind::kList, span(c->LBRACKET()));
      for (auto* x : c->expr()) e->items.push_back(expr(x));
      return e;
    }
    if (auto* c = dynamic_cast<Writ::MapLitContext*>(p)) {
      auto e = make(ExprKind::kMap, span(c->LBRACE()));
      for (auto* entry : c->mapEntry()) e->entries.push_back({map_key(entry->mapKey()), expr(entry->expr())});
      return e;
    }
    if (auto* c = dynamic_cast<Writ::ListCompContext*>(p)) {
      auto e = make(ExprKind::kListComp, span(c->FOR()));
      e->a = expr(c->body);
      comprehension_vars(c->ID(), *e);
      e->b = expr(c->iter);
      if (c->filter != nullptr) e->c = expr(c->filter);
      return e;
    }
    if (auto* c = dynamic_cast<Writ::MapCompContext*>(p)) {
      auto e = make(ExprKind::kMapComp, span(c->FOR()));
      e->a = expr(c->keyExpr);
      e->d = expr(c->valueExpr);
      comprehension_vars(c->ID(), *e);
      e->b = expr(c->iter);
      if (c->filter != nullptr) e->c = expr(c->filter);
      return e;
    }
    if (auto* c = dynamic_cast<Writ::QuantifierContext*>(p)) {
      auto e = make(ExprKind::kQuant, span(c->quant));
      std::string q = c->quant->getText();
      e->quant = q == "any" ? Quant::kAny : q == "all" ? Quant::kAll : Quant::kCount;
      comprehension_vars(c->ID(), *e);
      e->b = expr(c->iter);
      e->a = expr(c->body);
      return e;
    }
    diags_.error(span(p), "unsupported expression");
    return make(ExprKind::kNull, span(p));
  }

  ExprPtr map_key(Writ::MapKeyContext* k) {
    if (auto* c = dynamic_cast<Writ::NameKeyContext*>(k)) {
      auto e = make(ExprKind::kString, span(c));
      e->text = c->name()->getText();
      return e;
    }
    if (auto* c = dynamic_cast<Writ::StringKeyContext*>(k)) return string(c->stringLit());
    auto* c = dynamic_cast<Writ::ExprKeyContext*>(k);
    return expr(c->expr());
  }

  // ----------------------------------------------------------------- strings

  bool escape(antlr4::tree::TerminalNode* t, std::string* out) {
    char c = t->getText()[1];
    switch (c) {
      case 'n': *out += '\n'; return true;
      case 't': *out += '\t'; return true;
      case 'r': *out += '\r'; return true;
      case '0': *out += '\0'; return true;
      case '"': case '\\': case '{': case '}': *out += c; return true;
      default:
        diags_.error(span(t), std::string("unknown escape '\\") + c + "' (use \\n \\t \\r \\0 \\\" \\\\ \\{ or \\})");
        return false;
    }
  }

  ExprPtr string(Writ::StringLitContext* s) {
    if (auto* raw = dynamic_cast<Writ::RawStringContext*>(s)) {
      auto e = make(ExprKind::kString, span(raw));
      std::string t = raw->RAW_STRING()->getText();
      e->text = t.substr(2, t.size() - 3);
      return e;
    }
    auto* c = dynamic_cast<Writ::InterpStringContext*>(s);
    std::vector<ExprPtr> parts;
    std::string text;
    Span text_span = span(c);
    for (auto* part : c->stringPart()) {
      if (auto* t = dynamic_cast<Writ::TextPartContext*>(part)) {
        text += t->getText();
      } else if (auto* esc = dynamic_cast<Writ::EscapePartContext*>(part)) {
        escape(esc->STRING_ESCAPE(), &text);
      } else if (auto* ip = dynamic_cast<Writ::InterpPartContext*>(part)) {
        if (!text.empty()) {
          auto lit = make(ExprKind::kString, text_span);
          lit->text = std::move(text);
          text.clear();
          parts.push_back(std::move(lit));
        }
        parts.push_back(expr(ip->expr()));
      }
    }
    if (parts.empty()) {
      auto e = make(ExprKind::kString, span(c));
      e->text = std::move(text);
      return e;
    }
    if (!text.empty()) {
      auto lit = make(ExprKind::kString, text_span);
      lit->text = std::move(text);
      parts.push_back(std::move(lit));
    }
    auto e = make(ExprKind::kInterp, span(c));
    e->items = std::move(parts);
    return e;
  }

  // A string that must not interpolate (imports, descriptions).
  std::string plain_string(Writ::StringLitContext* s) {
    ExprPtr e = string(s);
    if (e->kind != ExprKind::kString) {
      diags_.error(span(s), "interpolation is not allowed here");
      return {};
    }
    return e->text;
  }

 private:
  uint32_t file_;
  Diagnostics& diags_;
  uint32_t max_depth_;
  uint32_t depth_ = 0;
  bool depth_reported_ = false;
  Positions pos_;
};

}  // namespace

std::unique_ptr<ast::Module> build_module(Writ::FileContext* tree, uint32_t file, const SourceMap& sources,
                                          Diagnostics& diags, uint32_t max_depth) {
  size_t before = diags.error_count();
  auto m = Builder(file, diags, max_depth, sources.text(file)).module(tree, sources.name(file));
  if (diags.error_count() > before) return nullptr;
  return m;
}

ast::ExprPtr build_expression(Writ::ExprContext* tree, uint32_t file, const SourceMap& sources, Diagnostics& diags,
                              uint32_t max_depth) {
  size_t before = diags.error_count();
  auto e = Builder(file, diags, max_depth, sources.text(file)).expr(tree);
  if (diags.error_count() > before) return nullptr;
  return e;
}

}  // namespace writ
