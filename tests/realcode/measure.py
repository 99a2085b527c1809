#!/usr/bin/env python3
"""dimsum on real Keras programs: how many it checks, and every error it reports on code that runs.

usage: measure.py DIMSUM [--sources sources.json] [--files DIR] [--mirrors DIR] [--out FILE]

The programs are public files listed in sources.json (repository, path, commit), never copied into
this project. They are read from DIR (default /work/corpus/files, named OWNER__REPO__PATH with
"/" as "__"); a file missing there is taken from a bare git mirror of its repository under
--mirrors (default /work/.mirror/OWNER+REPO/repo, as the session tool `fetch` leaves them).
Every file is believed to run: each error dimsum reports is a false alarm to explain.
Prints the summary (with the models and files followed fully, partly and not at all per file kind:
.py, .ipynb) and each error; writes the per-file results to --out when given (each result's
errors, its notes and warnings, and what it left unchecked; tally_notes.py groups them by cause).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = pathlib.Path(__file__).resolve().parent


def local_name(source):
    return "__".join([*source["repo"].split("/"), *source["path"].split("/")])


def materialize(source, files, mirrors):
    path = files / local_name(source)
    if path.exists():
        return path
    git = mirrors / source["repo"].replace("/", "+") / "repo"
    shown = subprocess.run(["git", "--git-dir", str(git), "show",
                            f"{source['commit']}:{source['path']}"], capture_output=True)
    if shown.returncode != 0:
        return None
    files.mkdir(parents=True, exist_ok=True)
    path.write_bytes(shown.stdout)
    return path


def diagnostic(d):
    location = d.get("location") or {}
    entry = {"code": d.get("code"), "severity": d["severity"], "message": d["message"],
             "line": location.get("line")}
    if "cell" in location:  # a notebook's: the line is in that cell
        entry["cell"] = location["cell"]
    return entry


def place(e):
    """Where an error is: "12", or in a notebook "cell 7:3"."""
    return f"cell {e['cell']}:{e['line']}" if "cell" in e else f"{e['line']}"


def check(dimsum, path):
    start = time.monotonic()
    try:
        run = subprocess.run([dimsum, "check", str(path), "--format", "json"],
                             capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return {"exit": "timeout", "seconds": 20.0, "results": []}
    entry = {"exit": run.returncode, "seconds": round(time.monotonic() - start, 3),
             "stderr": run.stderr.strip().splitlines()[:1], "results": []}
    if run.returncode in (0, 1):
        doc = json.loads(run.stdout)
        for r in doc if isinstance(doc, list) else [doc]:
            entry["results"].append({
                "model": r.get("model"), "ok": r["ok"], "complete": r.get("complete"),
                "errors": [diagnostic(d) for d in r["diagnostics"] if d["severity"] == "error"],
                "notes": [diagnostic(d) for d in r["diagnostics"] if d["severity"] != "error"],
                "unchecked": r.get("unchecked", []),
                "unchecked_layers": r.get("unchecked_layers", []),
                "layers": len(r.get("layers", [])),
                "known_layers": sum(layer.get("output_shape") is not None
                                    for layer in r.get("layers", []))})
    return entry


# A file that makes a keras.applications backbone (transfer learning, feature extraction).
BACKBONE = re.compile(r"applications[\s\S]*\b(VGG1[69]|ResNet\d+(V2)?|MobileNet(V2|V3Small|V3Large)?|"
                      r"Inception(V3|ResNetV2)|Xception|DenseNet\d+|EfficientNet(V2)?(B\d|[SML])|"
                      r"NASNet(Mobile|Large)|ConvNeXt\w+|RegNet\w+)\s*\(")


def kind(source):
    return pathlib.PurePosixPath(source["path"]).suffix.lstrip(".") or "other"


def kinds(source, path):
    """The rows a file counts in: its kind, and "transfer learning" when it makes a backbone."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return [kind(source)] + (["transfer learning (any kind)"] if BACKBONE.search(text) else [])


def followed(result):
    """How much of one model dimsum follows: every layer's shape, some of them, or none."""
    if result["complete"]:
        return "fully"
    return "partly" if result["known_layers"] else "not at all"


def by_kind(measured):
    """Models and files followed fully / partly / not at all, per file kind (py, ipynb, ...).

    A model is a result naming one; a file's grade is its best model's, and a file with no model
    (exit 2, or no model dimsum can follow) counts as followed not at all."""
    grades = ("fully", "partly", "not at all")
    table = {}
    for source, entry, path in measured:
        models = [followed(r) for r in entry["results"] if r["model"]]
        best = min(models, key=grades.index) if models else "not at all"
        for name in kinds(source, path):
            row = table.setdefault(name, {"files": 0, "exit 2": 0,
                                          "models": dict.fromkeys(grades, 0),
                                          "files by best model": dict.fromkeys(grades, 0)})
            row["files"] += 1
            row["exit 2"] += entry["exit"] == 2
            for grade in models:
                row["models"][grade] += 1
            row["files by best model"][best] += 1
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dimsum")
    parser.add_argument("--sources", default=str(HERE / "sources.json"))
    parser.add_argument("--files", default="/work/corpus/files")
    parser.add_argument("--mirrors", default="/work/.mirror")
    parser.add_argument("--out")
    args = parser.parse_args()
    sources = json.load(open(args.sources))
    files, mirrors = pathlib.Path(args.files), pathlib.Path(args.mirrors)
    paths = [materialize(s, files, mirrors) for s in sources]
    missing = sum(p is None for p in paths)
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        entries = list(pool.map(lambda p: check(args.dimsum, p) if p else None, paths))
    measured = [(s, e) for s, e in zip(sources, entries) if e]
    results = [r for _, e in measured for r in e["results"]]
    summary = {
        "files": len(measured), "not found": missing,
        "exit 0/1/2/timeout": [sum(e["exit"] == k for _, e in measured) for k in (0, 1, 2, "timeout")],
        "results": len(results),
        "complete and ok (the model builds, everything checked)":
            sum(r["ok"] and r["complete"] for r in results),
        "ok but not complete": sum(r["ok"] and not r["complete"] for r in results),
        "failed": sum(not r["ok"] for r in results),
        "files with an error": sum(any(r["errors"] for r in e["results"]) for _, e in measured),
        "per file kind": by_kind([(s, e, p) for s, e, p in zip(sources, entries, paths) if e]),
        "slowest file (s)": max((e["seconds"] for _, e in measured if e["exit"] != "timeout"),
                                default=0),
    }
    print(json.dumps(summary, indent=1))
    for source, entry in measured:
        for r in entry["results"]:
            for e in r["errors"]:
                print(f"error  {source['repo']}/{source['path']}:{place(e)}: [{e['code']}] "
                      f"{e['message']}")
        if entry["exit"] == 2:
            print(f"exit 2 {source['repo']}/{source['path']}: {entry['stderr']}")
    if args.out:
        json.dump([{**s, **e} for s, e in measured], open(args.out, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
