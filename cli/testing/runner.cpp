#include "cli/testing/runner.hpp"

#include <re2/re2.h>

#include <chrono>

#include "cli/session.hpp"
#include "compiler/compiler.hpp"
#include "runtime/decode/loader.hpp"
#include "runtime/value/ops.hpp"
#include "runtime/value/well_known_keys.hpp"
#include "runtime/vm/inventory.hpp"
#include "stdlib/native/registry.hpp"
#include "stdlib/packs.hpp"

namespace writ::cli {

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// One violation, as a failure report shows it.
std::string show(const ViolationRecord& v) {
  return v.action + "  " + (v.path.empty() ? "(resource)" : v.path) + ": " + v.message;
}

bool rule_matches(const std::string& expected, const ViolationRecord& v) {
  return expected == v.rule || expected == v.policy + "/" + v.rule;
}

void compare(const TestCase& tc, const Program& p, const std::vector<ViolationRecord>& got, CaseResult* r) {
  if (tc.expect_none && !got.empty()) {
    r->failures.push_back("expected no violations, got " + std::to_string(got.size()) + ":");
    for (const ViolationRecord& v : got) r->failures.push_back("  + " + v.rule + "  " + show(v));
  }
  for (const Expectation& e : tc.expect) {
    bool known = false;
    for (const Rule& rule : p.rules) known = known || e.rule == rule.name || e.rule == rule.policy + "/" + rule.name;
    if (!known) {
      r->failures.push_back("rule '" + e.rule + "': the policies have no such rule (line " + std::to_string(e.line) + ")");
      continue;
    }
    std::vector<const ViolationRecord*> mine;
    for (const ViolationRecord& v : got)
      if (rule_matches(e.rule, v)) mine.push_back(&v);
    std::vector<std::string> problems;
    auto count = [&](const char* action) {
      int n = 0;
      for (const ViolationRecord* v : mine) n += v->action == action;
      return n;
    };
    if (e.none && !mine.empty()) problems.push_back("expected none, got " + std::to_string(mine.size()));
    const std::pair<const char*, const std::optional<int>*> actions[] = {{"deny", &e.deny}, {"warn", &e.warn}, {"audit", &e.audit}};
    for (const auto& [action, want] : actions)
      if (want->has_value() && **want != count(action))
        problems.push_back("expected " + std::string(action) + " " + std::to_string(**want) + ", got " + std::to_string(count(action)));
    if (!e.message.empty() || !e.path.empty()) {
      RE2 re(e.message);
      bool hit = false;
      for (const ViolationRecord* v : mine)
        hit = hit || ((e.message.empty() || RE2::PartialMatch(v->message, re)) && (e.path.empty() || v->path == e.path));
      if (!hit) {
        std::string want;
        if (!e.message.empty()) want += "message matching /" + e.message + "/";
        if (!e.path.empty()) want += (want.empty() ? "" : " and ") + std::string("path ") + e.path;
        problems.push_back("expected a violation with " + want);
      }
    }
    if (problems.empty()) continue;
    std::string head = e.rule + ": ";
    for (size_t i = 0; i < problems.size(); ++i) head += (i ? "; " : "") + problems[i];
    r->failures.push_back(head);
    for (const ViolationRecord* v : mine) r->failures.push_back("  + " + show(*v));
    if (mine.empty()) r->failures.push_back("  (no violation from this rule)");
  }
}

struct Inputs {
  std::vector<std::shared_ptr<Document>> docs;  // keep the trees alive
  Document* make(const KeyTable& keys) {
    docs.push_back(std::make_shared<Document>(&keys));
    return docs.back().get();
  }
};

}  // namespace

void Coverage::add_program(const Program& p) {
  for (const ViolationSite& s : p.sites) {
    if (s.span.file >= p.sources.size()) continue;
    File& f = files[p.sources[s.span.file].name];
    f.statements.try_emplace({s.span.line, s.span.column}, Statement{p.rules[s.rule].name, action_name(s.action), false});
  }
  for (const Rule& r : p.rules)
    if (r.span.file < p.sources.size()) files[p.sources[r.span.file].name].rules.try_emplace(r.name, false);
}

void Coverage::record(const Program& p, const Decision& d) {
  for (const Violation& v : d.violations) {
    const Span& s = p.sites[v.site].span;
    if (s.file < p.sources.size()) files[p.sources[s.file].name].statements[{s.line, s.column}].fired = true;
  }
  for (uint32_t r : d.rules_run) {
    const Rule& rule = p.rules[r];
    if (rule.span.file < p.sources.size()) files[p.sources[rule.span.file].name].rules[rule.name] = true;
  }
}

std::shared_ptr<const Program> TestRunner::compile(const std::vector<std::string>& policies, std::string* diagnostics) {
  auto it = compiled_.find(policies);
  if (it != compiled_.end()) return it->second;
  std::vector<PolicySource> src;
  for (const std::string& p : policies) src.push_back(PolicySource{p, {}, false});
  CompileOptions opts;
  opts.natives = &standard_natives();
  opts.stdlib = find_stdlib_pack;
  Compilation c = writ::compile(src, opts);
  *diagnostics = render_all(c.diagnostics, c.sources, false);
  if (c.program) coverage_.add_program(*c.program);
  compiled_[policies] = c.program;
  return c.program;
}

CaseResult TestRunner::run_case(const Program& p, const std::shared_ptr<const Program>& owner, const Suite& s,
                                const TestCase& tc) {
  auto start = std::chrono::steady_clock::now();
  CaseResult r;
  r.name = tc.name;
  Inputs keep;
  auto doc_of = [&](const ConfigNode& n, Value* out) {
    Document* d = keep.make(p.keys);
    Status st = build_document(n, *d);
    if (!st.is_ok()) {
      r.failures.push_back("cannot read the input at line " + std::to_string(n.line) + ": " + st.message());
      return false;
    }
    *out = d->root_value();
    return true;
  };
  // Params: the suite's, then the case's.
  std::vector<ParamOverride> overrides;
  for (const ConfigNode* params : {&s.params, &tc.params})
    for (const auto& [name, v] : params->entries) {
      Value val;
      if (!doc_of(v, &val)) return r;
      overrides.push_back(ParamOverride{name, val});
    }
  auto plan = Plan::create(owner, overrides);
  if (!plan) {
    r.failures.push_back(plan.status().message());
    return r;
  }
  EvalContext ctx(*plan);
  EvalInput base;
  if (tc.namespace_object && !doc_of(*tc.namespace_object, &base.namespace_object)) return r;
  // The inputs under test, as EvalInputs (before the inventory exists).
  std::vector<EvalInput> inputs;
  std::vector<std::string> errors;
  if (tc.input_kind == TestCase::InputKind::kFile) {
    InputLoader loader(p.keys);
    loader.load(tc.file, [&](LoadedDocument&& d) {
      if (!d.ok()) {
        errors.push_back(d.error_text());
        return;
      }
      keep.docs.push_back(d.doc);
      for (const Resource& res : resources_of(d)) inputs.push_back(input_of(res));
    });
  } else {
    Value v;
    if (!doc_of(tc.input, &v)) return r;
    EvalInput in;
    switch (tc.input_kind) {
      case TestCase::InputKind::kObject: in.object = v; break;
      case TestCase::InputKind::kReview: v = field_of(v, keys::kRequest); [[fallthrough]];
      case TestCase::InputKind::kRequest:
        in.request = v;
        in.object = field_of(v, keys::kObject);
        in.old_object = field_of(v, keys::kOldObject);
        break;
      case TestCase::InputKind::kEvent: in.event = v; break;
      case TestCase::InputKind::kFile: break;
    }
    inputs.push_back(in);
  }
  // The inventory holds the `inventory` objects and the objects under test,
  // as in `writ audit`, where every resource of the run is in it.
  std::vector<Value> inventory;
  for (const ConfigNode& n : tc.inventory) {
    Value v;
    if (!doc_of(n, &v)) return r;
    inventory.push_back(v);
  }
  for (const EvalInput& in : inputs)
    if (in.object.type == Type::Map) inventory.push_back(in.object);
  std::unique_ptr<InventoryIndex> index;
  if (!tc.inventory.empty()) index = std::make_unique<InventoryIndex>(inventory, p.keys);

  std::vector<ViolationRecord> got;
  for (EvalInput& in : inputs) {
    in.namespace_object = base.namespace_object;
    in.inventory = index.get();
    ResultRecord rec;
    const Decision& d = ctx.evaluate(in);
    coverage_.record(p, d);
    record_decision(p, d, &rec);
    got.insert(got.end(), rec.violations.begin(), rec.violations.end());
    for (const ErrorRecord& e : rec.errors) errors.push_back(e.rule + ": " + e.message + (e.span.empty() ? "" : " (" + e.span + ")"));
  }
  for (const std::string& e : errors) r.failures.push_back("evaluation error: " + e);
  compare(tc, p, got, &r);
  r.passed = r.failures.empty();
  r.millis = ms_since(start);
  return r;
}

SuiteResult TestRunner::run_suite(const std::string& path) {
  auto start = std::chrono::steady_clock::now();
  SuiteResult out;
  out.path = path;
  auto suite = load_suite(path);
  if (!suite) {
    out.error = suite.status().message();
    return out;
  }
  out.name = suite->name;
  std::string diagnostics;
  auto program = compile(suite->policies, &diagnostics);
  if (!program) {
    out.error = path + ": the policies do not compile:\n" + diagnostics;
    return out;
  }
  std::unique_ptr<RE2> filter;
  if (!filter_.empty()) filter = std::make_unique<RE2>(filter_);
  for (const TestCase& tc : suite->cases) {
    if (filter && !RE2::PartialMatch(tc.name, *filter) && !RE2::PartialMatch(suite->name + "/" + tc.name, *filter)) continue;
    out.cases.push_back(run_case(*program, program, *suite, tc));
  }
  out.millis = ms_since(start);
  return out;
}

}  // namespace writ::cli
