// The Python reader: what it follows in the source (imports, constants, loops, helpers, the
// functional API) and the shapes of the data it is fed, as Python, NumPy and Keras define them.
#include <gtest/gtest.h>

#include <string>

#include "check/check_model.h"
#include "dimsum/dimsum.h"
#include "python/language/interpreter.h"
#include "python/language/syntax.h"
#include "python/python.h"

namespace dimsum {
namespace {

std::vector<SourceModel> read(const std::string& code) {
  std::vector<SourceModel> models;
  std::string error;
  EXPECT_TRUE(read_python_text(code, "t.py", models, error)) << error;
  return models;
}

std::string read_error(const std::string& code) {
  std::vector<SourceModel> models;
  std::string error;
  EXPECT_FALSE(read_python_text(code, "t.py", models, error));
  return error;
}

std::vector<std::string> classes(const Model& model) {
  std::vector<std::string> out;
  for (const Layer& layer : model.layers)
    if (!layer.synthetic) out.push_back(layer.class_name);
  return out;
}

std::string config_text(const Layer& layer, const std::string& key) {
  const json::Value* v = layer.config ? layer.config->find(key) : nullptr;
  if (!v) return "<missing>";
  if (!v->is_array()) return std::string(v->text());
  std::string out;
  for (const json::Value& item : v->items())
    out += (out.empty() ? "" : ",") + std::string(item.text());
  return out;
}

Dims dims(std::initializer_list<int64_t> sizes) {
  Dims out;
  for (int64_t s : sizes) out.push_back(s < 0 ? Dim::unknown() : Dim(s));
  return out;
}

// The shape the single input of the single model is fed.
Dims fed(const std::string& code) {
  auto models = read(code);
  EXPECT_EQ(models.size(), 1u);
  if (models.empty() || models[0].feeds.empty() || !models[0].feeds[0].inputs[0]) return {};
  return *models[0].feeds[0].inputs[0];
}

TEST(PythonReader, ImportFormsAndAliases) {
  const char* forms[] = {
      "import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n",
      "from tensorflow import keras\nm = keras.Sequential([keras.layers.Dense(1)])\n",
      "from tensorflow.keras import layers, Sequential\nm = Sequential([layers.Dense(1)])\n",
      "from keras.layers import Conv2D, Dense\nfrom keras.models import Sequential\n"
      "m = Sequential([Dense(1)])\n",
      "import keras\nm = keras.models.Sequential([keras.layers.Dense(1)])\n",
      "import tensorflow.keras.layers as L\nimport tensorflow as tf\n"
      "m = tf.keras.Sequential([L.Dense(1)])\n",
      "from keras.layers import *\nimport keras\nm = keras.Sequential([Dense(1)])\n",
  };
  for (const char* code : forms) {
    auto models = read(code);
    ASSERT_EQ(models.size(), 1u) << code;
    EXPECT_EQ(classes(models[0].model), std::vector<std::string>{"Dense"}) << code;
    EXPECT_EQ(models[0].model.name, "m");
  }
}

TEST(PythonReader, PositionalArgumentsTakeKerasParameterNames) {
  auto models = read(
      "import tensorflow as tf\n"
      "m = tf.keras.Sequential([tf.keras.layers.Conv2D(32, (3, 5), 2, 'same'),\n"
      "                         tf.keras.layers.MaxPooling2D((2, 2), None, 'valid'),\n"
      "                         tf.keras.layers.Dense(10, 'relu')])\n");
  const Model& m = models.at(0).model;
  EXPECT_EQ(config_text(m.layers[1], "filters"), "32");
  EXPECT_EQ(config_text(m.layers[1], "kernel_size"), "3,5");
  EXPECT_EQ(config_text(m.layers[1], "strides"), "2");
  EXPECT_EQ(config_text(m.layers[1], "padding"), "same");
  EXPECT_EQ(config_text(m.layers[2], "pool_size"), "2,2");
  EXPECT_EQ(config_text(m.layers[3], "units"), "10");
}

TEST(PythonReader, ConstantsAndArithmetic) {
  auto models = read(
      "import keras\n"
      "IMG = 28\nHALF = IMG // 2\nK = HALF % 5 + 2 ** 1\nSHAPE = (IMG, IMG) + (1,)\n"
      "m = keras.Sequential([keras.layers.Conv2D(8, K, input_shape=SHAPE),\n"
      "                      keras.layers.Dense(-(-7 // 2))])\n");
  const Model& m = models.at(0).model;
  EXPECT_EQ(config_text(m.layers[1], "kernel_size"), "6");  // 14 % 5 + 2
  EXPECT_EQ(config_text(m.layers[2], "units"), "4");        // Python floors: -7 // 2 == -4
  EXPECT_EQ(m.layers[0].declared_shape, dims({-1, 28, 28, 1}));
}

TEST(PythonReader, KerasNamesLayersAsKerasDoes) {
  auto models = read(
      "import keras\n"
      "a = keras.Sequential([keras.layers.Conv2D(1, 1), keras.layers.MaxPooling2D(),\n"
      "                      keras.layers.Conv2D(1, 1), keras.layers.GlobalAveragePooling2D(),\n"
      "                      keras.layers.Dense(1, name='head')])\n");
  const Model& m = models.at(0).model;
  EXPECT_EQ(m.layers[1].name, "conv2d");
  EXPECT_EQ(m.layers[2].name, "max_pooling2d");
  EXPECT_EQ(m.layers[3].name, "conv2d_1");
  EXPECT_EQ(m.layers[4].name, "global_average_pooling2d");
  EXPECT_EQ(m.layers[5].name, "head");
  EXPECT_EQ(python::snake_case("BatchNormalization"), "batch_normalization");
  EXPECT_EQ(python::snake_case("LSTM"), "lstm");
  EXPECT_EQ(python::snake_case("UpSampling2D"), "up_sampling2d");
}

TEST(PythonReader, LoopsAndHelpers) {
  auto models = read(
      "import keras\nfrom keras import layers\n"
      "def block(model, filters, pool=True):\n"
      "    model.add(layers.Conv2D(filters, 3))\n"
      "    if pool:\n"
      "        model.add(layers.MaxPooling2D())\n"
      "m = keras.Sequential()\n"
      "for f in [8, 16]:\n"
      "    block(m, f)\n"
      "for i in range(2):\n"
      "    block(m, 4 * (i + 1), pool=False)\n"
      "n = 0\n"
      "while n < 3:\n"
      "    n += 1\n");
  const Model& m = models.at(0).model;
  EXPECT_EQ(classes(m), (std::vector<std::string>{"Conv2D", "MaxPooling2D", "Conv2D",
                                                  "MaxPooling2D", "Conv2D", "Conv2D"}));
  EXPECT_EQ(config_text(m.layers[3], "filters"), "16");
  EXPECT_EQ(config_text(m.layers[6], "filters"), "8");
}

TEST(PythonReader, FunctionalGraph) {
  auto models = read(
      "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
      "a = keras.Input(shape=(8,), batch_size=4, name='a')\n"
      "b = keras.Input(shape=(8,))\n"
      "shared = layers.Dense(8)\n"
      "x = layers.Add()([shared(a), shared(b)])\n"
      "m = keras.Model(inputs=[a, b], outputs=x)\n");
  const Model& m = models.at(0).model;
  ASSERT_EQ(m.inputs.size(), 2u);
  EXPECT_EQ(m.layers[m.inputs[0]].name, "a");
  EXPECT_EQ(m.layers[m.inputs[0]].declared_shape, dims({4, 8}));
  EXPECT_EQ(m.layers[m.inputs[1]].name, "input_1");  // tf.keras 2 numbers unnamed inputs from 1
  const Layer& dense = m.layers[2];
  EXPECT_EQ(dense.class_name, "Dense");
  EXPECT_EQ(dense.nodes.size(), 2u);  // one layer, called twice
  EXPECT_EQ(m.outputs.size(), 1u);
}

TEST(PythonReader, DataShapes) {
  const std::string model =
      "import numpy as np\nimport tensorflow as tf\n"
      "m = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n";
  EXPECT_EQ(fed(model + "m(tf.random.normal((100, 28, 28)))\n"), dims({100, 28, 28}));
  EXPECT_EQ(fed(model + "m(np.zeros(5))\n"), dims({5}));
  EXPECT_EQ(fed(model + "m(np.random.rand(3, 4, 5))\n"), dims({3, 4, 5}));
  EXPECT_EQ(fed(model + "m(np.random.normal(0, 1, size=(7, 2)))\n"), dims({7, 2}));
  EXPECT_EQ(fed(model + "m(np.expand_dims(np.ones((4, 6)), axis=-1))\n"), dims({4, 6, 1}));
  EXPECT_EQ(fed(model + "m(np.expand_dims(np.ones((4, 6)), 0))\n"), dims({1, 4, 6}));
  EXPECT_EQ(fed(model + "m(np.ones((4, 6, 2)).reshape(-1, 3))\n"), dims({16, 3}));
  EXPECT_EQ(fed(model + "m(tf.reshape(tf.ones((4, 6)), [2, -1, 3]))\n"), dims({2, 4, 3}));
  EXPECT_EQ(fed(model + "m(np.zeros((9, 28, 28))[..., None])\n"), dims({9, 28, 28, 1}));
  EXPECT_EQ(fed(model + "m(np.zeros((9, 28, 28))[:, np.newaxis])\n"), dims({9, 1, 28, 28}));
  EXPECT_EQ(fed(model + "m(np.zeros((9, 28, 28))[2:7, ::2])\n"), dims({5, 14, 28}));
  EXPECT_EQ(fed(model + "m(np.stack([np.zeros((2, 3))] * 4, axis=1))\n"), dims({2, 4, 3}));
  EXPECT_EQ(fed(model + "m(np.array([np.random.rand(28, 28) for _ in range(100)]))\n"),
            dims({100, 28, 28}));
  EXPECT_EQ(fed(model + "m(tf.convert_to_tensor([[1, 2, 3], [4, 5, 6]]))\n"), dims({2, 3}));
  EXPECT_EQ(fed(model + "m(np.concatenate([np.zeros((2, 3)), np.zeros((5, 3))]))\n"), dims({7, 3}));
  EXPECT_EQ(fed(model + "x = np.zeros((6, 4))\nm(x.T / 255.0)\n"), dims({4, 6}));
  // fit and predict cut the data in batches: of 32 unless batch_size says otherwise.
  EXPECT_EQ(fed(model + "m.fit(np.zeros((1000, 3)), np.zeros(1000))\n"), dims({32, 3}));
  EXPECT_EQ(fed(model + "m.predict(np.zeros((1000, 3)), batch_size=100)\n"), dims({100, 3}));
  EXPECT_EQ(fed(model + "m.evaluate(np.zeros((10, 3)), np.zeros(10))\n"), dims({10, 3}));
  EXPECT_EQ(fed(model + "m.build((None, 12))\n"), dims({-1, 12}));
  EXPECT_EQ(fed(model + "(x, y), _ = tf.keras.datasets.cifar10.load_data()\nm(x)\n"),
            dims({50000, 32, 32, 3}));
}

TEST(PythonReader, DatasetsFeedTheirBatches) {
  const std::string model =
      "import numpy as np\nimport tensorflow as tf\n"
      "m = tf.keras.Sequential([tf.keras.layers.Dense(1, batch_input_shape=(64, 5))])\n"
      "d = tf.data.Dataset.from_tensor_slices((np.zeros((100, 5)), np.zeros(100)))\n";
  auto models = read(model + "m.fit(d.shuffle(10).batch(64))\n");
  ASSERT_EQ(models.at(0).feeds.size(), 2u);  // a batch of 64, and the last of 100 - 64 = 36
  EXPECT_EQ(*models[0].feeds[0].inputs[0], dims({64, 5}));
  EXPECT_EQ(*models[0].feeds[1].inputs[0], dims({36, 5}));
  EXPECT_EQ(fed(model + "m.fit(d)\n"), dims({5}));  // an unbatched dataset: each element a batch
}

TEST(PythonReader, RunTimeValuesAreNotFollowed) {
  auto models = read(
      "import sys\nimport tensorflow as tf\n"
      "k = int(sys.argv[1])\n"
      "m = tf.keras.Sequential([tf.keras.layers.Conv2D(8, k, activation=sys.argv[2]),\n"
      "                         tf.keras.layers.Dense(3, activation=sys.argv[2])])\n");
  const Model& m = models.at(0).model;
  EXPECT_NE(m.layers[1].unfollowed.find("kernel_size"), std::string::npos);
  EXPECT_EQ(m.layers[2].unfollowed, "");  // an activation never changes a shape
}

TEST(PythonReader, ModelsUsedAsLayersAreCheckedInsideTheirUsers) {
  auto models = read(
      "import keras\n"
      "base = keras.Sequential([keras.layers.Dense(4)])\n"
      "m = keras.Sequential([base, keras.layers.Dense(1)])\n");
  ASSERT_EQ(models.size(), 1u);  // base is checked as a part of m
  ASSERT_TRUE(models[0].model.layers[1].submodel);
  auto functional = read(
      "import keras\n"
      "base = keras.Sequential([keras.layers.Dense(4)])\n"
      "i = keras.Input(shape=(3,))\n"
      "m = keras.Model(i, base(i))\n");
  ASSERT_EQ(functional.size(), 1u);
  ASSERT_TRUE(functional[0].model.layers[1].submodel);
}

TEST(PythonReader, BadSource) {
  EXPECT_NE(read_error("import tensorflow as tf\nm = tf.keras.Sequential([\n").find("t.py:"),
            std::string::npos);
  EXPECT_NE(read_error("x = 1\n").find("no Keras model"), std::string::npos);
  EXPECT_NE(read_error(std::string("x = 1\0", 6)).find("NUL"), std::string::npos);
}

// A file with Keras code in which no model can be followed is no unreadable file: each model it
// cannot follow is reported as not checked (a subclassed model), or, with none found at all, the
// file is.
TEST(PythonReader, ModelsNotFollowedAreReportedNotRejected) {
  auto subclassed = read("import tensorflow as tf\nclass Net(tf.keras.Model):\n    pass\n");
  ASSERT_EQ(subclassed.size(), 1u);
  EXPECT_EQ(subclassed[0].model.name, "Net");
  EXPECT_NE(subclassed[0].unfollowed.find("subclassed"), std::string::npos);
  auto none_found = read("import tensorflow as tf\nx = tf.zeros((2, 3))\n");
  ASSERT_EQ(none_found.size(), 1u);
  EXPECT_EQ(none_found[0].model.name, "");
  EXPECT_NE(none_found[0].unfollowed.find("no Keras model"), std::string::npos);
}

TEST(PythonReader, HostileNestingDoesNotCrash) {
  std::string deep = "import keras\nx = " + std::string(20000, '(') + "1" +
                     std::string(20000, ')') + "\nm = keras.Sequential([keras.layers.Dense(x)])\n";
  auto models = read(deep);
  EXPECT_EQ(models.size(), 1u);
  std::string sum = "import keras\nx = 1";
  for (int i = 0; i < 50000; ++i) sum += " + 1";
  sum += "\nm = keras.Sequential([keras.layers.Dense(x)])\n";
  EXPECT_EQ(read(sum).size(), 1u);
  std::string loop =
      "import keras\nm = keras.Sequential([keras.layers.Dense(1)])\ni = 0\n"
      "for a in range(10000):\n    for b in range(10000):\n        i += 1\n";
  EXPECT_EQ(read(loop).size(), 1u);  // stops within its step budget
}

// ---- arrays: the expected shapes are NumPy 1.24's (python3-numpy), as tests/numpy checks at scale

// What the reader makes of `out` after the module's statements, NumPy imported as np.
python::Value array_value(const std::string& statements) {
  std::string code = "import numpy as np\n" + statements + "\n";
  python::SyntaxTree tree;
  uint32_t at = 0;
  std::string why;
  EXPECT_TRUE(tree.parse(code, at, why)) << why;
  python::Reading reading;
  python::Interpreter interpreter(code, reading);
  interpreter.run(tree.root());
  const python::Value* out = interpreter.module_variable("out");
  return out ? *out : python::unknown("out is not bound", 0);
}

// The shape of `out`, "unknown" when the reader has none (a value NumPy rejects, or one it
// cannot follow), "?" for a rank it does not know; None for a size known at run time only.
std::string array_shape_of(const std::string& statements) {
  python::Value v = array_value(statements);
  if (v.kind != python::Kind::kData) return "unknown";
  return v.shape ? tuple_string(*v.shape) : "?";
}

// Keras 3's keras.ops follows the NumPy API: on arrays of data it gives NumPy's shapes.
TEST(PythonArrays, KerasOpsOnDataAreNumPys) {
  EXPECT_EQ(array_shape_of("import keras\nout = keras.ops.expand_dims(np.zeros((32, 32, 3)), 0)"),
            "(1, 32, 32, 3)");
  EXPECT_EQ(array_shape_of("import keras\nout = keras.ops.mean(np.zeros((8, 5)), axis=0)"), "(5,)");
  EXPECT_EQ(array_shape_of("import keras\nout = keras.ops.concatenate([np.zeros((2, 3)), "
                           "np.zeros((4, 3))])"),
            "(6, 3)");
  EXPECT_EQ(array_shape_of("import keras\nout = keras.ops.expand_dims(np.zeros((2,)), 5)"),
            "unknown");  // NumPy raises: axis 5 is out of bounds
}

TEST(PythonArrays, ASliceIsOneKey) {
  // x[:1000] was read as x[None, 1000, None], three keys, and gave (1, 1, 28, 28).
  EXPECT_EQ(array_shape_of("x = np.zeros((60000, 28, 28))\nout = x[:1000]"), "(1000, 28, 28)");
  EXPECT_EQ(fed("import keras\nimport numpy as np\n"
                "(x_train, y_train), _ = keras.datasets.mnist.load_data()\n"
                "m = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),"
                " keras.layers.Dense(10)])\n"
                "m(x_train[:1000])\n"),
            dims({1000, 28, 28}));
  EXPECT_EQ(array_shape_of("x = np.zeros((10, 7))\nout = x[-3:, ::2]"), "(3, 4)");
  EXPECT_EQ(array_shape_of("x = np.zeros((10, 7))\nout = x[8:2:-2]"), "(3, 7)");
  EXPECT_EQ(array_shape_of("x = np.zeros((10, 7))\nout = x[-100:100, 5:]"), "(10, 2)");
  EXPECT_EQ(array_shape_of("x = np.zeros((10, 7))\nout = x[(1, 2)]"), "()");
  EXPECT_EQ(array_shape_of("x = np.zeros((10, 7))\nout = x[..., None, 1:2]"), "(10, 1, 1)");
  EXPECT_EQ(array_shape_of("x = np.zeros((10, 7))\nout = x[::0]"), "unknown");  // step 0
}

TEST(PythonArrays, IndexesNumPyRejectsGiveNoShape) {
  EXPECT_EQ(array_shape_of("x = np.zeros((3, 4))\nout = x[3]"), "unknown");
  EXPECT_EQ(array_shape_of("x = np.zeros((3, 4))\nout = x[-4, 0]"), "unknown");
  EXPECT_EQ(array_shape_of("x = np.zeros((3, 4))\nout = x[0, 0, 0]"), "unknown");
  EXPECT_EQ(array_shape_of("x = np.zeros((3, 4))\nout = x[..., 0, ...]"), "unknown");
  EXPECT_EQ(array_shape_of("x = np.zeros((3, 4))\nout = x[1.0]"), "unknown");
  EXPECT_EQ(array_shape_of("x = np.zeros((3, 4))\nout = x[[0, 3]]"), "unknown");
  EXPECT_EQ(array_shape_of("x = np.zeros((3, 4))\nout = x[np.array([True, False])]"), "unknown");
}

TEST(PythonArrays, FancyIndexing) {
  const char* x = "x = np.zeros((3, 4, 5))\n";
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x[[0, 2]]"), "(2, 4, 5)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x[[0, 1], [1, 2]]"), "(2, 5)");
  // Advanced indexes apart (an int counts as one): their axes come first.
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x[0, :, [1, 2]]"), "(2, 4)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x[:, [[0], [1]]]"), "(3, 2, 1, 5)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x[:, [0, 1], [1, 2, 3]]"), "unknown");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x[[]]"), "(0, 4, 5)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x[True]"), "(1, 3, 4, 5)");
  // np.eye(k)[labels]: one row per label.
  EXPECT_EQ(array_shape_of("y = np.random.randint(0, 10, size=(32,))\nout = np.eye(10)[y]"),
            "(32, 10)");
  EXPECT_EQ(array_shape_of("import keras\n(x, y), _ = keras.datasets.mnist.load_data()\n"
                           "out = np.eye(10)[y]"),
            "(60000, 10)");
  EXPECT_EQ(array_shape_of("out = np.eye(3)[np.zeros(4)]"), "unknown");  // float indices
}

TEST(PythonArrays, BooleanMasksKeepTheirCountUnknown) {
  EXPECT_EQ(array_shape_of("x = np.random.rand(3, 4)\nout = x[x > 0.5]"), "(None,)");
  EXPECT_EQ(array_shape_of("x = np.random.rand(3, 4)\nout = x[np.array([True, False, True])]"),
            "(None, 4)");
  EXPECT_EQ(array_shape_of("x = np.random.rand(3, 4)\nout = x[:, x[0] > 0]"), "(3, None)");
  EXPECT_EQ(array_shape_of("x = np.random.rand(3, 4)\nout = np.where(x > 0)[1]"), "(None,)");
}

TEST(PythonArrays, BroadcastingFollowsNumPy) {
  EXPECT_EQ(array_shape_of("out = np.ones((3, 1)) + np.ones((4,))"), "(3, 4)");
  EXPECT_EQ(array_shape_of("out = np.ones((3,)) * np.ones((4,))"), "unknown");
  EXPECT_EQ(array_shape_of("out = np.ones((2, 3)) @ np.ones((3,))"), "(2,)");
  EXPECT_EQ(array_shape_of("out = np.where(np.ones((2, 1)) > 0, np.ones(3), 0)"), "(2, 3)");
  // A size known at run time only: against 1 it stays unknown; against 5 NumPy gives 5 or
  // raises, so the result is unknown.
  EXPECT_EQ(array_shape_of("x = np.random.rand(8)\nm = x[x > 0]\nout = m[:, None] + np.ones(5)"),
            "(None, 5)");
  EXPECT_EQ(array_shape_of("x = np.random.rand(8)\nm = x[x > 0]\nout = m + np.ones(5)"), "?");
  EXPECT_EQ(array_shape_of("x = np.random.rand(8)\nm = x[x > 0]\nout = m + np.ones(1)"), "(None,)");
  // Element kinds NumPy rejects.
  EXPECT_EQ(array_shape_of("b = np.ones(3) > 0\nout = b - b"), "unknown");
  EXPECT_EQ(array_shape_of("b = np.ones(3) > 0\nout = -b"), "unknown");
  EXPECT_EQ(array_shape_of("out = np.ones(3) & 1"), "unknown");
}

TEST(PythonArrays, ShapeOperations) {
  const char* x = "x = np.zeros((6, 4))\n";
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.reshape(-1, 8)"), "(3, 8)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.reshape(x, (2, 3, -1))"), "(2, 3, 4)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.reshape(5, -1)"), "unknown");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.reshape(-1, -1)"), "unknown");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.reshape(4, 5)"), "unknown");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.expand_dims(x, (0, -1))"), "(1, 6, 4, 1)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.expand_dims(x, 3)"), "unknown");
  EXPECT_EQ(array_shape_of("out = np.squeeze(np.zeros((1, 3, 1)))"), "(3,)");
  EXPECT_EQ(array_shape_of("out = np.squeeze(np.zeros((1, 3, 1)), axis=1)"), "unknown");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.T"), "(4, 6)");
  EXPECT_EQ(array_shape_of("out = np.transpose(np.zeros((2, 3, 4)), (0, -1, 1))"), "(2, 4, 3)");
  EXPECT_EQ(array_shape_of("out = np.transpose(np.zeros((2, 3, 4)), (0, 0, 1))"), "unknown");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.stack([x, x], axis=-1)"), "(6, 4, 2)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.concatenate([x, x[:2]])"), "(8, 4)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.concatenate([x, x], axis=None)"), "(48,)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.concatenate([x, x[:, :2]])"), "unknown");
  EXPECT_EQ(array_shape_of("out = np.hstack([np.zeros(3), np.zeros(2)])"), "(5,)");
  EXPECT_EQ(array_shape_of("out = np.vstack([np.zeros(3), np.zeros(3)])"), "(2, 3)");
  EXPECT_EQ(array_shape_of("out = np.zeros((2.0, 3))"), "?");  // NumPy raises: no shape
}

TEST(PythonArrays, Reductions) {
  const char* x = "x = np.zeros((3, 4, 5))\n";
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.sum(axis=(0, 2), keepdims=True)"),
            "(1, 4, 1)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = np.mean(x, axis=-1)"), "(3, 4)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.max()"), "()");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.max(axis=3)"), "unknown");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.sum(axis=(1, 1))"), "unknown");
  EXPECT_EQ(array_shape_of("out = np.zeros((0, 3)).max(axis=0)"), "unknown");  // no identity
  EXPECT_EQ(array_shape_of("out = np.zeros((0, 3)).max(axis=1)"), "(0,)");
  EXPECT_EQ(array_shape_of(std::string(x) + "out = x.argmax(axis=(0, 1))"), "?");
}

TEST(PythonArrays, SizesAreNumbers) {
  const char* x = "x = np.zeros((3, 4, 5))\n";
  python::Value v = array_value(std::string(x) + "out = x.shape[1]");
  EXPECT_EQ(v.kind, python::Kind::kInt);
  EXPECT_EQ(v.integer, 4);
  v = array_value(std::string(x) + "out = len(x[:, 0])");
  EXPECT_EQ(v.kind, python::Kind::kInt);
  EXPECT_EQ(v.integer, 3);
  EXPECT_FALSE(array_value(std::string(x) + "out = x.shape[3]").known());
  EXPECT_FALSE(array_value("out = len(np.zeros(()))").known());
  v = array_value(std::string(x) + "out = np.shape(x[0])");
  ASSERT_EQ(v.kind, python::Kind::kTuple);
  ASSERT_EQ(v.length(), 2);
  EXPECT_EQ(v.item(1).integer, 5);
  v = array_value("out = np.zeros((3, 2)) > 0");
  EXPECT_EQ(v.dtype, ops::DType::kBool);
  v = array_value("out = np.array([[1, 2], [3, 4]], dtype=float) // 2");
  EXPECT_EQ(v.dtype, ops::DType::kFloat);
  v = array_value("out = np.zeros(3).astype(np.int32)");
  EXPECT_EQ(v.dtype, ops::DType::kInt);
  EXPECT_FALSE(array_value("out = np.array([[1, 2], [3]])").known());  // ragged
}

// A long loop whose iterations make nothing Keras sees (a training loop) is left once it has
// settled: the loop variable ends at its last item, as in Python; what the skipped iterations
// would change (a counter, a list appended to, any name the body assigns) is unknown, never the
// value after a few steps.
TEST(PythonReader, SettledTrainingLoopsAreLeftHonestly) {
  auto models = read(
      "import numpy as np\nimport tensorflow as tf\n"
      "model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(2)])\n"
      "losses = []\nstep = 0\n"
      "for epoch in range(100):\n"
      "    for batch in range(100):\n"
      "        model.train_on_batch(np.random.rand(8, 4), np.zeros((8, 2)))\n"
      "        losses.append(1.0)\n"
      "        step += 1\n"
      "after = tf.keras.Sequential([tf.keras.Input((epoch + 1,)), tf.keras.layers.Dense(2)])\n"
      "counted = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(step)])\n"
      "listed = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(len(losses))])\n");
  ASSERT_EQ(models.size(), 4u);
  const Layer& input = models[1].model.layers[0];
  ASSERT_TRUE(input.declared_shape);
  EXPECT_EQ(*input.declared_shape, dims({-1, 100}));
  // Their units are not known: the layers are checked at probe sizes (Layer::probe_config).
  EXPECT_NE(models[2].model.layers.back().probe_config, nullptr);
  EXPECT_NE(models[3].model.layers.back().probe_config, nullptr);
}

// A size argument known only at run time (Embedding(len(vocab) + 1, 16), Dense(n_classes))
// decides only the sizes it sizes: the layers after it are checked for every value of it, the
// size named after the argument, and the parameter count is unknown.
TEST(PythonReader, SizeArgumentsKnownOnlyAtRunTimeAreSymbols) {
  auto models = read(
      "import sys\nimport tensorflow as tf\nfrom tensorflow.keras import layers\n"
      "n = int(sys.argv[1])\n"
      "m = tf.keras.Sequential([tf.keras.Input((100,)), layers.Embedding(n, 16),\n"
      "    layers.Conv1D(8, 5), layers.GlobalMaxPooling1D(), layers.Dense(n), layers.Dense(3)])\n");
  ASSERT_EQ(models.size(), 1u);
  auto outcome = check_model(models[0].model, "t.py", CheckOptions{});
  ASSERT_TRUE(std::holds_alternative<Result>(outcome));
  const Result& result = std::get<Result>(outcome);
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.complete());
  ASSERT_EQ(result.output_shapes.size(), 1u);
  EXPECT_EQ(to_string(result.output_shapes[0]), "(None, 3)");
  EXPECT_EQ(to_string(result.layers[2].output_shape), "(None, 96, 8)");  // after the Embedding
  EXPECT_EQ(to_string(result.layers[4].output_shape), "(None, units_dense)");
  EXPECT_FALSE(result.total_params);
}

// A static method defined in a base class stays static when taken from a subclass or from an
// instance of one: no object is bound to its first parameter.
TEST(PythonReader, InheritedStaticMethodsBindNothing) {
  auto models = read(
      "import tensorflow as tf\nfrom tensorflow.keras import layers, models\n"
      "class Base:\n    @staticmethod\n    def build(n):\n"
      "        return models.Sequential([layers.Input((n,)), layers.Dense(2)])\n"
      "class Child(Base):\n    pass\n"
      "a = Child.build(5)\nb = Child().build(7)\n");
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models[0].model.layers[0].declared_shape, dims({-1, 5}));
  EXPECT_EQ(models[1].model.layers[0].declared_shape, dims({-1, 7}));
}

// A long loop that builds a layer only in a late iteration is never taken to build none: what
// its body assigns is unknown once the loop is left, so the model is not followed, not checked
// without the layer.
TEST(PythonReader, LeftLoopsNeverDropTheLayersOfLaterIterations) {
  auto models = read(
      "import tensorflow as tf\nx = tf.keras.Input((4,))\ny = x\n"
      "for i in range(100):\n"
      "    if i == 99:\n"
      "        y = tf.keras.layers.Dense(3)(y)\n"
      "m = tf.keras.Model(x, y)\n");
  ASSERT_EQ(models.size(), 1u);
  EXPECT_TRUE(!models[0].unfollowed.empty() ||
              classes(models[0].model) == (std::vector<std::string>{"InputLayer", "Dense"}));
}

// ---- tf.data: element_spec and cardinality as TensorFlow's Dataset documents them

// Dataset.cardinality() of the dataset `out` is made into: -1 for INFINITE_CARDINALITY, -2 when
// the reader cannot tell (TensorFlow's UNKNOWN_CARDINALITY, for filter).
int64_t cardinality_of(const std::string& dataset) {
  python::Value v = array_value("import tensorflow as tf\nout = " + dataset + ".cardinality()");
  return v.kind == python::Kind::kInt ? v.integer : -2;
}

std::string spec_of(const std::string& dataset) {
  return array_shape_of("import tensorflow as tf\nout = " + dataset + ".element_spec");
}

TEST(PythonDatasets, BatchAxisIsKnownOnlyWhenRemaindersAreDropped) {
  const std::string rows = "tf.data.Dataset.from_tensor_slices(np.zeros((100, 5)))";
  EXPECT_EQ(spec_of(rows), "(5,)");
  EXPECT_EQ(spec_of(rows + ".batch(32)"), "(None, 5)");
  EXPECT_EQ(spec_of(rows + ".batch(32, drop_remainder=True)"), "(32, 5)");
  EXPECT_EQ(spec_of(rows + ".batch(32).unbatch()"), "(5,)");
  EXPECT_EQ(spec_of(rows + ".batch(10).rebatch(4, drop_remainder=True)"), "(4, 5)");
  EXPECT_EQ(spec_of("tf.data.Dataset.from_tensors(np.zeros((100, 5)))"), "(100, 5)");
  EXPECT_EQ(spec_of(rows + ".map(lambda r: tf.reshape(r, (5, 1)))"), "(5, 1)");
  EXPECT_EQ(spec_of("tf.data.Dataset.from_tensor_slices(np.zeros((9, 3))).window(2).flat_map("
                    "lambda w: w.batch(2, drop_remainder=True))"),
            "(2, 3)");
  EXPECT_EQ(spec_of("tf.data.Dataset.from_generator(f, output_signature=tf.TensorSpec(shape=(None, "
                    "7)))"),
            "(None, 7)");
}

TEST(PythonDatasets, CardinalityFollowsTheMethods) {
  const std::string rows = "tf.data.Dataset.from_tensor_slices(np.zeros((100, 5)))";
  EXPECT_EQ(cardinality_of(rows), 100);
  EXPECT_EQ(cardinality_of(rows + ".batch(32)"), 4);  // the last batch holds 4
  EXPECT_EQ(cardinality_of(rows + ".batch(32, drop_remainder=True)"), 3);
  EXPECT_EQ(cardinality_of(rows + ".batch(32).take(2)"), 2);
  EXPECT_EQ(cardinality_of(rows + ".batch(32).skip(1)"), 3);
  EXPECT_EQ(cardinality_of(rows + ".batch(32).repeat(2)"), 8);
  EXPECT_EQ(cardinality_of(rows + ".repeat()"), -1);
  EXPECT_EQ(cardinality_of(rows + ".repeat(3).batch(50)"), 6);
  EXPECT_EQ(cardinality_of(rows + ".filter(lambda r: True)"), -2);
  EXPECT_EQ(cardinality_of(rows + ".batch(32).unbatch()"), 100);
  EXPECT_EQ(cardinality_of("tf.data.Dataset.range(10).batch(3)"), 4);
  EXPECT_EQ(cardinality_of("tf.data.Dataset.zip((" + rows + ", tf.data.Dataset.range(40)))"), 40);
  // timeseries_dataset_from_array's documented example: 99 steps, sequence_length=10,
  // sampling_rate=2, sequence_stride=3 give 27 windows, the last starting at 78.
  EXPECT_EQ(cardinality_of("tf.keras.utils.timeseries_dataset_from_array(np.arange(99), None, "
                           "sequence_length=10, sampling_rate=2, sequence_stride=3, "
                           "batch_size=None)"),
            27);
}

}  // namespace
}  // namespace dimsum
