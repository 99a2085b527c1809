// ConvNeXt Tiny to XLarge (Liu et al. 2022, "A ConvNet for the 2020s"), as tf-keras'
// applications/convnext.py builds them: an ImageNet Normalization, a 4x4 stride-4 stem, four
// stages of residual blocks (7x7 depthwise convolution, LayerNormalization, a 4x wide Dense MLP
// and a LayerScale), a LayerNormalization and 2x2 stride-2 convolution between stages. The stem
// and the three downsampling blocks are nested Sequential models, as Keras makes them.
#include <fmt/format.h>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

// One model of MODEL_CONFIGS: the depth and width (projection_dim) of each stage; every one has
// a default size of 224.
struct Config {
  std::string_view application;
  const char* model_name;
  int64_t depths[4];
  int64_t widths[4];
};

const Config kConfigs[] = {
    {"ConvNeXtTiny", "convnext_tiny", {3, 3, 9, 3}, {96, 192, 384, 768}},
    {"ConvNeXtSmall", "convnext_small", {3, 3, 27, 3}, {96, 192, 384, 768}},
    {"ConvNeXtBase", "convnext_base", {3, 3, 27, 3}, {128, 256, 512, 1024}},
    {"ConvNeXtLarge", "convnext_large", {3, 3, 27, 3}, {192, 384, 768, 1536}},
    {"ConvNeXtXLarge", "convnext_xlarge", {3, 3, 27, 3}, {256, 512, 1024, 2048}},
};

// The ConvNeXt functions take model_name= first, and include_preprocessing= after include_top=.
const std::vector<std::string_view> kParameters = {
    "model_name", "include_top", "include_preprocessing", "weights", "input_tensor", "input_shape",
    "pooling",    "classes",     "classifier_activation"};

Arg floats(std::initializer_list<double> values) {
  std::vector<Value> items;
  for (double v : values) items.push_back(Arg(v).value);
  return Arg::list(std::move(items));
}

Value layer_norm(Builder& b, const std::string& name) {
  Kwargs kwargs{{"epsilon", 1e-6}};
  if (!name.empty()) kwargs.emplace_back("name", name);
  return b.layer("LayerNormalization", kwargs);
}

// PreStem: the input scaled to ImageNet's per-channel mean and variance, which the layer is given
// (it has no weights then).
Value prestem(Builder& b, const Value& x, const std::string& model_name) {
  return b.apply("Normalization",
                 {{"mean", floats({0.485 * 255, 0.456 * 255, 0.406 * 255})},
                  {"variance", floats({(0.229 * 255) * (0.229 * 255), (0.224 * 255) * (0.224 * 255),
                                       (0.225 * 255) * (0.225 * 255)})},
                  {"name", model_name + "_prestem_normalization"}},
                 x);
}

// The stem (stage 0) and the downsampling block before each later stage, made before any is
// called, as ConvNeXt() makes its list of them.
std::vector<Value> downsampling_layers(Builder& b, const Config& c, const std::string& model_name) {
  std::vector<Value> out;
  out.push_back(b.sequential({b.layer("Conv2D", {{"filters", c.widths[0]},
                                                 {"kernel_size", 4},
                                                 {"strides", 4},
                                                 {"name", model_name + "_stem_conv"}}),
                              layer_norm(b, model_name + "_stem_layernorm")},
                             model_name + "_stem"));
  for (int i = 0; i < 3; ++i)
    out.push_back(b.sequential(
        {layer_norm(b, fmt::format("{}_downsampling_layernorm_{}", model_name, i)),
         b.layer("Conv2D", {{"filters", c.widths[i + 1]},
                            {"kernel_size", 2},
                            {"strides", 2},
                            {"name", fmt::format("{}_downsampling_conv_{}", model_name, i)}})},
        fmt::format("{}_downsampling_block_{}", model_name, i)));
  return out;
}

// ConvNeXtBlock with drop_path_rate 0 (every application's) and layer_scale_init_value 1e-6:
// the residual branch ends in a linear Activation where StochasticDepth would be, and is added
// with the `+` operator.
Value block(Builder& b, const Value& inputs, int64_t dim, const std::string& name) {
  Value x = b.apply("Conv2D",
                    {{"filters", dim},
                     {"kernel_size", 7},
                     {"padding", "same"},
                     {"groups", dim},
                     {"name", name + "_depthwise_conv"}},
                    inputs);
  x = b.call(layer_norm(b, name + "_layernorm"), x);
  x = b.apply("Dense", {{"units", 4 * dim}, {"name", name + "_pointwise_conv_1"}}, x);
  x = b.apply("Activation", {{"activation", "gelu"}, {"name", name + "_gelu"}}, x);
  x = b.apply("Dense", {{"units", dim}, {"name", name + "_pointwise_conv_2"}}, x);
  x = b.apply("LayerScale",
              {{"init_values", 1e-6}, {"projection_dim", dim}, {"name", name + "_layer_scale"}}, x);
  x = b.apply("Activation", {{"activation", "linear"}, {"name", name + "_identity"}}, x);
  return b.op("+", {inputs, x});
}

Value convnext(Builder& b, const Arguments& args, std::string_view model) {
  const Config* found = nullptr;
  for (const Config& c : kConfigs)
    if (c.application == model) found = &c;
  const Config& c = *found;
  std::optional<std::string> given_name = string_argument(b, "model_name", c.model_name);
  std::optional<bool> given_preprocessing = bool_argument(b, "include_preprocessing", true);
  if (!given_name || !given_preprocessing)
    return b.unfollowed("model_name= or include_preprocessing= is a value dimsum cannot tell");
  const std::string& model_name = *given_name;
  bool include_preprocessing = *given_preprocessing;
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  InputShape input = obtain_input_shape(args, 224, 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  // ConvNeXt starts from the first source Input of input_tensor=, not from the tensor itself.
  Value inputs = first_input(model_inputs(b, args, image_input(b, args, *input.shape)));
  Value x = inputs;
  // The normalization is for three channels only (input_shape[2]; a None count is not 3).
  const Dims& shape = *input.shape;
  if (include_preprocessing && shape.size() == 3 && shape[2].known() && shape[2].value() == 3)
    x = prestem(b, x, model_name);
  std::vector<Value> downsampling = downsampling_layers(b, c, model_name);
  for (int stage = 0; stage < 4; ++stage) {
    x = b.call(downsampling[static_cast<size_t>(stage)], x);
    for (int64_t j = 0; j < c.depths[stage]; ++j)
      x = block(b, x, c.widths[stage], fmt::format("{}_stage_{}_block_{}", model_name, stage, j));
  }
  if (args.include_top) {
    if (auto rejected = check_classifier_activation(args)) return b.reject(*rejected);
    // Head(name=model_name): its Dense carries classifier_activation.
    x = b.apply("GlobalAveragePooling2D", {{"name", model_name + "_head_gap"}}, x);
    x = b.call(layer_norm(b, model_name + "_head_layernorm"), x);
    Arg activation =
        args.classifier_activation.empty() ? Arg::None() : Arg(args.classifier_activation);
    x = b.apply(
        "Dense",
        {{"units", args.classes}, {"activation", activation}, {"name", model_name + "_head_dense"}},
        x);
  } else {
    // Without the top, the features (pooled or not) end in an unnamed LayerNormalization.
    x = b.call(layer_norm(b, ""), pool_features(b, args, x, "", ""));
  }
  return b.model(inputs, x, model_name);
}

}  // namespace

std::vector<Application> convnext_applications() {
  std::vector<Application> list;
  for (const Config& c : kConfigs) list.push_back({c.application, convnext, kParameters});
  return list;
}

}  // namespace dimsum::python::applications
