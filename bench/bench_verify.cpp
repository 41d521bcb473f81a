// bench_verify: do writ's pss packs, the hand-written reference and the
// peers agree, pod by pod? Benchmarks of code that gives different answers
// would compare nothing, so scripts/bench runs this first and stops on any
// disagreement.
//
//   bench_verify --pods FILE [--version v1.37] [--limit N] [--also POLICY]
//                [--peer-verdicts cel-verdicts.jsonl] [--check-labels] [--tag T]
//
// For every object it compares
//   * pss/restricted's violated rules with the reference's restricted-level checks,
//   * pss/baseline's violated rules with the reference's baseline checks,
//   * with --also, another restricted-level policy whose rules are named
//     after the checks (bench/policies/pss_verdicts.writ), like pss/restricted,
//   * with --peer-verdicts, all 19 reference verdicts with the peers' (the
//     peers' file is at v1.36: pass --version v1.36),
//   * with --check-labels, the level the reference computes with the
//     generator's intent (label bench.peers/expected-level).
// Exit status 1 on any disagreement or evaluation error.
#include <cstdio>
#include <string>

#include "reference/pss_reference.hpp"
#include "runtime/decode/json_decoder.hpp"
#include "runtime/vm/context.hpp"
#include "runtime/vm/resource_input.hpp"
#include "support/args.hpp"
#include "support/engine.hpp"
#include "support/pods.hpp"
#include "support/results.hpp"
#include "support/verdicts.hpp"

using namespace writ;
using namespace writ::bench;

namespace {

const char* kUsage =
    "usage: bench_verify --pods FILE [--version v1.37] [--limit N] [--also POLICY] [--peer-verdicts FILE] [--check-labels]\n"
    "                    [--tag T]";

// "latest" → 37, "v1.36" → 36.
int minor_of(const std::string& version) {
  if (version.empty() || version == "latest") return 37;
  return std::atoi(version.c_str() + 3);
}

std::string level_of(CheckMask all) {
  if (all & kBaselineChecks) return "privileged";
  if (all & kRestrictedLevelChecks) return "baseline";
  return "restricted";
}

// The generator's intended level, found in the line's text.
std::string expected_level(std::string_view line) {
  static const std::string_view kKey = "\"bench.peers/expected-level\":\"";
  size_t at = line.find(kKey);
  if (at == std::string_view::npos) return "";
  std::string_view rest = line.substr(at + kKey.size());
  return std::string(rest.substr(0, rest.find('"')));
}

// A map field of a document decoded without a policy's keys (every key is
// an overflow key, so fields are found by name).
const Node* field_named(const Document& doc, const Node* map, std::string_view name) {
  if (map == nullptr || map->type != Type::Map) return nullptr;
  for (uint32_t j = 0; j < map->len; ++j)
    if (doc.key_name(map->keys()[j]) == name) return map->children + j;
  return nullptr;
}

// The peers' verdicts: one line per pod, {"i", "pod", "level", "fail": [ids]}.
std::vector<CheckMask> read_peer_verdicts(const std::string& path) {
  JsonLines in = read_json_lines(path);
  KeyTable keys;
  Document doc(&keys);
  JsonDecoder decoder;
  std::vector<CheckMask> out;
  for (std::string_view line : in.lines) {
    DecodeError err;
    if (!decoder.decode(line, doc, &err)) {
      std::fprintf(stderr, "bench_verify: %s: %s\n", path.c_str(), err.message.c_str());
      std::exit(2);
    }
    CheckMask m = 0;
    if (const Node* fail = field_named(doc, doc.root(), "fail"); fail && fail->type == Type::List)
      for (uint32_t j = 0; j < fail->len; ++j) {
        uint32_t c = check_by_name(fail->children[j].str());
        if (c == kCheckCount) {
          std::fprintf(stderr, "bench_verify: unknown check id %.*s in %s\n", static_cast<int>(fail->children[j].len),
                       fail->children[j].s, path.c_str());
          std::exit(2);
        }
        m |= 1u << c;
      }
    out.push_back(m);
  }
  return out;
}

struct Tally {
  size_t disagreements = 0;
  size_t per_check_fail[kCheckCount] = {};
};

}  // namespace

int main(int argc, char** argv) {
  Args args(argc, argv, kUsage);
  std::string version = args.get("--version");
  size_t limit = static_cast<size_t>(args.number("--limit", 0));
  JsonLines in = read_json_lines(args.require("--pods"), limit);
  std::string peer_file = args.get("--peer-verdicts");
  bool check_labels = args.flag("--check-labels");
  // Metric ids are "verify.<tag>.*", so several runs can share one report.
  std::string tag = args.get("--tag", "latest");
  std::string id = "verify." + tag + ".";
  std::string of = " [" + tag + "]";

  // As `writ eval -p` loads them: machine code (the tests compare it with
  // the interpreter decision by decision).
  auto restricted = load_or_die("pss/restricted");
  auto baseline = load_or_die("pss/baseline");
  EvalContext ctx_r(plan_or_die(restricted, version));
  EvalContext ctx_b(plan_or_die(baseline, version));
  VerdictMap map_r(*restricted), map_b(*baseline);
  PssReference ref(restricted->keys, minor_of(version));
  if (!ref.missing_keys().empty()) {
    std::fprintf(stderr, "bench_verify: pss/restricted does not intern %zu field(s) the reference reads, first: %s\n",
                 ref.missing_keys().size(), ref.missing_keys()[0].c_str());
    return 2;
  }
  // Optional: another restricted-level policy, checked like pss/restricted.
  std::string also = args.get("--also");
  std::shared_ptr<const Program> extra;
  std::unique_ptr<EvalContext> ctx_x;
  std::unique_ptr<VerdictMap> map_x;
  std::unique_ptr<Document> doc_x;
  if (!also.empty()) {
    extra = load_or_die(also);
    ctx_x = std::make_unique<EvalContext>(plan_or_die(extra));
    map_x = std::make_unique<VerdictMap>(*extra);
    doc_x = std::make_unique<Document>(&extra->keys);
  }
  std::vector<CheckMask> peers;
  if (!peer_file.empty()) {
    peers = read_peer_verdicts(peer_file);
    if (minor_of(version) != 36)
      std::fprintf(stderr, "bench_verify: warning: the peers evaluate v1.36, this run is at %s\n",
                   version.empty() ? "latest" : version.c_str());
    if (peers.size() < in.lines.size()) {
      std::fprintf(stderr, "bench_verify: %zu peer verdicts for %zu objects\n", peers.size(), in.lines.size());
      return 1;
    }
  }

  Document doc_r(&restricted->keys), doc_b(&baseline->keys);
  JsonDecoder decoder;
  Tally vs_restricted, vs_baseline, vs_also, vs_peers, ref_tally;
  size_t errors = 0, label_mismatches = 0, reported = 0;
  auto report = [&](size_t i, const char* who, CheckMask theirs, CheckMask ours) {
    if (reported++ >= 20) return;
    std::fprintf(stderr, "  object %zu (line %zu): %s fails [%s], the reference [%s]\n", i, i + 1, who,
                 mask_names(theirs).c_str(), mask_names(ours).c_str());
  };
  for (size_t i = 0; i < in.lines.size(); ++i) {
    DecodeError err;
    if (!decoder.decode(in.lines[i], doc_r, &err) || !decoder.decode(in.lines[i], doc_b, &err)) {
      std::fprintf(stderr, "bench_verify: line %zu: %s\n", i + 1, err.message.c_str());
      return 2;
    }
    CheckMask all = ref.evaluate(doc_r.root());
    for (uint32_t c = 0; c < kCheckCount; ++c) ref_tally.per_check_fail[c] += (all >> c) & 1;

    const Decision& dr = ctx_r.evaluate(input_of(doc_r));
    bool foreign = false;
    CheckMask mr = map_r.mask(dr, &foreign);
    errors += dr.errors.size() + foreign;
    for (const EvalError& e : dr.errors)
      if (errors <= 5) std::fprintf(stderr, "  object %zu: pss/restricted error: %.*s\n", i, static_cast<int>(e.message.size()), e.message.data());
    if (mr != (all & kRestrictedLevelChecks)) {
      ++vs_restricted.disagreements;
      report(i, "pss/restricted", mr, all & kRestrictedLevelChecks);
    }

    const Decision& db = ctx_b.evaluate(input_of(doc_b));
    CheckMask mb = map_b.mask(db, &foreign);
    errors += db.errors.size();
    if (mb != (all & kBaselineChecks)) {
      ++vs_baseline.disagreements;
      report(i, "pss/baseline", mb, all & kBaselineChecks);
    }

    if (extra) {
      if (!decoder.decode(in.lines[i], *doc_x, &err)) return 2;
      const Decision& dx = ctx_x->evaluate(input_of(*doc_x));
      CheckMask mx = map_x->mask(dx, &foreign);
      errors += dx.errors.size() + foreign;
      if (mx != (all & kRestrictedLevelChecks)) {
        ++vs_also.disagreements;
        report(i, also.c_str(), mx, all & kRestrictedLevelChecks);
      }
    }
    if (!peers.empty() && peers[i] != all) {
      ++vs_peers.disagreements;
      report(i, "the peers", peers[i], all);
    }
    if (check_labels) {
      std::string want = expected_level(in.lines[i]);
      if (want != level_of(all)) {
        ++label_mismatches;
        if (reported++ < 20)
          std::fprintf(stderr, "  object %zu: intended level %s, computed %s [%s]\n", i, want.c_str(),
                       level_of(all).c_str(), mask_names(all).c_str());
      }
    }
  }

  Results out("bench_verify");
  out.info(id + "pods_file", args.get("--pods"));
  out.info(id + "version", version.empty() ? "latest" : version);
  out.value(id + "objects", "objects compared" + of, "objects", static_cast<double>(in.lines.size()));
  out.value(id + "writ_restricted_vs_reference", "pss/restricted vs reference: disagreeing objects" + of, "objects",
            static_cast<double>(vs_restricted.disagreements), Target::at_most(0));
  out.value(id + "writ_baseline_vs_reference", "pss/baseline vs reference: disagreeing objects" + of, "objects",
            static_cast<double>(vs_baseline.disagreements), Target::at_most(0));
  if (extra)
    out.value(id + "also_vs_reference", also + " vs reference: disagreeing objects" + of, "objects",
              static_cast<double>(vs_also.disagreements), Target::at_most(0));
  if (!peers.empty())
    out.value(id + "peers_vs_reference", "peers (19 checks) vs reference: disagreeing objects" + of, "objects",
              static_cast<double>(vs_peers.disagreements), Target::at_most(0));
  if (check_labels)
    out.value(id + "labels", "computed level != intended level" + of, "objects", static_cast<double>(label_mismatches),
              Target::at_most(0));
  out.value(id + "errors", "evaluation errors" + of, "errors", static_cast<double>(errors), Target::at_most(0));
  for (uint32_t c = 0; c < kCheckCount; ++c)
    out.value(id + "fail." + check_name(c), std::string("objects failing ") + check_name(c) + of, "objects",
              static_cast<double>(ref_tally.per_check_fail[c]));
  out.print();
  bool ok = vs_restricted.disagreements == 0 && vs_baseline.disagreements == 0 && vs_also.disagreements == 0 &&
            vs_peers.disagreements == 0 &&
            label_mismatches == 0 && errors == 0;
  std::fprintf(stderr, "bench_verify: %s\n", ok ? "all verdicts agree" : "DISAGREEMENT (see above)");
  return ok ? 0 : 1;
}
