#!/usr/bin/python3
"""Builds the seed corpora of the fuzz targets (scripts/fuzz; docs/fuzzing.md).

usage: fuzz_seeds.py REPO CORPUS OUT

Writes OUT/<target>/<sha1> files from what the repository and the shared
corpus (read-only; may be absent) already hold: policies (.writ files, the
```writ blocks of the docs, the raw-string policies of the C++ tests),
Kubernetes YAML and JSON, audit events and AdmissionReviews. OUT is
rebuilt from scratch; nothing is written anywhere else.
"""
import hashlib
import json
import pathlib
import re
import shutil
import sys

import yaml

MAX_BYTES = 64 * 1024  # larger seeds would be truncated by -max_len anyway


def files(root, *patterns):
    if not root.is_dir():
        return []
    out = set()
    for p in patterns:
        out.update(f for f in root.rglob(p) if f.is_file() and f.stat().st_size <= MAX_BYTES)
    return sorted(out)


class Seeds:
    def __init__(self, out):
        self.out = out
        self.count = {}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if not data or len(data) > MAX_BYTES:
            return
        d = self.out / target
        d.mkdir(parents=True, exist_ok=True)
        (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
        self.count[target] = self.count.get(target, 0) + 1


def fenced_blocks(markdown):
    """(language, text) of each ``` block, fences read as whole lines."""
    blocks, lang, lines = [], None, []
    for line in markdown.splitlines():
        m = re.fullmatch(r"```(\w*)\s*", line)
        if m and lang is None:
            lang, lines = m.group(1), []
        elif line.strip() == "```" and lang is not None:
            blocks.append((lang, "\n".join(lines) + "\n"))
            lang = None
        elif lang is not None:
            lines.append(line)
    return blocks


def string_literals(cpp):
    """The strings of a C++ file: raw strings, and runs of adjacent "..." literals joined."""
    out = [m.group(2) for m in re.finditer(r'R"(\w*)\((.*?)\)\1"', cpp, re.S)]
    for run in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', cpp):
        try:
            out.append("".join(json.loads(lit) for lit in re.findall(r'"(?:[^"\\\n]|\\.)*"', run.group(0))))
        except ValueError:  # an escape JSON does not have (\0, \x..): not worth a seed
            pass
    return out


def docs_of(path):
    """The YAML documents of a file, as Python objects ([] if it does not load)."""
    try:
        return [d for d in yaml.safe_load_all(path.read_text(errors="replace")) if isinstance(d, dict)]
    except Exception:  # noqa: BLE001 - a seed source that PyYAML cannot read is simply skipped
        return []


def to_json(doc):
    return json.dumps(doc, default=str)


def review(obj, op, n):
    return to_json({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                    "request": {"uid": f"seed-{n}", "operation": op, "namespace": "default",
                                "kind": {"group": "", "version": "v1", "kind": obj.get("kind", "")},
                                "userInfo": {"username": "seed"}, "object": obj,
                                "oldObject": obj if op == "UPDATE" else None}})


def main():
    repo, corpus, out = (pathlib.Path(a) for a in sys.argv[1:4])
    if out.exists():
        shutil.rmtree(out)
    s = Seeds(out)
    fuzz_tests = repo / "tests" / "fuzz"

    # Policies: files, doc blocks (with the YAML input that follows, for fuzz_eval), test raw strings.
    policies = [f.read_text() for f in files(repo / "examples", "*.writ") + files(repo / "stdlib", "*.writ")]
    pairs = []
    for md in files(repo / "docs", "*.md") + [repo / "README.md"]:
        blocks = fenced_blocks(md.read_text())
        for i, (lang, text) in enumerate(blocks):
            if lang == "writ":
                policies.append(text)
                if i + 1 < len(blocks) and blocks[i + 1][0] == "yaml":
                    pairs.append((text, blocks[i + 1][1]))
    for cpp in files(repo / "tests", "*.cpp"):
        policies += [t for t in string_literals(cpp.read_text()) if "rule " in t]
    for p in policies:
        s.add("fuzz_policy", p)
    for p, y in pairs:
        s.add("fuzz_eval", "7" + p + "\n---\n" + y)

    # Kubernetes YAML: the repository's, then the shared corpus.
    manifests = files(repo / "examples", "*.yaml", "*.yml") + files(repo / "tests", "*.yaml", "*.yml")
    shared = files(corpus, "*.yaml", "*.yml")
    for f in manifests + shared:
        s.add("fuzz_yaml", f.read_bytes())

    # JSON: files, JSON Lines (a line each), and every YAML document as JSON.
    jsons = files(repo / "examples", "*.json") + files(repo / "tests", "*.json") + files(corpus, "*.json")
    for f in jsons:
        s.add("fuzz_json", f.read_bytes())
    events = []
    for f in files(repo / "examples", "*.jsonl") + files(repo / "tests", "*.jsonl"):
        events += f.read_text().splitlines()[:100]
    for line in events:
        s.add("fuzz_json", line)
        s.add("fuzz_eval", "5" + line)
    n = 0
    for f in manifests + shared:
        docs = docs_of(f)
        for d in docs:
            s.add("fuzz_json", to_json(d))
        text = f.read_text(errors="replace")
        rel = str(f)
        # Which policies the objects meet in fuzz_eval (see fuzz_eval.cpp).
        if "pod-security-admission" in rel:
            s.add("fuzz_eval", ("3" if "/baseline/" in rel else "2" if n % 2 else "6") + text)
        else:
            for mode in "0124":
                s.add("fuzz_eval", mode + text)
        for d in docs[:4]:
            n += 1
            if d.get("kind") in ("AdmissionReview", "Event"):
                continue
            s.add("fuzz_admission", review(d, "UPDATE" if n % 3 == 0 else "CREATE", n))
    for f in jsons:
        if b"AdmissionReview" in f.read_bytes():
            s.add("fuzz_admission", f.read_bytes())
            s.add("fuzz_eval", b"2" + f.read_bytes())

    # The committed inputs (regressions and seeds) of every target.
    for d in sorted(fuzz_tests.iterdir()) if fuzz_tests.is_dir() else []:
        for f in files(d, "*"):
            s.add(d.name, f.read_bytes())

    for t in sorted(s.count):
        print(f"{t}: {s.count[t]} seeds")


if __name__ == "__main__":
    main()
