#!/usr/bin/env python3
"""Read `perf report --sort srcline` lines ("  8.00%  node.hpp:46") on stdin
and print each with the source text of that line, found under ROOT, so a
profile of the interpreter says which opcode or helper the time is in.

    perf report ... --sort srcline | annotate_srclines.py ROOT
"""
import os
import re
import sys

root = sys.argv[1]
index = {}
for d, _, files in os.walk(root):
    if "/build" in d or "/.git" in d:
        continue
    for f in files:
        if f.endswith((".cpp", ".hpp", ".h")):
            index.setdefault(f, os.path.join(d, f))

for line in sys.stdin:
    m = re.match(r"\s*([\d.]+%)\s+(\S+):(\d+)", line)
    if not m:
        continue
    pct, name, no = m.group(1), m.group(2), int(m.group(3))
    text = ""
    path = index.get(name)
    if path:
        with open(path, errors="replace") as f:
            lines = f.read().split("\n")
        if 0 < no <= len(lines):
            text = lines[no - 1].strip()
        name = os.path.relpath(path, root)
    print(f"{pct:>7}  {name}:{no}  {text[:110]}")
