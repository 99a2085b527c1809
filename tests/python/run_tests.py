#!/usr/bin/env python3
"""Checks dimsum's verdicts on Python source against the expectations written beside the code.

Usage: run_tests.py DIMSUM TESTS_DIR

Every *.py under TESTS_DIR is checked with `dimsum check FILE --format json` (and `summary`).
The expectations are comments, on the line they are about (as clang-tidy's tests carry theirs):

    layers.Conv2D(64, 3),  # expect: error DS0001 col=5 "3" "1" label=12
    # expect: ok                  the file has no shape error (exit status 0)
    # expect: exit 2 "words"      dimsum cannot check the file; stderr names it and says the words
    # expect: results 2           the number of results (models x shapes of data they are fed)
    # expect: note DS0103 col=5   a note at this line and column (also: warning)
    # expect: verdict "words"     a verdict line of `dimsum check FILE` says each quoted word

An error marker asserts an error diagnostic at that line and column with that code, mentioning
each quoted word (in its message, notes or help), with a secondary label at line L when
label=L is given. The set of errors must be exactly the set of error markers. A file whose code
must stay verbatim (the article's examples) keeps its markers in NAME.expect beside it, each
line "LINE: marker" or "marker".

Every expected value comes from Keras' documented behaviour, worked out in the comments of each
file; none was copied from dimsum's output.
"""
import json
import pathlib
import re
import subprocess
import sys

import jsonschema

MARKER = re.compile(r"#\s*expect:\s*(.*)$")
SCHEMA = json.loads(
    (pathlib.Path(__file__).resolve().parent.parent / "cli" / "result.schema.json").read_text())


def parse_marker(text):
    words = re.findall(r'"([^"]*)"', text)
    bare = re.sub(r'"[^"]*"', "", text).split()
    fields = dict(item.split("=", 1) for item in bare if "=" in item)
    plain = [item for item in bare if "=" not in item]
    return plain, fields, words


def expectations(path):
    markers = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = MARKER.search(line)
        if m:
            markers.append((number, m.group(1)))
    sidecar = path.with_suffix(".expect")
    if sidecar.exists():
        for line in sidecar.read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"(\d+):\s*(.*)$", line)
            markers.append((int(m.group(1)), m.group(2)) if m else (0, line))
    expected = {"exit": 0, "exit_words": [], "results": None, "diagnostics": [], "verdicts": []}
    for number, text in markers:
        plain, fields, words = parse_marker(text)
        kind = plain[0]
        if kind == "ok":
            continue
        if kind == "exit":
            expected["exit"] = int(plain[1])
            expected["exit_words"] = words
        elif kind == "results":
            expected["results"] = int(plain[1])
        elif kind == "verdict":
            expected["verdicts"].append(words)
        elif kind in ("error", "warning", "note"):
            expected["diagnostics"].append({
                "severity": kind, "code": plain[1], "line": number,
                "column": int(fields["col"]), "label": int(fields["label"]) if "label" in fields else None,
                "words": words})
            if kind == "error":
                expected["exit"] = 1
    return expected


def text_of(d):
    return " ".join([d.get("message", "")] + d.get("notes", []) + d.get("help", []))


def check_verdicts(dimsum, path, results, wanted):
    """A model is said to build only when everything was checked; each expected verdict is there."""
    human = subprocess.run([dimsum, "check", str(path), "--color", "never"], capture_output=True,
                           text=True).stdout
    verdicts = [line for line in human.splitlines() if line.startswith(f"{path}: ")]
    problems = []
    if len(verdicts) != len(results):
        problems.append(f"{len(verdicts)} verdict lines for {len(results)} results")
    for line, result in zip(verdicts, results):
        claims = " builds: " in line and "not checked" not in line
        if claims and not result["complete"]:
            problems.append(f"says it builds, but the check is not complete: {line}")
        if result["complete"] and "not checked" in line:
            problems.append(f"says something was not checked of a complete check: {line}")
    for words in wanted:
        if not any(all(w in line for w in words) for line in verdicts):
            problems.append(f"no verdict says {words}: {verdicts}")
    return problems


def check_file(dimsum, path):
    expected = expectations(path)
    run = subprocess.run([dimsum, "check", str(path), "--format", "json"], capture_output=True,
                         text=True)
    problems = []
    if run.returncode != expected["exit"]:
        problems.append(f"exit status {run.returncode}, expected {expected['exit']}; "
                        f"stderr: {run.stderr.strip()}")
        return problems
    summary = subprocess.run([dimsum, "summary", str(path)], capture_output=True, text=True)
    if summary.returncode != run.returncode:
        problems.append(f"summary exits {summary.returncode}, check exits {run.returncode}")
    if expected["exit"] == 2:
        lines = run.stderr.strip().splitlines()
        if len(lines) != 1 or str(path) not in lines[0]:
            problems.append(f"expected one line naming the file on stderr, got: {run.stderr!r}")
        for word in expected["exit_words"]:
            if word not in run.stderr:
                problems.append(f"stderr does not mention {word!r}: {run.stderr.strip()}")
        return problems
    document = json.loads(run.stdout)
    results = document if isinstance(document, list) else [document]
    for result in results:
        try:
            jsonschema.validate(result, SCHEMA)
        except jsonschema.ValidationError as e:
            problems.append(f"the JSON output does not match the schema: {e.message}")
    if expected["results"] is not None and len(results) != expected["results"]:
        problems.append(f"{len(results)} results, expected {expected['results']}")
    diagnostics = [d for r in results for d in r["diagnostics"]]
    problems += check_verdicts(dimsum, path, results, expected["verdicts"])

    def place(d):
        loc = d.get("location") or {}
        return (d["severity"], d.get("code"), loc.get("line"), loc.get("column"))

    wanted_errors = {("error", e["code"], e["line"], e["column"])
                     for e in expected["diagnostics"] if e["severity"] == "error"}
    found_errors = {place(d) for d in diagnostics if d["severity"] == "error"}
    for missing in sorted(wanted_errors - found_errors, key=str):
        problems.append(f"missing {missing[0]} {missing[1]} at {missing[2]}:{missing[3]}")
    for extra in sorted(found_errors - wanted_errors, key=str):
        d = next(d for d in diagnostics if place(d) == extra)
        problems.append(f"unexpected {extra[0]} {extra[1]} at {extra[2]}:{extra[3]}: {d['message']}")
    for e in expected["diagnostics"]:
        matching = [d for d in diagnostics
                    if place(d) == (e["severity"], e["code"], e["line"], e["column"])]
        if not matching:
            if e["severity"] != "error":
                problems.append(f"missing {e['severity']} {e['code']} at {e['line']}:{e['column']}")
            continue
        for word in e["words"]:
            if not any(word in text_of(d) for d in matching):
                problems.append(f"{e['code']} at {e['line']}:{e['column']} does not mention "
                                f"{word!r}: {matching[0]['message']}")
        if e["label"] is not None and not any(
                label["location"]["line"] == e["label"]
                for d in matching for label in d.get("labels", [])):
            problems.append(f"{e['code']} at {e['line']}:{e['column']} has no label at line "
                            f"{e['label']}")
    return problems


def main():
    dimsum, root = sys.argv[1], pathlib.Path(sys.argv[2])
    files = sorted(root.rglob("*.py"))
    files = [f for f in files if f.name != pathlib.Path(__file__).name]
    passed = failed = 0
    for path in files:
        problems = check_file(dimsum, path)
        if problems:
            failed += 1
            print(f"FAIL {path.relative_to(root)}")
            for p in problems:
                print(f"     {p}")
        else:
            passed += 1
            print(f"ok   {path.relative_to(root)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main())
