// The checker: name resolution and static checks over a loaded Unit.
//
// Fills the Unit's tables (params, fns, rules with their match blocks),
// annotates every expression with what its names refer to and the set of
// types it can have, and reports, all at once: unknown names (with
// suggestions), wrong arity, duplicate names, unknown params, recursion,
// misuse of `since`/`overrides`, and type errors visible without input
// (`1 + "a"`, a string used as a condition).
#pragma once

#include "compiler/check/unit.hpp"

namespace writ {

void check_unit(Unit& unit);

// A constant expression (literals, lists, maps, negation) as a Value in
// `arena`; false if the expression is not constant. Map keys are interned
// in `keys` when given.
bool fold_constant(const ast::Expr& e, Arena& arena, KeyTable* keys, Value* out);

// Label selector syntax: "app=web,tier!=db,env in (a,b),!legacy".
bool parse_label_selector(std::string_view text, std::vector<LabelRequirement>* out, std::string* error);

// The closest of `candidates` to `name`, if close enough to suggest.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace writ
