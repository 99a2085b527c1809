#!/usr/bin/python3
"""Runs dimsum against tests/labels/loss_cases.json, a table of Keras' loss rules.

Each row of the table is a case: a Keras generation, a loss, an output shape and a label
shape, and what that generation of Keras does with it (`fits`, `broadcasts` or `fails`),
with the Keras source it was read from. The table was written from Keras' own code, not
from dimsum's.

For every row this writes a Sequential model config in the row's dialect (standalone
Keras 2.1 list form, tf.keras 2 `to_json` form, Keras 3 form) whose output has the row's
shape and activation, and a .npy file of the labels, then runs

    dimsum check MODEL --labels y.npy --loss NAME --format json

`fits` must give no error; `broadcasts` and `fails` must give an error with code DS0014.

Usage: loss_table_test.py DIMSUM [--table FILE] [--keep DIR] [--verbose]
Exit: 0 all agree, 1 a disagreement, 77 (skip) when dimsum has no --labels option.
Needs numpy (run it with /usr/bin/python3).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
FEATURES = 8          # the input's feature axis, before the Dense that makes the output


def input_shape_for(output):
    """The input shape whose Dense(units=output[-1]) gives `output`."""
    return list(output[:-1]) + [FEATURES]


# ----- the three dialects -----------------------------------------------------------

def standalone_config(output, activation):
    """Keras 2.1 form: Sequential whose config is the bare list of layers."""
    dense = {
        "class_name": "Dense",
        "config": {
            "name": "dense_1", "trainable": True, "dtype": "float32",
            "batch_input_shape": input_shape_for(output),
            "units": output[-1], "activation": activation, "use_bias": True,
            "kernel_initializer": {"class_name": "VarianceScaling",
                                   "config": {"scale": 1.0, "mode": "fan_avg",
                                              "distribution": "uniform", "seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None,
            "activity_regularizer": None, "kernel_constraint": None,
            "bias_constraint": None,
        },
    }
    return {"class_name": "Sequential", "config": [dense],
            "keras_version": "2.1.5", "backend": "tensorflow"}


def tfkeras2_config(output, activation):
    """tf.keras 2 `model.to_json()` form with an InputLayer."""
    layers = [
        {"class_name": "InputLayer",
         "config": {"batch_input_shape": input_shape_for(output), "dtype": "float32",
                    "sparse": False, "ragged": False, "name": "input_1"}},
        {"class_name": "Dense",
         "config": {"name": "dense", "trainable": True, "dtype": "float32",
                    "units": output[-1], "activation": activation, "use_bias": True,
                    "kernel_initializer": {"class_name": "GlorotUniform",
                                           "config": {"seed": None}},
                    "bias_initializer": {"class_name": "Zeros", "config": {}},
                    "kernel_regularizer": None, "bias_regularizer": None,
                    "activity_regularizer": None, "kernel_constraint": None,
                    "bias_constraint": None}},
    ]
    return {"class_name": "Sequential",
            "config": {"name": "sequential", "layers": layers},
            "keras_version": "2.12.0", "backend": "tensorflow"}


def keras3_config(output, activation):
    """Keras 3 form: module / registered_name, InputLayer with batch_shape."""
    def policy():
        return {"module": "keras", "class_name": "DTypePolicy",
                "config": {"name": "float32"}, "registered_name": None}
    layers = [
        {"module": "keras.layers", "class_name": "InputLayer",
         "config": {"batch_shape": input_shape_for(output), "dtype": "float32",
                    "sparse": False, "name": "input_layer"},
         "registered_name": None},
        {"module": "keras.layers", "class_name": "Dense",
         "config": {"name": "dense", "trainable": True, "dtype": policy(),
                    "units": output[-1], "activation": activation, "use_bias": True,
                    "kernel_initializer": {"module": "keras.initializers",
                                           "class_name": "GlorotUniform",
                                           "config": {"seed": None}, "registered_name": None},
                    "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros",
                                         "config": {}, "registered_name": None},
                    "kernel_regularizer": None, "bias_regularizer": None,
                    "activity_regularizer": None, "kernel_constraint": None,
                    "bias_constraint": None},
         "registered_name": None},
    ]
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": "sequential", "trainable": True, "dtype": policy(),
                       "layers": layers},
            "registered_name": None}


DIALECTS = {
    "standalone": standalone_config,
    "tf.keras 2": tfkeras2_config,
    "Keras 3": keras3_config,
}

# What dimsum's JSON calls each dialect (its "dialect" field, where it gives one).
DIALECT_NAMES = {
    "standalone": "Keras 2.1",
    "tf.keras 2": "tf.keras 2",
    "Keras 3": "Keras 3",
}


# ----- running dimsum -----------------------------------------------------------------

def run(dimsum, args):
    proc = subprocess.run([dimsum] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def results_of(stdout):
    """The result objects of `--format json` output (one object or an array of them)."""
    data = json.loads(stdout)
    return data if isinstance(data, list) else [data]


def diagnostics_of(results):
    return [d for r in results for d in (r.get("diagnostics") or [])]


# How dimsum's notes name each generation, to read which outcome a DS0014 note gives.
GENERATION_WORDS = {
    "standalone": "standalone",
    "tf.keras 2": "tf.keras 2",
    "Keras 3": "Keras 3",
}


def outcome_in_notes(row, errors):
    """`broadcasts` or `fails` as dimsum's notes on the row's generation tell it, or None.

    Only read to report where dimsum's explanation and the table part ways: the exit status of
    this test depends on the error and its code alone, not on the wording of a note.
    """
    word = GENERATION_WORDS[row["generation"]]
    for d in errors:
        for note in d.get("notes") or []:
            if word not in note:
                continue
            if "broadcast" in note:
                return "broadcasts", note
            if any(verb in note for verb in ("raise", "refuse", "fail", "reject")):
                return "fails", note
    return None, None


def shape_text(shape):
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def describe(row):
    loss = row["loss"] + (" from_logits" if row["from_logits"] else "")
    return "%-10s %-32s %-8s output %-18s labels %-18s expect %s" % (
        row["generation"], loss, row.get("activation", ""), shape_text(row["output"]),
        shape_text(row["labels"]), row["expect"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dimsum")
    parser.add_argument("--table", default=os.path.join(HERE, "loss_cases.json"))
    parser.add_argument("--keep", help="write the configs and .npy files here and keep them")
    parser.add_argument("--verbose", "-v", action="store_true")
    opts = parser.parse_args()

    code, out, err = run(opts.dimsum, ["check", "--help"])
    help_text = out + err
    if "--labels" not in help_text or "--loss" not in help_text:
        print("SKIP: %s check has no --labels/--loss option" % opts.dimsum)
        return SKIP
    # from_logits rows need a form of --loss that says so: NAME:from_logits.
    logits_form = "from_logits" in help_text

    with open(opts.table) as f:
        rows = json.load(f)

    workdir = opts.keep or tempfile.mkdtemp(prefix="dimsum-losstable-")
    os.makedirs(workdir, exist_ok=True)

    # First, every model alone: dimsum must give it the row's output shape and no error,
    # or the label check below would not be testing what the row says.
    models = {}
    bad_models = 0
    for row in rows:
        key = (row["generation"], tuple(row["output"]), row.get("activation", "linear"))
        if key in models:
            continue
        name = "model_%d.json" % len(models)
        path = os.path.join(workdir, name)
        with open(path, "w") as f:
            json.dump(DIALECTS[row["generation"]](list(row["output"]), key[2]), f, indent=1)
        models[key] = path
        code, out, err = run(opts.dimsum, ["check", path, "--format", "json"])
        try:
            results = results_of(out)
        except ValueError:
            print("MODEL %s %s %s: dimsum gave no JSON (exit %d): %s" % (
                row["generation"], shape_text(row["output"]), key[2], code, err.strip()[:300]))
            bad_models += 1
            continue
        shapes = [s for r in results for s in (r.get("output_shapes") or [])]
        errors = [d for d in diagnostics_of(results) if d.get("severity") == "error"]
        dialects = set(r["dialect"] for r in results if "dialect" in r)
        wrong_dialect = dialects and dialects != {DIALECT_NAMES[row["generation"]]}
        if shapes != [list(row["output"])] or errors or wrong_dialect:
            print("MODEL %s %s %s: dimsum reads it as %s with output shapes %s and errors %s" % (
                row["generation"], shape_text(row["output"]), key[2],
                ", ".join(sorted(dialects)) or "?", shapes, [d.get("message") for d in errors]))
            bad_models += 1

    label_files = {}
    explanations = 0
    disagreements = 0
    skipped_logits = 0
    counts = {}
    for index, row in enumerate(rows):
        if row["from_logits"] and not logits_form:
            skipped_logits += 1
            continue
        key = (row["generation"], tuple(row["output"]), row.get("activation", "linear"))
        labels = tuple(row["labels"])
        if labels not in label_files:
            path = os.path.join(workdir, "labels_%s.npy" % "x".join(str(d) for d in labels))
            np.save(path, np.zeros(labels, dtype=np.float32))
            label_files[labels] = path
        loss = row["loss"] + (":from_logits" if row["from_logits"] else "")
        args = ["check", models[key], "--labels", label_files[labels], "--loss", loss,
                "--format", "json"]
        code, out, err = run(opts.dimsum, args)
        problem = None
        try:
            diagnostics = diagnostics_of(results_of(out))
        except ValueError:
            diagnostics = None
            problem = "dimsum gave no JSON (exit %d): %s" % (code, err.strip()[:300])
        if diagnostics is not None:
            errors = [d for d in diagnostics if d.get("severity") == "error"]
            ds0014 = [d for d in errors if d.get("code") == "DS0014"]
            if row["expect"] == "fits":
                if errors:
                    problem = "dimsum gives an error where Keras fits: " + "; ".join(
                        "%s %s" % (d.get("code", "?"), d.get("message", "")) for d in errors)
                elif code != 0:
                    problem = "dimsum exits %d with no error" % code
            else:
                if not ds0014:
                    other = "; ".join("%s %s" % (d.get("code", "?"), d.get("message", ""))
                                      for d in errors)
                    problem = "dimsum gives no DS0014 error where Keras %s%s" % (
                        row["expect"], (" (it gives: %s)" % other) if other else "")
                elif code != 1:
                    problem = "dimsum reports DS0014 but exits %d" % code
                else:
                    said, note = outcome_in_notes(row, ds0014)
                    if said and said != row["expect"]:
                        explanations += 1
                        print("EXPLAIN  row %d: %s" % (index, describe(row)))
                        print("    dimsum's error is right, but its note says Keras %s: %s"
                              % (said, note))
                        print("    source: %s" % row["source"])
        outcome = "disagree" if problem else "agree"
        counts[(row["generation"], row["expect"], outcome)] = \
            counts.get((row["generation"], row["expect"], outcome), 0) + 1
        if problem:
            disagreements += 1
            print("DISAGREE row %d: %s" % (index, describe(row)))
            print("    %s" % problem)
            print("    source: %s" % row["source"])
            print("    run: %s %s" % (opts.dimsum, " ".join(args)))
        elif opts.verbose:
            print("ok       row %d: %s" % (index, describe(row)))

    print()
    for gen in DIALECTS:
        for expect in ("fits", "broadcasts", "fails"):
            agree = counts.get((gen, expect, "agree"), 0)
            disagree = counts.get((gen, expect, "disagree"), 0)
            if agree or disagree:
                print("%-10s %-10s %3d agree, %3d disagree" % (gen, expect, agree, disagree))
    if skipped_logits:
        print("skipped %d from_logits rows: `check --help` names no from_logits form of --loss"
              % skipped_logits)
    if explanations:
        print("%d rows where dimsum's note tells another outcome than the table's "
              "(not counted as disagreements)" % explanations)
    if bad_models:
        print("%d model configs were not read as the table needs" % bad_models)
    print("%d rows, %d disagreements" % (len(rows), disagreements))
    if (disagreements or bad_models) and not opts.keep:
        print("(the files named above are removed; rerun with --keep DIR to keep them)")
    if not opts.keep:
        for name in os.listdir(workdir):
            os.remove(os.path.join(workdir, name))
        os.rmdir(workdir)
    return 1 if (disagreements or bad_models) else 0


if __name__ == "__main__":
    sys.exit(main())
