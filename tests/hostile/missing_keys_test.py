#!/usr/bin/env python3
"""Every key missing in turn: removes each key of real configs (one of each dialect, from
tests/corpus) one at a time and runs dimsum on the result. No removal may crash dimsum, hang it,
or give a message of more than one line. Removing a key Keras cannot do without must give exit 2
with a message naming the key, or a shape error (exit 1); removing any other key may give exit 0,
1 or 2 (Keras fills in its default, or the model changes).

Usage: missing_keys_test.py DIMSUM
"""
import concurrent.futures
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIGS = [  # one of each dialect, Sequential and Functional, shared layers and wrappers
    "tests/corpus/tfkeras2/multi_input_output",
    "tests/corpus/tfkeras2/bidirectional_concat_sum",
    "tests/corpus/keras3/residual_block",
    "tests/corpus/keras3/shared_embedding",
    "tests/corpus/tfjs/lstm_sentiment",
    "tests/corpus/keras21/cnn",
]
TIME_LIMIT = 60

# The keys Keras cannot do without, where they decide shapes: the model structure, and each layer
# class' constructor arguments that have no default (keras/src/layers/*: Dense(units),
# Conv2D(filters, kernel_size), ...). Keys that decide no shape (Dropout's rate, Activation's
# activation) dimsum does not read, so their absence is not reported (docs/reliability.md).
MODEL_KEYS = {"class_name", "config"}
MODEL_CONFIG_KEYS = {"layers"}
FUNCTIONAL_CONFIG_KEYS = {"layers", "input_layers", "output_layers"}
LAYER_ENTRY_KEYS = {"class_name"}
LAYER_KEYS = {
    "Dense": {"units"},
    "Conv1D": {"filters", "kernel_size"},
    "Conv2D": {"filters", "kernel_size"},
    "Conv3D": {"filters", "kernel_size"},
    "Embedding": {"input_dim", "output_dim"},
    "LSTM": {"units"},
    "GRU": {"units"},
    "SimpleRNN": {"units"},
    "Reshape": {"target_shape"},
    "Permute": {"dims"},
    "Bidirectional": {"layer"},
    "TimeDistributed": {"layer"},
}
KERAS_TENSOR_KEYS = {"keras_history"}
INBOUND_NODE_KEYS = {"args"}
TFJS_KEYS = {"modelTopology"}
TFJS_TOPOLOGY_KEYS = {"model_config"}


MODEL_CLASSES = ("Sequential", "Functional", "Model")


def children(node, role, cls):
    """The roles of a node's values: (key or index, value, role, class)."""
    if role == "layers":
        return [(i, item, "layer_entry", None) for i, item in enumerate(node)]
    if role == "inbound_nodes":
        return [(i, call, "inbound_node" if isinstance(call, dict) else "data", None)
                for i, call in enumerate(node)]
    if role == "data":
        items = enumerate(node) if isinstance(node, list) else node.items()
        return [(k, v, "keras_tensor" if isinstance(v, dict) and v.get("class_name") == "__keras_tensor__"
                 else "data", None) for k, v in items]
    out = []
    for key, value in node.items():
        if role == "tfjs" and key == "modelTopology":
            out.append((key, value, "topology" if "model_config" in value else "model", None))
        elif role == "topology" and key == "model_config":
            out.append((key, value, "model", None))
        elif role in ("model", "layer_entry") and key == "config":
            klass = node.get("class_name")
            if role == "layer_entry" and klass not in MODEL_CLASSES:
                out.append((key, value, "layer_config", klass))
            else:
                out.append((key, value, "layers" if isinstance(value, list) else "model_config", klass))
        elif role == "model_config" and key == "layers":
            out.append((key, value, "layers", None))
        elif role == "layer_entry" and key == "inbound_nodes":
            out.append((key, value, "inbound_nodes", None))
        elif role == "layer_config" and key in ("layer", "backward_layer"):
            out.append((key, value, "layer_entry", None))
        elif role == "inbound_node":
            out.append((key, value, "data", None))
        elif role == "keras_tensor" and key == "config":
            out.append((key, value, "keras_tensor_config", None))
    return out


def required_keys(node, role, cls):
    if role == "model":
        return MODEL_KEYS
    if role == "model_config":
        return FUNCTIONAL_CONFIG_KEYS if cls in ("Functional", "Model") else MODEL_CONFIG_KEYS
    return {
        "tfjs": TFJS_KEYS,
        "topology": TFJS_TOPOLOGY_KEYS,
        "layer_entry": LAYER_ENTRY_KEYS,
        "layer_config": LAYER_KEYS.get(cls, set()),
        "inbound_node": INBOUND_NODE_KEYS,
        "keras_tensor": {"config"},
        "keras_tensor_config": KERAS_TENSOR_KEYS,
    }.get(role, set())


def removals(doc):
    """Yields (description, key, document without that key, whether Keras requires it)."""
    seen = set()
    pending = [([], doc, "tfjs" if "modelTopology" in doc else "model", None)]
    while pending:
        path, node, role, cls = pending.pop()
        if isinstance(node, dict) and role != "data":
            klass = node.get("class_name") if role == "layer_entry" else cls
            for key in node:
                # A layer class' key is removed once per config; model structure, everywhere.
                where = (role, klass) if role in ("layer_entry", "layer_config") else tuple(path)
                if (where, key) in seen:
                    continue
                seen.add((where, key))
                variant = copy.deepcopy(doc)
                target = variant
                for step in path:
                    target = target[step]
                del target[key]
                what = f"{role} {klass or ''}: {'/'.join(map(str, path + [key]))}"
                yield what, key, variant, key in required_keys(node, role, cls)
        if isinstance(node, (dict, list)):
            for key, value, child_role, child_cls in children(node, role, cls):
                pending.append((path + [key], value, child_role, child_cls))


def main():
    dimsum = sys.argv[1]
    failures = []
    jobs = []
    for base in CONFIGS:
        with open(os.path.join(ROOT, base + ".json")) as f:
            doc = json.load(f)
        with open(os.path.join(ROOT, base + ".expect.json")) as f:
            args = json.load(f).get("args", [])
        for what, key, variant, required in removals(doc):
            jobs.append((f"{os.path.basename(base)}: {what}", key, json.dumps(variant, indent=1), args, required))

    tmp = tempfile.mkdtemp()

    def run(numbered):
        number, (name, key, text, args, required) = numbered
        path = os.path.join(tmp, f"{number}.json")
        with open(path, "w") as f:
            f.write(text)
        try:
            proc = subprocess.run([dimsum, "check", path, *args], capture_output=True,
                                  timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            return f"{name}: no answer within {TIME_LIMIT} s"
        err = proc.stderr.decode("utf-8", "replace")
        if proc.returncode not in (0, 1, 2):
            return f"{name}: exit status {proc.returncode} (a crash?): {err[-1500:]}"
        if "Sanitizer" in err or "runtime error:" in err:
            return f"{name}: sanitizer report: {err[-1500:]}"
        if proc.returncode == 2 and len(err.splitlines()) != 1:
            return f"{name}: exit 2 needs one line on stderr, got {err!r}"
        if required and proc.returncode == 0:
            return f"{name}: a key Keras requires is missing, yet dimsum says the model is fine"
        if required and proc.returncode == 2 and key not in err:
            return f"{name}: the message does not name {key!r}: {err.strip()}"
        return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for problem in pool.map(run, enumerate(jobs)):
            if problem:
                failures.append(problem)
                print("FAIL:", problem, flush=True)
    shutil.rmtree(tmp)
    if failures:
        print(f"{len(failures)} of {len(jobs)} removals failed")
        sys.exit(1)
    print(f"{len(jobs)} configs, each with one key removed: every one answered cleanly")


if __name__ == "__main__":
    main()
