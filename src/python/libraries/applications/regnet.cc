// RegNetX and RegNetY (Radosavovic et al. 2020, "Designing Network Design Spaces"), 002 to
// 320, as tf-keras' applications/regnet.py builds them: a rescaling, a stride-2 stem, four
// stages of residual bottleneck blocks with grouped 3x3 convolutions (Y adds a
// squeeze-and-excitation), each stage starting with a stride-2 block.
#include <fmt/format.h>

#include <algorithm>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

// One model of MODEL_CONFIGS: the depth and width of each stage, and the width of a group.
struct Config {
  std::string_view application;
  const char* model_name;
  int64_t depths[4];
  int64_t widths[4];
  int64_t group_width;
};

const Config kConfigs[] = {
    {"RegNetX002", "regnetx002", {1, 1, 4, 7}, {24, 56, 152, 368}, 8},
    {"RegNetX004", "regnetx004", {1, 2, 7, 12}, {32, 64, 160, 384}, 16},
    {"RegNetX006", "regnetx006", {1, 3, 5, 7}, {48, 96, 240, 528}, 24},
    {"RegNetX008", "regnetx008", {1, 3, 7, 5}, {64, 128, 288, 672}, 16},
    {"RegNetX016", "regnetx016", {2, 4, 10, 2}, {72, 168, 408, 912}, 24},
    {"RegNetX032", "regnetx032", {2, 6, 15, 2}, {96, 192, 432, 1008}, 48},
    {"RegNetX040", "regnetx040", {2, 5, 14, 2}, {80, 240, 560, 1360}, 40},
    {"RegNetX064", "regnetx064", {2, 4, 10, 1}, {168, 392, 784, 1624}, 56},
    {"RegNetX080", "regnetx080", {2, 5, 15, 1}, {80, 240, 720, 1920}, 120},
    {"RegNetX120", "regnetx120", {2, 5, 11, 1}, {224, 448, 896, 2240}, 112},
    {"RegNetX160", "regnetx160", {2, 6, 13, 1}, {256, 512, 896, 2048}, 128},
    {"RegNetX320", "regnetx320", {2, 7, 13, 1}, {336, 672, 1344, 2520}, 168},
    {"RegNetY002", "regnety002", {1, 1, 4, 7}, {24, 56, 152, 368}, 8},
    {"RegNetY004", "regnety004", {1, 3, 6, 6}, {48, 104, 208, 440}, 8},
    {"RegNetY006", "regnety006", {1, 3, 7, 4}, {48, 112, 256, 608}, 16},
    {"RegNetY008", "regnety008", {1, 3, 8, 2}, {64, 128, 320, 768}, 16},
    {"RegNetY016", "regnety016", {2, 6, 17, 2}, {48, 120, 336, 888}, 24},
    {"RegNetY032", "regnety032", {2, 5, 13, 1}, {72, 216, 576, 1512}, 24},
    {"RegNetY040", "regnety040", {2, 6, 12, 2}, {128, 192, 512, 1088}, 64},
    {"RegNetY064", "regnety064", {2, 7, 14, 2}, {144, 288, 576, 1296}, 72},
    {"RegNetY080", "regnety080", {2, 4, 10, 1}, {168, 448, 896, 2016}, 56},
    {"RegNetY120", "regnety120", {2, 5, 11, 1}, {224, 448, 896, 2240}, 112},
    {"RegNetY160", "regnety160", {2, 4, 11, 1}, {224, 448, 1232, 3024}, 112},
    {"RegNetY320", "regnety320", {2, 5, 12, 1}, {232, 696, 1392, 3712}, 232},
};

// The RegNet functions take model_name= first, and include_preprocessing= after include_top=.
const std::vector<std::string_view> kParameters = {
    "model_name", "include_top", "include_preprocessing", "weights", "input_tensor", "input_shape",
    "pooling",    "classes",     "classifier_activation"};

// A bias-free convolution and its BatchNormalization (momentum 0.9, epsilon 1e-5), as every
// convolution of the blocks is followed.
Value conv_bn(Builder& b, const Value& x, int64_t filters, int64_t kernel, int64_t strides,
              int64_t groups, const std::string& name, const std::string& bn_name) {
  Kwargs kwargs{{"filters", filters},
                {"kernel_size", pair(kernel)},
                {"strides", strides},
                {"use_bias", false},
                {"name", name}};
  if (kernel == 3) {
    kwargs.emplace_back("groups", groups);
    kwargs.emplace_back("padding", "same");
  }
  Value y = b.apply("Conv2D", kwargs, x);
  return b.apply("BatchNormalization", {{"momentum", 0.9}, {"epsilon", 1e-5}, {"name", bn_name}},
                 y);
}

// SqueezeAndExciteBlock: the channels reweighted by a bottleneck of their global average,
// multiplied in with tf.math.multiply.
Value squeeze_excite(Builder& b, const Value& inputs, int64_t filters, int64_t se_filters,
                     const std::string& name) {
  Value x = b.apply("GlobalAveragePooling2D",
                    {{"name", name + "_squeeze_and_excite_gap"}, {"keepdims", true}}, inputs);
  x = b.apply("Conv2D",
              {{"filters", se_filters},
               {"kernel_size", pair(1)},
               {"activation", "relu"},
               {"name", name + "_squeeze_and_excite_squeeze"}},
              x);
  x = b.apply("Conv2D",
              {{"filters", filters},
               {"kernel_size", pair(1)},
               {"activation", "sigmoid"},
               {"name", name + "_squeeze_and_excite_excite"}},
              x);
  return b.op("tf.math.multiply", {x, inputs});
}

// XBlock (and YBlock, `squeeze_excite` true): 1x1, grouped 3x3 with the stride, (SE,) 1x1,
// added to the input, or to its strided 1x1 projection.
Value block(Builder& b, const Value& inputs, int64_t filters_in, int64_t filters_out,
            int64_t group_width, int64_t stride, bool squeeze_excite_branch,
            const std::string& name) {
  // Conv2D takes groups=0 as 1 (`groups or 1`): RegNetX080's first stage is narrower than
  // its group width.
  int64_t groups = std::max<int64_t>(1, filters_out / group_width);
  Value skip = inputs;
  if (stride != 1)
    skip = conv_bn(b, inputs, filters_out, 1, stride, 1, name + "_skip_1x1", name + "_skip_bn");
  Value x = conv_bn(b, inputs, filters_out, 1, 1, 1, name + "_conv_1x1_1", name + "_conv_1x1_1_bn");
  x = b.apply("ReLU", {{"name", name + "_conv_1x1_1_relu"}}, x);
  x = conv_bn(b, x, filters_out, 3, stride, groups, name + "_conv_3x3", name + "_conv_3x3_bn");
  x = b.apply("ReLU", {{"name", name + "_conv_3x3_relu"}}, x);
  if (squeeze_excite_branch)  // squeeze_excite_ratio 0.25 of the block's input width
    x = squeeze_excite(b, x, filters_out, static_cast<int64_t>(filters_in / 4.0), name);
  x = conv_bn(b, x, filters_out, 1, 1, 1, name + "_conv_1x1_2", name + "_conv_1x1_2_bn");
  return b.apply("ReLU", {{"name", name + "_exit_relu"}}, b.op("+", {x, skip}));
}

Value regnet(Builder& b, const Arguments& args, std::string_view model) {
  const Config* found = nullptr;
  for (const Config& c : kConfigs)
    if (c.application == model) found = &c;
  const Config& c = *found;
  bool y_blocks = model[6] == 'Y';
  std::optional<std::string> given_name = string_argument(b, "model_name", c.model_name);
  std::optional<bool> given_preprocessing = bool_argument(b, "include_preprocessing", true);
  if (!given_name || !given_preprocessing)
    return b.unfollowed("model_name= or include_preprocessing= is a value dimsum cannot tell");
  const std::string& model_name = *given_name;
  bool include_preprocessing = *given_preprocessing;
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  InputShape input = obtain_input_shape(args, 224, 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  // RegNet starts from the first source Input of input_tensor=, not from the tensor itself.
  Value inputs = first_input(model_inputs(b, args, image_input(b, args, *input.shape)));
  Value x = inputs;
  if (include_preprocessing)
    x = b.apply("Rescaling", {{"scale", 1.0 / 255.0}, {"name", model_name + "_prestem_rescaling"}},
                x);
  x = conv_bn(b, x, 32, 3, 2, 1, model_name + "_stem_conv", model_name + "_stem_bn");
  x = b.apply("ReLU", {{"name", model_name + "_stem_relu"}}, x);
  int64_t filters_in = 32;
  for (int stage = 0; stage < 4; ++stage) {
    std::string prefix =
        fmt::format("{}_Stage_{}_{}Block_", model_name, stage, y_blocks ? 'Y' : 'X');
    int64_t width = c.widths[stage];
    for (int64_t i = 0; i < c.depths[stage]; ++i)
      x = block(b, x, i == 0 ? filters_in : width, width, c.group_width, i == 0 ? 2 : 1, y_blocks,
                prefix + std::to_string(i));
    filters_in = width;
  }
  if (args.include_top) {
    // Head: its name is a fresh backend.get_uid("head"); its Dense has no activation (the
    // classifier_activation= is only checked).
    std::string head = std::to_string(b.uid("head"));
    x = b.apply("GlobalAveragePooling2D", {{"name", head + "_head_gap"}}, x);
    x = b.apply("Dense", {{"units", args.classes}, {"name", head + "head_dense"}}, x);
    if (auto rejected = check_classifier_activation(args)) return b.reject(*rejected);
  } else {
    x = pool_features(b, args, x, "", "");
  }
  return b.model(inputs, x, model_name);
}

}  // namespace

std::vector<Application> regnet_applications() {
  std::vector<Application> list;
  for (const Config& c : kConfigs) list.push_back({c.application, regnet, kParameters});
  return list;
}

}  // namespace dimsum::python::applications
