// Policies whose rules match kinds other than Pod and its controllers: the
// load for the rule-index benchmark. A Pod evaluation should not pay for
// them (the Plan indexes rules by kind).
#pragma once

#include <string>

namespace writ::bench {

// A package of `rules` rules, each matching one of ~40 real non-pod kinds
// (round robin) with a small realistic condition.
std::string other_kinds_policy(int rules);

}  // namespace writ::bench
