// The writ policy language: the lexer grammar (see Writ.g4).
lexer grammar WritLexer;

tokens { UNTERMINATED_STRING }

PACKAGE     : 'package';
IMPORT      : 'import';
AS          : 'as';
PARAM       : 'param';
FN          : 'fn';
RETURN      : 'return';
RULE        : 'rule';
LET         : 'let';
FOR         : 'for';
IN          : 'in';
IF          : 'if';
ELSE        : 'else';
DENY        : 'deny';
WARN        : 'warn';
AUDIT       : 'audit';
AT          : 'at';
SEVERITY    : 'severity';
DESCRIPTION : 'description';
MATCH       : 'match';
SINCE       : 'since';
OVERRIDES   : 'overrides';
VERSIONED   : 'versioned';
EXTENDS     : 'extends';
AND         : 'and';
OR          : 'or';
NOT         : 'not';
KW_TRUE        : 'true';
KW_FALSE       : 'false';
KW_NULL        : 'null';
ANY         : 'any';
ALL         : 'all';
COUNT       : 'count';

VERSION     : 'v' [0-9]+ '.' [0-9]+;
FLOAT       : [0-9]+ '.' [0-9]+ ([eE] [+-]? [0-9]+)? | [0-9]+ [eE] [+-]? [0-9]+;
INT         : [0-9]+;
RAW_STRING  : 'r"' ~["\r\n]* '"';
ID          : [a-zA-Z_] [a-zA-Z0-9_]*;

DOTDOT      : '..';
DOT         : '.';
COMMA       : ',';
COLON       : ':';
LPAREN      : '(';
RPAREN      : ')';
LBRACKET    : '[';
RBRACKET    : ']';
// Every brace pushes a mode and every closing brace pops one, so that the
// `}` ending an interpolation returns to the string it came from.
LBRACE      : '{' -> pushMode(DEFAULT_MODE);
RBRACE      : '}' -> popMode;
COALESCE    : '??';
QUESTION    : '?';
EQ          : '==';
NE          : '!=';
LE          : '<=';
GE          : '>=';
LT          : '<';
GT          : '>';
ASSIGN      : '=';
PLUS        : '+';
MINUS       : '-';
STAR        : '*';
SLASH       : '/';
PERCENT     : '%';

STRING_START : '"' -> pushMode(IN_STRING);

COMMENT     : '#' ~[\r\n]* -> channel(HIDDEN);
WS          : [ \t\r\n]+ -> skip;
// Anything else becomes one token the parser reports in plain words.
UNKNOWN_CHAR : .;

mode IN_STRING;
STRING_END    : '"' -> popMode;
INTERP_START  : '{' -> pushMode(DEFAULT_MODE);
STRING_ESCAPE : '\\' .;
STRING_TEXT   : ~["\\{\r\n]+;
// A line break inside a string: the closing quote is missing. Leave the
// string so the rest of the file lexes normally and errors do not cascade.
STRING_NEWLINE : [\r\n] -> type(UNTERMINATED_STRING), popMode;
