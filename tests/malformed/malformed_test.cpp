// Hostile inputs and hostile policies (issue 9): each is refused with a clear
// message and exit code 2 (or stopped by the budget), in bounded time and
// memory, while the well-formed documents of the same run are still
// evaluated. The committed corpus is in tests/malformed/inputs and
// tests/malformed/policies; the big ones (100 MB strings, 10,000-deep
// nesting, binary garbage, invalid UTF-8) are generated here, into a
// temporary folder.
#include <filesystem>
#include <fstream>
#include <random>

#include "runtime/decode/json_decoder.hpp"
#include "runtime/value/document.hpp"
#include "runtime/value/ops.hpp"
#include "support/writ_test.hpp"

using namespace writ::testing;
namespace fs = std::filesystem;

namespace {

// Generous: these are hang and blow-up detectors, not timings (a normal
// case takes well under a second).
constexpr unsigned kCpuSeconds = 60;
#if defined(__SANITIZE_ADDRESS__)
constexpr long kMaxRssKiB = 3L << 20;  // ASan's shadow and quarantine
#else
constexpr long kMaxRssKiB = 1L << 20;  // 1 GiB, for a 100 MB input
#endif

const char* kFirst = "tests/malformed/good-first.yaml";
const char* kLast = "tests/malformed/good-last.yaml";

struct ResultView {
  std::string source, name;
  std::vector<std::string> violations;  // rule names
  std::vector<std::string> errors;      // messages
};

// `writ eval --format json` output → one view per result.
std::vector<ResultView> results_of(const std::string& json) {
  writ::KeyTable keys;
  writ::Document doc(&keys);
  writ::JsonDecoder dec;
  writ::DecodeError err;
  INFO(json.substr(0, 2000));
  REQUIRE(dec.decode(json, doc, &err));
  auto get = [&](const writ::Value& m, const char* k) {
    writ::Value v;
    return m.type == writ::Type::Map && writ::map_get_str(m, k, &v) ? v : writ::Value::null();
  };
  std::vector<ResultView> out;
  writ::Value results = get(doc.root_value(), "results");
  for (uint32_t i = 0; i < results.len; ++i) {
    writ::Value r = writ::list_at(results, i);
    ResultView view;
    view.source = std::string(get(r, "source").str());
    view.name = std::string(get(get(r, "resource"), "name").str());
    writ::Value vs = get(r, "violations"), es = get(r, "errors");
    for (uint32_t j = 0; j < vs.len; ++j) view.violations.emplace_back(get(writ::list_at(vs, j), "rule").str());
    for (uint32_t j = 0; j < es.len; ++j) view.errors.emplace_back(get(writ::list_at(es, j), "message").str());
    out.push_back(std::move(view));
  }
  return out;
}

struct Expectation {
  std::string message;  // in at least one error of the hostile documents
  std::vector<std::string> policies = {"pss/baseline"};
};

// Evaluates good-first, `hostile`, good-last and checks: exit code 2, no
// signal (hang or crash), bounded memory, both good Pods reported as usual,
// and every other result carries an error, one of them `expected.message`.
void check_refused(const std::string& hostile, const Expectation& expected) {
  std::vector<std::string> args = {"eval", "--format", "json"};
  for (const std::string& p : expected.policies) {
    args.push_back("-p");
    args.push_back(p);
  }
  args.insert(args.end(), {kFirst, hostile, kLast});
  RunStats stats;
  std::string out, err;
  int rc = run_cli_bounded(args, kCpuSeconds, &stats, &out, &err);
  INFO(hostile << "\nstderr: " << err.substr(0, 2000));
  REQUIRE(stats.signal == 0);
  CHECK(rc == 2);
  CHECK(stats.max_rss_kib < kMaxRssKiB);
  bool first = false, last = false, message = false;
  size_t hostile_results = 0;
  for (const ResultView& r : results_of(out)) {
    INFO(r.source);
    if (r.source.rfind(kFirst, 0) == 0) {
      first = r.violations.empty() && r.errors.empty();
    } else if (r.source.rfind(kLast, 0) == 0) {
      last = r.errors.empty() && r.violations == std::vector<std::string>{"hostNamespaces"};
    } else {
      ++hostile_results;
      CHECK_FALSE(r.errors.empty());
      for (const std::string& e : r.errors) message = message || e.find(expected.message) != std::string::npos;
    }
  }
  CHECK(first);
  CHECK(last);
  CHECK(hostile_results > 0);
  CHECK(message);
}

// A scratch folder for generated inputs, removed at the end.
struct Scratch {
  fs::path dir;
  Scratch() {
    dir = fs::temp_directory_path() / ("writ-malformed-" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& content) const {
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
};

const std::string kRange = "(integers are 64-bit; floats must be finite)";

}  // namespace

TEST_CASE("malformed inputs: truncated, broken streams, alias bombs, duplicates, numbers") {
  check_refused("tests/malformed/inputs/truncated.yaml", {"a '{' is not closed"});
  check_refused("tests/malformed/inputs/truncated.json", {"invalid JSON: unexpected end of input"});
  check_refused("tests/malformed/inputs/alias-bomb.yaml", {"YAML aliases expand to more than 100000 values"});
  check_refused("tests/malformed/inputs/duplicate-keys.yaml", {"duplicate-keys.yaml:6:1: duplicate key \"name\""});
  check_refused("tests/malformed/inputs/duplicate-keys.json", {"duplicate-keys.json:2:28: duplicate key \"name\""});
  check_refused("tests/malformed/inputs/numbers.yaml", {"number out of range: .nan " + kRange});
  check_refused("tests/malformed/inputs/numbers.json", {"number out of range: 1e400 " + kRange});
}

TEST_CASE("malformed inputs: a broken document in a stream does not take its neighbours down") {
  std::string out;
  int rc = run_cli({"eval", "--format", "json", "-p", "pss/baseline", "tests/malformed/inputs/stream.yaml"}, &out);
  CHECK(rc == 2);
  std::vector<std::string> seen;
  for (const ResultView& r : results_of(out)) seen.push_back(r.name.empty() ? "<error>" : r.name);
  CHECK(seen == std::vector<std::string>{"before-in-stream", "<error>", "after-in-stream"});
}

TEST_CASE("malformed inputs: wrong types where Kubernetes expects others") {
  // Each of the nine objects has one wrong-typed field that the Pod Security
  // checks read: each is refused (malformed object) or fails a rule with a
  // type error, never passes silently.
  check_refused("tests/malformed/inputs/wrong-types.yaml", {"malformed object: spec.containers must be a list, got a string"});
  check_refused("tests/malformed/inputs/wrong-types.yaml", {"cannot compare a string with a bool using '=='"});
  check_refused("tests/malformed/inputs/wrong-types.yaml", {"malformed object: spec.template must be a map, got a string"});
  check_refused("tests/malformed/inputs/not-objects.yaml",
                {"malformed object: the document must be a map (a Kubernetes object), got a list"});
}

TEST_CASE("malformed inputs: generated hostile bytes") {
  Scratch s;
  check_refused(s.write("invalid-utf8.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: \"\xff\xfe\"}\n"),
                {"invalid UTF-8 (byte 0xFF): documents must be UTF-8"});
  check_refused(s.write("invalid-utf8.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"\xc0\xaf\"}}"),
                {"not valid UTF-8"});
  std::mt19937 rng(20261129);
  std::string garbage(64 << 10, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  check_refused(s.write("garbage.yaml", garbage), {""});
  check_refused(s.write("garbage.json", "{" + garbage), {"invalid JSON"});
  const size_t deep = 10000;
  check_refused(s.write("deep.json", std::string(deep, '[') + std::string(deep, ']')), {"nesting deeper than 512 levels"});
  check_refused(s.write("deep-flow.yaml", "kind: Pod\nx: " + std::string(deep, '[') + std::string(deep, ']') + "\n"),
                {"nesting deeper than the YAML parser allows"});
  std::string block = "kind: Pod\n";
  for (size_t i = 0; i < deep; ++i) block += std::string(i, ' ') + "a:\n";
  check_refused(s.write("deep-block.yaml", block), {"nesting deeper than the YAML parser allows"});
}

TEST_CASE("malformed inputs: 100 MB strings") {
  Scratch s;
  std::string big(100u << 20, 'x');
  check_refused(s.write("huge.json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"" + big + "\"}}"),
                {"document is larger than 67108864 bytes"});
  check_refused(s.write("huge.yaml", "kind: Pod\nmetadata: {name: " + big + "}\n"), {"document is larger than 67108864 bytes"});
  // Under the document limit, over the string limit.
  std::string long_string(20u << 20, 'y');
  check_refused(s.write("long.json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"" + long_string + "\"}}"),
                {"string longer than 16777216 bytes"});
}

TEST_CASE("malformed inputs: limits are set with --limit") {
  std::string out;
  int rc = run_cli({"eval", "--limit", "max_depth=2", "-p", "pss/baseline", kFirst}, &out);
  CHECK(rc == 2);
  CHECK(out.find("nesting deeper than 2 levels") != std::string::npos);
  std::string err;
  rc = run_cli({"eval", "--limit", "max_depht=2", "-p", "pss/baseline", kFirst}, &out, &err);
  CHECK(rc == 2);
  CHECK(err.find("--limit max_depht=2: unknown limit 'max_depht' (one of: max_document_bytes, max_depth,") !=
        std::string::npos);
}

TEST_CASE("hostile policies: the budget stops a cubic comprehension, RE2 a regex bomb") {
  Scratch s;
  std::string items;
  for (int i = 0; i < 1000; ++i) items += (i ? "," : "") + std::to_string(i);
  std::string widget = s.write("widget.json", "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Widget\", \"metadata\": "
                                              "{\"name\": \"many\"}, \"spec\": {\"items\": [" + items + "]}}");
  check_refused(widget, {"evaluation budget of 10000000 steps exceeded",
                         {"pss/baseline", "tests/malformed/policies/budget-buster.writ"}});
  // (a+)+$ on "aaa...ab": exponential for a backtracking engine, linear in RE2.
  std::string text = s.write("text.json", "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Widget\", \"metadata\": "
                                          "{\"name\": \"text\"}, \"spec\": {\"text\": \"" + std::string(100000, 'a') + "b\"}}");
  RunStats stats;
  std::string out;
  int rc = run_cli_bounded({"eval", "-p", "tests/malformed/policies/regex-bomb.writ", text}, kCpuSeconds, &stats, &out);
  CHECK(stats.signal == 0);
  CHECK(rc == 0);
}

TEST_CASE("hostile policies: deep nesting, oversized files, large literals") {
  Scratch s;
  auto compile = [&](const std::string& name, const std::string& text, std::string* err) {
    RunStats stats;
    std::string out;
    int rc = run_cli_bounded({"check", s.write(name, text)}, kCpuSeconds, &stats, &out, err);
    CHECK(stats.signal == 0);
    CHECK(stats.max_rss_kib < kMaxRssKiB);
    return rc;
  };
  std::string err;
  CHECK(compile("parens.writ", "rule r { deny \"x\" if " + std::string(5000, '(') + "true" + std::string(5000, ')') + " }\n",
                &err) == 2);
  CHECK(err.find("parens.writ:1:") != std::string::npos);
  CHECK(err.find("nesting deeper than 200 levels") != std::string::npos);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "not ";
  CHECK(compile("nots.writ", "rule r { deny \"x\" if " + nots + "true }\n", &err) == 2);
  CHECK(err.find("nesting deeper than 200 levels") != std::string::npos);
  CHECK(compile("big.writ", "rule r { deny \"" + std::string(5u << 20, 'x') + "\" }\n", &err) == 2);
  CHECK(err.find("is larger than 4194304 bytes") != std::string::npos);
  // A large but legitimate allow-list compiles and is usable.
  std::string list;
  for (int i = 0; i < 100000; ++i) list += (i ? ", \"image-" : "\"image-") + std::to_string(i) + "\"";
  CHECK(compile("allow.writ", "let allowed = [" + list + "]\nrule r { deny \"x\" if object.metadata.name not in allowed }\n",
                &err) == 0);
}
