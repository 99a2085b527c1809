#!/usr/bin/env python3
"""Checks dimsum's verdicts on Python source against the expectations written beside the code.

Usage: run_tests.py DIMSUM TESTS_DIR

Every *.py and *.ipynb under TESTS_DIR is checked with `dimsum check FILE --format json` (and
`summary`). The expectations are comments, on the line they are about (as clang-tidy's tests carry
theirs); in a notebook, in a code cell, the line being that line of that cell:

    layers.Conv2D(64, 3),  # expect: error DS0001 col=5 "3" "1" label=12
    # expect: ok                  the file has no shape error (exit status 0)
    # expect: exit 2 "words"      dimsum cannot check the file; stderr names it and says the words
    # expect: results 2           the number of results (models x shapes of data they are fed)
    # expect: note DS0103 col=5   a note at this line and column (also: warning)
    # expect: verdict "words"     a verdict line of `dimsum check FILE` says each quoted word
    # expect: params 101770       the total parameter count of the file's one result
    # expect: params 1290 layer=NAME model=NAME   of one layer (layer=), of one model (model=)
    # expect: trainable 2097665   the trainable parameter count of the result (model= as above)
    # expect: shape "(None, 7, 7, 64)" layer=NAME  the output shape of the layer named NAME
    # expect: shape "(None, 10)"  the output shape of the model (output=I picks the I-th output,
                                  counted from 0, of a model with several; model= as above)

An error marker asserts an error diagnostic at that line and column with that code, mentioning
each quoted word (in its message, notes or help), with a secondary label at line L when
label=L is given (in a notebook, label=C:L is line L of cell C, and label=L the marker's own
cell; cells are numbered as Jupyter shows them, every cell counted). The set of errors must be exactly the set of error markers. A file whose code
must stay verbatim (the article's examples) keeps its markers in NAME.expect beside it, each
line "LINE: marker" or "marker".

A params or shape marker reads the JSON result: model=NAME picks the result whose "model" is
NAME (without it, the file must have exactly one result), layer=NAME the entry of its "layers"
whose "name" is NAME, and a shape is written as Keras prints it, "(None, 10)", "(None,)" (spaces
do not matter). A model, layer or output that is not there, or a count or shape that is unknown
(null), fails the file, as does an unknown marker.

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
TIMEOUT = 120  # seconds for one run of dimsum
SCHEMA = json.loads(
    (pathlib.Path(__file__).resolve().parent.parent / "cli" / "result.schema.json").read_text())


def parse_marker(text):
    words = re.findall(r'"([^"]*)"', text)
    bare = re.sub(r'"[^"]*"', "", text).split()
    fields = dict(item.split("=", 1) for item in bare if "=" in item)
    plain = [item for item in bare if "=" not in item]
    return plain, fields, words


def notebook_cells(path):
    """The code cells of a notebook, with their numbers as Jupyter shows them (1-based, every
    cell counted; nbformat 3's worksheets one after another), each as its lines."""
    document = json.loads(path.read_text())
    cells = document.get("cells")
    if cells is None:
        cells = [c for sheet in document.get("worksheets", []) for c in sheet["cells"]]
    for number, cell in enumerate(cells, 1):
        if cell["cell_type"] == "code":
            source = cell.get("source", cell.get("input", ""))
            yield number, "".join(source).splitlines()


def marker_lines(path):
    """(line, text) of every marker; in a notebook the line is (cell, line in the cell)."""
    if path.suffix == ".ipynb":
        for cell, lines in notebook_cells(path):
            for number, line in enumerate(lines, 1):
                m = MARKER.search(line)
                if m:
                    yield (cell, number), m.group(1)
        return
    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = MARKER.search(line)
        if m:
            yield (None, number), m.group(1)


def parse_label(text, where):
    """label=L, or label=C:L for line L of cell C of a notebook (label=L: the marker's cell)."""
    cell, _, line = text.rpartition(":")
    return (int(cell) if cell else where[0], int(line))


def expectations(path):
    markers = list(marker_lines(path))
    sidecar = path.with_suffix(".expect")
    if sidecar.exists():
        for line in sidecar.read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"(\d+):\s*(.*)$", line)
            markers.append(((None, int(m.group(1))), m.group(2)) if m else ((None, 0), line))
    expected = {"exit": 0, "exit_words": [], "results": None, "diagnostics": [], "verdicts": [],
                "reads": [], "unknown": []}
    for number, text in markers:
        plain, fields, words = parse_marker(text)
        kind = plain[0] if plain else ""
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
                "column": int(fields["col"]),
                "label": parse_label(fields["label"], number) if "label" in fields else None,
                "words": words})
            if kind == "error":
                expected["exit"] = 1
        elif kind in ("params", "trainable") and len(plain) == 2 and plain[1].isdigit() \
                and not words:
            expected["reads"].append({"kind": kind, "line": number, "value": int(plain[1]),
                                      "fields": fields})
        elif kind == "shape" and len(plain) == 1 and len(words) == 1:
            expected["reads"].append({"kind": kind, "line": number, "value": words[0],
                                      "fields": fields})
        else:
            expected["unknown"].append(
                f"{line_text(number)}: a marker this harness does not read: {text}")
    return expected


def line_text(line):
    """(cell, line) in words: "line 3", "cell 7 line 3"."""
    cell, number = line
    return f"line {number}" if cell is None else f"cell {cell} line {number}"


def shape_text(shape):
    """A shape of the JSON result as Keras prints it: (None, 7, 7, 64), (None,)."""
    if shape is None:
        return None
    sizes = ["None" if size is None else str(size) for size in shape]
    return "(" + ", ".join(sizes) + ("," if len(sizes) == 1 else "") + ")"


def check_reads(results, reads):
    """The params and shape markers: each names something the JSON result must have."""
    problems = []
    for read in reads:
        fields = dict(read["fields"])
        where = f"{line_text(read['line'])}: {read['kind']}"
        model = fields.pop("model", None)
        layer = fields.pop("layer", None)
        output = fields.pop("output", None)
        if fields or (output is not None and (layer is not None or read["kind"] != "shape")) or \
                (layer is not None and read["kind"] == "trainable"):
            problems.append(f"{where}: fields this marker does not take: {read['fields']}")
            continue
        if model is None and len(results) != 1:
            problems.append(f"{where}: {len(results)} results; say which with model=NAME")
            continue
        chosen = [r for r in results if model is None or r.get("model") == model]
        if len(chosen) != 1:
            names = [r.get("model") for r in results]
            problems.append(f"{where}: {len(chosen)} results are model {model!r}; models: {names}")
            continue
        result = chosen[0]
        if layer is not None:
            entries = [e for e in result.get("layers", []) if e["name"] == layer]
            if len(entries) != 1:
                names = [e["name"] for e in result.get("layers", [])]
                problems.append(f"{where}: {len(entries)} layers named {layer!r} in model "
                                f"{result.get('model')!r}; layers: {names}")
                continue
            found = entries[0].get("params" if read["kind"] == "params" else "output_shape")
        elif read["kind"] == "params":
            found = result.get("total_params")
        elif read["kind"] == "trainable":
            found = result.get("trainable_params")
        else:
            outputs = result["output_shapes"]
            if output is None and len(outputs) != 1:
                problems.append(f"{where}: the model has {len(outputs)} outputs; say which with "
                                f"output=I")
                continue
            index = int(output or 0)
            if not 0 <= index < len(outputs):
                problems.append(f"{where}: no output {index} among {len(outputs)}")
                continue
            found = outputs[index]
        if read["kind"] == "shape":
            found = shape_text(found)
            wanted = "".join(read["value"].split())
            if found is None or "".join(found.split()) != wanted:
                problems.append(f"{where}: shape {found}, expected {read['value']}")
        elif found != read["value"]:
            problems.append(f"{where}: {found}, expected {read['value']}")
    return problems


def text_of(d):
    return " ".join([d.get("message", "")] + d.get("notes", []) + d.get("help", []))


def check_verdicts(dimsum, path, results, wanted):
    """A model is said to build only when everything was checked; each expected verdict is there."""
    human = subprocess.run([dimsum, "check", str(path), "--color", "never"], capture_output=True,
                           text=True, timeout=TIMEOUT).stdout
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
    if expected["unknown"]:
        return expected["unknown"]
    try:
        run = subprocess.run([dimsum, "check", str(path), "--format", "json"],
                             capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return [f"dimsum check did not finish in {TIMEOUT} seconds"]
    problems = []
    if run.returncode != expected["exit"]:
        problems.append(f"exit status {run.returncode}, expected {expected['exit']}; "
                        f"stderr: {run.stderr.strip()}")
        return problems
    summary = subprocess.run([dimsum, "summary", str(path)], capture_output=True, text=True,
                             timeout=TIMEOUT)
    if summary.returncode != run.returncode:
        problems.append(f"summary exits {summary.returncode}, check exits {run.returncode}")
    if expected["exit"] == 2:
        if expected["reads"]:
            problems.append("params and shape markers in a file dimsum cannot check")
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
    problems += check_reads(results, expected["reads"])

    def line_of(location):
        return (location.get("cell"), location.get("line"))

    def place(d):
        loc = d.get("location") or {}
        return (d["severity"], d.get("code"), line_of(loc), loc.get("column"))

    if path.suffix == ".ipynb":  # every position in a notebook names its cell
        for d in diagnostics:
            for loc in [d.get("location")] + [l["location"] for l in d.get("labels", [])]:
                if loc and not loc.get("cell"):
                    problems.append(f"a location without its cell: {loc}")

    wanted_errors = {("error", e["code"], e["line"], e["column"])
                     for e in expected["diagnostics"] if e["severity"] == "error"}
    found_errors = {place(d) for d in diagnostics if d["severity"] == "error"}
    for missing in sorted(wanted_errors - found_errors, key=str):
        problems.append(f"missing {missing[0]} {missing[1]} at {line_text(missing[2])}:{missing[3]}")
    for extra in sorted(found_errors - wanted_errors, key=str):
        d = next(d for d in diagnostics if place(d) == extra)
        problems.append(f"unexpected {extra[0]} {extra[1]} at {line_text(extra[2])}:{extra[3]}: "
                        f"{d['message']}")
    for e in expected["diagnostics"]:
        matching = [d for d in diagnostics
                    if place(d) == (e["severity"], e["code"], e["line"], e["column"])]
        at = f"{line_text(e['line'])}:{e['column']}"
        if not matching:
            if e["severity"] != "error":
                problems.append(f"missing {e['severity']} {e['code']} at {at}")
            continue
        for word in e["words"]:
            if not any(word in text_of(d) for d in matching):
                problems.append(f"{e['code']} at {at} does not mention "
                                f"{word!r}: {matching[0]['message']}")
        if e["label"] is not None and not any(
                line_of(label["location"]) == e["label"]
                for d in matching for label in d.get("labels", [])):
            problems.append(f"{e['code']} at {at} has no label at {line_text(e['label'])}")
    return problems


def main():
    dimsum, root = sys.argv[1], pathlib.Path(sys.argv[2])
    files = sorted(list(root.rglob("*.py")) + list(root.rglob("*.ipynb")))
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
