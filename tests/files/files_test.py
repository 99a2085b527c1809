#!/usr/bin/python3
"""Model files and training data as users have them: .keras, .h5, model.json folders, .npy/.npz.

make_fixtures.py writes the files with h5py, zipfile and NumPy into a temporary folder; each case
below runs dimsum on them. Where a file packs a corpus model, the expectation is the corpus
one (TensorFlow.js or Keras' documented behaviour, tests/corpus/*/NAME.expect.json): the packed
model must give exactly the verdict, output shapes and parameter counts of its JSON config.
Data cases follow Keras' documented behaviour, said in each case.

Usage: files_test.py DIMSUM_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, "tests", "corpus")
failures = []


def run(dimsum, args):
    start = time.monotonic()
    r = subprocess.run([dimsum, "check", *args], capture_output=True, text=True)
    return r, time.monotonic() - start


def check(what, condition, detail=""):
    if not condition:
        failures.append(f"{what}: {detail}")


def json_result(what, r):
    try:
        return json.loads(r.stdout)
    except ValueError:
        failures.append(f"{what}: no JSON on stdout: {r.stdout[:200]} {r.stderr[:200]}")
        return None


def errors(doc):
    return [d for d in doc["diagnostics"] if d["severity"] == "error"]


def packed_corpus_models(dimsum, d):
    """A packed corpus model gives what its corpus expectation says."""
    cases = {
        "residual_block.keras": "keras3/residual_block",
        "embedding_conv1d_lstm.keras": "keras3/embedding_conv1d_lstm",
        "conv2d_no_input_shape.keras": "keras3/conv2d_missing_channel_axis",
        "mnist_cnn.h5": "tfkeras2/mnist_cnn",
        "multi_input_output.hdf5": "tfkeras2/multi_input_output",
        "stateful_lstm.h5": "tfkeras2/stateful_lstm_batch_ok",
        "conv_chain_negative.h5": "tfkeras2/conv_chain_negative",
        "hdf5_named.keras": "tfkeras2/mnist_cnn",
        "archive_named.json": "keras3/residual_block",
        "tfjs_model": "tfjs/small_cnn_batchnorm",
        "tfjs_model/model.json": "tfjs/small_cnn_batchnorm",
        "keras3_unzipped": "keras3/residual_block",
        # A compile config saved with the model changes nothing of its shapes.
        "residual_block_compiled.keras": "keras3/residual_block",
        "mnist_cnn_compiled.h5": "tfkeras2/mnist_cnn",
        "mnist_cnn_keras22.h5": "tfkeras2/mnist_cnn",
        "multi_input_output_compiled.h5": "tfkeras2/multi_input_output",
    }
    for name, corpus_case in cases.items():
        with open(os.path.join(CORPUS, corpus_case + ".expect.json"), encoding="utf-8") as f:
            expect = json.load(f)
        r, _ = run(dimsum, [f"{d}/{name}", *expect.get("args", []), "--format", "json"])
        what = f"{name} (as {corpus_case})"
        check(what, r.returncode == expect["exit"], f"exit {r.returncode}: {r.stderr}")
        doc = json_result(what, r)
        if doc is None:
            continue
        for key in ("output_shapes", "total_params", "trainable_params"):
            if key in expect:
                check(what, doc[key] == expect[key], f"{key} {doc[key]} != {expect[key]}")
        if "error_layers" in expect:
            layers = sorted({e["layer"] for e in errors(doc)})
            check(what, layers == sorted(expect["error_layers"]), f"error layers {layers}")
            check(what, all(e["cause"] == expect["cause"] for e in errors(doc)), "cause")
            for e in errors(doc):
                where = e["location"]["file"]
                inner = {".keras": ":config.json", ".h5": ":model_config"}
                suffix = next((v for k, v in inner.items() if name.endswith(k)), "")
                check(what, where.endswith(suffix) and e["location"]["line"] > 0,
                      f"location {e['location']}")


def model_files(dimsum, d):
    """Exit 2 with one clear line: files that hold no model, and damaged files."""
    cases = [
        ("weights_only.h5", "holds only weights"),
        ("model.weights.h5", "weights file"),
        ("plain.h5", "no \"model_config\" attribute"),
        ("saved_model", "SavedModel"),
        ("saved_model/saved_model.pb", "SavedModel"),
        ("no_config.keras", "without config.json"),
        ("mnist_x.npy", "--data"),
        ("two_inputs.npz", "--data"),
        ("truncated.h5", "damaged HDF5 file"),
        ("signature_only.h5", "damaged HDF5 file"),
        ("zeroed_superblock.h5", "damaged HDF5 file"),
        ("garbage.h5", "not an HDF5 file"),
        ("empty.h5", "not an HDF5 file"),
        ("truncated.keras", "not a zip archive"),
        ("central_directory_cut.keras", "zip archive"),
        ("garbage.keras", "not a zip archive"),
        ("empty.keras", "not a zip archive"),
        ("crc_mismatch.keras", "CRC error"),
        ("config_error.keras", "config_error.keras:config.json:"),
    ]
    for name, needle in cases:
        r, _ = run(dimsum, [f"{d}/{name}"])
        check(name, r.returncode == 2, f"exit {r.returncode}: {r.stderr}")
        lines = r.stderr.strip().split("\n")
        check(name, len(lines) == 1 and needle in lines[0] and lines[0].startswith("dimsum: error: "),
              f"stderr: {r.stderr!r}")
    # A config error inside config.json names its line and column there.
    r, _ = run(dimsum, [f"{d}/config_error.keras"])
    check("config error position", "'filters' must be an integer" in r.stderr, r.stderr)


def data_cases(dimsum, d):
    """(model, args, exit, [error codes], cause, text that must appear in help or messages)."""
    mnist = f"{d}/mnist_cnn.h5"
    lstm = f"{d}/stateful_lstm.h5"
    two = f"{d}/multi_input_output.hdf5"
    emb = f"{d}/embedding_conv1d_lstm.keras"
    cases = [
        # Integer pixels into a float model: Keras casts them (the input's dtype is float32).
        (mnist, ["--data", f"{d}/mnist_x.npy"], 0, [], None, None),
        # Grey images saved without the channel axis, (600, 28, 28), for an input declared
        # (None, 28, 28, 1): tf.keras 2 (Functional._conform_to_reference_input, InputSpec's
        # allow_last_axis_squeeze), which saved this file, adds the trailing axis of 1 itself.
        (mnist, ["--data", f"{d}/mnist_x_no_channel.npy"], 0, [], None, None),
        (mnist, ["--data", f"{d}/mnist_x_channels_first.npy"], 1, ["DS0007"],
         "incompatible input data", "np.transpose(x, (0, 2, 3, 1))"),
        (mnist, ["--data", f"{d}/mnist_x_32x32x3.npy"], 1, ["DS0007"],
         "incompatible input data", "samples have the shape (28, 28, 1)"),
        (mnist, ["--data", f"{d}/mnist_x_strings.npy"], 1, ["DS0012"],
         "incompatible input data", "TextVectorization"),
        (mnist, ["--data", f"{d}/ragged.npy"], 1, ["DS0012"], "incompatible input data",
         "pad_sequences"),
        # np.load gives an .npz's arrays by key; a model input takes the array of its name,
        # or the one named with FILE:KEY; np.savez(f, x) names its array arr_0.
        (mnist, ["--data", f"{d}/train_test.npz:x_train"], 0, [], None, None),
        (mnist, ["--data", f"{d}/one_array.npz"], 0, [], None, None),
        (mnist, ["--data", f"{d}/mnist_x.npy", "--batch-size", "64"], 0, [], None, None),
        # Embedding looks up integer ids; Keras casts float ids to int32 (Embedding.call in
        # tf.keras 2 and Keras 3), so float token ids are no error.
        (emb, ["--data", f"{d}/tokens_int.npy"], 0, [], None, None),
        (emb, ["--data", f"{d}/tokens_float.npy"], 0, [], None, None),
        (two, ["--data", f"{d}/two_inputs.npz"], 0, [], None, None),
        (two, ["--data", f"{d}/two_inputs_wrong_features.npz"], 1, ["DS0007"],
         "incompatible input data", "features"),
        (two, ["--data", f"{d}/two_inputs_float_title.npz"], 0, [], None, None),
        # "Data cardinality is ambiguous": every input needs the same number of samples.
        (two, ["--data", f"title={d}/title.npy", "--data", f"features={d}/features_499.npy"], 1,
         ["DS0013"], "incompatible input data", "x[:499]"),
        # A stateful LSTM with batch_input_shape (32, 10, 8): every batch must hold 32 samples.
        # 1000 = 31 x 32 + 8 leaves a last batch of 8; 992 = 31 x 32 does not.
        (lstm, ["--data", f"{d}/sequences_1000.npy"], 1, ["DS0009"], "incorrect batch size",
         "drop_remainder=True"),
        (lstm, ["--data", f"{d}/sequences_1000.npy"], 1, ["DS0009"], "incorrect batch size",
         "x[:992]"),
        (lstm, ["--data", f"{d}/sequences_1000.npy"], 1, ["DS0009"], "incorrect batch size",
         "25 or 40"),
        (lstm, ["--data", f"{d}/sequences_992.npy"], 0, [], None, None),
        (lstm, ["--data", f"{d}/sequences_1024.npy", "--batch-size", "64"], 1, ["DS0009"],
         "incorrect batch size", "batches of 64"),
        (lstm, ["--samples", "1000"], 1, ["DS0009"], "incorrect batch size", "last batch of 8"),
        (lstm, ["--samples", "1024", "--batch-size", "32"], 0, [], None, None),
        # Input(batch_size=32) and Input(batch_size=16) in one model: Keras' Concatenate raises
        # on (32, 4) and (16, 4); no batch fits both inputs (docs/semantics.md), reported once,
        # at the second input, with or without data.
        (f"{d}/two_fixed_batches.h5", [], 1, ["DS0009"], "incorrect batch size", "32 and 16"),
        (f"{d}/two_fixed_batches.h5", ["--batch-size", "32"], 1, ["DS0009"],
         "incorrect batch size", "32 and 16"),
    ]
    for model, args, want_exit, codes, cause, text in cases:
        what = f"{os.path.basename(model)} {' '.join(os.path.basename(a) for a in args)}"
        r, _ = run(dimsum, [model, *args, "--format", "json"])
        check(what, r.returncode == want_exit, f"exit {r.returncode}: {r.stderr}")
        doc = json_result(what, r)
        if doc is None:
            continue
        found = [e["code"] for e in errors(doc)]
        check(what, found == codes, f"errors {found}, expected {codes}")
        for e in errors(doc):
            check(what, e["cause"] == cause, f"cause {e['cause']}")
            check(what, bool(e["help"]), "an error without help")
        if text:
            words = " | ".join(" | ".join([e["message"], *e["notes"], *e["help"]])
                               for e in errors(doc))
            check(what, text in words, f"'{text}' not in {words}")


def squashed(name):
    """A loss name without case or underscores: "sparse_categorical_crossentropy" and
    "SparseCategoricalCrossentropy" are one loss to Keras."""
    return name.replace("_", "").lower()


def label_cases(dimsum, d):
    """--labels and --loss, and the losses saved with the model: (model, args, label_shapes,
    losses). label_shapes and losses are in the JSON only once a check of the labels fills them
    (check/labels.h); where they are, they must be these. Every case fits Keras: class ids under
    sparse_categorical_crossentropy, one-hot rows under categorical_crossentropy, a (N, 1) column
    under binary_crossentropy, as the losses' documentation says."""
    mnist = f"{d}/mnist_cnn.h5"
    two = f"{d}/multi_input_output_compiled.h5"
    two_data = ["--data", f"{d}/two_inputs.npz"]
    cases = [
        # The loss saved with the model: tf.keras 2's SparseCategoricalCrossentropy object.
        (f"{d}/mnist_cnn_compiled.h5", ["--labels", f"{d}/mnist_y.npy"], [[600]],
         ["SparseCategoricalCrossentropy"]),
        (f"{d}/mnist_cnn_keras22.h5", ["--labels", f"{d}/mnist_y_onehot.npy"], [[600, 10]],
         ["categorical_crossentropy"]),
        # --loss replaces it.
        (f"{d}/mnist_cnn_compiled.h5", ["--labels", f"{d}/mnist_y_onehot.npy", "--loss",
                                        "categorical_crossentropy:from_logits"], [[600, 10]],
         ["categorical_crossentropy"]),
        (mnist, ["--labels", f"{d}/mnist_y.npy", "--loss", "sparse_categorical_crossentropy"],
         [[600]], ["sparse_categorical_crossentropy"]),
        (mnist, ["--labels", f"dense={d}/mnist_y.npy", "--loss",
                 "dense=sparse_categorical_crossentropy"], [[600]],
         ["sparse_categorical_crossentropy"]),
        # np.savez("d.npz", x=x, y=y): to --data, x feeds the input and y is the labels; to
        # --labels, y is the labels of the only output.
        (mnist, ["--data", f"{d}/mnist_xy.npz", "--loss", "sparse_categorical_crossentropy"],
         [[600]], ["sparse_categorical_crossentropy"]),
        (mnist, ["--labels", f"{d}/mnist_xy.npz", "--loss", "sparse_categorical_crossentropy"],
         [[600]], ["sparse_categorical_crossentropy"]),
        (mnist, ["--labels", f"{d}/mnist_xy.npz:y", "--loss", "sparse_categorical_crossentropy"],
         [[600]], ["sparse_categorical_crossentropy"]),
        # Two outputs: a dict of losses saved with the model; labels by output name.
        (two, [*two_data, "--labels", f"{d}/two_outputs_y.npz"], [[500, 1], [500, 3]],
         ["binary_crossentropy", "categorical_crossentropy"]),
        (two, [*two_data, "--labels", f"department={d}/two_outputs_y.npz:department",
               "--labels", f"priority={d}/two_outputs_y.npz:priority"], [[500, 1], [500, 3]],
         ["binary_crossentropy", "categorical_crossentropy"]),
        (two, [*two_data, "--labels", f"{d}/two_outputs_y.npz:priority", "--loss",
               "priority=mse"], [[500, 1], None], ["mse", "categorical_crossentropy"]),
    ]
    for model, args, shapes, losses in cases:
        what = f"{os.path.basename(model)} {' '.join(os.path.basename(a) for a in args)}"
        r, _ = run(dimsum, [model, *args, "--format", "json"])
        check(what, r.returncode == 0, f"exit {r.returncode}: {r.stderr}")
        doc = json_result(what, r)
        if doc is None:
            continue
        check(what, not errors(doc), f"errors {errors(doc)}")
        if "label_shapes" in doc:
            check(what, doc["label_shapes"] == shapes, f"label_shapes {doc['label_shapes']}")
            same = len(doc["losses"]) == len(losses) and all(
                (got is None) == (want is None) and
                (want is None or squashed(got).startswith(squashed(want)))
                for got, want in zip(doc["losses"], losses))
            check(what, same, f"losses {doc['losses']}, expected {losses}")
    # Summary takes them too; domain does not (it checks no data).
    r = subprocess.run([dimsum, "summary", mnist, "--labels", f"{d}/mnist_y.npy"],
                       capture_output=True, text=True)
    check("summary --labels", r.returncode == 0, f"exit {r.returncode}: {r.stderr}")
    r = subprocess.run([dimsum, "domain", mnist, "--labels", f"{d}/mnist_y.npy"],
                       capture_output=True, text=True)
    check("domain --labels", r.returncode == 2, f"exit {r.returncode}: {r.stderr}")


def damaged_labels(dimsum, d):
    """Exit 2 with one line: labels that cannot be read, a --loss that names no loss."""
    cases = [
        (["--labels", f"{d}/missing.npy"], "--labels"),
        (["--labels", f"{d}/missing.npy"], "cannot open"),
        (["--labels", f"{d}/not_npy.npy"], "not a NumPy .npy or .npz file"),
        (["--labels", f"{d}/truncated_header.npy"], "truncated"),
        (["--labels", f"{d}/scalar.npy"], "single value"),
        (["--labels", f"{d}/mnist_xy.npz:labels"], "no array \"labels\"; its arrays are: x, y"),
        (["--labels", f"dense={d}/two_inputs.npz"], "to give one to output 'dense', use --labels"),
        (["--labels", f"{d}/mnist_y.npy:y"], "holds one array"),
        (["--loss", ""], "expected a loss"),
        (["--loss", "dense="], "expected a loss"),
        (["--loss", "=mse"], "output name before '=' is empty"),
        (["--loss", "mse:logits"], "the only one is \":from_logits\""),
    ]
    for args, needle in cases:
        what = " ".join(os.path.basename(a) for a in args)
        r, _ = run(dimsum, [f"{d}/mnist_cnn.h5", *args])
        check(what, r.returncode == 2, f"exit {r.returncode}: {r.stderr}")
        lines = r.stderr.strip().split("\n")
        check(what, len(lines) == 1 and needle in lines[0], f"stderr: {r.stderr!r}")


def data_headers(dimsum, d):
    """Shapes come from the .npy header as NumPy wrote it: every version, Fortran order."""
    with open(f"{d}/manifest.json", encoding="utf-8") as f:
        manifest = json.load(f)
    for name, shape in manifest.items():
        r, _ = run(dimsum, [f"{d}/any_shape.json", "--data", f"{d}/{name}", "--format", "json"])
        doc = json_result(name, r)
        if doc is not None:
            check(name, doc["input_shapes"] == [[None, *shape[1:]]], f"{doc['input_shapes']}")
        r, _ = run(dimsum, [f"{d}/any_shape.json", "--data", f"{d}/{name}", "--batch-size", "4",
                            "--format", "json"])
        doc = json_result(name, r)
        if doc is not None:
            check(name, doc["input_shapes"] == [[4, *shape[1:]]], f"{doc['input_shapes']}")
    # 6.3 GB of float32 in a sparse file: only its header is read.
    r, seconds = run(dimsum, [f"{d}/any_shape.json", "--data", f"{d}/large.npy", "--format", "json"])
    doc = json_result("large.npy", r)
    if doc is not None:
        check("large.npy", doc["input_shapes"] == [[None, 28, 28]], f"{doc['input_shapes']}")
    check("large.npy", seconds < 2, f"took {seconds:.2f} s")


def damaged_data(dimsum, d):
    cases = [
        ("truncated_data.npy", "truncated"),
        ("truncated_header.npy", "truncated"),
        ("magic_only.npy", "truncated"),
        ("bad_version.npy", "version 7.0"),
        ("huge_header_length.npy", "too large"),
        ("bad_dict.npy", "malformed .npy header"),
        ("unclosed_dict.npy", "malformed .npy header"),
        ("negative_shape.npy", "non-negative"),
        ("not_npy.npy", "not a NumPy .npy or .npz file"),
        ("truncated.npz", "not a zip archive"),
        ("bad_member.npz", "array \"x\""),
        ("scalar.npy", "single value"),
        ("missing.npy", "cannot open"),
        ("train_test.npz:nope", "no array \"nope\""),
        ("mnist_x.npy:key", "holds one array"),
    ]
    for name, needle in cases:
        r, _ = run(dimsum, [f"{d}/mnist_cnn.h5", "--data", f"{d}/{name}"])
        check(name, r.returncode == 2, f"exit {r.returncode}: {r.stderr}")
        lines = r.stderr.strip().split("\n")
        check(name, len(lines) == 1 and needle in lines[0], f"stderr: {r.stderr!r}")
    # An .npz none of whose arrays is named after the model's input: which one is meant?
    r, _ = run(dimsum, [f"{d}/mnist_cnn.h5", "--data", f"{d}/train_test.npz"])
    check("train_test.npz", r.returncode == 2 and "train_test.npz:x_train" in r.stderr, r.stderr)
    for flag in (["--batch-size", "0"], ["--batch-size", "x"], ["--samples", "-1"]):
        r, _ = run(dimsum, [f"{d}/mnist_cnn.h5", *flag])
        check(" ".join(flag), r.returncode == 2, f"exit {r.returncode}")


def main():
    dimsum = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, os.path.join(HERE, "make_fixtures.py"), CORPUS, d],
                       check=True)
        packed_corpus_models(dimsum, d)
        model_files(dimsum, d)
        data_cases(dimsum, d)
        data_headers(dimsum, d)
        damaged_data(dimsum, d)
        label_cases(dimsum, d)
        damaged_labels(dimsum, d)
    for failure in failures:
        print("FAIL:", failure)
    print("files test:", "failed" if failures else "passed", f"({len(failures)} failures)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
