// EfficientNet B0..B7 (Tan & Le 2019) and EfficientNetV2 B0..B3, S, M, L (Tan & Le 2021), as
// tf-keras' applications/efficientnet.py and efficientnet_v2.py build them: a stem convolution,
// stages of inverted-residual blocks (MBConv, with a squeeze-and-excitation branch; V2's early
// stages fuse the expansion and the depthwise convolution into one Conv2D), and a 1x1 top
// convolution, each model scaling the widths and the repeats of one table of stages.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

// One stage of blocks, as the blocks_args tables write it.
struct Stage {
  int64_t kernel;
  int64_t repeats;
  int64_t filters_in;
  int64_t filters_out;
  int64_t expand_ratio;
  double se_ratio;
  int64_t strides;
  bool fused;  // V2's conv_type 1: FusedMBConvBlock
};

// The blocks every EfficientNet (V1) scales: no stage is fused.
const std::vector<Stage> kV1Stages = {
    {3, 1, 32, 16, 1, 0.25, 1, false},   {3, 2, 16, 24, 6, 0.25, 2, false},
    {5, 2, 24, 40, 6, 0.25, 2, false},   {3, 3, 40, 80, 6, 0.25, 2, false},
    {5, 3, 80, 112, 6, 0.25, 1, false},  {5, 4, 112, 192, 6, 0.25, 2, false},
    {3, 1, 192, 320, 6, 0.25, 1, false},
};

// EfficientNetV2's tables, one per size (B0..B3 share one, scaled).
const std::vector<Stage> kV2BaseStages = {
    {3, 1, 32, 16, 1, 0, 1, true},      {3, 2, 16, 32, 4, 0, 2, true},
    {3, 2, 32, 48, 4, 0, 2, true},      {3, 3, 48, 96, 4, 0.25, 2, false},
    {3, 5, 96, 112, 6, 0.25, 1, false}, {3, 8, 112, 192, 6, 0.25, 2, false},
};
const std::vector<Stage> kV2SStages = {
    {3, 2, 24, 24, 1, 0, 1, true},       {3, 4, 24, 48, 4, 0, 2, true},
    {3, 4, 48, 64, 4, 0, 2, true},       {3, 6, 64, 128, 4, 0.25, 2, false},
    {3, 9, 128, 160, 6, 0.25, 1, false}, {3, 15, 160, 256, 6, 0.25, 2, false},
};
const std::vector<Stage> kV2MStages = {
    {3, 3, 24, 24, 1, 0, 1, true},        {3, 5, 24, 48, 4, 0, 2, true},
    {3, 5, 48, 80, 4, 0, 2, true},        {3, 7, 80, 160, 4, 0.25, 2, false},
    {3, 14, 160, 176, 6, 0.25, 1, false}, {3, 18, 176, 304, 6, 0.25, 2, false},
    {3, 5, 304, 512, 6, 0.25, 1, false},
};
const std::vector<Stage> kV2LStages = {
    {3, 4, 32, 32, 1, 0, 1, true},        {3, 7, 32, 64, 4, 0, 2, true},
    {3, 7, 64, 96, 4, 0, 2, true},        {3, 10, 96, 192, 4, 0.25, 2, false},
    {3, 19, 192, 224, 6, 0.25, 1, false}, {3, 25, 224, 384, 6, 0.25, 2, false},
    {3, 7, 384, 640, 6, 0.25, 1, false},
};

// One model of the family: its scaling and the size its ImageNet weights were trained at.
struct Variant {
  std::string_view application;
  const char* model_name;
  double width;
  double depth;
  int64_t default_size;
  double dropout_rate;
  const std::vector<Stage>* stages;
  bool v2;
};

const Variant kVariants[] = {
    {"EfficientNetB0", "efficientnetb0", 1.0, 1.0, 224, 0.2, &kV1Stages, false},
    {"EfficientNetB1", "efficientnetb1", 1.0, 1.1, 240, 0.2, &kV1Stages, false},
    {"EfficientNetB2", "efficientnetb2", 1.1, 1.2, 260, 0.3, &kV1Stages, false},
    {"EfficientNetB3", "efficientnetb3", 1.2, 1.4, 300, 0.3, &kV1Stages, false},
    {"EfficientNetB4", "efficientnetb4", 1.4, 1.8, 380, 0.4, &kV1Stages, false},
    {"EfficientNetB5", "efficientnetb5", 1.6, 2.2, 456, 0.4, &kV1Stages, false},
    {"EfficientNetB6", "efficientnetb6", 1.8, 2.6, 528, 0.5, &kV1Stages, false},
    {"EfficientNetB7", "efficientnetb7", 2.0, 3.1, 600, 0.5, &kV1Stages, false},
    {"EfficientNetV2B0", "efficientnetv2-b0", 1.0, 1.0, 224, 0.2, &kV2BaseStages, true},
    {"EfficientNetV2B1", "efficientnetv2-b1", 1.0, 1.1, 240, 0.2, &kV2BaseStages, true},
    {"EfficientNetV2B2", "efficientnetv2-b2", 1.1, 1.2, 260, 0.2, &kV2BaseStages, true},
    {"EfficientNetV2B3", "efficientnetv2-b3", 1.2, 1.4, 300, 0.2, &kV2BaseStages, true},
    {"EfficientNetV2S", "efficientnetv2-s", 1.0, 1.0, 384, 0.2, &kV2SStages, true},
    {"EfficientNetV2M", "efficientnetv2-m", 1.0, 1.0, 480, 0.2, &kV2MStages, true},
    {"EfficientNetV2L", "efficientnetv2-l", 1.0, 1.0, 480, 0.2, &kV2LStages, true},
};

// round_filters: the width scaled and rounded to a multiple of 8. V1 rounds up by one more 8
// when rounding lost over 10%; V2 does not.
int64_t round_filters(const Variant& v, int64_t filters) {
  const int64_t divisor = 8;
  double scaled = static_cast<double>(filters) * v.width;
  int64_t rounded =
      std::max<int64_t>(divisor, static_cast<int64_t>(scaled + divisor / 2.0) / divisor * divisor);
  if (!v.v2 && static_cast<double>(rounded) < 0.9 * scaled) rounded += divisor;
  return rounded;
}

int64_t round_repeats(const Variant& v, int64_t repeats) {
  return static_cast<int64_t>(std::ceil(v.depth * static_cast<double>(repeats)));
}

// A "same"-padded convolution without a bias, as the blocks make them.
Value conv(Builder& b, const Value& x, int64_t filters, int64_t kernel, int64_t strides,
           const std::string& name) {
  return b.apply("Conv2D",
                 {{"filters", filters},
                  {"kernel_size", kernel},
                  {"strides", strides},
                  {"padding", "same"},
                  {"use_bias", false},
                  {"name", name}},
                 x);
}

// BatchNormalization over the channels: V1 keeps Keras' momentum, V2 uses 0.9.
Value batch_norm(Builder& b, const Variant& v, const Value& x, const std::string& name) {
  Kwargs kwargs{{"axis", 3}, {"name", name}};
  if (v.v2) kwargs.emplace_back("momentum", 0.9);
  return b.apply("BatchNormalization", kwargs, x);
}

Value swish(Builder& b, const Value& x, const std::string& name) {
  return b.apply("Activation", {{"activation", "swish"}, {"name", name}}, x);
}

// The squeeze-and-excitation branch: the channels reweighted by a two-layer bottleneck of
// their global average.
Value squeeze_excite(Builder& b, const Value& x, int64_t filters_in, int64_t filters,
                     double se_ratio, const std::string& name) {
  int64_t filters_se =
      std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(filters_in) * se_ratio));
  Value se = b.apply("GlobalAveragePooling2D", {{"name", name + "se_squeeze"}}, x);
  se = b.apply("Reshape", {{"target_shape", Arg({1, 1, filters})}, {"name", name + "se_reshape"}},
               se);
  se = b.apply("Conv2D",
               {{"filters", filters_se},
                {"kernel_size", 1},
                {"padding", "same"},
                {"activation", "swish"},
                {"name", name + "se_reduce"}},
               se);
  se = b.apply("Conv2D",
               {{"filters", filters},
                {"kernel_size", 1},
                {"padding", "same"},
                {"activation", "sigmoid"},
                {"name", name + "se_expand"}},
               se);
  return b.apply("Multiply", {{"name", name + "se_excite"}}, {x, se});
}

// A block's input and output widths, its stride and the rate of its drop connect.
struct BlockSpec {
  const Stage* stage;
  int64_t filters_in;
  int64_t filters_out;
  int64_t strides;
  double drop_rate;
  std::string name;
};

// The identity shortcut, with a per-sample Dropout before it (not on the first block, whose
// rate is 0).
Value residual(Builder& b, const BlockSpec& s, const Value& inputs, Value x) {
  if (s.strides != 1 || s.filters_in != s.filters_out) return x;
  if (s.drop_rate > 0)
    x = b.apply(
        "Dropout",
        {{"rate", s.drop_rate},
         {"noise_shape", Arg::tuple({none(0), integer(1, 0), integer(1, 0), integer(1, 0)})},
         {"name", s.name + "drop"}},
        x);
  return b.apply("Add", {{"name", s.name + "add"}}, {x, inputs});
}

// MBConv: expand (1x1), depthwise convolution, squeeze-and-excitation, project (1x1). V1 pads
// a strided depthwise convolution itself (correct_pad) and convolves "valid"; V2 uses "same".
Value mbconv(Builder& b, const Variant& v, const BlockSpec& s, const Value& inputs) {
  const Stage& stage = *s.stage;
  int64_t filters = s.filters_in * stage.expand_ratio;
  Value x = inputs;
  if (stage.expand_ratio != 1) {
    x = conv(b, x, filters, 1, 1, s.name + "expand_conv");
    x = batch_norm(b, v, x, s.name + "expand_bn");
    x = swish(b, x, s.name + "expand_activation");
  }
  const char* padding = "same";
  if (!v.v2 && s.strides == 2) {
    x = b.apply(
        "ZeroPadding2D",
        {{"padding", correct_pad(b.shape(x), stage.kernel)}, {"name", s.name + "dwconv_pad"}}, x);
    padding = "valid";
  }
  x = b.apply("DepthwiseConv2D",
              {{"kernel_size", stage.kernel},
               {"strides", s.strides},
               {"padding", padding},
               {"use_bias", false},
               {"name", s.name + (v.v2 ? "dwconv2" : "dwconv")}},
              x);
  x = batch_norm(b, v, x, s.name + "bn");
  x = swish(b, x, s.name + "activation");
  if (stage.se_ratio > 0 && stage.se_ratio <= 1)
    x = squeeze_excite(b, x, s.filters_in, filters, stage.se_ratio, s.name);
  x = conv(b, x, s.filters_out, 1, 1, s.name + "project_conv");
  x = batch_norm(b, v, x, s.name + "project_bn");
  return residual(b, s, inputs, x);
}

// FusedMBConv (V2): one full convolution does the expansion and the stride; without an
// expansion the projection is that convolution, followed by its own activation.
Value fused_mbconv(Builder& b, const Variant& v, const BlockSpec& s, const Value& inputs) {
  const Stage& stage = *s.stage;
  bool expands = stage.expand_ratio != 1;
  int64_t filters = s.filters_in * stage.expand_ratio;
  Value x = inputs;
  if (expands) {
    x = conv(b, x, filters, stage.kernel, s.strides, s.name + "expand_conv");
    x = batch_norm(b, v, x, s.name + "expand_bn");
    x = swish(b, x, s.name + "expand_activation");
  }
  if (stage.se_ratio > 0 && stage.se_ratio <= 1)
    x = squeeze_excite(b, x, s.filters_in, filters, stage.se_ratio, s.name);
  x = conv(b, x, s.filters_out, expands ? 1 : stage.kernel, expands ? 1 : s.strides,
           s.name + "project_conv");
  x = batch_norm(b, v, x, s.name + "project_bn");
  if (!expands) x = swish(b, x, s.name + "project_activation");
  return residual(b, s, inputs, x);
}

// The input scaling: V1 rescales to [0, 1] and normalizes with statistics it learns (a
// Normalization without mean= keeps mean, variance and count as weights), and with ImageNet
// weights divides once more by the square roots of ImageNet's deviations (a tf.math.multiply
// by a (1, 1, 1, 3) constant); V2's B models normalize with ImageNet's statistics given, the
// others rescale to [-1, 1].
Value preprocess(Builder& b, const Variant& v, const Arguments& args, const Value& image,
                 const Dims& shape, bool include_preprocessing) {
  if (!v.v2) {
    Value x = b.apply("Rescaling", {{"scale", 1.0 / 255.0}}, image);
    x = b.apply("Normalization", {{"axis", 3}}, x);
    if (args.weights != "imagenet") return x;
    std::vector<Value> scale;
    for (double deviation : {0.229, 0.224, 0.225})
      scale.push_back(real(1.0 / std::sqrt(deviation), 0));
    Value constant = sequence(Kind::kList, std::move(scale), 0);
    for (int axis = 0; axis < 3; ++axis) constant = sequence(Kind::kList, {constant}, 0);
    return b.op("tf.math.multiply", {x, constant});
  }
  if (!include_preprocessing) return image;
  std::string_view name(v.model_name);
  bool b_model = name.substr(name.rfind('-') + 1).starts_with('b');
  if (b_model && shape[2] == Dim(3)) {
    Value x = b.apply("Rescaling", {{"scale", 1.0 / 255}}, image);
    return b.apply("Normalization",
                   {{"mean", Arg::list({real(0.485, 0), real(0.456, 0), real(0.406, 0)})},
                    {"variance", Arg::list({real(0.229 * 0.229, 0), real(0.224 * 0.224, 0),
                                            real(0.225 * 0.225, 0)})},
                    {"axis", 3}},
                   x);
  }
  return b.apply("Rescaling", {{"scale", 1.0 / 128.0}, {"offset", -1}}, image);
}

// The stages: each scaled to the model's widths and repeats; the first block of a stage
// takes its stride and its input width. The drop-connect rate grows with the block's index
// (over the rounded repeats in V1, the table's in V2).
Value stages(Builder& b, const Variant& v, Value x) {
  double total = 0;
  for (const Stage& stage : *v.stages)
    total += static_cast<double>(v.v2 ? stage.repeats : round_repeats(v, stage.repeats));
  int64_t index = 0;
  for (size_t i = 0; i < v.stages->size(); ++i) {
    const Stage& stage = (*v.stages)[i];
    int64_t filters_in = round_filters(v, stage.filters_in);
    int64_t filters_out = round_filters(v, stage.filters_out);
    int64_t repeats = round_repeats(v, stage.repeats);
    for (int64_t j = 0; j < repeats; ++j, ++index) {
      BlockSpec spec{&stage,
                     j == 0 ? filters_in : filters_out,
                     filters_out,
                     j == 0 ? stage.strides : 1,
                     0.2 * static_cast<double>(index) / total,
                     fmt::format("block{}{}_", i + 1, static_cast<char>('a' + j))};
      x = stage.fused ? fused_mbconv(b, v, spec, x) : mbconv(b, v, spec, x);
    }
  }
  return x;
}

Value efficientnet(Builder& b, const Arguments& args, std::string_view model) {
  const Variant* found = nullptr;
  for (const Variant& v : kVariants)
    if (v.application == model) found = &v;
  const Variant& v = *found;
  bool include_preprocessing = true;
  if (const Value* given = v.v2 ? b.argument("include_preprocessing") : nullptr) {
    if (given->kind != Kind::kBool)
      return b.unfollowed("include_preprocessing= is a value dimsum cannot tell");
    include_preprocessing = given->boolean;
  }
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  InputShape input = obtain_input_shape(args, v.default_size, 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  Value x = preprocess(b, v, args, image, *input.shape, include_preprocessing);
  if (!v.v2)
    x = b.apply("ZeroPadding2D",
                {{"padding", correct_pad(b.shape(x), 3)}, {"name", "stem_conv_pad"}}, x);
  x = b.apply("Conv2D",
              {{"filters", round_filters(v, v.stages->front().filters_in)},
               {"kernel_size", 3},
               {"strides", 2},
               {"padding", v.v2 ? "same" : "valid"},
               {"use_bias", false},
               {"name", "stem_conv"}},
              x);
  x = batch_norm(b, v, x, "stem_bn");
  x = swish(b, x, "stem_activation");
  x = stages(b, v, x);
  x = conv(b, x, round_filters(v, 1280), 1, 1, "top_conv");
  x = batch_norm(b, v, x, "top_bn");
  x = swish(b, x, "top_activation");
  if (args.include_top) {
    x = b.apply("GlobalAveragePooling2D", {{"name", "avg_pool"}}, x);
    x = b.apply("Dropout", {{"rate", v.dropout_rate}, {"name", "top_dropout"}}, x);
    if (auto rejected = check_classifier_activation(args)) return b.reject(*rejected);
    x = classifier(b, args, x);
  } else {
    x = pool_features(b, args, x, "avg_pool", "max_pool");
  }
  return b.model(model_inputs(b, args, image), x, v.model_name);
}

}  // namespace

std::vector<Application> efficientnet_applications() {
  std::vector<std::string_view> v2_parameters = kCommonParameters;
  v2_parameters.push_back("include_preprocessing");
  std::vector<Application> list;
  for (const Variant& v : kVariants)
    list.push_back({v.application, efficientnet, v.v2 ? v2_parameters : kCommonParameters});
  return list;
}

}  // namespace dimsum::python::applications
