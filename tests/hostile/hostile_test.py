#!/usr/bin/env python3
"""Hostile input: every file here, and the ones generated below, must make dimsum exit 0, 1 or 2
with a clear message (one line on stderr for 2; a diagnostic for 1), within a time limit, with no
crash and no sanitizer report. The expected outcome of each case follows Keras' behaviour for
that config (an exception when the model is built or loaded is exit 2 for dimsum; a shape error
is exit 1), or dimsum's documented limits (docs/reliability.md).

Usage: hostile_test.py DIMSUM [files|generated]   (both when not given)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
TIME_LIMIT = 60  # seconds; a sanitized build is some 10x slower than a release one

# (file, extra arguments, exit status, what the message must say: for status 2, text in the
# single stderr line; for status 1, the code of an error in the JSON output)
FILE_CASES = [
    # Broken graphs: Keras fails to load them (an unknown layer, a cycle, a duplicate name).
    ("cycle.json", [], 2, "cycle"),
    ("self_loop.json", [], 2, "cycle"),
    ("inbound_unknown_layer.json", [], 2, 'no layer named "dense_7"'),
    ("inbound_missing_call.json", [], 2, 'layer "d" has no call 3'),
    ("inbound_huge_indices.json", [], 2, 'layer "x" has no call 9223372036854775807'),
    ("duplicate_layer_names.json", [], 2, 'two layers are named "d"'),
    ("duplicate_names_sequential.json", [], 2, 'two layers are named "d"'),
    ("output_names_nothing.json", [], 2, 'no layer named "head"'),
    ("output_tensor_missing.json", [], 2, 'model output 5 of "d"'),
    ("output_empty.json", [], 2, "no outputs"),
    ("input_not_input_layer.json", [], 2, 'model input "d" is not an InputLayer'),
    ("empty_layers_sequential.json", [], 2, "no layers"),
    ("empty_layers_functional.json", [], 2, "no layers"),
    ("empty_layers_keras21.json", [], 2, "no layers"),
    # Sizes whose products overflow 64 bits: reported (DS0010), never wrapped.
    ("overflow_dense_params.json", [], 1, "DS0010"),
    ("overflow_flatten.json", [], 1, "DS0010"),
    ("overflow_conv_params.json", [], 1, "DS0010"),
    ("overflow_upsampling.json", [], 1, "DS0010"),
    ("overflow_padding.json", [], 1, "DS0010"),
    ("overflow_reshape_target.json", [], 1, "DS0010"),
    ("overflow_kernel_size.json", [], 1, "DS0010"),
    # Sums past 64 bits, and a window span whose negation a size cannot hold (fuzzing found
    # the span; docs/reliability.md row 19).
    ("overflow_kernel_span.json", [], 1, "DS0010"),
    ("overflow_transpose_span.json", [], 1, "DS0010"),
    ("overflow_padding_total.json", [], 1, "DS0010"),
    ("overflow_cropping_total.json", [], 1, "DS0010"),
    ("overflow_cropping_symbolic.json", ["--input-shape", "1,L,3"], 1, "DS0010"),
    # Python code passing sizes near -2^63 (pad_sequences' maxlen, to_categorical's num_classes):
    # NumPy would refuse them; they must not become sizes (they fell on the symbolic encoding).
    ("python_huge_negative_sizes.py", [], 0, "DS0103"),
    ("overflow_dilation.json", [], 1, "DS0010"),
    ("overflow_embedding_params.json", [], 1, "DS0010"),
    ("overflow_lstm_params.json", [], 1, "DS0010"),
    ("large_stride_same.json", [], 0, None),
    # Values Keras rejects when it builds the layer (ValueError): DS0008 / DS0004.
    ("kernel_size_zero.json", [], 1, "DS0008"),
    ("kernel_size_negative.json", [], 1, "DS0008"),
    ("pool_size_zero.json", [], 1, "DS0008"),
    ("stride_zero.json", [], 1, "DS0008"),
    ("pool_stride_zero.json", [], 1, "DS0008"),
    ("dilation_zero.json", [], 1, "DS0008"),
    ("filters_zero.json", [], 1, "DS0008"),
    ("units_negative.json", [], 1, "DS0008"),
    ("groups_zero.json", [], 1, "DS0008"),
    ("upsampling_size_zero.json", [], 1, "DS0008"),
    ("padding_negative.json", [], 1, "DS0008"),
    ("permute_huge_axis.json", [], 1, "DS0008"),
    ("batchnorm_axis_min.json", [], 1, "DS0008"),
    ("reshape_two_minus_one.json", [], 1, "DS0004"),
    ("reshape_zero_size.json", [], 1, "DS0004"),
    # Values of the wrong type: the config is not a valid model (exit 2, naming the key).
    ("string_for_filters.json", [], 2, "'filters' must be an integer, got a string"),
    ("string_in_input_shape.json", [], 2, "'batch_input_shape'"),
    ("string_in_kernel_list.json", [], 2, "'kernel_size'"),
    ("bool_for_filters.json", [], 2, "'filters' must be an integer, got a boolean"),
    ("float_fraction.json", [], 2, "'kernel_size' must be an integer, got 2.5"),
    ("float_infinite_size.json", [], 2, "number too big to be stored in double"),
    ("nan_size.json", [], 2, "'batch_input_shape' must be an integer, got NaN"),
    ("negative_input_size.json", [], 2, "'batch_input_shape' has a negative size -28"),
    ("integer_beyond_64_bits.json", [], 2, "99999999999999999999"),
    ("control_characters_in_names.json", [], 2, "'units' must be an integer, got a string"),
    # Found by fuzzing: a file ending in a UTF-8 lead byte made the JSON reader read past the end;
    # an escaped lone low surrogate became bytes that are no UTF-8, and broke --format json.
    ("utf8_lead_byte_at_end.json", [], 2, "malformed JSON"),
    # Found by fuzzing: bytes that are no UTF-8 in a Python string (a loss's name, a layer's)
    # went into --format json as they were; they are written as U+FFFD.
    ("python_invalid_utf8_names.py", [], 0, None),
    ("lone_low_surrogate_name.json", [], 2, "escaped lone surrogate"),
    # Found by fuzzing: a rank-0 input declared into a layer that needs rank 1 or more built its
    # help line from the input's axes past the batch axis it does not have.
    ("rank0_input_into_flatten.json", [], 1, "DS0002"),
    # Found reviewing the code for finding 16: an empty Reshape target made its help line take
    # the target's leading sizes from before its start.
    ("reshape_empty_target.json", [], 1, "DS0003"),
    # Not a model at all, or a model of the wrong structure.
    ("top_level_array.json", [], 2, "expected a Keras model config"),
    ("top_level_string.json", [], 2, "expected a Keras model config"),
    ("layers_is_object.json", [], 2, '"layers" of the model config must be a list'),
    ("config_is_string.json", [], 2, '"config" must be an object'),
    ("layer_without_class_name.json", [], 2, 'layer 0 has no "class_name"'),
    ("class_name_is_number.json", [], 2, '"class_name" of layer 0 must be a string'),
    ("layer_config_is_list.json", [], 2, 'the "config" of layer 0 must be an object'),
    ("layer_name_is_list.json", [], 2, 'a layer\'s "name" must be a string'),
    ("layer_not_model.json", [], 2, '"Dense" is a layer, not a model'),
    ("tfjs_topology_is_list.json", [], 2, "expected a Keras model config"),
    ("tfjs_model_config_is_string.json", [], 2, "expected a Keras model config"),
    ("tfjs_without_topology.json", [], 2, "modelTopology"),
    ("keras3_bad_history.json", [], 2, "tensor reference"),
    ("keras3_history_not_list.json", [], 2, '"keras_history" of a Keras tensor must be a list'),
    ("wrapper_without_layer.json", [], 2, "'layer' must be a layer"),
    ("time_distributed_of_model.json", [], 0, None),
    # Keras builds the nested model for its own (rank-0) input first: its Dense fails there
    ("nested_model_rank0_input.json", [], 1, "DS0002"),
    ("utf8_bom.json", [], 2, "byte order mark"),
    # Jupyter notebooks that are not what nbformat 4 (or 3) says: the message points into the
    # file's JSON, or, for the code, at the cell and the line in it.
    ("notebook_truncated.ipynb", [], 2, "notebook_truncated.ipynb:5:"),
    ("notebook_top_level_list.ipynb", [], 2, "not a Jupyter notebook: the file holds a list"),
    ("notebook_without_cells.ipynb", [], 2, 'notebook_without_cells.ipynb:1:1: not a Jupyter notebook: "cells" is missing'),
    ("notebook_cells_is_object.ipynb", [], 2, '"cells" is an object'),
    ("notebook_cell_is_string.ipynb", [], 2, "cell 2 is a string"),
    ("notebook_cell_without_type.ipynb", [], 2, 'cell 2 has no "cell_type"'),
    ("notebook_source_is_number.ipynb", [], 2, "notebook_source_is_number.ipynb:15:14: the source of cell 2 is a number"),
    ("notebook_source_list_with_null.ipynb", [], 2, "the source of cell 2 is null"),
    ("notebook_code_without_source.ipynb", [], 2, 'code cell 2 has no "source"'),
    ("notebook_nbformat_is_string.ipynb", [], 2, '"nbformat" is a string'),
    ("notebook_nbformat_2.ipynb", [], 2, "nbformat 2"),
    ("notebook_r_kernel.ipynb", [], 2, "is a notebook in R"),
    ("notebook_nul_in_source.ipynb", [], 2, "notebook_nul_in_source.ipynb:cell 2:2:6: a NUL byte"),
    # A cell that is not Python is skipped with a note; the rest is read.
    ("notebook_syntax_error.ipynb", [], 0, None),
    ("notebook_worksheet_is_number.ipynb", [], 2, "a worksheet is a number"),
    # Every line IPython's, and a cell that opens a string it never closes (Python's own error).
    ("notebook_only_magics.ipynb", [], 2, "notebook_only_magics.ipynb:cell 3:"),
]

# Exact floats where Keras takes integers (docs/semantics.md, difference 6): the model builds as
# with integers. Conv2D(8, 3) on 28x28x1: 26x26x8, 3*3*1*8+8 = 80 weights; MaxPooling2D(2): 13x13;
# Flatten: 13*13*8 = 1352; Dense(10): 1352*10+10 = 13530.
FLOATS_EXPECTED = {"output_shapes": [[None, 10]], "total_params": 80 + 13530}

failures = []


def fail(case, message):
    failures.append(f"{case}: {message}")
    print(f"FAIL: {case}: {message}", flush=True)


def run(case, dimsum, args, stdin=None):
    """Runs dimsum and checks what every run must do; returns (status, stdout, stderr)."""
    start = time.monotonic()
    try:
        proc = subprocess.run([dimsum, *args], capture_output=True, timeout=TIME_LIMIT, stdin=stdin)
    except subprocess.TimeoutExpired:
        fail(case, f"no answer within {TIME_LIMIT} s (a hang)")
        return None, "", ""
    elapsed = time.monotonic() - start
    if "json" in args:  # JSON is UTF-8 (RFC 8259), whatever bytes the input held
        try:
            proc.stdout.decode("utf-8")
        except UnicodeDecodeError as e:
            fail(case, f"--format json printed bytes that are no UTF-8 ({e})")
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1, 2):
        fail(case, f"exit status {proc.returncode} (a crash?) after {elapsed:.1f} s: {err[-2000:]}")
        return None, out, err
    if "Sanitizer" in err or "runtime error:" in err:
        fail(case, f"sanitizer report: {err[-2000:]}")
    if proc.returncode == 2:
        lines = err.splitlines()
        if len(lines) != 1 or not lines[0].startswith("dimsum: error: "):
            fail(case, f"exit 2 needs exactly one line 'dimsum: error: ...' on stderr, got {err!r}")
        elif any(ord(c) < 32 for c in lines[0]):
            fail(case, f"control characters in the message: {lines[0]!r}")
    return proc.returncode, out, err


def expect(case, dimsum, args, status, needle):
    got, out, err = run(case, dimsum, ["check", *args, "--format", "json"])
    if got is None:
        return None
    if got != status:
        fail(case, f"exit {got}, expected {status}; stderr: {err.strip()}")
        return None
    if status == 2 and needle and needle not in err:
        fail(case, f"the message does not say {needle!r}: {err.strip()}")
    if status in (0, 1):
        try:
            doc = json.loads(out)
        except ValueError as e:
            fail(case, f"--format json printed no JSON document ({e})")
            return None
        codes = [d["code"] for d in doc["diagnostics"] if d["severity"] == "error"]
        if status == 1 and needle not in codes:
            fail(case, f"expected an error {needle}, got {codes}: {doc['diagnostics']}")
        for d in doc["diagnostics"]:
            if d["severity"] == "error" and not d["help"]:
                fail(case, f"an error without help: {d}")
        # The human format must hold up as well.
        run(case + " (human)", dimsum, ["check", *args, "--color", "always"])
        return doc
    return None


def file_cases(dimsum):
    listed = set()
    for name, args, status, needle in FILE_CASES:
        listed.add(name)
        expect(name, dimsum, [os.path.join(CASES, name), *args], status, needle)
    doc = expect("floats_accepted.json", dimsum, [os.path.join(CASES, "floats_accepted.json")], 0, None)
    listed.add("floats_accepted.json")
    if doc:
        for key, want in FLOATS_EXPECTED.items():
            if doc[key] != want:
                fail("floats_accepted.json", f"{key} is {doc[key]}, expected {want}")
    for name in sorted(os.listdir(CASES)):
        if name not in listed:
            fail(name, "a file in tests/hostile/cases without an expectation in hostile_test.py")


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def sequential(layers, input_shape="[null, 4]", separator=",\n"):
    head = ('{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": '
            '"InputLayer", "config": {"name": "x", "batch_input_shape": %s}}' % input_shape)
    return (head + "".join(separator + layer for layer in layers) + "]}}").encode()


def generated_cases(dimsum, tmp):
    # JSON nested 100,000 levels deep: refused at 512 levels, without recursion.
    for opener, closer, what in ((b"[", b"]", "arrays"), (b'{"a":', b"}", "objects")):
        path = write(os.path.join(tmp, f"deep_{what}.json"), opener * 100000 + b"0" + closer * 100000)
        expect(f"100,000 nested {what}", dimsum, [path], 2, "nested deeper than 512 levels")
    # The same inside a real model: the layer list of a Sequential nested in itself 200 times.
    model = '{"class_name": "Dense", "config": {"name": "d", "units": 2}}'
    for i in range(200):
        model = ('{"class_name": "Sequential", "config": {"name": "m%d", "layers": [%s]}}' % (i, model))
    path = write(os.path.join(tmp, "nested_models.json"), sequential([model]))
    expect("models nested 200 deep", dimsum, [path], 2, "nested deeper than 512 levels")
    model = '{"class_name": "Dense", "config": {"name": "d", "units": 2}}'
    for i in range(100):
        model = ('{"class_name": "Sequential", "config": {"name": "m%d", "layers": [%s]}}' % (i, model))
    path = write(os.path.join(tmp, "nested_models_100.json"), sequential([model]))
    doc = expect("models nested 100 deep", dimsum, [path], 0, None)
    if doc and doc["output_shapes"] != [[None, 2]]:
        fail("models nested 100 deep", f"output {doc['output_shapes']}, expected [[None, 2]]")

    # A 1 GB file (sparse: no disk used) is refused before it is read; the flag raises the limit.
    big = os.path.join(tmp, "big.json")
    with open(big, "wb") as f:
        f.truncate(1 << 30)
    start = time.monotonic()
    expect("1 GB file", dimsum, [big], 2, "--max-file-size")
    if time.monotonic() - start > 10:
        fail("1 GB file", "took more than 10 s: was the file read before its size was checked?")
    small = write(os.path.join(tmp, "small.json"), sequential(['{"class_name": "Dense", "config": {"name": "d", "units": 2}}']))
    expect("--max-file-size below the file", dimsum, [small, "--max-file-size", "100"], 2, "--max-file-size")
    expect("--max-file-size above the file", dimsum, [small, "--max-file-size", "1K"], 0, None)
    expect("--max-file-size 1M", dimsum, [small, "--max-file-size", "1M"], 0, None)
    for bad in ("-1", "0", "abc", "1Q", "99999999999999999999G"):
        expect(f"--max-file-size {bad}", dimsum, [small, "--max-file-size", bad], 2, "--max-file-size")
    # Not regular files: an endless device is cut at the limit, an empty one is empty.
    expect("/dev/zero", dimsum, ["/dev/zero", "--max-file-size", "1M"], 2, "--max-file-size")
    expect("/dev/null", dimsum, ["/dev/null"], 2, "the file is empty")
    # A pipe (process substitution, /dev/stdin) is read to its end.
    proc = subprocess.Popen(["cat", small], stdout=subprocess.PIPE)
    got, _, err = run("a pipe", dimsum, ["check", "/dev/stdin"], stdin=proc.stdout)
    proc.wait()
    if got != 0:
        fail("a pipe", f"exit {got}: {err.strip()}")

    # Huge notebooks: 100,000 cells, and one cell of 200,000 shell lines, each followed by a
    # model (Dense(3) on 4 features: 4*3+3 = 15 weights); a notebook past --max-file-size.
    model = ["from tensorflow import keras\n",
             "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])\n"]
    many = [{"cell_type": "code", "metadata": {}, "outputs": [], "source": ["x = 1\n"]}
            for _ in range(100000)]
    many.append({"cell_type": "code", "metadata": {}, "outputs": [], "source": model})
    notebook = {"cells": many, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = write(os.path.join(tmp, "many_cells.ipynb"), json.dumps(notebook).encode())
    doc = expect("100,000 notebook cells", dimsum, [path], 0, None)
    if doc and doc["total_params"] != 15:
        fail("100,000 notebook cells", f"total_params {doc['total_params']}, expected 15")
    shell = ["!echo (\n"] * 200000 + model
    notebook["cells"] = [{"cell_type": "code", "metadata": {}, "outputs": [], "source": shell}]
    path = write(os.path.join(tmp, "long_cell.ipynb"), json.dumps(notebook).encode())
    expect("200,000 shell lines in a cell", dimsum, [path], 0, None)
    expect("a notebook past --max-file-size", dimsum, [path, "--max-file-size", "1M"], 2,
           "--max-file-size")

    # Bytes that are not UTF-8, and text in other encodings.
    bad_bytes = {
        "latin-1 name": b"caf\xe9",
        "lone continuation byte": b"\x80",
        "overlong slash": b"\xc0\xaf",
        "UTF-8 surrogate": b"\xed\xa0\x80",
        "truncated sequence": b"\xe2\x82",
        "invalid byte 0xff": b"\xff\xfe",
    }
    for what, raw in bad_bytes.items():
        text = sequential(['{"class_name": "Dense", "config": {"name": "' + "X" + '", "units": 2}}'])
        path = write(os.path.join(tmp, "bytes.json"), text.replace(b'"X"', b'"' + raw + b'"'))
        expect(what, dimsum, [path], 2, "encoding")
    path = write(os.path.join(tmp, "surrogate_escape.json"), sequential(['{"class_name": "Dense", "config": {"name": "\\ud800", "units": 2}}']))
    expect("escaped lone surrogate", dimsum, [path], 2, "surrogate")
    utf16 = sequential(['{"class_name": "Dense", "config": {"name": "d", "units": 2}}']).decode().encode("utf-16")
    expect("UTF-16", dimsum, [write(os.path.join(tmp, "utf16.json"), utf16)], 2, "NUL byte")
    path = write(os.path.join(tmp, "binary.json"), bytes(range(256)) * 4)
    expect("binary noise", dimsum, [path], 2, "NUL byte")

    # Many layers on one line (a minified file): time and memory must stay linear.
    n = 50000
    unknown = ['{"class_name": "MyLayer%d", "config": {"name": "u%d"}}' % (i % 7, i) for i in range(n)]
    path = write(os.path.join(tmp, "wide_unknown.json"), sequential(unknown, separator=","))
    doc = expect(f"{n} unknown layers on one line", dimsum, [path], 0, None)
    if doc is not None and sum(d["code"] == "DS0101" for d in doc["diagnostics"]) < 1:
        fail(f"{n} unknown layers on one line", "no DS0101 warning")
    dense = ['{"class_name": "Dense", "config": {"name": "d%d", "units": 4}}' % i for i in range(n)]
    path = write(os.path.join(tmp, "deep_dense.json"), sequential(dense, separator=","))
    doc = expect(f"{n} Dense layers on one line", dimsum, [path], 0, None)
    if doc and doc["total_params"] != n * (4 * 4 + 4):  # Dense(4) on 4 features: 4*4+4 each
        fail(f"{n} Dense layers", f"total_params {doc['total_params']}, expected {n * 20}")
    # A long chain, then many failing branches: every error's trace is the whole chain.
    layers = ['{"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_input_shape": [null, 8, 4]}, "inbound_nodes": []}']
    chain = 20000
    for i in range(chain):
        prev = "x" if i == 0 else "c%d" % (i - 1)
        layers.append('{"class_name": "Dense", "name": "c%d", "config": {"name": "c%d", "units": 4}, "inbound_nodes": [[["%s", 0, 0, {}]]]}' % (i, i, prev))
    branches = 20000
    for i in range(branches):
        layers.append('{"class_name": "Reshape", "name": "r%d", "config": {"name": "r%d", "target_shape": [7]}, "inbound_nodes": [[["c%d", 0, 0, {}]]]}' % (i, i, chain - 1))
    text = ('{"class_name": "Functional", "config": {"name": "f", "layers": [' + ",".join(layers) +
            '], "input_layers": [["x", 0, 0]], "output_layers": [["r0", 0, 0]]}}')
    path = write(os.path.join(tmp, "branches.json"), text.encode())
    doc = expect(f"{branches} failing branches after a chain of {chain}", dimsum, [path], 1, "DS0003")
    if doc is not None and sum(d["code"] == "DS0003" for d in doc["diagnostics"]) != branches:
        fail("failing branches", "expected one DS0003 per branch")

    # --input-shape with sizes near 2^63.
    path = os.path.join(CASES, "floats_accepted.json")
    expect("--input-shape 2^63-1", dimsum, [path, "--input-shape", "1,9223372036854775807,9223372036854775807,1"], 1, "DS0007")
    expect("--input-shape 2^63", dimsum, [path, "--input-shape", "1,9223372036854775808,28,1"], 2, "9223372036854775808")
    expect("--input-shape -1", dimsum, [path, "--input-shape", "1,-1,28,1"], 2, "-1")
    no_input = write(os.path.join(tmp, "no_input.json"), b'{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Flatten", "config": {"name": "f"}}, {"class_name": "Dense", "config": {"name": "d", "units": 2}}]}}')
    expect("Flatten of 2^62 x 4", dimsum, [no_input, "--input-shape", "1,4611686018427387904,4"], 1, "DS0010")

    # Python code that reads a tensor's shape at every one of 10,000 layers (the longest loop the
    # reader lists): each reading runs only the layers not read before, so the whole file runs each
    # layer once, and is checked to its end.
    n = 10000
    code = ("import tensorflow as tf\nfrom tensorflow import keras\n"
            "x = inputs = keras.Input(shape=(8,))\n"
            f"for i in range({n}):\n    x = keras.layers.Dense(x.shape[-1])(x)\n"
            "model = keras.Model(inputs, x)\n")
    path = write(os.path.join(tmp, "shape_reads.py"), code.encode())
    doc = expect(f"x.shape read at each of {n} layers", dimsum, [path], 0, None)
    if doc and doc["total_params"] != n * (8 * 8 + 8):  # Dense(8) on 8 features: 8*8+8 each
        fail("x.shape at each layer", f"total_params {doc['total_params']}, expected {n * 72}")


def main():
    dimsum = sys.argv[1]
    which = sys.argv[2:] or ["files", "generated"]
    if "files" in which:
        file_cases(dimsum)
    if "generated" in which:
        with tempfile.TemporaryDirectory() as tmp:
            generated_cases(dimsum, tmp)
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("every hostile input was answered with exit 0, 1 or 2 and a clear message")


if __name__ == "__main__":
    main()
