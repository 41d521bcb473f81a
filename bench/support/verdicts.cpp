#include "support/verdicts.hpp"

namespace writ::bench {

VerdictMap::VerdictMap(const Program& program) {
  for (const Rule& r : program.rules) check_of_rule_.push_back(check_by_name(r.name));
}

CheckMask VerdictMap::mask(const Decision& d, bool* foreign) const {
  CheckMask m = 0;
  for (const Violation& v : d.violations) {
    uint32_t c = check_of_rule_[v.rule];
    if (c < kCheckCount) m |= 1u << c;
    else if (foreign) *foreign = true;
  }
  return m;
}

}  // namespace writ::bench
