#!/usr/bin/env python3
"""Compares keras.applications built natively from Python code with the same models written as
tf.keras 2 configs by keras_applications.py (an independent generator), layer by layer.

    native_applications_test.py DIMSUM

For each model both covers, `dimsum check` of the program `keras.applications.MODEL()` and of
the config must give the same layers, in the same order, with the same class, name, output
shape and parameter count.
"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras_applications  # noqa: E402

# The models of the families written natively that keras_applications.py also writes.
MODELS = ["EfficientNetB0"]


def layers_of(dimsum, path):
    run = subprocess.run([dimsum, "check", "--format", "json", path], capture_output=True,
                         text=True)
    if run.returncode != 0:
        raise AssertionError(f"{path}: exit status {run.returncode}: {run.stderr.strip()}")
    result = json.loads(run.stdout)
    if isinstance(result, list):
        (result,) = result
    return [(layer["class_name"], layer["name"], layer.get("output_shape"), layer.get("params"))
            for layer in result["layers"]]


def main():
    dimsum = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        for model in MODELS:
            config = os.path.join(directory, model + ".json")
            with open(config, "w") as f:
                json.dump(keras_applications.build(model), f)
            program = os.path.join(directory, model + ".py")
            with open(program, "w") as f:
                f.write(f"from tensorflow import keras\nmodel = keras.applications.{model}()\n")
            expected, native = layers_of(dimsum, config), layers_of(dimsum, program)
            if len(expected) != len(native):
                failures.append(f"{model}: {len(native)} layers built, the config has "
                                f"{len(expected)}")
            for want, got in zip(expected, native):
                if want != got:
                    failures.append(f"{model}: layer {got} differs from the config's {want}")
                    break
    for failure in failures:
        print("FAIL", failure)
    print(f"{len(MODELS)} models compared layer by layer: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
