// Report formats of `writ audit`. `json` is `writ eval`'s reporter; the
// others are here. All but jsonl collect results and print at the end.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "cli/report.hpp"
#include "runtime/bytecode/program.hpp"

namespace writ::cli {

std::unique_ptr<Reporter> make_audit_text_reporter(std::FILE* out, bool color);
// fail_level: 3 deny, 2 warn and above, 1 audit and above, 0 nothing fails.
std::unique_ptr<Reporter> make_junit_reporter(std::FILE* out, int fail_level);
std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, const Program& program);
std::unique_ptr<Reporter> make_policyreport_reporter(std::FILE* out, const Program& program);

}  // namespace writ::cli
