#!/usr/bin/python3
"""Writes the model and data files that tests/files/files_test.py checks dimsum against.

Each file is written the way users' files are: HDF5 files with h5py (the library Keras'
model.save("model.h5") and save_weights() use, storing the config as Keras does), .keras archives
with Python's zipfile (as Keras 3's saving_lib does: config.json, metadata.json,
model.weights.h5), arrays with NumPy's own np.save / np.savez / np.savez_compressed. Damaged
files are cut or altered copies of good ones. Nothing is downloaded.

Usage: make_fixtures.py CORPUS_DIR OUT_DIR
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np


def corpus_text(corpus, name):
    with open(os.path.join(corpus, name + ".json"), encoding="utf-8") as f:
        return f.read()


def weights_h5_bytes():
    """A small Keras 3 style weights file (groups layers/<name>/vars), as model.weights.h5."""
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        f.create_group("layers/dense/vars").create_dataset("0", data=np.zeros((2, 2), "float32"))
        f.create_group("optimizer/vars")
    return buffer.getvalue()


def write_keras(path, config_text, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        archive.writestr("metadata.json", json.dumps({"keras_version": "3.3.3"}))
        archive.writestr("config.json", config_text)
        archive.writestr("model.weights.h5", weights_h5_bytes())


def write_h5(path, config_text, as_bytes=True, training_config=None, keras_version="2.15.0"):
    """As tf.keras' save_model_to_hdf5: json.dumps(config).encode("utf8") on the root group,
    and for a compiled model its training_config (saving_utils.model_metadata) the same way."""
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = keras_version
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = config_text.encode("utf8") if as_bytes else config_text
        if training_config is not None:
            f.attrs["training_config"] = json.dumps(training_config).encode("utf8")
        f.create_group("model_weights").attrs["layer_names"] = np.array([b"dense"])


def with_compile_config(config_text, compile_config):
    """A Keras 3 config.json of a compiled model: "compile_config" beside the model's "config"
    (serialization_lib.get_build_and_compile_config)."""
    config = json.loads(config_text)
    config["compile_config"] = compile_config
    return json.dumps(config, indent=2)


# How each compile config below is written comes from the saving code: Keras 3's
# Trainer.compile keeps the compile() arguments (_compile_config) and serializes them with
# serialize_keras_object: strings stay strings, objects are {module, class_name, config,
# registered_name}. tf.keras 2 writes model._get_compile_args(user_metrics=False) without the
# optimizer, plus optimizer_config: losses as given (objects as {class_name, config}), metrics, once
# fit has built them, one list per output of Metric objects (MeanMetricWrapper for "accuracy").
KERAS3_COMPILE = {
    "optimizer": {"module": "keras.optimizers", "class_name": "Adam",
                  "config": {"name": "adam", "learning_rate": 0.001}, "registered_name": None},
    "loss": {"module": "keras.losses", "class_name": "CategoricalCrossentropy",
             "config": {"name": "categorical_crossentropy", "reduction": "sum_over_batch_size",
                        "from_logits": False, "label_smoothing": 0.0, "axis": -1},
             "registered_name": None},
    "loss_weights": None, "metrics": ["accuracy"], "weighted_metrics": None,
    "run_eagerly": False, "steps_per_execution": 1, "jit_compile": False,
}
TFKERAS2_TRAINING = {
    "loss": {"class_name": "SparseCategoricalCrossentropy",
             "config": {"reduction": "auto", "name": "sparse_categorical_crossentropy",
                        "from_logits": True, "ignore_class": None}},
    "metrics": [[{"class_name": "MeanMetricWrapper",
                  "config": {"name": "accuracy", "dtype": "float32",
                             "fn": "sparse_categorical_accuracy"}}]],
    "weighted_metrics": None, "loss_weights": None,
    "optimizer_config": {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.001}},
}
TFKERAS2_TWO_OUTPUTS = {
    "loss": {"priority": "binary_crossentropy", "department": "categorical_crossentropy"},
    "metrics": {"department": ["accuracy"]}, "weighted_metrics": None,
    "loss_weights": {"priority": 1.0, "department": 0.2},
    "optimizer_config": {"class_name": "RMSprop", "config": {"name": "RMSprop"}},
}
# Standalone Keras 2.2 (keras/engine/saving.py): names as strings, sample_weight_mode.
KERAS22_TRAINING = {
    "optimizer_config": {"class_name": "Adadelta", "config": {"lr": 1.0}},
    "loss": "categorical_crossentropy", "metrics": ["accuracy"],
    "sample_weight_mode": None, "loss_weights": None,
}


def write_models(corpus, out):
    write_keras(f"{out}/residual_block.keras", corpus_text(corpus, "keras3/residual_block"))
    write_keras(f"{out}/conv2d_no_input_shape.keras",
                corpus_text(corpus, "keras3/conv2d_missing_channel_axis"), zipfile.ZIP_DEFLATED)
    write_keras(f"{out}/embedding_conv1d_lstm.keras",
                corpus_text(corpus, "keras3/embedding_conv1d_lstm"))
    write_h5(f"{out}/mnist_cnn.h5", corpus_text(corpus, "tfkeras2/mnist_cnn"))
    write_h5(f"{out}/multi_input_output.hdf5", corpus_text(corpus, "tfkeras2/multi_input_output"),
             as_bytes=False)  # a Python str: a variable-length string attribute
    write_h5(f"{out}/stateful_lstm.h5", corpus_text(corpus, "tfkeras2/stateful_lstm_batch_ok"))
    write_h5(f"{out}/conv_chain_negative.h5", corpus_text(corpus, "tfkeras2/conv_chain_negative"))
    write_h5(f"{out}/two_fixed_batches.h5", json.dumps(two_fixed_batches_model(), indent=1))
    # Content decides, not the name: an HDF5 model named .keras, a .keras archive named .json.
    write_h5(f"{out}/hdf5_named.keras", corpus_text(corpus, "tfkeras2/mnist_cnn"))
    write_keras(f"{out}/archive_named.json", corpus_text(corpus, "keras3/residual_block"))
    # A TensorFlow.js model folder, and a Keras 3 model saved unzipped (config.json in a folder).
    os.makedirs(f"{out}/tfjs_model", exist_ok=True)
    with open(f"{out}/tfjs_model/model.json", "w", encoding="utf-8") as f:
        f.write(corpus_text(corpus, "tfjs/small_cnn_batchnorm"))
    os.makedirs(f"{out}/keras3_unzipped", exist_ok=True)
    with open(f"{out}/keras3_unzipped/config.json", "w", encoding="utf-8") as f:
        f.write(corpus_text(corpus, "keras3/residual_block"))
    with open(f"{out}/keras3_unzipped/metadata.json", "w", encoding="utf-8") as f:
        f.write("{}")
    # A shape-agnostic model (its input shape is the data's) to read data headers through.
    with open(f"{out}/any_shape.json", "w", encoding="utf-8") as f:
        json.dump({"class_name": "Sequential", "config": {"name": "any", "layers": [
            {"class_name": "Activation", "config": {"name": "act", "activation": "linear"}}]}}, f)
    # Compiled models: the loss and metrics they were compiled with, as each Keras saves them.
    write_keras(f"{out}/residual_block_compiled.keras",
                with_compile_config(corpus_text(corpus, "keras3/residual_block"), KERAS3_COMPILE))
    write_h5(f"{out}/mnist_cnn_compiled.h5", corpus_text(corpus, "tfkeras2/mnist_cnn"),
             training_config=TFKERAS2_TRAINING)
    write_h5(f"{out}/mnist_cnn_keras22.h5", corpus_text(corpus, "tfkeras2/mnist_cnn"),
             training_config=KERAS22_TRAINING, keras_version="2.2.4")
    write_h5(f"{out}/multi_input_output_compiled.h5",
             corpus_text(corpus, "tfkeras2/multi_input_output"),
             training_config=TFKERAS2_TWO_OUTPUTS)
    # A config error inside an archive: the position is inside config.json.
    config = corpus_text(corpus, "keras3/residual_block").replace('"filters": 16', '"filters": "16"', 1)
    write_keras(f"{out}/config_error.keras", config)


def two_fixed_batches_model():
    """tf.keras 2 functional: Input(batch_size=32, shape=(4,)) and Input(batch_size=16, ...)."""
    def input_layer(name, batch):
        return {"class_name": "InputLayer", "name": name, "inbound_nodes": [],
                "config": {"batch_input_shape": [batch, 4], "dtype": "float32", "name": name}}
    return {"class_name": "Functional", "config": {
        "name": "two_inputs",
        "layers": [
            input_layer("a", 32), input_layer("b", 16),
            {"class_name": "Concatenate", "name": "concat",
             "config": {"name": "concat", "axis": -1},
             "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]},
            {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 1},
             "inbound_nodes": [[["concat", 0, 0, {}]]]}],
        "input_layers": [["a", 0, 0], ["b", 0, 0]],
        "output_layers": [["dense", 0, 0]]}}


def write_not_models(out):
    # model.save_weights("w.h5") in tf.keras: layer_names on the root, no model_config.
    with h5py.File(f"{out}/weights_only.h5", "w") as f:
        f.attrs["layer_names"] = np.array([b"dense"])
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = "2.15.0"
        f.create_group("dense")
    with open(f"{out}/model.weights.h5", "wb") as f:  # Keras 3's save_weights
        f.write(weights_h5_bytes())
    with h5py.File(f"{out}/plain.h5", "w") as f:
        f.create_dataset("x", data=np.arange(10))
    os.makedirs(f"{out}/saved_model/variables", exist_ok=True)
    with open(f"{out}/saved_model/saved_model.pb", "wb") as f:
        f.write(b"\x08\x01\x12\x00")  # protocol buffer bytes; dimsum never parses them
    with zipfile.ZipFile(f"{out}/no_config.keras", "w") as archive:
        archive.writestr("metadata.json", "{}")


def write_damaged(out):
    with open(f"{out}/mnist_cnn.h5", "rb") as f:
        h5 = f.read()
    with open(f"{out}/residual_block.keras", "rb") as f:
        keras = f.read()
    damaged = {
        "truncated.h5": h5[: len(h5) // 2],
        "signature_only.h5": h5[:8],
        "zeroed_superblock.h5": h5[:8] + bytes(64) + h5[72:],
        "garbage.h5": b"this is not an HDF5 file at all\n",
        "empty.h5": b"",
        "truncated.keras": keras[: len(keras) // 2],
        "central_directory_cut.keras": keras[:-10],
        "garbage.keras": b"PK\x03\x04" + b"\xff" * 60,
        "empty.keras": b"",
    }
    # A flipped byte inside config.json's data: the member's CRC no longer matches.
    offset = keras.find(b'"class_name"')
    damaged["crc_mismatch.keras"] = keras[:offset] + b"X" + keras[offset + 1:]
    for name, data in damaged.items():
        with open(f"{out}/{name}", "wb") as f:
            f.write(data)


def write_data(out):
    rng = np.random.default_rng(0)
    np.save(f"{out}/mnist_x.npy", np.zeros((600, 28, 28, 1), np.uint8))
    np.save(f"{out}/mnist_x_no_channel.npy", np.zeros((600, 28, 28), np.float32))
    np.save(f"{out}/mnist_x_channels_first.npy", np.zeros((600, 1, 28, 28), np.float32))
    np.save(f"{out}/mnist_x_32x32x3.npy", np.zeros((600, 32, 32, 3), np.float32))
    np.save(f"{out}/mnist_x_strings.npy", np.full((600, 28, 28, 1), "0.5"))
    ragged = np.empty(3, dtype=object)
    ragged[:] = [np.zeros((28, 28)), np.zeros((30, 28)), np.zeros((28, 20))]
    np.save(f"{out}/ragged.npy", ragged, allow_pickle=True)
    np.save(f"{out}/tokens_int.npy", rng.integers(0, 5000, (256, 100), dtype=np.int64))
    np.save(f"{out}/tokens_float.npy", rng.random((256, 100), dtype=np.float32))
    np.save(f"{out}/sequences_1000.npy", np.zeros((1000, 10, 8), np.float32))
    np.save(f"{out}/sequences_992.npy", np.zeros((992, 10, 8), np.float32))
    np.save(f"{out}/sequences_1024.npy", np.zeros((1024, 10, 8), np.float32))
    title = rng.integers(0, 500, (500, 20), dtype=np.int32)
    features = np.zeros((500, 10), np.float32)
    np.savez(f"{out}/two_inputs.npz", title=title, features=features, labels=np.zeros(500))
    np.savez_compressed(f"{out}/two_inputs_wrong_features.npz", title=title,
                        features=np.zeros((500, 12), np.float32))
    np.savez(f"{out}/two_inputs_float_title.npz", title=title.astype(np.float32),
             features=features)
    np.savez(f"{out}/train_test.npz", x_train=np.zeros((600, 28, 28, 1), np.float32),
             y_train=np.zeros(600), x_test=np.zeros((100, 28, 28, 1), np.float32))
    np.savez(f"{out}/one_array.npz", np.zeros((600, 28, 28, 1), np.float32))  # key arr_0
    np.save(f"{out}/title.npy", title)
    # Labels: class ids, one-hot rows, a dataset saved as np.savez("d.npz", x=x, y=y), and the
    # labels of a model with two outputs, each array named after its output.
    np.save(f"{out}/mnist_y.npy", rng.integers(0, 10, 600, dtype=np.int64))
    np.save(f"{out}/mnist_y_onehot.npy", np.eye(10, dtype=np.float32)[rng.integers(0, 10, 600)])
    np.savez(f"{out}/mnist_xy.npz", x=np.zeros((600, 28, 28, 1), np.float32),
             y=rng.integers(0, 10, 600, dtype=np.int64))
    np.savez(f"{out}/two_outputs_y.npz", priority=np.zeros((500, 1), np.float32),
             department=np.eye(3, dtype=np.float32)[rng.integers(0, 3, 500)])
    np.save(f"{out}/features_499.npy", np.zeros((499, 10), np.float32))
    # Every .npy format version and layout, read back through the shape-agnostic model.
    formats = {}
    for version in [(1, 0), (2, 0), (3, 0)]:
        name = f"v{version[0]}.npy"
        with open(f"{out}/{name}", "wb") as f:
            np.lib.format.write_array(f, np.zeros((7, 3, 5), ">i2"), version=version)
        formats[name] = [7, 3, 5]
    np.save(f"{out}/fortran.npy", np.asfortranarray(np.zeros((9, 4, 2), np.float64)))
    formats["fortran.npy"] = [9, 4, 2]
    np.save(f"{out}/scalar.npy", np.float32(1.0))
    with open(f"{out}/manifest.json", "w", encoding="utf-8") as f:
        json.dump(formats, f)
    # A large array whose data is a hole in a sparse file: only the header may be read.
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f4", "fortran_order": False, "shape": (2_000_000, 28, 28)})
    with open(f"{out}/large.npy", "wb") as f:
        f.write(header.getvalue())
        f.truncate(len(header.getvalue()) + 2_000_000 * 28 * 28 * 4)


def write_damaged_data(out):
    with open(f"{out}/mnist_x.npy", "rb") as f:
        npy = f.read()
    header_end = npy.index(b"\n") + 1
    damaged = {
        "truncated_data.npy": npy[: header_end + 100],
        "truncated_header.npy": npy[:30],
        "magic_only.npy": npy[:6],
        "bad_version.npy": npy[:6] + b"\x07\x00" + npy[8:],
        "huge_header_length.npy": npy[:6] + b"\x02\x00\xff\xff\xff\x7f" + npy[12:],
        "bad_dict.npy": npy[:10] + npy[10:header_end].replace(b"'shape'", b"'shope'"),
        "unclosed_dict.npy": npy[:10] + npy[10:header_end].replace(b"}", b" "),
        "negative_shape.npy": npy[:10] + npy[10:header_end].replace(b"(600,", b"(-60,"),
        "not_npy.npy": b"x,y\n1,2\n",
    }
    with open(f"{out}/two_inputs.npz", "rb") as f:
        npz = f.read()
    damaged["truncated.npz"] = npz[: len(npz) // 2]
    for name, data in damaged.items():
        with open(f"{out}/{name}", "wb") as f:
            f.write(data)
    # An .npz whose member is a damaged .npy.
    with zipfile.ZipFile(f"{out}/bad_member.npz", "w") as archive:
        archive.writestr("x.npy", damaged["bad_dict.npy"])


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    write_models(corpus, out)
    write_not_models(out)
    write_damaged(out)
    write_data(out)
    write_damaged_data(out)


if __name__ == "__main__":
    main()
