#!/usr/bin/env python3
"""Measures dimsum on the real model configs of ../shared/corpora/real-configs.

Each case of manifest.json says what an independent oracle (TensorFlow.js 4.22, published
parameter totals, or the weights stored in the file) says of a real file: the exit status, the
parameter total, the output shapes, each top-level layer's output shape, the layers that must get
DS0101 and the codes that must not appear. This script runs `dimsum check --format json` on each
file and counts the cases where dimsum agrees with the oracle on everything the case records.

Files the corpus did not copy (.h5, .keras, large files) are looked for in a cache folder
(--cache, default /work/corpus/real-configs-cache/<file>) and used only when their sha256 is the
manifest's; otherwise the case is "not measured".

usage: measure.py DIMSUM [--corpus DIR] [--cache DIR] [--copied-only] [--verbose]
Exit status: 0 when every measured case agrees, 1 otherwise, 77 when the corpus is absent
(ctest's SKIP_RETURN_CODE).
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpora",
                                               "real-configs"))


def shape_text(shape):
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def as_list(shape):
    """dimsum writes unknown sizes as null or a symbol name; the oracle as null."""
    if shape is None:
        return None
    return [d if isinstance(d, int) else None for d in shape]


def compare(case, code, report, stderr):
    """The differences between dimsum's result and the case's expectations, as sentences."""
    expect = case["expect"]
    problems = []
    if code not in expect["exit"]:
        problems.append(f"exit {code}, expected {expect['exit']}: {stderr.strip()[:200]}")
        return problems
    for word in expect.get("stderr", []):
        if word not in stderr:
            problems.append(f"stderr does not say {word!r}: {stderr.strip()[:200]}")
    if code == 2 or report is None:
        return problems
    results = report.get("results", [report])
    if len(results) != 1:
        problems.append(f"{len(results)} results, expected one model")
        return problems
    result = results[0]
    diagnostics = result.get("diagnostics", [])
    codes = {d.get("code") for d in diagnostics}
    for bad in expect.get("no_codes", []):
        if bad in codes:
            problems.append(f"reports {bad}, which it must not")
    if "ds0101" in expect:
        unknown = {d.get("layer") for d in diagnostics if d.get("code") == "DS0101"}
        for name in expect["ds0101"]:
            if name not in unknown:
                problems.append(f"no DS0101 on layer {name!r}")
    errors = [d for d in diagnostics if d.get("severity") == "error"]
    if errors and expect["exit"] == [0]:
        problems.append("errors: " + "; ".join(f"{d.get('code')} {d.get('layer')}: "
                                               f"{d.get('message')}" for d in errors[:3]))
    total = result.get("total_params")
    if "total_params" in expect and total != expect["total_params"]:
        problems.append(f"total_params {total}, expected {expect['total_params']}")
    if "params_if_known" in expect and total is not None and total != expect["params_if_known"]:
        problems.append(f"total_params {total}, expected {expect['params_if_known']} (if known)")
    if "output_shapes" in expect:
        got = [as_list(s) for s in result.get("output_shapes") or []]
        if got != expect["output_shapes"]:
            problems.append(f"output shapes {got}, expected {expect['output_shapes']}")
    layers = {l.get("name"): as_list(l.get("output_shape")) for l in result.get("layers", [])}
    for name, shape in expect.get("layers", {}).items():
        if name not in layers:
            problems.append(f"no layer {name!r} in the report")
        elif layers[name] != shape:
            problems.append(f"layer {name!r}: {layers[name]}, expected {shape}")
    return problems


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def locate(case, corpus, cache):
    """The file to run for `case`, or (None, why not)."""
    if case.get("copied"):
        return os.path.join(corpus, "files", case["file"]), None
    path = os.path.join(cache, case["file"])
    if not os.path.exists(path):
        return None, f"not copied, and not in the cache {cache}"
    if sha256(path) != case["sha256"]:
        return None, f"the cached {path} is not the manifest's file (sha256 differs)"
    return path, None


def run(dimsum, path):
    proc = subprocess.run([dimsum, "check", path, "--format", "json", "--color", "never"],
                          capture_output=True, text=True, timeout=120)
    try:
        report = json.loads(proc.stdout) if proc.stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    return proc.returncode, report, proc.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dimsum")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--cache", default="/work/corpus/real-configs-cache")
    parser.add_argument("--copied-only", action="store_true",
                        help="measure only the files the corpus holds (the ctest test)")
    parser.add_argument("--verbose", action="store_true", help="list the cases that agree too")
    args = parser.parse_args()
    manifest_path = os.path.join(args.corpus, "manifest.json")
    if not os.path.exists(manifest_path):
        print(f"skipped: the real-configs corpus is absent ({manifest_path})")
        return SKIP
    with open(manifest_path) as f:
        cases = json.load(f)["cases"]

    agree, disagree, unmeasured = [], [], []
    by_dialect = {}
    for case in cases:
        if args.copied_only and not case.get("copied"):
            continue
        path, why = locate(case, args.corpus, args.cache)
        tally = by_dialect.setdefault(case["dialect"], [0, 0, 0])
        if path is None:
            unmeasured.append((case["file"], why))
            tally[2] += 1
            continue
        code, report, stderr = run(args.dimsum, path)
        problems = compare(case, code, report, stderr)
        if problems:
            disagree.append((case["file"], problems))
            tally[1] += 1
        else:
            agree.append(case["file"])
            tally[0] += 1

    for name, problems in disagree:
        print(f"DISAGREE {name}")
        for p in problems[:6]:
            print(f"    {p}")
        if len(problems) > 6:
            print(f"    ... and {len(problems) - 6} more")
    if args.verbose:
        for name in agree:
            print(f"agree    {name}")
        for name, why in unmeasured:
            print(f"not measured {name}: {why}")
    print()
    print(f"{'dialect':55} agree disagree not-measured")
    for dialect, (a, d, u) in sorted(by_dialect.items()):
        print(f"{dialect:55} {a:5} {d:8} {u:12}")
    measured = len(agree) + len(disagree)
    print(f"\n{len(agree)} of {measured} measured cases agree with the oracle; "
          f"{len(unmeasured)} not measured")
    return 0 if not disagree else 1


if __name__ == "__main__":
    sys.exit(main())
