// UTF-8 validation: of inputs (simdjson refuses invalid UTF-8 in JSON, and
// the YAML decoder does the same so both formats have one outcome) and of
// policy sources (ANTLR's input stream converts text with
// std::wstring_convert, which throws on a malformed byte: the parser checks
// first, so a bad file is a diagnostic at the byte, never an exception).
#pragma once

#include <cstddef>
#include <string_view>

namespace writ::utf8 {

// The offset of the first byte that does not start a well-formed UTF-8
// sequence (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF), or npos if the whole text is well-formed. simdjson's validator
// answers for the common, valid case; a scalar scan then finds the byte.
size_t first_invalid(std::string_view text);

}  // namespace writ::utf8
