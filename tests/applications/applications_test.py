#!/usr/bin/env python3
"""Checks the keras.applications models, written by keras_applications.py, with dimsum.

    applications_test.py DIMSUM

Every expected value comes from outside dimsum:
- the parameter totals are the ones Keras publishes for each model (keras.io/api/applications,
  and each model's summary), with the default input and the ImageNet top: output (None, 1000);
- without the top, at an input too small for it, a model fails where Keras fails, the first
  layer whose window is larger than its input (TensorFlow: "Negative dimension size ..."),
  worked out below by hand from the window formula, and the help names, for the height and the
  width, the smallest size that gives every layer an output: for VGG16/19 and InceptionV3 it is
  the min_size Keras' own imagenet_utils.obtain_input_shape enforces (32 and 75); the others are
  worked out by hand;
- the multiply-adds, counted as dimsum counts them (docs/semantics.md), agree with the published
  figures at the precision they are published (within 0.5%): MobileNet 569 million and
  MobileNetV2 300 million, the 1.0 models at 224x224 (Howard et al. 2017, table 8; Sandler et
  al. 2018, table 6); VGG16 15.47 and VGG19 19.63 billion (torchvision's model table, "GFLOPS",
  the same architectures).
"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras_applications  # noqa: E402

PUBLISHED_PARAMS = {
    "VGG16": 138_357_544,
    "VGG19": 143_667_240,
    "ResNet50": 25_636_712,
    "ResNet50V2": 25_613_800,
    "MobileNet": 4_253_864,
    "MobileNetV2": 3_538_984,
    "InceptionV3": 23_851_784,
    "DenseNet121": 8_062_504,
    "Xception": 22_910_480,
    "EfficientNetB0": 5_330_571,
}

# (model, input size, the layer Keras fails at, the smallest input size for the whole model).
TOO_SMALL = [
    # 16 -> pools 8, 4, 2, 1; block5_pool: 2x2 window on 1x1. Five 2x2/2 pools need 32.
    ("VGG16", 16, "block5_pool", 32),
    ("VGG19", 24, "block5_pool", 32),
    # 32 -> conv 3x3/2 valid 15, conv 3x3 13, pool 3x3/2 6, conv 3x3 4, pool 3x3/2 1; mixed3's
    # first convolution (3x3/2 valid, the 27th Conv2D: conv2d_26) on 1x1. mixed8 then needs 75.
    ("InceptionV3", 32, "conv2d_26", 75),
    # 16 -> pad 22, conv 7x7/2 8, pad 10, pool 3x3/2 4, avg pools 2x2/2: 2, 1, then pool4_pool on
    # 1x1. Backwards from pool4_pool (needs 2): 4, 8, pool1 17, unpadded 15, conv1 35, input 29.
    ("DenseNet121", 16, "pool4_pool", 29),
    # 5 -> block1_conv1 3x3/2 valid: 2; block1_conv2 3x3 valid on 2x2. Needs 3, so (3-1)*2+3 = 7.
    ("Xception", 5, "block1_conv2", 7),
    # 16 -> conv1 (same, /2) 8, pad 9, dw 3x3/2 valid 4, pad 5 -> 2, pad 3 -> 1, pad 2, conv_dw_12
    # on 2x2. Backwards: dw_12 needs 3 padded (2), dw_6 5 (4), dw_4 9 (8), dw_2 17 (16), conv1 31.
    ("MobileNet", 16, "conv_dw_12", 31),
]

# Published multiply-adds at the default input.
PUBLISHED_MACS = {"MobileNet": 569e6, "MobileNetV2": 300e6, "VGG16": 15.47e9, "VGG19": 19.63e9}


def check(dimsum, config, directory, name):
    path = os.path.join(directory, name + ".json")
    with open(path, "w") as f:
        json.dump(config, f)
    run = subprocess.run([dimsum, "check", "--format", "json", path], capture_output=True,
                         text=True)
    if run.returncode not in (0, 1):
        raise AssertionError(f"{name}: exit status {run.returncode}: {run.stderr.strip()}")
    return json.loads(run.stdout)


def main():
    dimsum = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        for model, params in PUBLISHED_PARAMS.items():
            result = check(dimsum, keras_applications.build(model), directory, model)
            errors = [d["message"] for d in result["diagnostics"] if d["severity"] != "note"]
            if not result["ok"] or errors:
                failures.append(f"{model}: expected no diagnostics, got {errors}")
            if result["total_params"] != params:
                failures.append(f"{model}: total_params {result['total_params']}, published "
                                f"{params:,}")
            if result["output_shapes"] != [[None, 1000]]:
                failures.append(f"{model}: output {result['output_shapes']}, expected [[None, "
                                f"1000]]")
            if model in PUBLISHED_MACS:
                macs, published = result["total_macs"], PUBLISHED_MACS[model]
                if macs is None or abs(macs - published) > 0.005 * published:
                    failures.append(f"{model}: total_macs {macs}, published {published:,.0f}")
        for model, size, layer, smallest in TOO_SMALL:
            name = f"{model}_notop_{size}"
            result = check(dimsum, keras_applications.build(model, size, include_top=False),
                           directory, name)
            errors = [d for d in result["diagnostics"] if d["severity"] == "error"]
            if result["ok"] or not errors:
                failures.append(f"{name}: expected an error")
                continue
            first = errors[0]
            if first["layer"] != layer or first["code"] != "DS0001":
                failures.append(f"{name}: first error at '{first['layer']}' ({first['code']}: "
                                f"{first['message']}), expected DS0001 at '{layer}'")
            # square images: one line says it for the height and the width
            wanted = f"are {size}, which do not work: the smallest size that works is {smallest}"
            if not any(line.startswith("H and W (axes 1 and 2 of input ") and wanted in line
                       for line in first["help"]):
                failures.append(f"{name}: no help line gives the smallest size {smallest} "
                                f"of H and W: {first['help']}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{len(PUBLISHED_PARAMS)} architectures, {len(TOO_SMALL)} too-small inputs: "
          f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
