#!/usr/bin/env python3
"""Compares the keras.applications models dimsum builds natively from Python source with the
tf.keras 2 configs keras_applications.py writes independently, layer by layer.

    native_test.py DIMSUM

For each model, a program `tf.keras.applications.MODEL(...)` is checked by dimsum, and so is the
config keras_applications.py writes for the same arguments; every layer must agree: its name
(given, or tf.keras' automatic one), class, input shapes, output shape and parameter count, in
the same order. Both at the default input with the ImageNet top, and without the top at another
size.
"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras_applications  # noqa: E402

# The models keras_applications.py writes whose families dimsum builds natively, with a size
# without the top (each family's own rules: at least 32, 75 for InceptionV3, 71 for Xception).
MODELS = {
    "VGG16": 64, "VGG19": 48, "ResNet50": 96, "ResNet50V2": 64, "MobileNet": 160,
    "MobileNetV2": 96, "InceptionV3": 150, "DenseNet121": 80, "Xception": 100,
    "EfficientNetB0": 96,
}
FIELDS = ("name", "class_name", "input_shapes", "output_shape", "params")


def check(dimsum, path):
    run = subprocess.run([dimsum, "check", "--format", "json", path], capture_output=True,
                         text=True)
    if run.returncode not in (0, 1):
        raise AssertionError(f"{path}: exit status {run.returncode}: {run.stderr.strip()}")
    results = json.loads(run.stdout)
    if isinstance(results, dict):  # one result is written as itself, several as a list
        results = [results]
    if len(results) != 1:
        raise AssertionError(f"{path}: {len(results)} results, expected 1")
    return results[0]


def compare(name, native, config):
    problems = []
    if not native["layers"]:
        problems.append(f"{name}: no layers built natively")
    if len(native["layers"]) != len(config["layers"]):
        problems.append(f"{name}: {len(native['layers'])} layers natively, "
                        f"{len(config['layers'])} in the config")
    for mine, theirs in zip(native["layers"], config["layers"]):
        for field in FIELDS:
            if mine.get(field) != theirs.get(field):
                problems.append(f"{name}: layer {theirs['name']}: {field} {mine.get(field)} "
                                f"natively, {theirs.get(field)} in the config")
                break
        if len(problems) > 5:
            break
    if native["total_params"] is None or native["total_params"] != config["total_params"]:
        problems.append(f"{name}: total {native['total_params']} natively, "
                        f"{config['total_params']} in the config")
    return problems


def main():
    dimsum = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        for model, size in MODELS.items():
            for include_top in (True, False):
                name = model if include_top else f"{model}_notop_{size}"
                # weights="imagenet", the default, as keras_applications.py builds them
                # (EfficientNet's ImageNet weights add a layer).
                arguments = ("" if include_top else
                             f"include_top=False, input_shape=({size}, {size}, 3)")
                source = os.path.join(directory, name + ".py")
                with open(source, "w") as f:
                    f.write(f"import tensorflow as tf\n\n"
                            f"model = tf.keras.applications.{model}({arguments})\n")
                config = os.path.join(directory, name + ".json")
                with open(config, "w") as f:
                    json.dump(keras_applications.build(model, None if include_top else size,
                                                       include_top=include_top), f)
                try:
                    failures += compare(name, check(dimsum, source), check(dimsum, config))
                except AssertionError as e:
                    failures.append(str(e))
    for failure in failures:
        print("FAIL", failure)
    print(f"{len(MODELS)} models, with and without the top: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
