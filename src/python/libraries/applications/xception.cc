// Xception (Chollet 2017), as tf-keras' applications/xception.py builds it: an entry flow of two
// plain convolutions and three strided blocks with projection shortcuts, a middle flow of eight
// residual blocks of three separable convolutions, and an exit flow.
#include <fmt/format.h>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

// BatchNormalization(axis=-1), named or (name empty) unnamed as Keras leaves the shortcuts'.
Value batch_norm(Builder& b, const Value& x, const std::string& name) {
  Kwargs kwargs{{"axis", -1}};
  if (!name.empty()) kwargs.emplace_back("name", name);
  return b.apply("BatchNormalization", kwargs, x);
}

Value relu(Builder& b, const Value& x, const std::string& name) {
  return b.apply("Activation", {{"activation", "relu"}, {"name", name}}, x);
}

// A 3x3 "same" separable convolution without bias, and its batch normalization.
Value separable(Builder& b, const Value& x, int64_t filters, const std::string& name) {
  Value y = b.apply("SeparableConv2D",
                    {{"filters", filters},
                     {"kernel_size", pair(3)},
                     {"padding", "same"},
                     {"use_bias", false},
                     {"name", name}},
                    x);
  return batch_norm(b, y, name + "_bn");
}

// A strided block (block2, 3, 4 and 13): the shortcut is an unnamed 1x1/2 convolution and batch
// normalization, made first; two separable convolutions and a 3x3/2 max pooling, added to it.
// block2 starts without an activation (its input is already activated).
Value strided_block(Builder& b, const Value& input, int block, int64_t filters1, int64_t filters2) {
  Value residual = b.apply("Conv2D",
                           {{"filters", filters2},
                            {"kernel_size", pair(1)},
                            {"strides", pair(2)},
                            {"padding", "same"},
                            {"use_bias", false}},
                           input);
  residual = batch_norm(b, residual, "");
  std::string prefix = fmt::format("block{}_sepconv", block);
  Value x = input;
  if (block != 2) x = relu(b, x, prefix + "1_act");
  x = relu(b, separable(b, x, filters1, prefix + "1"), prefix + "2_act");
  x = separable(b, x, filters2, prefix + "2");
  x = b.apply("MaxPooling2D",
              {{"pool_size", pair(3)},
               {"strides", pair(2)},
               {"padding", "same"},
               {"name", fmt::format("block{}_pool", block)}},
              x);
  return b.apply("Add", {}, std::vector<Value>{x, residual});
}

// A middle-flow block (block5..block12): three activated separable convolutions of 728, added to
// the input.
Value middle_block(Builder& b, const Value& input, int block) {
  Value x = input;
  for (int i = 1; i <= 3; ++i) {
    std::string name = fmt::format("block{}_sepconv{}", block, i);
    x = separable(b, relu(b, x, name + "_act"), 728, name);
  }
  return b.apply("Add", {}, std::vector<Value>{x, input});
}

Value xception(Builder& b, const Arguments& args, std::string_view) {
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  InputShape input = obtain_input_shape(args, 299, 71, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  Value x = b.apply("Conv2D",
                    {{"filters", 32},
                     {"kernel_size", pair(3)},
                     {"strides", pair(2)},
                     {"use_bias", false},
                     {"name", "block1_conv1"}},
                    image);
  x = relu(b, batch_norm(b, x, "block1_conv1_bn"), "block1_conv1_act");
  x = b.apply(
      "Conv2D",
      {{"filters", 64}, {"kernel_size", pair(3)}, {"use_bias", false}, {"name", "block1_conv2"}},
      x);
  x = relu(b, batch_norm(b, x, "block1_conv2_bn"), "block1_conv2_act");
  x = strided_block(b, x, 2, 128, 128);
  x = strided_block(b, x, 3, 256, 256);
  x = strided_block(b, x, 4, 728, 728);
  for (int block = 5; block <= 12; ++block) x = middle_block(b, x, block);
  x = strided_block(b, x, 13, 728, 1024);
  x = relu(b, separable(b, x, 1536, "block14_sepconv1"), "block14_sepconv1_act");
  x = relu(b, separable(b, x, 2048, "block14_sepconv2"), "block14_sepconv2_act");
  x = average_pool_top(b, args, x, {"avg_pool", "", ""});
  if (!x.known()) return x;
  return b.model(model_inputs(b, args, image), x, "xception");
}

}  // namespace

std::vector<Application> xception_applications() {
  return {{"Xception", xception, kCommonParameters}};
}

}  // namespace dimsum::python::applications
