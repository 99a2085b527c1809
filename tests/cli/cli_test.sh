#!/usr/bin/env bash
# The command line as a user meets it: exit statuses, the article's examples, bad input, and the
# JSON output validated against shared/result.schema.json (kept in tests/cli/).
# Usage: cli_test.sh DIMSUM_BINARY
set -uo pipefail
dimsum=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect STATUS DESCRIPTION -- COMMAND...: runs it, keeps stdout/stderr in $out/$err.
expect() {
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  out=$(cat "$tmp/out"); err=$(cat "$tmp/err")
  [ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want; stderr: $err"
}
contains() { # contains TEXT NEEDLE DESCRIPTION
  case "$1" in *"$2"*) ;; *) fail "$3: missing '$2' in: $1" ;; esac
}
validate_json() { # validate_json FILE DESCRIPTION
  /usr/bin/python3 - "$1" "$here/result.schema.json" <<'PY' || fail "$2: JSON output does not match the schema"
import json, sys, jsonschema
doc = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
for result in (doc if isinstance(doc, list) else [doc]):
    jsonschema.validate(result, schema)
    for d in result["diagnostics"]:
        assert d["severity"] != "error" or d["help"], "an error without help"
PY
}

ex3="$root/examples/article_example3.json"
ex3_fixed="$root/examples/article_example3_fixed.json"

# The article's Example 3: conv2d 30x30 on 20x20 images fails, with the numbers and a help line.
expect 1 "example 3" -- "$dimsum" check "$ex3" --input-shape 100,20,20,1
contains "$out" "error[DS0001]" "example 3"
contains "$out" "conv2d" "example 3"
contains "$out" "30" "example 3"
contains "$out" "20" "example 3"
contains "$out" "help:" "example 3"
contains "$out" "(20 - 30) / 1 + 1 = -9" "example 3 arithmetic"

expect 1 "example 3 json" -- "$dimsum" check "$ex3" --input-shape 100,20,20,1 --format json
echo "$out" >"$tmp/ex3.json"
validate_json "$tmp/ex3.json" "example 3 json"
/usr/bin/python3 - "$tmp/ex3.json" <<'PY' || fail "example 3 json content"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["ok"] is False
e = [d for d in r["diagnostics"] if d["severity"] == "error"]
assert e[0]["layer"] == "conv2d" and e[0]["cause"] == "layer misconfiguration", e
assert e[0]["location"]["line"] > 0 and e[0]["location"]["column"] > 0
PY

# Its correction builds: output (100, 10); params 3*3*1*32+32 + 18*18*32*10+10 = 320 + 103,690.
expect 0 "example 3 fixed" -- "$dimsum" check "$ex3_fixed" --input-shape 100,20,20,1 --format json
echo "$out" >"$tmp/fixed.json"
validate_json "$tmp/fixed.json" "example 3 fixed"
/usr/bin/python3 - "$tmp/fixed.json" <<'PY' || fail "example 3 fixed content"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["ok"] is True and r["output_shapes"] == [[100, 10]], r["output_shapes"]
assert r["total_params"] == 104010, r["total_params"]
PY

# summary: the table shows input and output shapes; a failure shows where the trace stopped.
expect 0 "summary" -- "$dimsum" summary "$ex3_fixed" --input-shape 100,20,20,1
contains "$out" "(100, 18, 18, 32)" "summary"
contains "$out" "Total params: 104,010" "summary"
expect 1 "summary of a failure" -- "$dimsum" summary "$ex3" --input-shape 100,20,20,1
contains "$out" "trace stops here" "summary of a failure"

# Several files: each reported under its name; exit status of the worst; one JSON document.
expect 1 "two files" -- "$dimsum" check "$ex3_fixed" "$ex3" --input-shape 100,20,20,1
contains "$out" "==> $ex3 <==" "two files"
expect 1 "two files json" -- "$dimsum" check "$ex3_fixed" "$ex3" --input-shape 100,20,20,1 --format json
echo "$out" >"$tmp/two.json"
validate_json "$tmp/two.json" "two files json"

# Many files and folders: checked on every core, reported in the order given. A folder that holds
# no model of its own stands for the model files under it, sorted by path; a model saved as a
# folder (model.json) inside it is one model; the JSON lists the results in the same order.
mkdir -p "$tmp/many/b_sub" "$tmp/many/c_tfjs"
for i in 03 01 02; do cp "$ex3_fixed" "$tmp/many/m$i.json"; done
cp "$ex3" "$tmp/many/b_sub/bad.json"
cp "$root/tests/corpus/tfjs/small_cnn_batchnorm.json" "$tmp/many/c_tfjs/model.json"
echo 'weights' >"$tmp/many/c_tfjs/group1-shard1of1.bin"
echo 'not a model' >"$tmp/many/notes.txt"
expect 1 "a folder" -- "$dimsum" check "$tmp/many" --input-shape 100,20,20,1
order=$(grep '^==> ' "$tmp/out" | tr '\n' ' ')
want="==> $tmp/many/b_sub/bad.json <== ==> $tmp/many/c_tfjs <== ==> $tmp/many/m01.json <== ==> $tmp/many/m02.json <== ==> $tmp/many/m03.json <== "
[ "$order" = "$want" ] || fail "a folder: files out of order or missing: $order"
files=(); for i in $(seq 1 40); do files+=("$ex3_fixed" "$ex3"); done
expect 1 "80 files in order" -- "$dimsum" check "${files[@]}" --input-shape 100,20,20,1 --format json
/usr/bin/python3 - "$tmp/out" <<'PY' || fail "80 files: the JSON results are not in the order given"
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc) == 80, len(doc)
assert [r["ok"] for r in doc] == [True, False] * 40
PY
mkdir -p "$tmp/empty"
expect 2 "an empty folder" -- "$dimsum" check "$tmp/empty"
contains "$err" "without a model file" "an empty folder"

# Colour: never on a pipe, always on request, never with NO_COLOR in auto mode.
expect 1 "no colour on a pipe" -- "$dimsum" check "$ex3" --input-shape 100,20,20,1
case "$out" in *$'\x1b['*) fail "colour on a pipe" ;; esac
expect 1 "colour always" -- "$dimsum" check "$ex3" --input-shape 100,20,20,1 --color always
contains "$out" $'\x1b[' "colour always"

# explain prints the catalogue page.
expect 0 "explain" -- "$dimsum" explain DS0001
contains "$out" "negative dimension" "explain"
expect 2 "explain unknown" -- "$dimsum" explain DS9999

# Bad input: exit 2 with one clear line naming the file (and line:column where there is one).
printf '' >"$tmp/empty.json"
printf '{"class_name": "Sequential",\n "config": {"layers": [}}' >"$tmp/malformed.json"
printf '{"hello": "world"}' >"$tmp/not_a_model.json"
printf '{"class_name": "Sequential", "config": {"layers": [\n {"class_name": "Conv2D", "config": {"name": "c", "filters": 8, "kernel_size": "3"}}]}}' >"$tmp/wrong_type.json"
expect 2 "missing file" -- "$dimsum" check "$tmp/nope.json"
contains "$err" "$tmp/nope.json" "missing file"
mkdir -p "$tmp/no_models" && echo "notes" >"$tmp/no_models/readme.txt"
expect 2 "directory" -- "$dimsum" check "$tmp/no_models"
contains "$err" "directory without a model file" "directory"
expect 2 "empty file" -- "$dimsum" check "$tmp/empty.json"
contains "$err" "empty.json:1:1" "empty file"
expect 2 "malformed" -- "$dimsum" check "$tmp/malformed.json"
contains "$err" "malformed.json:2:" "malformed"
expect 2 "not a model" -- "$dimsum" check "$tmp/not_a_model.json"
contains "$err" "not a Keras model config" "not a model"
expect 2 "wrong type" -- "$dimsum" check "$tmp/wrong_type.json" --input-shape 1,8,8,1
contains "$err" "wrong_type.json:2:" "wrong type"
contains "$err" "kernel_size" "wrong type"
expect 2 "unknown flag" -- "$dimsum" check "$ex3" --frobnicate
expect 2 "bad input shape" -- "$dimsum" check "$ex3" --input-shape 100,4x,20
contains "$err" "100,4x,20" "bad input shape"
expect 2 "bad format" -- "$dimsum" check "$ex3" --format yaml
# --assume: a malformed spec and a name that is no layer are exit 2; a good one is used.
expect 2 "bad assume" -- "$dimsum" check "$ex3" --assume conv2d
contains "$err" "LAYER=SHAPE" "bad assume"
expect 2 "assume unknown layer" -- "$dimsum" check "$ex3" --assume nothere=?,4
contains "$err" "--assume names \"nothere\"" "assume unknown layer"
expect 0 "assume" -- "$dimsum" check "$ex3" --input-shape 100,20,20,1 --assume conv2d=?,18,18,32
for f in "$tmp"/*.json; do
  n=$(wc -l <"$tmp/err"); [ "$n" -le 2 ] || fail "more than one line of error for a bad file"
done

# Labels and losses (tests/files has the data cases): README's example, 100 class ids for the
# 10 classes of example 3's correction under sparse_categorical_crossentropy.
labels="$root/examples/article_example3_labels.npy"
expect 0 "README labels example" -- env -C "$root" "$dimsum" check examples/article_example3_fixed.json \
  --input-shape 100,20,20,1 --labels examples/article_example3_labels.npy \
  --loss sparse_categorical_crossentropy
contains "$out" "examples/article_example3_fixed.json: ok model 'sequential' builds: output (100, 10), 104,010 params; labels (100,) under sparse_categorical_crossentropy" "README labels example"
# README's second labels example: the same class ids under categorical_crossentropy.
expect 1 "README labels error" -- env -C "$root" "$dimsum" check examples/article_example3_fixed.json \
  --input-shape 100,20,20,1 --labels examples/article_example3_labels.npy \
  --loss categorical_crossentropy
for line in "error[DS0014]: the labels examples/article_example3_labels.npy of shape (100,) do not fit output 'dense' of shape (100, 10) under categorical_crossentropy" \
  "= note: tf.keras 2 raises: Shapes (None, 1) and (None, 10) are incompatible" \
  "= help: to one-hot encode the labels, use keras.utils.to_categorical(y, 10)" \
  "= help: or compile with loss='sparse_categorical_crossentropy', which takes class ids"; do
  contains "$out" "$line" "README labels error"
done
# README's Python labels example: a Dense on a feature map, the labels say so.
expect 1 "README python labels" -- env -C "$root" "$dimsum" check tests/python/cases/labels/missing_flatten.py
for line in "error[DS0014]: the labels of shape (60000, 10) do not fit output 'dense' of shape (64, 13, 13, 10) under categorical_crossentropy" \
  "= cause: layer misconfiguration" \
  "= help: to classify whole samples, add Flatten() (or GlobalAveragePooling2D()) before 'dense': a Dense on a tensor of rank 4 applies to its last axis only and keeps the others"; do
  contains "$out" "$line" "README python labels"
done
# A name that is no output of the model is exit 2, in one line.
expect 2 "labels bad output name" -- "$dimsum" check "$ex3_fixed" --input-shape 100,20,20,1 --labels nope="$labels"
contains "$err" "nope" "labels bad output name"
expect 0 "labels json" -- "$dimsum" check "$ex3_fixed" --input-shape 100,20,20,1 --labels "$labels" \
  --loss sparse_categorical_crossentropy --format json
echo "$out" >"$tmp/labels.json"
validate_json "$tmp/labels.json" "labels json"
expect 0 "labels summary" -- "$dimsum" summary "$ex3_fixed" --input-shape 100,20,20,1 --labels "$labels"
# The schema: label_shapes and losses come together, a shape or null and a name or null per output.
/usr/bin/python3 - "$tmp/fixed.json" "$here/result.schema.json" <<'PY' || fail "labels in the schema"
import json, sys, jsonschema
result, schema = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.validate(dict(result, label_shapes=[[100], None], losses=["mse", None]), schema)
for bad in ({"label_shapes": [[100]]}, {"losses": ["mse"]},
            {"label_shapes": [[100]], "losses": [3]}, {"label_shapes": [100], "losses": [None]}):
    try:
        jsonschema.validate(dict(result, **bad), schema)
    except jsonschema.ValidationError:
        continue
    raise AssertionError(f"the schema accepts {bad}")
PY
# Bad --labels and --loss: exit 2 with one line saying what is wrong.
one_line() { [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$1: not one line of error: $err"; }
expect 2 "labels missing" -- "$dimsum" check "$ex3_fixed" --labels "$tmp/nope.npy"
contains "$err" "--labels $tmp/nope.npy: cannot open" "labels missing"
one_line "labels missing"
expect 2 "labels not npy" -- "$dimsum" check "$ex3_fixed" --labels "$ex3"
contains "$err" "not a NumPy .npy or .npz file" "labels not npy"
one_line "labels not npy"
expect 2 "labels key of an npy" -- "$dimsum" check "$ex3_fixed" --labels "$labels:y"
contains "$err" "holds one array" "labels key of an npy"
one_line "labels key of an npy"
expect 2 "empty loss" -- "$dimsum" check "$ex3_fixed" --loss "dense="
contains "$err" "invalid --loss \"dense=\"" "empty loss"
one_line "empty loss"
expect 2 "loss option" -- "$dimsum" check "$ex3_fixed" --loss "mse:logits"
contains "$err" ":from_logits" "loss option"
one_line "loss option"
expect 2 "loss without a value" -- "$dimsum" check "$ex3_fixed" --loss
expect 2 "labels on domain" -- "$dimsum" domain "$ex3_fixed" --labels "$labels"

# Symbolic sizes (tests/domain checks the answers against TensorFlow.js): the summary shows each
# layer's size as an expression, and the verdict says for which sizes the model builds.
unet="$root/tests/domain/models/unet4.json"
expect 0 "symbolic summary" -- "$dimsum" summary "$unet" --input-shape 1,H,W,3
contains "$out" "floor(H / 16)" "symbolic summary"
contains "$out" "the model builds when H is a multiple of 16 and W is a multiple of 16" "symbolic verdict"
# A symbolic batch that any size fits is left out of the verdict (Keras' VGG16 takes H, W >= 32).
expect 0 "symbolic batch" -- "$dimsum" summary "$root/tests/domain/models/vgg16_notop.json" \
  --input-shape N,H,W,3
contains "$out" "the model builds when H >= 32 and W >= 32" "symbolic batch"
case "$out" in *"N >= 1"*) fail "symbolic batch: the verdict names N: $out" ;; esac
expect 0 "symbolic json" -- "$dimsum" check "$unet" --input-shape 1,H,W,3 --format json
echo "$out" >"$tmp/symbolic.json"
validate_json "$tmp/symbolic.json" "symbolic json"
contains "$out" '"conditions"' "symbolic json"
expect 0 "domain" -- "$dimsum" domain "$unet"
contains "$out" "H: H is a multiple of 16 (smallest 16)" "domain"
expect 1 "domain, no size works" -- "$dimsum" domain "$root/tests/domain/models/never.json"
contains "$out" "no L works" "domain, no size works"
expect 0 "domain json" -- "$dimsum" domain "$unet" --format json
echo "$out" >"$tmp/domain.json"
/usr/bin/python3 - "$tmp/domain.json" "$here/domain.schema.json" <<'PY' || fail "domain json schema"
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
PY
expect 2 "domain, missing file" -- "$dimsum" domain "$tmp/nope.json"

# Diagnostics that never mislead: each help line names the real fix, each label has words.
no_line() { # no_line TEXT REGEX DESCRIPTION: no line of TEXT matches REGEX
  if printf '%s\n' "$1" | grep -Eq "$2"; then fail "$3: a line matches '$2' in: $1"; fi
}
# README's example: the height and the width that do not work are said in one line.
expect 1 "example 3 sizes" -- "$dimsum" check "$ex3" --input-shape 100,20,20,1
contains "$out" "H and W (axes 1 and 2 of input 'input') are 20, which do not work: the smallest size that works is 30 (H >= 30, W >= 30)" "example 3 sizes"
no_line "$out" "^ *= help: [HW] \(axis" "example 3 sizes, one line"
# Data of one sample for a model declaring (None, 32, 32, 3): the batch axis is missing, and
# the help does not tell to reshape it into a batch of 32.
cat >"$tmp/cnn.json" <<'JSON'
{"class_name": "Sequential", "config": {"name": "s", "layers": [
 {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 32, 32, 3], "dtype": "float32", "name": "input"}},
 {"class_name": "Conv2D", "config": {"name": "conv2d", "filters": 4, "kernel_size": 3}},
 {"class_name": "Flatten", "config": {"name": "flatten"}},
 {"class_name": "Dense", "config": {"name": "dense", "units": 2}}]}}
JSON
expect 1 "missing batch axis" -- "$dimsum" check "$tmp/cnn.json" --input-shape 32,32,3
contains "$out" "the data has no batch axis" "missing batch axis"
contains "$out" "--input-shape 1,32,32,3" "missing batch axis"
no_line "$out" "32, 32, 32, 3" "missing batch axis"
# A data error's trace shows the data as fed and marks the input, not the first layer after it.
expect 1 "data trace" -- "$dimsum" check "$tmp/cnn.json" --input-shape 8,32,32
contains "$out" "data                (8, 32, 32)" "data trace"
contains "$out" "input (InputLayer)  -> error" "data trace"
no_line "$out" "conv2d \(Conv2D\)" "data trace"

# A note on a layer: its trace does not say "error"; a note on code names what it marks.
cat >"$tmp/runtime.py" <<'PY'
import sys
import keras
from keras import layers
n = int(sys.argv[1])
model = keras.Sequential([keras.Input((8,)), layers.Dense(n), layers.Dense(2)])
x = load(sys.argv[2])
model.fit(x)
PY
expect 0 "notes" -- "$dimsum" check "$tmp/runtime.py"
contains "$out" "note[DS0103]" "notes"
no_line "$out" "-> error" "notes: a trace says error"
no_line "$out" "^ *[0-9]* *\| *[-^]+ *$" "notes: a label without words"
# return_sequences: the help looks through Dropout to the LSTM that gives one vector.
cat >"$tmp/lstm.json" <<'JSON'
{"class_name": "Sequential", "config": {"name": "s", "layers": [
 {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 10, 8], "dtype": "float32", "name": "input"}},
 {"class_name": "LSTM", "config": {"name": "lstm", "units": 4}},
 {"class_name": "Dropout", "config": {"name": "dropout", "rate": 0.5}},
 {"class_name": "BatchNormalization", "config": {"name": "batch_normalization"}},
 {"class_name": "LSTM", "config": {"name": "lstm_1", "units": 4}}]}}
JSON
expect 1 "return_sequences through Dropout" -- "$dimsum" check "$tmp/lstm.json"
contains "$out" "set return_sequences=True on 'lstm'" "return_sequences through Dropout"
# Flatten cannot fix the unknown length of a TextVectorization without output_sequence_length.
cat >"$tmp/text.json" <<'JSON'
{"class_name": "Sequential", "config": {"name": "s", "layers": [
 {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 1], "dtype": "string", "name": "text"}},
 {"class_name": "TextVectorization", "config": {"name": "text_vectorization", "max_tokens": 1000, "output_mode": "int", "output_sequence_length": null}},
 {"class_name": "Embedding", "config": {"name": "embedding", "input_dim": 1000, "output_dim": 8}},
 {"class_name": "Flatten", "config": {"name": "flatten"}},
 {"class_name": "Dense", "config": {"name": "dense", "units": 1}}]}}
JSON
expect 1 "TextVectorization length" -- "$dimsum" check "$tmp/text.json"
contains "$out" "output_sequence_length" "TextVectorization length"
contains "$out" "'text_vectorization'" "TextVectorization length"
# A merge error's trace shows both branches.
cat >"$tmp/merge.json" <<'JSON'
{"class_name": "Functional", "config": {"name": "m", "layers": [
 {"class_name": "InputLayer", "name": "a", "config": {"batch_input_shape": [null, 8], "dtype": "float32", "name": "a"}, "inbound_nodes": []},
 {"class_name": "Dense", "name": "d1", "config": {"name": "d1", "units": 4}, "inbound_nodes": [[["a", 0, 0, {}]]]},
 {"class_name": "Dense", "name": "d2", "config": {"name": "d2", "units": 5}, "inbound_nodes": [[["a", 0, 0, {}]]]},
 {"class_name": "Dense", "name": "d3", "config": {"name": "d3", "units": 5}, "inbound_nodes": [[["d2", 0, 0, {}]]]},
 {"class_name": "Add", "name": "add", "config": {"name": "add"}, "inbound_nodes": [[["d1", 0, 0, {}], ["d3", 0, 0, {}]]]}],
 "input_layers": [["a", 0, 0]], "output_layers": [["add", 0, 0]]}}
JSON
expect 1 "merge trace" -- "$dimsum" check "$tmp/merge.json"
for layer in "d1 (Dense)" "d2 (Dense)" "d3 (Dense)"; do contains "$out" "      $layer" "merge trace"; done

# --custom-objects: a config's custom layers followed through the classes of a Python file
# (tests/custom_objects; the sizes are worked out in tests/unit/custom_objects_test.cc).
custom="$root/tests/custom_objects"
expect 0 "custom layers without their code" -- "$dimsum" check "$custom/tfkeras2_custom.json"
contains "$out" "warning[DS0101]" "custom layers without their code"
contains "$out" "--assume project=SHAPE" "custom layers without their code"
expect 0 "custom layers with their code" -- "$dimsum" check "$custom/tfkeras2_custom.json" \
  --custom-objects "$custom/layers.py" --format json
echo "$out" >"$tmp/custom.json"
validate_json "$tmp/custom.json" "custom layers with their code"
/usr/bin/python3 - "$tmp/custom.json" <<'PY' || fail "custom layers with their code: content"
import json, sys
r = json.load(open(sys.argv[1]))
# Projection(32) on 16: 16*32+32 = 544; Bottleneck(32, 64): 32*64+64 + 64*32+32 + 1 = 4193;
# Dense(10) on 32: 330.
assert r["ok"] is True and r["output_shapes"] == [[None, 10]], r["output_shapes"]
assert r["total_params"] == 544 + 4193 + 330, r["total_params"]
assert not [d for d in r["diagnostics"] if d["code"] == "DS0101"], r["diagnostics"]
PY
expect 0 "custom layers in summary" -- "$dimsum" summary "$custom/keras3_custom.json" \
  --custom-objects "$custom/layers.py"
contains "$out" "Total params: 418" "custom layers in summary"
# The kernel the config's in_features=8 fixes does not take 16 features: the error is at the
# tf.matmul line of layers.py, the call of the layer in the config a label.
expect 1 "custom layer error" -- "$dimsum" check "$custom/tfkeras2_custom_wrong_rows.json" \
  --custom-objects "$custom/layers.py"
contains "$out" "layers.py:22:" "custom layer error"
contains "$out" "in layer 'project', called here" "custom layer error"
# The same config saved as a .keras archive (a Keras 3 config.json) is followed alike.
/usr/bin/python3 - "$custom/keras3_custom.json" "$tmp/custom.keras" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w") as z:
    z.write(sys.argv[1], "config.json")
    z.writestr("metadata.json", '{"keras_version": "3.3.3"}')
PY
expect 0 "custom layers in .keras" -- "$dimsum" check "$tmp/custom.keras" \
  --custom-objects "$custom/layers.py" --format json
contains "$out" '"total_params": 418' "custom layers in .keras"
# A file that does not parse, or is missing: exit 2 with where.
expect 2 "custom objects that do not parse" -- "$dimsum" check "$custom/tfkeras2_custom.json" \
  --custom-objects "$custom/broken.py"
contains "$err" "broken.py:5:" "custom objects that do not parse"
expect 2 "custom objects missing" -- "$dimsum" check "$custom/tfkeras2_custom.json" \
  --custom-objects "$tmp/nothere.py"
contains "$err" "nothere.py: cannot open" "custom objects missing"

# Jupyter notebooks (tests/python/notebooks): README's example, whose positions name the cell and
# the line in it, and the same places in the JSON output.
notebooks="$root/tests/python/notebooks"
expect 1 "README notebook example" -- env -C "$root" "$dimsum" check tests/python/notebooks/missing_channel_cells.ipynb
for line in "error[DS0007]: the data has shape (32, 28, 28) (rank 3), but input 'input' expects (None, 28, 28, 1) (rank 4)" \
  " --> tests/python/notebooks/missing_channel_cells.ipynb:cell 5:2:5" \
  " ::: tests/python/notebooks/missing_channel_cells.ipynb:cell 7:2:1" \
  "2 | model.fit(x_train, np_utils.to_categorical(y_train, 10), epochs=5)" \
  "tests/python/notebooks/missing_channel_cells.ipynb: failed: model 'model' (fed on line 2 of cell 7) has 1 shape error"; do
  contains "$out" "$line" "README notebook example"
done
expect 1 "notebook json" -- "$dimsum" check "$notebooks/missing_channel_cells.ipynb" --format json
echo "$out" >"$tmp/notebook.json"
validate_json "$tmp/notebook.json" "notebook json"
/usr/bin/python3 - "$tmp/notebook.json" <<'PY' || fail "notebook json: the places are not cell 5 line 2 and cell 7 line 2"
import json, sys
result = json.load(open(sys.argv[1]))
place = lambda loc: (loc["cell"], loc["line"], loc["column"])
error = next(d for d in result["diagnostics"] if d["severity"] == "error")
assert place(error["location"]) == (5, 2, 5), error["location"]
assert place(result["data_call"]) == (7, 2, 1), result["data_call"]
PY
# A folder picks up notebooks as it picks up .py files; Jupyter's checkpoint copies are left out.
mkdir -p "$tmp/nbfolder/.ipynb_checkpoints"
cp "$notebooks/mnist_cnn.ipynb" "$tmp/nbfolder/"
cp "$notebooks/nbformat3.ipynb" "$tmp/nbfolder/.ipynb_checkpoints/nbformat3-checkpoint.ipynb"
expect 0 "notebook folder" -- "$dimsum" check "$tmp/nbfolder"
contains "$out" "$tmp/nbfolder/mnist_cnn.ipynb: ok model 'model' (fed on line 2 of cell 8) builds" "notebook folder"
case "$out" in *checkpoint*) fail "notebook folder: a checkpoint copy was checked: $out" ;; esac
# Given through a pipe, a notebook is told by its content.
expect 1 "notebook through a pipe" -- "$dimsum" check /dev/stdin <"$notebooks/nbformat3.ipynb"
contains "$out" "/dev/stdin:cell 4:4:10" "notebook through a pipe"

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all command-line checks passed"
