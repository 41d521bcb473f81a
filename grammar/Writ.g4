// The writ policy language: the parser grammar. C++ is generated from this
// file and WritLexer.g4 at build time
// (see CMakeLists.txt); the parse tree never leaves compiler/parse/.
//
// Newlines are not significant: statements start with a keyword, so
//   warn "..."
//     if cond
// is one statement. Strings interpolate `{expr}`; the lexer switches modes
// so that an interpolated expression may itself contain strings and braces.
parser grammar Writ;

// Tokens come from WritLexer.g4: string interpolation needs lexer modes,
// which ANTLR only allows in a separate lexer grammar.
options { tokenVocab = WritLexer; }

// ---------------------------------------------------------------- parser

file
  : packageDecl? decl* EOF
  ;

packageDecl
  : PACKAGE qualifiedName
  ;

qualifiedName
  : name (DOT name)*
  ;

decl
  : IMPORT (qualifiedName | stringLit) (AS ID)?          # importDecl
  | PARAM ID (ASSIGN expr)?                              # paramDecl
  | FN ID LPAREN idList? RPAREN fnBody                    # fnDecl
  | RULE ID ruleClause* LBRACE stmt* RBRACE               # ruleDecl
  | matchBlock                                           # fileMatchDecl
  | VERSIONED VERSION DOTDOT VERSION                     # versionedDecl
  | EXTENDS qualifiedName                                # extendsDecl
  | LET ID ASSIGN expr                                   # constDecl
  | stmt                                                 # strayStmtDecl
  ;

idList
  : ID (COMMA ID)* COMMA?
  ;

fnBody
  : ASSIGN expr                                          # exprBody
  | LBRACE (LET ID ASSIGN expr)* RETURN expr RBRACE      # blockBody
  ;

ruleClause
  : SINCE VERSION                                        # sinceClause
  | OVERRIDES ID (COMMA ID)*                             # overridesClause
  ;

stmt
  : SEVERITY ID                                          # severityStmt
  | DESCRIPTION stringLit                                # descriptionStmt
  | matchBlock                                           # matchStmt
  | LET ID ASSIGN expr                                   # letStmt
  | FOR ID (COMMA ID)? IN iter=expr (IF filter=expr)? block                  # forStmt
  | IF cond=expr then=block (ELSE (otherwise=block | ifTail))?               # ifStmt
  | action=(DENY | WARN | AUDIT) msg=expr (AT atExpr=expr)? (IF cond=expr)?  # emitStmt
  ;

ifTail
  : IF cond=expr then=block (ELSE (otherwise=block | ifTail))?
  ;

block
  : LBRACE stmt* RBRACE
  ;

matchBlock
  : MATCH LBRACE (matchField (COMMA? matchField)* COMMA?)? RBRACE
  ;

matchField
  : name COLON expr
  ;

// Precedence, lowest first: ?:, or, and, not, comparisons, ??, + -, * / %,
// unary -, postfix. Quantifiers and comprehensions are primaries whose
// body extends as far right as it can.
expr
  : orExpr (QUESTION expr COLON expr)?
  ;

orExpr
  : andExpr (OR andExpr)*
  ;

andExpr
  : notExpr (AND notExpr)*
  ;

notExpr
  : NOT notExpr
  | cmpExpr
  ;

cmpExpr
  : coalesceExpr (cmpOp coalesceExpr)?
  ;

cmpOp
  : EQ | NE | LT | LE | GT | GE | IN | NOT IN
  ;

coalesceExpr
  : addExpr (COALESCE addExpr)*
  ;

addExpr
  : mulExpr ((PLUS | MINUS) mulExpr)*
  ;

mulExpr
  : unaryExpr ((STAR | SLASH | PERCENT) unaryExpr)*
  ;

unaryExpr
  : MINUS unaryExpr
  | postfixExpr
  ;

postfixExpr
  : primary postfix*
  ;

postfix
  : DOT name                                             # memberPostfix
  | LBRACKET expr RBRACKET                               # indexPostfix
  | LBRACKET lo=expr? COLON hi=expr? RBRACKET            # slicePostfix
  | LPAREN (expr (COMMA expr)* COMMA?)? RPAREN           # callPostfix
  ;

primary
  : INT                                                  # intLit
  | FLOAT                                                # floatLit
  | KW_TRUE                                                 # trueLit
  | KW_FALSE                                                # falseLit
  | KW_NULL                                                 # nullLit
  | stringLit                                            # stringPrimary
  | ID                                                   # namePrimary
  | LPAREN expr RPAREN                                   # parenPrimary
  | LBRACKET body=expr FOR ID (COMMA ID)? IN iter=expr (IF filter=expr)? RBRACKET  # listComp
  | LBRACKET (expr (COMMA expr)* COMMA?)? RBRACKET                        # listLit
  | LBRACE keyExpr=expr COLON valueExpr=expr FOR ID (COMMA ID)? IN iter=expr (IF filter=expr)? RBRACE  # mapComp
  | LBRACE (mapEntry (COMMA mapEntry)* COMMA?)? RBRACE                    # mapLit
  | quant=(ANY | ALL | COUNT) ID (COMMA ID)? IN iter=expr COLON body=expr         # quantifier
  ;

mapEntry
  : mapKey COLON expr
  ;

mapKey
  : name                                                 # nameKey
  | stringLit                                            # stringKey
  | LPAREN expr RPAREN                                   # exprKey
  ;

stringLit
  : STRING_START stringPart* STRING_END                  # interpString
  | RAW_STRING                                           # rawString
  ;

stringPart
  : STRING_TEXT                                          # textPart
  | STRING_ESCAPE                                        # escapePart
  | INTERP_START expr RBRACE                             # interpPart
  ;

// A field name may be any identifier, keywords included (`x.count`).
name
  : ID | PACKAGE | IMPORT | AS | PARAM | FN | RETURN | RULE | LET | FOR | IN | IF | ELSE
  | DENY | WARN | AUDIT | AT | SEVERITY | DESCRIPTION | MATCH | SINCE | OVERRIDES | VERSIONED
  | EXTENDS | AND | OR | NOT | KW_TRUE | KW_FALSE | KW_NULL | ANY | ALL | COUNT
  ;

// One expression and nothing else (the REPL, `writ eval --expr`).
exprOnly
  : expr EOF
  ;
