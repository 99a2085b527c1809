#include "generated.h"

#include <fmt/format.h>

namespace dimsum::bench {

namespace {

std::string call(const std::string& name) { return fmt::format(R"([["{}", 0, 0, {{}}]])", name); }

std::string dense(const std::string& name, const std::string& input) {
  return fmt::format(
      R"({{"class_name": "Dense", "config": {{"name": "{}", "trainable": true, "dtype": "float32", "units": 16, "activation": "relu", "use_bias": true, "kernel_initializer": {{"class_name": "GlorotUniform", "config": {{"seed": null}}}}, "bias_initializer": {{"class_name": "Zeros", "config": {{}}}}, "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}}, "name": "{}", "inbound_nodes": [{}]}})",
      name, name, call(input));
}

std::string add(const std::string& name, const std::string& a, const std::string& b) {
  return fmt::format(
      R"({{"class_name": "Add", "config": {{"name": "{}", "trainable": true, "dtype": "float32"}}, "name": "{}", "inbound_nodes": [[["{}", 0, 0, {{}}], ["{}", 0, 0, {{}}]]]}})",
      name, name, a, b);
}

}  // namespace

std::string residual_graph_config(int layers) {
  std::string out =
      R"({"class_name": "Functional", "config": {"name": "residual", "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 16], "dtype": "float32", "sparse": false, "ragged": false, "name": "input_1"}, "name": "input_1", "inbound_nodes": []})";
  std::string previous = "input_1";
  for (int block = 0; 3 * block + 1 < layers; ++block) {
    std::string a = fmt::format("dense_{}a", block), b = fmt::format("dense_{}b", block);
    std::string sum = fmt::format("add_{}", block);
    out += ",\n" + dense(a, previous) + ",\n" + dense(b, a) + ",\n" + add(sum, previous, b);
    previous = sum;
  }
  out += fmt::format(
      R"(], "input_layers": [["input_1", 0, 0]], "output_layers": [["{}", 0, 0]]}}, "keras_version": "2.12.0", "backend": "tensorflow"}})",
      previous);
  return out;
}

std::string small_config(int variant) {
  int size = 16 + variant % 17;
  int filters = 4 + variant % 13;
  return fmt::format(
      R"({{"class_name": "Sequential", "config": {{"name": "small_{}", "layers": [{{"class_name": "InputLayer", "config": {{"batch_input_shape": [null, {}, {}, 3], "dtype": "float32", "name": "input_1"}}}}, {{"class_name": "Conv2D", "config": {{"name": "conv2d", "filters": {}, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": true}}}}, {{"class_name": "MaxPooling2D", "config": {{"name": "pool", "pool_size": [2, 2], "strides": [2, 2], "padding": "valid"}}}}, {{"class_name": "Flatten", "config": {{"name": "flatten"}}}}, {{"class_name": "Dense", "config": {{"name": "dense", "units": 10}}}}]}}, "keras_version": "2.12.0", "backend": "tensorflow"}})",
      variant, size, size, filters);
}

std::string python_source(int lines) {
  std::string out =
      "import numpy as np\n"
      "from tensorflow import keras\n"
      "from tensorflow.keras import layers\n\n"
      "IMG = 64\n"
      "CHANNELS = 3\n\n"
      "def conv_block(x, filters):\n"
      "    x = layers.Conv2D(filters, 3, padding=\"same\", activation=\"relu\")(x)\n"
      "    x = layers.BatchNormalization()(x)\n"
      "    return x\n\n";
  int written = 12;
  for (int model = 0; written < lines; ++model) {
    out += fmt::format("inputs_{} = keras.Input(shape=(IMG, IMG, CHANNELS))\nx = inputs_{}\n",
                       model, model);
    for (int layer = 0; layer < 40; ++layer)
      out += fmt::format("x = conv_block(x, {})\n", 8 + layer % 4 * 8);
    out += fmt::format(
        "x = layers.GlobalAveragePooling2D()(x)\n"
        "outputs_{0} = layers.Dense(10)(x)\n"
        "model_{0} = keras.Model(inputs_{0}, outputs_{0})\n"
        "x_train_{0} = np.random.rand(256, IMG, IMG, CHANNELS)\n"
        "model_{0}.fit(x_train_{0}, np.zeros(256), batch_size=32)\n\n",
        model);
    written += 48;
  }
  return out;
}

}  // namespace dimsum::bench
