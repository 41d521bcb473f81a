// writ's verdicts as Pod Security check masks: the pss packs name each rule
// after the check it implements, so a Decision maps onto the reference's
// CheckMask and the two can be compared pod by pod.
#pragma once

#include <vector>

#include "reference/pss_reference.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/vm/decision.hpp"

namespace writ::bench {

class VerdictMap {
 public:
  explicit VerdictMap(const Program& program);
  // The checks with at least one violation. Violations of rules that are
  // not Pod Security checks set `*foreign` (when given).
  CheckMask mask(const Decision& d, bool* foreign = nullptr) const;

 private:
  std::vector<uint32_t> check_of_rule_;  // kCheckCount for other rules
};

}  // namespace writ::bench
