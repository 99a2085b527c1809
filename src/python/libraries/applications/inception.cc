// InceptionV3 (Szegedy et al. 2015) and InceptionResNetV2 (Szegedy et al. 2016), as tf-keras'
// applications/inception_v3.py and inception_resnet_v2.py build them: a stem of plain
// convolutions, then modules of parallel branches joined by concatenation (InceptionResNetV2's
// added back to their input, scaled).
#include <fmt/format.h>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

// conv2d_bn of both files: a convolution without bias, a batch normalization without scale, a
// ReLU. InceptionV3 leaves all three unnamed; InceptionResNetV2 names them NAME, NAME_bn and
// NAME_ac when it names the block.
struct ConvBn {
  int64_t filters;
  int64_t rows, cols;
  int64_t strides = 1;
  bool valid = false;  // padding="valid" instead of "same"
};

Value conv2d_bn(Builder& b, const Value& x, const ConvBn& c, const std::string& name = "") {
  Kwargs conv{{"filters", c.filters},
              {"kernel_size", Arg({c.rows, c.cols})},
              {"strides", pair(c.strides)},
              {"padding", c.valid ? "valid" : "same"},
              {"use_bias", false}};
  Kwargs norm{{"axis", 3}, {"scale", false}};
  Kwargs activation{{"activation", "relu"}};
  if (!name.empty()) {
    conv.emplace_back("name", name);
    norm.emplace_back("name", name + "_bn");
    activation.emplace_back("name", name + "_ac");
  }
  Value y = b.apply("Conv2D", conv, x);
  y = b.apply("BatchNormalization", norm, y);
  return b.apply("Activation", activation, y);
}

// A chain of conv2d_bn from x: one branch of a module.
Value branch(Builder& b, Value x, std::initializer_list<ConvBn> convs) {
  for (const ConvBn& c : convs) x = conv2d_bn(b, x, c);
  return x;
}

Value max_pool(Builder& b, const Value& x) {
  return b.apply("MaxPooling2D", {{"pool_size", pair(3)}, {"strides", pair(2)}}, x);
}

Value avg_pool_same(Builder& b, const Value& x) {
  return b.apply("AveragePooling2D",
                 {{"pool_size", pair(3)}, {"strides", pair(1)}, {"padding", "same"}}, x);
}

Value concatenate(Builder& b, std::vector<Value> branches, const std::string& name) {
  Kwargs kwargs{{"axis", 3}};
  if (!name.empty()) kwargs.emplace_back("name", name);
  return b.apply("Concatenate", kwargs, std::move(branches));
}

// The stem both share: 3x3/2, 3x3, 3x3 "same", pool, 1x1, 3x3, pool.
Value stem(Builder& b, const Value& image) {
  Value x = branch(b, image, {{32, 3, 3, 2, true}, {32, 3, 3, 1, true}, {64, 3, 3}});
  x = max_pool(b, x);
  x = branch(b, x, {{80, 1, 1, 1, true}, {192, 3, 3, 1, true}});
  return max_pool(b, x);
}

// The checks both start with; the input shape, or why Keras rejects the arguments.
InputShape checked_input(const Arguments& args) {
  if (auto rejected = check_weights(args)) return {std::nullopt, rejected};
  InputShape input = obtain_input_shape(args, 299, 75, args.include_top);
  if (input.rejected || !args.include_top) return input;
  return {input.shape, check_classifier_activation(args)};
}

// --- InceptionV3 ---

// mixed0..mixed2: 1x1, 5x5, double 3x3 and pooled branches; `pool_filters` for the last.
Value module_a(Builder& b, const Value& x, int64_t pool_filters, int index) {
  Value b1 = conv2d_bn(b, x, {64, 1, 1});
  Value b5 = branch(b, x, {{48, 1, 1}, {64, 5, 5}});
  Value b3 = branch(b, x, {{64, 1, 1}, {96, 3, 3}, {96, 3, 3}});
  Value pool = conv2d_bn(b, avg_pool_same(b, x), {pool_filters, 1, 1});
  return concatenate(b, {b1, b5, b3, pool}, fmt::format("mixed{}", index));
}

// mixed4..mixed7: factorized 7x7 branches of `width` channels before their last convolution.
Value module_c(Builder& b, const Value& x, int64_t width, int index) {
  Value b1 = conv2d_bn(b, x, {192, 1, 1});
  Value b7 = branch(b, x, {{width, 1, 1}, {width, 1, 7}, {192, 7, 1}});
  Value b7dbl =
      branch(b, x, {{width, 1, 1}, {width, 7, 1}, {width, 1, 7}, {width, 7, 1}, {192, 1, 7}});
  Value pool = conv2d_bn(b, avg_pool_same(b, x), {192, 1, 1});
  return concatenate(b, {b1, b7, b7dbl, pool}, fmt::format("mixed{}", index));
}

// mixed9 and mixed10: branches that split into a 1x3 and a 3x1 convolution.
Value module_e(Builder& b, const Value& x, int index) {
  Value b1 = conv2d_bn(b, x, {320, 1, 1});
  Value b3 = conv2d_bn(b, x, {384, 1, 1});
  b3 = concatenate(b, {conv2d_bn(b, b3, {384, 1, 3}), conv2d_bn(b, b3, {384, 3, 1})},
                   fmt::format("mixed9_{}", index - 9));
  Value b3dbl = branch(b, x, {{448, 1, 1}, {384, 3, 3}});
  b3dbl = concatenate(b, {conv2d_bn(b, b3dbl, {384, 1, 3}), conv2d_bn(b, b3dbl, {384, 3, 1})}, "");
  Value pool = conv2d_bn(b, avg_pool_same(b, x), {192, 1, 1});
  return concatenate(b, {b1, b3, b3dbl, pool}, fmt::format("mixed{}", index));
}

Value inception_v3(Builder& b, const Arguments& args, std::string_view) {
  InputShape input = checked_input(args);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  Value x = stem(b, image);
  x = module_a(b, x, 32, 0);
  x = module_a(b, x, 64, 1);
  x = module_a(b, x, 64, 2);
  // mixed3: the grid halves
  Value b3 = conv2d_bn(b, x, {384, 3, 3, 2, true});
  Value b3dbl = branch(b, x, {{64, 1, 1}, {96, 3, 3}, {96, 3, 3, 2, true}});
  x = concatenate(b, {b3, b3dbl, max_pool(b, x)}, "mixed3");
  x = module_c(b, x, 128, 4);
  x = module_c(b, x, 160, 5);
  x = module_c(b, x, 160, 6);
  x = module_c(b, x, 192, 7);
  // mixed8: the grid halves again
  b3 = branch(b, x, {{192, 1, 1}, {320, 3, 3, 2, true}});
  Value b7x3 = branch(b, x, {{192, 1, 1}, {192, 1, 7}, {192, 7, 1}, {192, 3, 3, 2, true}});
  x = concatenate(b, {b3, b7x3, max_pool(b, x)}, "mixed8");
  x = module_e(b, x, 9);
  x = module_e(b, x, 10);
  return b.model(model_inputs(b, args, image), average_pool_top(b, args, x, {"avg_pool", "", ""}),
                 "inception_v3");
}

// --- InceptionResNetV2 ---

// inception_resnet_block: the branches of block35, block17 or block8, concatenated, projected
// back to the input's channels by a 1x1 convolution with bias, added to the input scaled by
// CustomScaleLayer, then a ReLU (except in the last block8).
std::optional<Value> residual_block(Builder& b, const Value& x, std::string_view type, int index,
                                    double scale, bool activate) {
  std::vector<Value> branches;
  if (type == "block35") {
    branches = {conv2d_bn(b, x, {32, 1, 1}), branch(b, x, {{32, 1, 1}, {32, 3, 3}}),
                branch(b, x, {{32, 1, 1}, {48, 3, 3}, {64, 3, 3}})};
  } else if (type == "block17") {
    branches = {conv2d_bn(b, x, {192, 1, 1}),
                branch(b, x, {{128, 1, 1}, {160, 1, 7}, {192, 7, 1}})};
  } else {
    branches = {conv2d_bn(b, x, {192, 1, 1}),
                branch(b, x, {{192, 1, 1}, {224, 1, 3}, {256, 3, 1}})};
  }
  std::string name = fmt::format("{}_{}", type, index);
  Value mixed = concatenate(b, std::move(branches), name + "_mixed");
  std::optional<Dims> shape = b.shape(x);
  if (!shape || shape->size() != 4 || !(*shape)[3].known()) return std::nullopt;
  Value up = b.apply("Conv2D",
                     {{"filters", (*shape)[3].value()},
                      {"kernel_size", 1},
                      {"strides", 1},
                      {"padding", "same"},
                      {"use_bias", true},
                      {"name", name + "_conv"}},
                     mixed);
  Value out = b.apply("CustomScaleLayer", {{"scale", scale}}, std::vector<Value>{x, up});
  if (activate) out = b.apply("Activation", {{"activation", "relu"}, {"name", name + "_ac"}}, out);
  return out;
}

Value inception_resnet_v2(Builder& b, const Arguments& args, std::string_view) {
  InputShape input = checked_input(args);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  Value x = stem(b, image);
  // mixed_5b (Inception-A)
  Value b0 = conv2d_bn(b, x, {96, 1, 1});
  Value b1 = branch(b, x, {{48, 1, 1}, {64, 5, 5}});
  Value b2 = branch(b, x, {{64, 1, 1}, {96, 3, 3}, {96, 3, 3}});
  Value pool = conv2d_bn(b, avg_pool_same(b, x), {64, 1, 1});
  x = concatenate(b, {b0, b1, b2, pool}, "mixed_5b");
  // Ten block35 (scale 0.17), mixed_6a, twenty block17 (0.1), mixed_7a, ten block8 (0.2, the
  // last at 1.0 without its activation).
  struct Repeat {
    std::string_view type;
    int count;
    double scale;
  };
  auto repeat = [&](const Repeat& r) -> bool {
    for (int i = 1; i <= r.count; ++i) {
      bool last = r.type == "block8" && i == r.count;
      std::optional<Value> next = residual_block(b, x, r.type, i, last ? 1.0 : r.scale, !last);
      if (!next) return false;
      x = *next;
    }
    return true;
  };
  const char* unknown_channels = "the channels of a block's input are not known";
  if (!repeat({"block35", 10, 0.17})) return b.unfollowed(unknown_channels);
  b0 = conv2d_bn(b, x, {384, 3, 3, 2, true});
  b1 = branch(b, x, {{256, 1, 1}, {256, 3, 3}, {384, 3, 3, 2, true}});
  x = concatenate(b, {b0, b1, max_pool(b, x)}, "mixed_6a");
  if (!repeat({"block17", 20, 0.1})) return b.unfollowed(unknown_channels);
  b0 = branch(b, x, {{256, 1, 1}, {384, 3, 3, 2, true}});
  b1 = branch(b, x, {{256, 1, 1}, {288, 3, 3, 2, true}});
  b2 = branch(b, x, {{256, 1, 1}, {288, 3, 3}, {320, 3, 3, 2, true}});
  x = concatenate(b, {b0, b1, b2, max_pool(b, x)}, "mixed_7a");
  if (!repeat({"block8", 10, 0.2})) return b.unfollowed(unknown_channels);
  x = conv2d_bn(b, x, {1536, 1, 1}, "conv_7b");
  return b.model(model_inputs(b, args, image), average_pool_top(b, args, x, {"avg_pool", "", ""}),
                 "inception_resnet_v2");
}

}  // namespace

std::vector<Application> inception_applications() {
  return {{"InceptionV3", inception_v3, kCommonParameters},
          {"InceptionResNetV2", inception_resnet_v2, kCommonParameters}};
}

}  // namespace dimsum::python::applications
