// The JSON report of `writ eval` (shape fixed by issue #2; keys may be
// added, never renamed). Streamed: one result at a time.
#include <fmt/format.h>

#include "cli/report.hpp"
#include "runtime/value/format.hpp"

namespace writ::cli {

namespace {

std::string q(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace

std::string result_json(const ResultRecord& r, bool pretty) {
  const char* nl = pretty ? "\n   " : " ";
  const char* item = pretty ? "\n      " : "";
  std::string s = "{\"source\": " + q(r.source) + "," + nl + "\"resource\": {\"apiVersion\": " + q(r.resource.api_version) +
                  ", \"kind\": " + q(r.resource.kind) + ", \"namespace\": " + q(r.resource.namespace_) + ", \"name\": " +
                  q(r.resource.name) + "}," + nl + "\"violations\": [";
  for (size_t i = 0; i < r.violations.size(); ++i) {
    const ViolationRecord& v = r.violations[i];
    s += i ? std::string(",") + (pretty ? item : " ") : item;
    s += "{\"policy\": " + q(v.policy) + ", \"rule\": " + q(v.rule) + ", \"action\": " + q(v.action) +
         ", \"severity\": " + q(v.severity) + ", \"message\": " + q(v.message) + ", \"path\": " + q(v.path) +
         ", \"span\": " + q(v.span) + (v.explanation.empty() ? "" : ", \"explanation\": " + q(v.explanation)) + "}";
  }
  s += r.violations.empty() || !pretty ? "]" : "\n   ]";
  s += std::string(",") + nl + "\"errors\": [";
  for (size_t i = 0; i < r.errors.size(); ++i) {
    const ErrorRecord& e = r.errors[i];
    s += i ? std::string(",") + (pretty ? item : " ") : item;
    s += "{\"policy\": " + q(e.policy) + ", \"rule\": " + q(e.rule) + ", \"message\": " + q(e.message) +
         ", \"span\": " + q(e.span) + "}";
  }
  s += r.errors.empty() || !pretty ? "]" : "\n   ]";
  if (!r.notes.empty()) {
    s += std::string(",") + nl + "\"explain\": [";
    for (size_t i = 0; i < r.notes.size(); ++i) s += (i ? ", " : "") + q(r.notes[i]);
    s += "]";
  }
  return s + "}";
}

namespace {

class JsonReporter : public Reporter {
 public:
  explicit JsonReporter(std::FILE* out) : out_(out) {}

  void begin() override { fmt::print(out_, "{{\"results\": ["); }

  void result(const ResultRecord& r) override {
    fmt::print(out_, "{}  {}", first_ ? "\n" : ",\n", result_json(r, true));
    first_ = false;
  }

  void end(const Summary& s) override {
    fmt::print(out_, "{}],\n \"summary\": {{\"resources\": {}, \"violations\": {}, \"deny\": {}, \"warn\": {}, \"audit\": {}, \"errors\": {}}}}}\n",
               first_ ? "" : "\n", s.resources, s.violations, s.deny, s.warn, s.audit, s.errors);
  }

 private:
  std::FILE* out_;
  bool first_ = true;
};

// One result per line, printed as it arrives.
class JsonLinesReporter : public Reporter {
 public:
  explicit JsonLinesReporter(std::FILE* out) : out_(out) {}
  void result(const ResultRecord& r) override {
    fmt::print(out_, "{}\n", result_json(r, false));
    std::fflush(out_);
  }
  void end(const Summary&) override {}

 private:
  std::FILE* out_;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(std::FILE* out) { return std::make_unique<JsonReporter>(out); }
std::unique_ptr<Reporter> make_jsonl_reporter(std::FILE* out) { return std::make_unique<JsonLinesReporter>(out); }

}  // namespace writ::cli
