// MobileNet (Howard et al. 2017), MobileNetV2 (Sandler et al. 2018) and MobileNetV3Small/Large
// (Howard et al. 2019), as tf-keras' applications/mobilenet.py, mobilenet_v2.py and
// mobilenet_v3.py build them, with their width multiplier alpha and the other arguments only
// they take.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

// A number the code gives for a family-specific argument, or `fallback` when it gives none;
// nullopt when it is not a number dimsum knows.
std::optional<double> number_argument(const Builder& b, std::string_view keyword, double fallback) {
  const Value* v = b.argument(keyword);
  if (!v) return fallback;
  if (v->kind == Kind::kFloat) return v->real;
  if (v->kind == Kind::kInt || v->kind == Kind::kBool) return static_cast<double>(v->integer);
  return std::nullopt;
}

// Widths dimsum builds: above 0 and at most 1000 (every filter count then fits an int64_t).
// Keras fails on a width of 0 or less; dimsum says only that it cannot follow it.
bool buildable_width(double alpha) { return alpha > 0 && alpha <= 1000; }
constexpr const char* kUnbuildableWidth =
    "alpha= or depth_multiplier= is not above 0 and at most 1000, the widths dimsum builds";

bool one_of(double value, std::initializer_list<double> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// The channels (last axis) of a tensor; nullopt when unknown.
std::optional<int64_t> channels(Builder& b, const Value& x) {
  std::optional<Dims> shape = b.shape(x);
  if (!shape || shape->empty() || !shape->back().known()) return std::nullopt;
  return shape->back().value();
}

// _make_divisible (V2) and _depth (V3): `v` rounded to the nearest multiple of 8, at least 8,
// and never below 90% of `v`.
int64_t make_divisible(double v) {
  constexpr int64_t kDivisor = 8;
  int64_t rounded =
      std::max(kDivisor, static_cast<int64_t>(v + kDivisor / 2.0) / kDivisor * kDivisor);
  if (static_cast<double>(rounded) < 0.9 * v) rounded += kDivisor;
  return rounded;
}

// BatchNormalization of MobileNetV2 and V3: epsilon 1e-3 and momentum 0.999 (V1 uses Keras'
// defaults).
Value batch_norm(Builder& b, const Value& x, const std::string& name) {
  return b.apply("BatchNormalization",
                 {{"axis", -1}, {"epsilon", 1e-3}, {"momentum", 0.999}, {"name", name}}, x);
}

Value relu6(Builder& b, const Value& x, const std::string& name) {
  return b.apply("ReLU", {{"max_value", 6.0}, {"name", name}}, x);
}

Value pointwise(Builder& b, const Value& x, int64_t filters, const std::string& name) {
  return b.apply("Conv2D",
                 {{"filters", filters},
                  {"kernel_size", 1},
                  {"padding", "same"},
                  {"use_bias", false},
                  {"name", name}},
                 x);
}

// The model's name: "mobilenet_1.00_224" (Python's f"{alpha:0.2f}_{rows}"), where the rows are
// 224 with ImageNet weights unless the input is square and one of the sizes they come in.
std::string sized_name(std::string_view prefix, double alpha, const Arguments& args,
                       const Dims& shape, std::initializer_list<int64_t> sizes) {
  Dim rows = shape[0];
  bool weight_size = rows == shape[1] && rows.known() &&
                     std::find(sizes.begin(), sizes.end(), rows.value()) != sizes.end();
  if (args.weights == "imagenet" && !weight_size) rows = Dim(224);
  return fmt::format("{}_{:.2f}_{}", prefix, alpha, to_string(rows));
}

// The default size MobileNet and MobileNetV2 build for: the input's own size (input_shape=, or
// for V2 input_tensor='s) when it is square and one of the sizes of their ImageNet weights.
int64_t default_size(Builder& b, const Arguments& args, bool from_tensor,
                     std::initializer_list<int64_t> sizes) {
  std::optional<Dims> given = args.input_shape;
  size_t first = 0;
  if (!given && from_tensor && args.input_tensor.kind == Kind::kTensor) {
    given = b.shape(args.input_tensor);
    first = 1;
  }
  if (!given || given->size() < first + 2) return 224;
  Dim rows = (*given)[first], cols = (*given)[first + 1];
  if (rows == cols && rows.known() &&
      std::find(sizes.begin(), sizes.end(), rows.value()) != sizes.end())
    return rows.value();
  return 224;
}

// MobileNetV2 and V3 check that input_shape= agrees with input_tensor='s width.
std::optional<Rejection> check_tensor_width(Builder& b, const Arguments& args) {
  if (!args.input_shape || args.input_tensor.kind != Kind::kTensor) return std::nullopt;
  std::optional<Dims> tensor = b.shape(args.input_tensor);
  if (!tensor || tensor->size() < 3 || args.input_shape->size() < 2) return std::nullopt;
  Dim width = (*tensor)[2], given = (*args.input_shape)[1];
  // Only sizes both known: a size dimsum cannot tell is not a disagreement.
  if (!width.known() || !given.known() || width == given) return std::nullopt;
  return Rejection{fmt::format("input_shape= says the width is {}, but input_tensor= is {} wide",
                               to_string(given), to_string(width)),
                   "give input_shape= the input tensor's own shape, or leave it out"};
}

// --- MobileNet (V1) ---

// _depthwise_conv_block: a 3x3 depthwise convolution (strided ones after a bottom-right pad)
// and a 1x1 pointwise one, each with batch normalization and ReLU6.
Value depthwise_block(Builder& b, Value x, int64_t filters, int64_t depth_multiplier,
                      int64_t stride, int block) {
  if (stride == 2)
    x = b.apply("ZeroPadding2D",
                {{"padding", Arg::tuple({Arg({0, 1}).value, Arg({0, 1}).value})},
                 {"name", fmt::format("conv_pad_{}", block)}},
                x);
  x = b.apply("DepthwiseConv2D",
              {{"kernel_size", pair(3)},
               {"padding", stride == 1 ? "same" : "valid"},
               {"depth_multiplier", depth_multiplier},
               {"strides", pair(stride)},
               {"use_bias", false},
               {"name", fmt::format("conv_dw_{}", block)}},
              x);
  x = b.apply("BatchNormalization", {{"axis", -1}, {"name", fmt::format("conv_dw_{}_bn", block)}},
              x);
  x = relu6(b, x, fmt::format("conv_dw_{}_relu", block));
  x = b.apply("Conv2D",
              {{"filters", filters},
               {"kernel_size", pair(1)},
               {"padding", "same"},
               {"use_bias", false},
               {"strides", pair(1)},
               {"name", fmt::format("conv_pw_{}", block)}},
              x);
  x = b.apply("BatchNormalization", {{"axis", -1}, {"name", fmt::format("conv_pw_{}_bn", block)}},
              x);
  return relu6(b, x, fmt::format("conv_pw_{}_relu", block));
}

Value mobilenet(Builder& b, const Arguments& args, std::string_view) {
  std::optional<double> alpha = number_argument(b, "alpha", 1.0);
  std::optional<double> depth_multiplier = number_argument(b, "depth_multiplier", 1);
  std::optional<double> dropout = number_argument(b, "dropout", 1e-3);
  if (!alpha || !depth_multiplier || !dropout)
    return b.unfollowed("alpha=, depth_multiplier= or dropout= is a value dimsum cannot tell");
  if (!buildable_width(*alpha) || !buildable_width(*depth_multiplier) ||
      *depth_multiplier != std::floor(*depth_multiplier))
    return b.unfollowed(kUnbuildableWidth);
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  const auto sizes = {int64_t{128}, int64_t{160}, int64_t{192}, int64_t{224}};
  InputShape input =
      obtain_input_shape(args, default_size(b, args, false, sizes), 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  if (args.weights == "imagenet") {
    if (*depth_multiplier != 1)
      return b.reject({fmt::format("with weights=\"imagenet\", depth_multiplier must be 1; it is "
                                   "{}",
                                   *depth_multiplier),
                       "pass depth_multiplier=1, or weights=None to train the model"});
    if (!one_of(*alpha, {0.25, 0.50, 0.75, 1.0}))
      return b.reject({fmt::format("with weights=\"imagenet\", alpha must be 0.25, 0.5, 0.75 or "
                                   "1.0 (the widths the weights come in); it is {}",
                                   *alpha),
                       "pick one of those widths, or pass weights=None to train the model"});
  }
  Value image = image_input(b, args, *input.shape);
  auto width = [&](int64_t filters) {
    return static_cast<int64_t>(static_cast<double>(filters) * *alpha);
  };
  Value x = b.apply("Conv2D",
                    {{"filters", width(32)},
                     {"kernel_size", pair(3)},
                     {"padding", "same"},
                     {"use_bias", false},
                     {"strides", pair(2)},
                     {"name", "conv1"}},
                    image);
  x = relu6(b, b.apply("BatchNormalization", {{"axis", -1}, {"name", "conv1_bn"}}, x),
            "conv1_relu");
  // (pointwise filters, stride) of blocks 1..13
  constexpr std::pair<int64_t, int64_t> kBlocks[] = {
      {64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1},  {512, 2}, {512, 1},
      {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
  int block = 0;
  for (auto [filters, stride] : kBlocks)
    x = depthwise_block(b, x, width(filters), static_cast<int64_t>(*depth_multiplier), stride,
                        ++block);
  if (args.include_top) {
    x = b.apply("GlobalAveragePooling2D", {{"keepdims", true}}, x);
    x = b.apply("Dropout", {{"rate", *dropout}, {"name", "dropout"}}, x);
    x = b.apply("Conv2D",
                {{"filters", args.classes},
                 {"kernel_size", pair(1)},
                 {"padding", "same"},
                 {"name", "conv_preds"}},
                x);
    x = b.apply("Reshape", {{"target_shape", Arg({args.classes})}, {"name", "reshape_2"}}, x);
    if (auto rejected = check_classifier_activation(args)) return b.reject(*rejected);
    std::string activation =
        args.classifier_activation.empty() ? "linear" : args.classifier_activation;
    x = b.apply("Activation", {{"activation", activation}, {"name", "predictions"}}, x);
  } else {
    x = pool_features(b, args, x, "", "");
  }
  return b.model(model_inputs(b, args, image), x,
                 sized_name("mobilenet", *alpha, args, *input.shape, sizes));
}

// --- MobileNetV2 ---

// _inverted_res_block: a 1x1 expansion (not in block 0), a 3x3 depthwise convolution, a linear
// 1x1 projection to `filters` scaled by alpha, and the residual when the shape is kept.
std::optional<Value> inverted_res_block(Builder& b, const Value& input, int64_t expansion,
                                        int64_t stride, double alpha, int64_t filters, int block) {
  std::optional<int64_t> in_channels = channels(b, input);
  if (!in_channels) return std::nullopt;
  int64_t pointwise_filters = make_divisible(
      static_cast<double>(static_cast<int64_t>(static_cast<double>(filters) * alpha)));
  std::string prefix = block ? fmt::format("block_{}_", block) : "expanded_conv_";
  Value x = input;
  if (block) {
    x = pointwise(b, x, expansion * *in_channels, prefix + "expand");
    x = relu6(b, batch_norm(b, x, prefix + "expand_BN"), prefix + "expand_relu");
  }
  if (stride == 2)
    x = b.apply("ZeroPadding2D",
                {{"padding", correct_pad(b.shape(x), 3)}, {"name", prefix + "pad"}}, x);
  x = b.apply("DepthwiseConv2D",
              {{"kernel_size", 3},
               {"strides", stride},
               {"use_bias", false},
               {"padding", stride == 1 ? "same" : "valid"},
               {"name", prefix + "depthwise"}},
              x);
  x = relu6(b, batch_norm(b, x, prefix + "depthwise_BN"), prefix + "depthwise_relu");
  x = batch_norm(b, pointwise(b, x, pointwise_filters, prefix + "project"), prefix + "project_BN");
  if (*in_channels == pointwise_filters && stride == 1)
    return b.apply("Add", {{"name", prefix + "add"}}, std::vector<Value>{input, x});
  return x;
}

Value mobilenet_v2(Builder& b, const Arguments& args, std::string_view) {
  std::optional<double> alpha = number_argument(b, "alpha", 1.0);
  if (!alpha) return b.unfollowed("alpha= is a value dimsum cannot tell");
  if (!buildable_width(*alpha)) return b.unfollowed(kUnbuildableWidth);
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  if (auto rejected = check_tensor_width(b, args)) return b.reject(*rejected);
  const auto sizes = {int64_t{96}, int64_t{128}, int64_t{160}, int64_t{192}, int64_t{224}};
  InputShape input =
      obtain_input_shape(args, default_size(b, args, true, sizes), 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  if (args.weights == "imagenet" && !one_of(*alpha, {0.35, 0.50, 0.75, 1.0, 1.3, 1.4}))
    return b.reject({fmt::format("with weights=\"imagenet\", alpha must be 0.35, 0.5, 0.75, 1.0, "
                                 "1.3 or 1.4 (the widths the weights come in); it is {}",
                                 *alpha),
                     "pick one of those widths, or pass weights=None to train the model"});
  Value image = image_input(b, args, *input.shape);
  Value x = b.apply("Conv2D",
                    {{"filters", make_divisible(32 * *alpha)},
                     {"kernel_size", 3},
                     {"strides", pair(2)},
                     {"padding", "same"},
                     {"use_bias", false},
                     {"name", "Conv1"}},
                    image);
  x = relu6(b, batch_norm(b, x, "bn_Conv1"), "Conv1_relu");
  // (filters, stride, expansion) of blocks 0..16
  constexpr int64_t kBlocks[][3] = {{16, 1, 1},  {24, 2, 6}, {24, 1, 6}, {32, 2, 6},  {32, 1, 6},
                                    {32, 1, 6},  {64, 2, 6}, {64, 1, 6}, {64, 1, 6},  {64, 1, 6},
                                    {96, 1, 6},  {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6},
                                    {160, 1, 6}, {320, 1, 6}};
  int block = 0;
  for (const auto& [filters, stride, expansion] : kBlocks) {
    std::optional<Value> next =
        inverted_res_block(b, x, expansion, stride, *alpha, filters, block++);
    if (!next) return b.unfollowed("the channels of a block's input are not known");
    x = *next;
  }
  int64_t last_filters = *alpha > 1.0 ? make_divisible(1280 * *alpha) : 1280;
  x = pointwise(b, x, last_filters, "Conv_1");
  x = relu6(b, batch_norm(b, x, "Conv_1_bn"), "out_relu");
  x = average_pool_top(b, args, x, {"", "", ""});
  if (!x.known()) return x;
  return b.model(model_inputs(b, args, image), x,
                 sized_name("mobilenetv2", *alpha, args, *input.shape, sizes));
}

// --- MobileNetV3 ---

// What a V3 model uses where the architecture leaves it to minimalistic=: 3x3 kernels, ReLU and
// no squeeze-and-excite when minimalistic; else 5x5, hard swish and a squeeze ratio of 0.25.
struct V3Style {
  int64_t kernel;
  bool hard_swish;
  bool squeeze;
};

// mobilenet_v3.py's relu: an unnamed ReLU.
Value plain_relu(Builder& b, const Value& x) { return b.apply("ReLU", {}, x); }

// hard_sigmoid: ReLU6(x + 3) / 6, its two operators followed as the code's own are.
Value hard_sigmoid(Builder& b, const Value& x) {
  Value y = b.apply("ReLU", {{"max_value", 6.0}}, b.operation("+", x, 3.0));
  return b.operation("*", y, 1.0 / 6.0);
}

// hard_swish: x * hard_sigmoid(x), by an unnamed Multiply.
Value activate(Builder& b, const Value& x, bool hard_swish) {
  if (!hard_swish) return plain_relu(b, x);
  Value gate = hard_sigmoid(b, x);
  return b.apply("Multiply", {}, std::vector<Value>{x, gate});
}

Value same_conv(Builder& b, const Value& x, int64_t filters, bool use_bias,
                const std::string& name) {
  Kwargs kwargs{{"filters", filters}, {"kernel_size", 1}, {"padding", "same"}};
  if (!use_bias) kwargs.emplace_back("use_bias", false);
  kwargs.emplace_back("name", name);
  return b.apply("Conv2D", kwargs, x);
}

// _se_block: squeeze (global average), excite (two 1x1 convolutions, the gate a hard sigmoid),
// and scale the input by the gate.
Value squeeze_excite(Builder& b, const Value& input, int64_t filters, const std::string& prefix) {
  std::string name = prefix + "squeeze_excite/";
  Value x =
      b.apply("GlobalAveragePooling2D", {{"keepdims", true}, {"name", name + "AvgPool"}}, input);
  x = same_conv(b, x, make_divisible(static_cast<double>(filters) * 0.25), true, name + "Conv");
  x = b.apply("ReLU", {{"name", name + "Relu"}}, x);
  x = hard_sigmoid(b, same_conv(b, x, filters, true, name + "Conv_1"));
  return b.apply("Multiply", {{"name", name + "Mul"}}, std::vector<Value>{input, x});
}

// One row of a V3 stack: the block's expansion, its output filters (before alpha), its kernel
// (0: the style's), its stride, whether it squeezes (when the style does), and whether it uses
// the style's activation (else ReLU).
struct V3Block {
  double expansion;
  int64_t filters;
  int64_t kernel;
  int64_t stride;
  bool squeeze;
  bool styled_activation;
};

constexpr V3Block kV3Small[] = {{1, 16, 3, 2, true, false},
                                {72.0 / 16, 24, 3, 2, false, false},
                                {88.0 / 24, 24, 3, 1, false, false},
                                {4, 40, 0, 2, true, true},
                                {6, 40, 0, 1, true, true},
                                {6, 40, 0, 1, true, true},
                                {3, 48, 0, 1, true, true},
                                {3, 48, 0, 1, true, true},
                                {6, 96, 0, 2, true, true},
                                {6, 96, 0, 1, true, true},
                                {6, 96, 0, 1, true, true}};
constexpr V3Block kV3Large[] = {
    {1, 16, 3, 1, false, false},  {4, 24, 3, 2, false, false},  {3, 24, 3, 1, false, false},
    {3, 40, 0, 2, true, false},   {3, 40, 0, 1, true, false},   {3, 40, 0, 1, true, false},
    {6, 80, 3, 2, false, true},   {2.5, 80, 3, 1, false, true}, {2.3, 80, 3, 1, false, true},
    {2.3, 80, 3, 1, false, true}, {6, 112, 3, 1, true, true},   {6, 112, 3, 1, true, true},
    {6, 160, 0, 2, true, true},   {6, 160, 0, 1, true, true},   {6, 160, 0, 1, true, true}};

// _inverted_res_block of V3: names "expanded_conv/..." (block 0) and "expanded_conv_N/...".
std::optional<Value> v3_block(Builder& b, const Value& input, const V3Block& row, double alpha,
                              const V3Style& style, int block) {
  std::optional<int64_t> in_channels = channels(b, input);
  if (!in_channels) return std::nullopt;
  int64_t filters = make_divisible(static_cast<double>(row.filters) * alpha);
  int64_t kernel = row.kernel ? row.kernel : style.kernel;
  bool hard_swish = row.styled_activation && style.hard_swish;
  int64_t expanded = make_divisible(static_cast<double>(*in_channels) * row.expansion);
  std::string prefix = block ? fmt::format("expanded_conv_{}/", block) : "expanded_conv/";
  Value x = input;
  if (block) {
    x = batch_norm(b, same_conv(b, x, expanded, false, prefix + "expand"),
                   prefix + "expand/BatchNorm");
    x = activate(b, x, hard_swish);
  }
  if (row.stride == 2)
    x = b.apply("ZeroPadding2D",
                {{"padding", correct_pad(b.shape(x), kernel)}, {"name", prefix + "depthwise/pad"}},
                x);
  x = b.apply("DepthwiseConv2D",
              {{"kernel_size", kernel},
               {"strides", row.stride},
               {"padding", row.stride == 1 ? "same" : "valid"},
               {"use_bias", false},
               {"name", prefix + "depthwise"}},
              x);
  x = activate(b, batch_norm(b, x, prefix + "depthwise/BatchNorm"), hard_swish);
  if (row.squeeze && style.squeeze) x = squeeze_excite(b, x, expanded, prefix);
  x = batch_norm(b, same_conv(b, x, filters, false, prefix + "project"),
                 prefix + "project/BatchNorm");
  if (row.stride == 1 && *in_channels == filters)
    return b.apply("Add", {{"name", prefix + "Add"}}, std::vector<Value>{input, x});
  return x;
}

// The input shape V3 builds for: input_shape=, else input_tensor='s (its width and height
// swapped, as Keras writes it), else any size of 3 channels; and its own size rule, at least 32
// when both sizes are given.
std::optional<Rejection> v3_input_shape(Builder& b, const Arguments& args, Dims& shape) {
  if (args.input_shape) {
    shape = *args.input_shape;
  } else if (args.input_tensor.kind == Kind::kTensor) {
    std::optional<Dims> tensor = b.shape(args.input_tensor);
    Dim rows = tensor && tensor->size() > 2 ? (*tensor)[1] : Dim();
    Dim cols = tensor && tensor->size() > 2 ? (*tensor)[2] : Dim();
    shape = {cols, rows, Dim(3)};
  } else {
    shape = {Dim(), Dim(), Dim(3)};
  }
  if (shape.size() < 2) return std::nullopt;
  Dim rows = shape[0], cols = shape[1];
  // Python's `rows and cols and (rows < 32 or cols < 32)`: None and 0 are false.
  if (rows.known() && cols.known() && rows.value() && cols.value() &&
      (rows.value() < 32 || cols.value() < 32))
    return Rejection{
        fmt::format("the input must be at least 32x32; it is {}x{}", rows.value(), cols.value()),
        "resize the images to at least 32x32 (tf.image.resize, or a Resizing layer "
        "before the model)"};
  return std::nullopt;
}

Value mobilenet_v3(Builder& b, const Arguments& args, std::string_view model) {
  bool large = model == "MobileNetV3Large";
  std::optional<double> alpha = number_argument(b, "alpha", 1.0);
  std::optional<double> dropout_rate = number_argument(b, "dropout_rate", 0.2);
  std::optional<bool> minimalistic = bool_argument(b, "minimalistic", false);
  std::optional<bool> preprocessing = bool_argument(b, "include_preprocessing", true);
  if (!alpha || !dropout_rate || !minimalistic || !preprocessing)
    return b.unfollowed(
        "alpha=, minimalistic=, dropout_rate= or include_preprocessing= is a value dimsum "
        "cannot tell");
  if (!buildable_width(*alpha)) return b.unfollowed(kUnbuildableWidth);
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  if (auto rejected = check_tensor_width(b, args)) return b.reject(*rejected);
  Dims shape;
  if (auto rejected = v3_input_shape(b, args, shape)) return b.reject(*rejected);
  if (args.weights == "imagenet" && (*minimalistic ? *alpha != 1.0 : !one_of(*alpha, {0.75, 1.0})))
    return b.reject(
        {fmt::format("with weights=\"imagenet\", alpha must be {} (the widths the "
                     "weights come in); it is {}",
                     *minimalistic ? "1.0 for a minimalistic model" : "0.75 or 1.0", *alpha),
         "pick one of those widths, or pass weights=None to train the model"});
  if (args.include_top)
    if (auto rejected = check_classifier_activation(args)) return b.reject(*rejected);
  V3Style style = *minimalistic ? V3Style{3, false, false} : V3Style{5, true, true};
  Value image = image_input(b, args, shape);
  Value x = image;
  if (*preprocessing) x = b.apply("Rescaling", {{"scale", 1.0 / 127.5}, {"offset", -1.0}}, x);
  x = b.apply("Conv2D",
              {{"filters", 16},
               {"kernel_size", 3},
               {"strides", pair(2)},
               {"padding", "same"},
               {"use_bias", false},
               {"name", "Conv"}},
              x);
  x = activate(b, batch_norm(b, x, "Conv/BatchNorm"), style.hard_swish);
  int block = 0;
  auto run = [&](const auto& rows) -> bool {
    for (const V3Block& row : rows) {
      std::optional<Value> next = v3_block(b, x, row, *alpha, style, block++);
      if (!next) return false;
      x = *next;
    }
    return true;
  };
  if (!(large ? run(kV3Large) : run(kV3Small)))
    return b.unfollowed("the channels of a block's input are not known");
  std::optional<int64_t> last_channels = channels(b, x);
  if (!last_channels) return b.unfollowed("the channels of the last block are not known");
  int64_t last_point = large ? 1280 : 1024;
  if (*alpha > 1.0) last_point = make_divisible(static_cast<double>(last_point) * *alpha);
  x = same_conv(b, x, make_divisible(static_cast<double>(*last_channels) * 6), false, "Conv_1");
  x = activate(b, batch_norm(b, x, "Conv_1/BatchNorm"), style.hard_swish);
  if (args.include_top) {
    x = b.apply("GlobalAveragePooling2D", {{"keepdims", true}}, x);
    x = activate(b, same_conv(b, x, last_point, true, "Conv_2"), style.hard_swish);
    if (*dropout_rate > 0) x = b.apply("Dropout", {{"rate", *dropout_rate}}, x);
    x = same_conv(b, x, args.classes, true, "Logits");
    x = b.apply("Flatten", {}, x);
    std::string activation =
        args.classifier_activation.empty() ? "linear" : args.classifier_activation;
    x = b.apply("Activation", {{"activation", activation}, {"name", "Predictions"}}, x);
  } else {
    x = pool_features(b, args, x, "avg_pool", "max_pool");
  }
  return b.model(model_inputs(b, args, image), x, large ? "MobilenetV3large" : "MobilenetV3small");
}

const std::vector<std::string_view> kV1Parameters = {
    "input_shape", "alpha",        "depth_multiplier", "dropout", "include_top",
    "weights",     "input_tensor", "pooling",          "classes", "classifier_activation"};
const std::vector<std::string_view> kV2Parameters = {
    "input_shape",  "alpha",   "include_top", "weights",
    "input_tensor", "pooling", "classes",     "classifier_activation"};
const std::vector<std::string_view> kV3Parameters = {
    "input_shape",          "alpha",   "minimalistic", "include_top",  "weights",
    "input_tensor",         "classes", "pooling",      "dropout_rate", "classifier_activation",
    "include_preprocessing"};

}  // namespace

std::vector<Application> mobilenet_applications() {
  return {{"MobileNet", mobilenet, kV1Parameters},
          {"MobileNetV2", mobilenet_v2, kV2Parameters},
          {"MobileNetV3Small", mobilenet_v3, kV3Parameters},
          {"MobileNetV3Large", mobilenet_v3, kV3Parameters}};
}

}  // namespace dimsum::python::applications
