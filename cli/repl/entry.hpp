// What the REPL was given: a `:command`, a declaration or an expression,
// and whether it is finished. The scan is lexical only (strings with their
// interpolations, raw strings, comments, brackets): the compiler does the
// real parsing once an entry is complete.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace writ::cli::repl {

enum class EntryKind {
  kEmpty,        // blank or only a comment
  kCommand,      // `:load x.writ`
  kDeclaration,  // let, fn, param, import, rule
  kUnsupported,  // package, versioned, extends, a file-level match: one file's business
  kStatement,    // deny, for, if...: only inside a rule
  kExpression,
};

// An entry is complete when every bracket it opened (including the braces
// of a block and of a string interpolation) is closed and it does not end
// with an operator, `=` or a comma. A stray closing bracket also ends it:
// the compiler reports it.
bool entry_complete(std::string_view text);

// The words of an entry, skipping strings, numbers and punctuation except
// dots inside dotted names ("pss.common" is one word). Enough to read
// `let NAME`, `fn NAME`, `import a.b as c`.
std::vector<std::string> leading_words(std::string_view text, size_t max_words);

EntryKind classify(std::string_view text);

// What a declaration defines, so that entering it again replaces it.
struct DeclName {
  enum Space { kValue, kParam, kRule, kImport } space = kValue;  // let/fn/import share kValue in the module
  std::string keyword;  // let, fn, param, import, rule
  std::string name;     // for an import: the alias it binds
  std::string target;   // for an import: what it imports
};
// False when the declaration is too malformed to name (the compiler will say why).
bool declaration_name(std::string_view text, DeclName* out);

// `text` with its first `n` bytes replaced by spaces, so that the compiler's
// columns still point into the line the user typed.
std::string blank_prefix(std::string_view text, size_t n);

bool is_identifier_char(char c);

// Without leading and trailing white space.
std::string trim(std::string_view s);

}  // namespace writ::cli::repl
