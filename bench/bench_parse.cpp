// bench_parse: what ANTLR parsing of the standard packs costs, in the
// default LL prediction mode (what compiler/parse does) and in SLL mode (the
// usual two-stage trick: parse with SLL, fall back to LL only when SLL
// reports a syntax error). Parsing dominates a cold `writ eval` (see
// docs/performance.md): this measures how much SLL would buy, without
// touching the compiler.
//
//   bench_parse [--runs R]
//
// "cold" figures come from forked children that start with ANTLR's DFA
// caches empty, as a fresh `writ` process does; "warm" ones repeat the
// parse in this process.
#include <sys/wait.h>
#include <unistd.h>

#include <antlr4-runtime.h>

#include <cstdio>
#include <functional>

#include "Writ.h"
#include "WritLexer.h"
#include "stdlib/packs.hpp"
#include "support/args.hpp"
#include "support/foreign_load.hpp"
#include "support/results.hpp"

using namespace writ;
using namespace writ::bench;

namespace {

// Parses every embedded pack; returns the syntax errors seen.
size_t parse_all(bool sll) {
  size_t errors = 0;
  for (const EmbeddedPack& p : embedded_packs()) {
    antlr4::ANTLRInputStream input(p.text);
    writ_antlr::WritLexer lexer(&input);
    antlr4::CommonTokenStream tokens(&lexer);
    writ_antlr::Writ parser(&tokens);
    parser.removeErrorListeners();
    if (sll) parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.file();
    errors += parser.getNumberOfSyntaxErrors();
  }
  return errors;
}

// Seconds of one parse_all in a fresh child (cold caches), or -1.
double cold(bool sll) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    size_t errors = 0;
    double t = time_once([&] { errors = parse_all(sll); });
    if (errors) t = -1;
    ssize_t w = write(fds[1], &t, sizeof t);
    _exit(w == sizeof t ? 0 : 1);
  }
  double t = -1;
  if (read(fds[0], &t, sizeof t) != sizeof t) t = -1;
  close(fds[0]);
  close(fds[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  Args args(argc, argv, "usage: bench_parse [--runs R]");
  int runs = static_cast<int>(args.number("--runs", 20));
  Results out("bench_parse");
  int discarded = 0;
  for (bool sll : {false, true}) {
    const char* mode = sll ? "SLL" : "LL";
    std::vector<double> c;
    for (int r = 0; r < runs; ++r)
      discarded += run_clean([&] {
        double t = cold(sll);
        return [&, t] { c.push_back(t); };
      });
    for (double t : c)
      if (t < 0) {
        std::fprintf(stderr, "bench_parse: syntax errors in %s mode\n", mode);
        return 1;
      }
    out.metric(std::string("parse.cold_") + mode + "_ms", std::string("parse all stdlib packs, cold, ") + mode, "ms",
               scaled(stats_of(c), 1e3));
    parse_all(sll);
    std::vector<double> w;
    for (int r = 0; r < runs; ++r)
      discarded += run_clean([&] {
        double t = time_once([&] { parse_all(sll); });
        return [&, t] { w.push_back(t); };
      });
    out.metric(std::string("parse.warm_") + mode + "_ms", std::string("parse all stdlib packs, warm, ") + mode, "ms",
               scaled(stats_of(w), 1e3));
  }
  out.info("parse.discarded_runs", discarded);
  out.info("parse.dirty_runs_kept", dirty_runs_kept());
  out.info("parse.neighbour_load_cores", mean_foreign_load_kept());
  out.print();
  return 0;
}
