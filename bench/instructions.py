#!/usr/bin/env python3
"""Machine instructions per object, counted by callgrind: a figure the
shared machine's load cannot move, next to the timings that it can.

    instructions.py BENCH_PSS --pods FILE [--limit 1000] [--policy P] [--tag T] [--interpreted]

Runs `bench_pss --profile all --passes 1` under callgrind, collecting only
inside EvalContext::evaluate, PssReference::evaluate and JsonDecoder::decode,
and prints a part in the benchmark programs' JSON format (support/results.hpp):
instructions per object for eval, the reference and decode. Each object is
decoded twice (once to build the set, once in the pass), evaluated once.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

FUNCTIONS = {
    "eval": "writ::EvalContext::evaluate(",
    "reference": "writ::bench::PssReference::evaluate(",
    "decode": "writ::JsonDecoder::decode(",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--pods", required=True)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--policy", default="pss/restricted")
    ap.add_argument("--tag", default="pss")
    ap.add_argument("--interpreted", action="store_true", help="a standard pack in the interpreter, not as machine code")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--collect-atstart=no"]
        cmd += [f"--toggle-collect={f}*" for f in FUNCTIONS.values()]
        cmd += [a.bench, "--pods", a.pods, "--limit", str(a.limit), "--policy", a.policy, "--profile", "all",
                "--passes", "1"] + (["--interpreted"] if a.interpreted else [])
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out], check=True,
                              capture_output=True, text=True).stdout
    n = a.limit
    with open(a.pods) as f:
        n = min(n, sum(1 for line in f if line.strip()))
    # Inclusive counts; a function appears on several lines (per file), take the largest.
    ir = {}
    for key, fn in FUNCTIONS.items():
        best = 0
        for line in text.splitlines():
            m = re.match(r"\s*([\d,]+)\s+\(.*?\)\s+(.*)", line)
            if m and fn in m.group(2):
                best = max(best, int(m.group(1).replace(",", "")))
        ir[key] = best
    per = {"eval": ir["eval"] / n, "reference": ir["reference"] / n, "decode": ir["decode"] / (2 * n)}
    t = a.tag
    suffix = "" if t == "pss" else f" [{t}]"
    metrics = [
        {"id": f"ir.{t}.eval", "label": f"instructions per evaluation, {a.policy} (callgrind)", "unit": "instr",
         "value": per["eval"]},
        {"id": f"ir.{t}.decode", "label": "instructions per decode (callgrind)" + suffix, "unit": "instr",
         "value": per["decode"]},
    ]
    if per["reference"] > 0:
        metrics.insert(1, {"id": f"ir.{t}.reference", "label": "instructions per reference evaluation (callgrind)"
                           + suffix, "unit": "instr", "value": per["reference"]})
        metrics.append({"id": f"ir.{t}.eval_over_reference", "label": "writ / reference, instructions" + suffix,
                        "unit": "×", "value": per["eval"] / per["reference"]})
    metrics.append({"id": f"ir.{t}.decode_eval_over_decode", "label": "(decode + eval) / decode, instructions" + suffix,
                    "unit": "×", "value": (per["decode"] + per["eval"]) / per["decode"]})
    for m in metrics:
        print(f"  {m['label']:<60} {m['value']:>12.4g} {m['unit']}", file=sys.stderr)
    json.dump({"program": "instructions.py", "info": {f"ir.{t}.objects": n}, "metrics": metrics}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
