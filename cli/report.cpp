#include "cli/report.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace writ::cli {

void Summary::add(const ResultRecord& r) {
  if (!r.input_error) ++resources;
  violations += r.violations.size();
  errors += r.errors.size();
  for (const ViolationRecord& v : r.violations) {
    if (v.action == "deny") ++deny;
    else if (v.action == "warn") ++warn;
    else ++audit;
  }
}

std::string span_text(const Program& p, const Span& s) {
  if (s.file == Span::kNoFile || s.file >= p.sources.size()) return "";
  return p.sources[s.file].name + ":" + std::to_string(s.line) + ":" + std::to_string(s.column);
}

void record_decision(const Program& p, const Decision& d, ResultRecord* out, bool with_passes) {
  for (const Violation& v : d.violations) {
    const Rule& r = p.rules[v.rule];
    out->violations.push_back(ViolationRecord{r.policy, r.name, action_name(v.action), severity_name(r.severity),
                                              std::string(v.message), std::string(v.path),
                                              span_text(p, p.sites[v.site].span), std::string(v.explanation)});
  }
  for (const EvalError& e : d.errors) {
    ErrorRecord rec;
    if (e.rule >= 0) {
      const Rule& r = p.rules[static_cast<size_t>(e.rule)];
      rec.policy = r.policy;
      rec.rule = r.name;
    }
    rec.message = std::string(e.message);
    rec.span = span_text(p, e.span);
    out->errors.push_back(std::move(rec));
  }
  if (!with_passes) return;
  for (uint32_t r : d.rules_run) {
    bool found = false;
    for (const Violation& v : d.violations) found = found || v.rule == r;
    for (const EvalError& e : d.errors) found = found || e.rule == static_cast<int32_t>(r);
    if (!found) out->passed.emplace_back(p.rules[r].policy, p.rules[r].name);
  }
}

bool want_color(std::FILE* f) {
  const char* no = std::getenv("NO_COLOR");
  if (no != nullptr && *no != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(fileno(f)) != 0;
}

}  // namespace writ::cli
