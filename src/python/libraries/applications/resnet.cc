// ResNet50/101/152 (He et al. 2015) and ResNet50V2/101V2/152V2 (He et al. 2016, pre-activation),
// as tf-keras' applications/resnet.py and resnet_v2.py build them: a 7x7/2 stem, a 3x3/2 max
// pooling, then four stacks of bottleneck blocks (1x1, 3x3, 1x1 with 4x the filters) named
// conv2..conv5.
#include <fmt/format.h>

#include <cctype>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

Value batch_norm(Builder& b, const Value& x, const std::string& name) {
  return b.apply("BatchNormalization", {{"axis", 3}, {"epsilon", 1.001e-5}, {"name", name}}, x);
}

Value relu(Builder& b, const Value& x, const std::string& name) {
  return b.apply("Activation", {{"activation", "relu"}, {"name", name}}, x);
}

Value conv(Builder& b, const Value& x, int64_t filters, int64_t kernel, int64_t stride,
           bool use_bias, const std::string& name) {
  Kwargs kwargs{{"filters", filters}, {"kernel_size", kernel}, {"strides", stride}};
  if (!use_bias) kwargs.emplace_back("use_bias", false);
  kwargs.emplace_back("name", name);
  return b.apply("Conv2D", kwargs, x);
}

// resnet.py's block1: the post-activation bottleneck, with a projection shortcut (a 1x1
// convolution and its batch normalization) when the block changes the shape.
Value block1(Builder& b, const Value& input, int64_t filters, int64_t stride, bool conv_shortcut,
             const std::string& name) {
  Value shortcut = input;
  if (conv_shortcut)
    shortcut = batch_norm(b, conv(b, input, 4 * filters, 1, stride, true, name + "_0_conv"),
                          name + "_0_bn");
  Value x = conv(b, input, filters, 1, stride, true, name + "_1_conv");
  x = relu(b, batch_norm(b, x, name + "_1_bn"), name + "_1_relu");
  x = b.apply(
      "Conv2D",
      {{"filters", filters}, {"kernel_size", 3}, {"padding", "SAME"}, {"name", name + "_2_conv"}},
      x);
  x = relu(b, batch_norm(b, x, name + "_2_bn"), name + "_2_relu");
  x = batch_norm(b, conv(b, x, 4 * filters, 1, 1, true, name + "_3_conv"), name + "_3_bn");
  x = b.apply("Add", {{"name", name + "_add"}}, std::vector<Value>{shortcut, x});
  return relu(b, x, name + "_out");
}

// resnet.py's block2: the pre-activation bottleneck of ResNetV2. Its shortcut is a 1x1
// convolution of the activated input in a stack's first block; a strided block (a stack's
// last) subsamples the identity with an unnamed 1x1 max pooling.
Value block2(Builder& b, const Value& input, int64_t filters, int64_t stride, bool conv_shortcut,
             const std::string& name) {
  Value preact = relu(b, batch_norm(b, input, name + "_preact_bn"), name + "_preact_relu");
  Value shortcut = input;
  if (conv_shortcut)
    shortcut = conv(b, preact, 4 * filters, 1, stride, true, name + "_0_conv");
  else if (stride > 1)
    shortcut = b.apply("MaxPooling2D", {{"pool_size", 1}, {"strides", stride}}, input);
  Value x = conv(b, preact, filters, 1, 1, false, name + "_1_conv");
  x = relu(b, batch_norm(b, x, name + "_1_bn"), name + "_1_relu");
  x = b.apply("ZeroPadding2D",
              {{"padding", Arg::tuple({pair(1).value, pair(1).value})}, {"name", name + "_2_pad"}},
              x);
  x = conv(b, x, filters, 3, stride, false, name + "_2_conv");
  x = relu(b, batch_norm(b, x, name + "_2_bn"), name + "_2_relu");
  x = conv(b, x, 4 * filters, 1, 1, true, name + "_3_conv");
  return b.apply("Add", {{"name", name + "_out"}}, std::vector<Value>{shortcut, x});
}

// The blocks of each of the four stacks (conv2..conv5), by model.
struct Depths {
  std::string_view model;
  int64_t blocks[4];
};
constexpr Depths kDepths[] = {
    {"ResNet50", {3, 4, 6, 3}},   {"ResNet101", {3, 4, 23, 3}},   {"ResNet152", {3, 8, 36, 3}},
    {"ResNet50V2", {3, 4, 6, 3}}, {"ResNet101V2", {3, 4, 23, 3}}, {"ResNet152V2", {3, 8, 36, 3}},
};

// stack1 (ResNet): the first block of a stack projects and strides (but conv2's, after the
// pooling, does not stride). stack2 (ResNetV2): the first block projects, the last strides (all
// but conv5's).
Value stacks(Builder& b, Value x, const int64_t (&blocks)[4], bool preact) {
  const int64_t filters[] = {64, 128, 256, 512};
  for (int s = 0; s < 4; ++s) {
    for (int64_t i = 1; i <= blocks[s]; ++i) {
      std::string name = fmt::format("conv{}_block{}", s + 2, i);
      if (!preact)
        x = block1(b, x, filters[s], i == 1 && s > 0 ? 2 : 1, i == 1, name);
      else
        x = block2(b, x, filters[s], i == blocks[s] && s < 3 ? 2 : 1, i == 1, name);
    }
  }
  return x;
}

Value resnet(Builder& b, const Arguments& args, std::string_view model) {
  const Depths* depths = nullptr;
  for (const Depths& d : kDepths)
    if (d.model == model) depths = &d;
  bool preact = model.ends_with("V2");
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  InputShape input = obtain_input_shape(args, 224, 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  Value x = b.apply(
      "ZeroPadding2D",
      {{"padding", Arg::tuple({pair(3).value, pair(3).value})}, {"name", "conv1_pad"}}, image);
  x = conv(b, x, 64, 7, 2, true, "conv1_conv");
  if (!preact) x = relu(b, batch_norm(b, x, "conv1_bn"), "conv1_relu");
  x = b.apply("ZeroPadding2D",
              {{"padding", Arg::tuple({pair(1).value, pair(1).value})}, {"name", "pool1_pad"}}, x);
  x = b.apply("MaxPooling2D", {{"pool_size", 3}, {"strides", 2}, {"name", "pool1_pool"}}, x);
  x = stacks(b, x, depths->blocks, preact);
  if (preact) x = relu(b, batch_norm(b, x, "post_bn"), "post_relu");
  x = average_pool_top(b, args, x, {});
  if (!x.known()) return x;
  return b.model(model_inputs(b, args, image), x, lowercase(model));
}

}  // namespace

std::vector<Application> resnet_applications() {
  std::vector<Application> list;
  for (const Depths& d : kDepths) list.push_back({d.model, resnet, kCommonParameters});
  return list;
}

}  // namespace dimsum::python::applications
