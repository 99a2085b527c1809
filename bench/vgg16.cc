#include "vgg16.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

namespace dimsum::bench {

namespace {

std::string layer(const std::string& class_name, const std::string& name, const std::string& config,
                  const std::string& inbound) {
  return fmt::format(
      R"({{"class_name": "{}", "config": {{"name": "{}", "trainable": true, "dtype": "float32"{}}}, "name": "{}", "inbound_nodes": {}}})",
      class_name, name, config, name, inbound);
}

std::string from(const std::string& name) { return fmt::format(R"([[["{}", 0, 0, {{}}]]])", name); }

std::string conv(int filters) {
  return fmt::format(
      R"(, "filters": {}, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": true, "kernel_initializer": {{"class_name": "GlorotUniform", "config": {{"seed": null}}}}, "bias_initializer": {{"class_name": "Zeros", "config": {{}}}}, "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null)",
      filters);
}

std::string dense(int units, const char* activation) {
  return fmt::format(
      R"(, "units": {}, "activation": "{}", "use_bias": true, "kernel_initializer": {{"class_name": "GlorotUniform", "config": {{"seed": null}}}}, "bias_initializer": {{"class_name": "Zeros", "config": {{}}}}, "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null)",
      units, activation);
}

}  // namespace

std::string vgg16_config() {
  std::vector<std::string> layers;
  layers.push_back(
      R"({"class_name": "InputLayer", "config": {"batch_input_shape": [null, 224, 224, 3], "dtype": "float32", "sparse": false, "ragged": false, "name": "input_1"}, "name": "input_1", "inbound_nodes": []})");
  std::string previous = "input_1";
  const int blocks[5][2] = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
  for (int b = 0; b < 5; ++b) {
    for (int c = 1; c <= blocks[b][1]; ++c) {
      std::string name = fmt::format("block{}_conv{}", b + 1, c);
      layers.push_back(layer("Conv2D", name, conv(blocks[b][0]), from(previous)));
      previous = name;
    }
    std::string pool = fmt::format("block{}_pool", b + 1);
    layers.push_back(layer(
        "MaxPooling2D", pool,
        R"(, "pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last")",
        from(previous)));
    previous = pool;
  }
  layers.push_back(
      layer("Flatten", "flatten", R"(, "data_format": "channels_last")", from(previous)));
  layers.push_back(layer("Dense", "fc1", dense(4096, "relu"), from("flatten")));
  layers.push_back(layer("Dense", "fc2", dense(4096, "relu"), from("fc1")));
  layers.push_back(layer("Dense", "predictions", dense(1000, "softmax"), from("fc2")));
  return fmt::format(
      R"({{"class_name": "Functional", "config": {{"name": "vgg16", "layers": [{}], "input_layers": [["input_1", 0, 0]], "output_layers": [["predictions", 0, 0]]}}, "keras_version": "2.12.0", "backend": "tensorflow"}})",
      fmt::join(layers, ", "));
}

}  // namespace dimsum::bench
