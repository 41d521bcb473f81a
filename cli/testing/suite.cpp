#include "cli/testing/suite.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/check/checker.hpp"

namespace writ::cli {

namespace fs = std::filesystem;

namespace {

class SuiteReader {
 public:
  explicit SuiteReader(std::string path) : path_(std::move(path)), dir_(fs::path(path_).parent_path()) {}

  Status fail(uint32_t line, const std::string& msg) {
    return error(StatusCode::kInputError, path_ + ":" + std::to_string(line) + ": " + msg);
  }

  Status known_keys(const ConfigNode& map, std::initializer_list<const char*> allowed, const std::string& where) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& [k, v] : map.entries) {
      if (std::find(names.begin(), names.end(), k) != names.end()) continue;
      std::string best = closest_name(k, names);
      std::string list;
      for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
      return fail(v.line, where + "unknown key '" + k + "'" + (best.empty() ? "" : " (did you mean '" + best + "'?)") +
                              "; expected one of: " + list);
    }
    return Status::ok();
  }

  // A policy entry: a path relative to the suite, or a stdlib pack name.
  std::string resolve_policy(const std::string& p) {
    fs::path rel = dir_ / p;
    std::error_code ec;
    if (fs::exists(rel, ec)) return rel.lexically_normal().string();
    return p;
  }

  Result<int> count(const ConfigNode& n, const std::string& what) {
    if (!n.is_scalar()) return fail(n.line, what + " must be a number");
    try {
      size_t used = 0;
      int v = std::stoi(n.scalar, &used);
      if (used != n.scalar.size() || v < 0) throw std::invalid_argument("x");
      return v;
    } catch (...) {
      return fail(n.line, what + " must be a count (0, 1, 2, ...), got '" + n.scalar + "'");
    }
  }

  Status expectation(const std::string& rule, const ConfigNode& v, const std::string& where, TestCase* tc) {
    Expectation e;
    e.rule = rule;
    e.line = v.line;
    if (v.is_text("none")) {
      e.none = true;
      tc->expect.push_back(e);
      return Status::ok();
    }
    if (!v.is_map())
      return fail(v.line, where + "rule '" + rule + "': expected `none` or a map like {deny: 1, message: \"...\"}");
    WRIT_TRY(known_keys(v, {"deny", "warn", "audit", "message", "path"}, where + "rule '" + rule + "': "));
    for (const auto& [k, x] : v.entries) {
      if (k == "message" || k == "path") {
        if (!x.is_scalar()) return fail(x.line, where + "`" + k + "` must be a string");
        (k == "message" ? e.message : e.path) = x.scalar;
        continue;
      }
      auto n = count(x, where + "`" + k + "`");
      if (!n) return std::move(n).take_status();
      (k == "deny" ? e.deny : k == "warn" ? e.warn : e.audit) = *n;
    }
    tc->expect.push_back(e);
    return Status::ok();
  }

  Status test_case(const ConfigNode& n, size_t index, TestCase* tc) {
    tc->line = n.line;
    if (!n.is_map()) return fail(n.line, "case " + std::to_string(index + 1) + " must be a map");
    const ConfigNode* name = n.get("name");
    tc->name = name && name->is_scalar() ? name->scalar : "case " + std::to_string(index + 1);
    std::string where = "case '" + tc->name + "': ";
    WRIT_TRY(known_keys(n, {"name", "object", "file", "request", "review", "event", "namespaceObject", "inventory",
                            "params", "expect"},
                        where));
    int inputs = 0;
    const std::pair<const char*, TestCase::InputKind> kinds[] = {
        {"object", TestCase::InputKind::kObject}, {"file", TestCase::InputKind::kFile},
        {"request", TestCase::InputKind::kRequest}, {"review", TestCase::InputKind::kReview},
        {"event", TestCase::InputKind::kEvent}};
    for (const auto& [key, kind] : kinds) {
      const ConfigNode* v = n.get(key);
      if (v == nullptr) continue;
      ++inputs;
      tc->input_kind = kind;
      if (kind == TestCase::InputKind::kFile) {
        if (!v->is_scalar()) return fail(v->line, where + "`file` must be a path");
        tc->file = (dir_ / v->scalar).lexically_normal().string();
      } else {
        if (!v->is_map()) return fail(v->line, where + "`" + key + "` must be a map");
        tc->input = *v;
      }
    }
    if (inputs != 1)
      return fail(n.line, where + "give exactly one input: object, file, request, review or event");
    if (const ConfigNode* ns = n.get("namespaceObject")) {
      if (!ns->is_map()) return fail(ns->line, where + "`namespaceObject` must be a map");
      tc->namespace_object = *ns;
    }
    if (const ConfigNode* inv = n.get("inventory")) {
      if (!inv->is_list()) return fail(inv->line, where + "`inventory` must be a list of objects");
      tc->inventory = inv->items;
    }
    if (const ConfigNode* p = n.get("params")) {
      if (!p->is_map()) return fail(p->line, where + "`params` must be a map");
      tc->params = *p;
    }
    const ConfigNode* ex = n.get("expect");
    if (ex == nullptr) return fail(n.line, where + "missing `expect` (use `expect: none` for no violations)");
    if (ex->is_text("none")) {
      tc->expect_none = true;
      return Status::ok();
    }
    if (!ex->is_map()) return fail(ex->line, where + "`expect` must be `none` or a map of rule names to expectations");
    for (const auto& [rule, v] : ex->entries) WRIT_TRY(expectation(rule, v, where, tc));
    return Status::ok();
  }

  Result<Suite> read() {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return error(StatusCode::kNotFound, path_ + ": cannot read the suite");
    std::stringstream text;
    text << in.rdbuf();
    auto docs = parse_config_yaml(text.str());
    if (!docs) return fail(docs.status().span().line, docs.status().message());
    if (docs->size() != 1 || !(*docs)[0].is_map())
      return fail(1, "a suite is one YAML map with `policies` and `cases`");
    const ConfigNode& root = (*docs)[0];
    WRIT_TRY(known_keys(root, {"suite", "policies", "params", "cases"}, ""));
    Suite s;
    s.path = path_;
    const ConfigNode* name = root.get("suite");
    s.name = name && name->is_scalar() ? name->scalar : fs::path(path_).filename().string();
    const ConfigNode* policies = root.get("policies");
    if (policies == nullptr || !policies->is_list() || policies->items.empty())
      return fail(policies ? policies->line : root.line, "`policies` must list at least one policy file or pack");
    for (const ConfigNode& p : policies->items) {
      if (!p.is_scalar()) return fail(p.line, "a policy is a path or a pack name");
      s.policies.push_back(resolve_policy(p.scalar));
    }
    if (const ConfigNode* p = root.get("params")) {
      if (!p->is_map()) return fail(p->line, "`params` must be a map");
      s.params = *p;
    }
    const ConfigNode* cases = root.get("cases");
    if (cases == nullptr || !cases->is_list() || cases->items.empty())
      return fail(cases ? cases->line : root.line, "`cases` must list at least one case");
    for (size_t i = 0; i < cases->items.size(); ++i) {
      TestCase tc;
      WRIT_TRY(test_case(cases->items[i], i, &tc));
      s.cases.push_back(std::move(tc));
    }
    return s;
  }

 private:
  std::string path_;
  fs::path dir_;
};

}  // namespace

Result<Suite> load_suite(const std::string& path) { return SuiteReader(path).read(); }

std::vector<std::string> find_suites(const std::vector<std::string>& paths, std::vector<std::string>* errors) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.' ) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (name == "build" || name.rfind("build-", 0) == 0) {  // build trees hold copies
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && name.size() > 10 && name.compare(name.size() - 10, 10, ".test.yaml") == 0)
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      errors->push_back(p + ": no such file or folder");
    }
  }
  return out;
}

}  // namespace writ::cli
