// The results of evaluating resources, as reporters print them. Strings are
// owned copies: a result outlives the evaluation context that produced it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/bytecode/program.hpp"
#include "runtime/vm/decision.hpp"

namespace writ::cli {

struct ResourceId {
  std::string api_version, kind, namespace_, name;
};

struct ViolationRecord {
  std::string policy, rule, action, severity, message, path, span;
  std::string explanation;  // --explain: why it fired (lines)
};

struct ErrorRecord {
  std::string policy, rule, message, span;
};

struct ResultRecord {
  std::string source;        // "file.yaml:12", "log.jsonl#3"
  uint32_t line = 0;         // for SARIF-like formats
  std::string file;
  ResourceId resource;
  std::string uid;           // metadata.uid, when there is one
  bool is_event = false;     // an audit Event rather than an object
  std::vector<ViolationRecord> violations;
  std::vector<ErrorRecord> errors;
  std::vector<std::pair<std::string, std::string>> passed;  // (policy, rule) that ran without a violation
  std::vector<std::string> notes;  // --explain RULE: why a rule did not fire (lines)
  bool input_error = false;  // the document could not be read: no resource
};

struct Summary {
  uint64_t resources = 0, violations = 0, deny = 0, warn = 0, audit = 0, errors = 0;
  void add(const ResultRecord& r);
};

// Turns a Decision into a record (copies what it needs); with
// `with_passes`, also the rules that ran and found nothing.
void record_decision(const Program& p, const Decision& d, ResultRecord* out, bool with_passes = false);
std::string span_text(const Program& p, const Span& s);

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin() {}
  virtual void result(const ResultRecord& r) = 0;
  virtual void end(const Summary& s) = 0;
};

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, bool color);
std::unique_ptr<Reporter> make_json_reporter(std::FILE* out);
std::unique_ptr<Reporter> make_jsonl_reporter(std::FILE* out);
// One result as JSON: indented as in `writ eval --format json`, or on one line.
std::string result_json(const ResultRecord& r, bool pretty);

// NO_COLOR, TERM=dumb and non-terminals get no colour.
bool want_color(std::FILE* f);

}  // namespace writ::cli
