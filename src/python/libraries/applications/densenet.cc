// DenseNet121, DenseNet169 and DenseNet201 (Huang et al. 2017), as tf-keras'
// applications/densenet.py builds them: a 7x7/2 stem and a 3x3/2 max pooling, then four dense
// blocks (each layer concatenates 32 new channels to its input) joined by transitions that halve
// the channels and the size.
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

Value conv(Builder& b, const Value& x, int64_t filters, int64_t kernel, const std::string& name) {
  Kwargs kwargs{{"filters", filters}, {"kernel_size", kernel}};
  if (kernel > 1) kwargs.emplace_back("padding", "same");
  kwargs.emplace_back("use_bias", false);
  kwargs.emplace_back("name", name);
  return b.apply("Conv2D", kwargs, x);
}

// conv_block: a 1x1 bottleneck of 4x the growth rate, then the 3x3 convolution whose 32
// channels are concatenated to the block's input.
Value conv_block(Builder& b, const Value& input, const std::string& name) {
  constexpr int64_t kGrowthRate = 32;
  Value x = relu(b, batch_norm(b, input, name + "_0_bn"), name + "_0_relu");
  x = conv(b, x, 4 * kGrowthRate, 1, name + "_1_conv");
  x = relu(b, batch_norm(b, x, name + "_1_bn"), name + "_1_relu");
  x = conv(b, x, kGrowthRate, 3, name + "_2_conv");
  return b.apply("Concatenate", {{"axis", 3}, {"name", name + "_concat"}},
                 std::vector<Value>{input, x});
}

// transition_block: its 1x1 convolution keeps half the channels it reads from its input's
// shape, then a 2x2/2 average pooling. nullopt when those channels are unknown.
std::optional<Value> transition_block(Builder& b, const Value& input, const std::string& name) {
  Value x = relu(b, batch_norm(b, input, name + "_bn"), name + "_relu");
  std::optional<Dims> shape = b.shape(x);
  if (!shape || shape->size() != 4 || !(*shape)[3].known()) return std::nullopt;
  // int(channels * 0.5)
  x = conv(b, x, (*shape)[3].value() / 2, 1, name + "_conv");
  return b.apply("AveragePooling2D", {{"pool_size", 2}, {"strides", 2}, {"name", name + "_pool"}},
                 x);
}

// The layers of each of the four dense blocks, by model.
struct Depths {
  std::string_view model;
  int64_t blocks[4];
};
constexpr Depths kDepths[] = {
    {"DenseNet121", {6, 12, 24, 16}},
    {"DenseNet169", {6, 12, 32, 32}},
    {"DenseNet201", {6, 12, 48, 32}},
};

Value densenet(Builder& b, const Arguments& args, std::string_view model) {
  const Depths* depths = nullptr;
  for (const Depths& d : kDepths)
    if (d.model == model) depths = &d;
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  InputShape input = obtain_input_shape(args, 224, 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  Value x =
      b.apply("ZeroPadding2D", {{"padding", Arg::tuple({pair(3).value, pair(3).value})}}, image);
  x = b.apply("Conv2D",
              {{"filters", 64},
               {"kernel_size", 7},
               {"strides", 2},
               {"use_bias", false},
               {"name", "conv1/conv"}},
              x);
  x = relu(b, batch_norm(b, x, "conv1/bn"), "conv1/relu");
  x = b.apply("ZeroPadding2D", {{"padding", Arg::tuple({pair(1).value, pair(1).value})}}, x);
  x = b.apply("MaxPooling2D", {{"pool_size", 3}, {"strides", 2}, {"name", "pool1"}}, x);
  for (int s = 0; s < 4; ++s) {
    for (int64_t i = 1; i <= depths->blocks[s]; ++i)
      x = conv_block(b, x, fmt::format("conv{}_block{}", s + 2, i));
    if (s == 3) break;
    std::optional<Value> pooled = transition_block(b, x, fmt::format("pool{}", s + 2));
    if (!pooled) return b.unfollowed("the channels of its input are not known");
    x = *pooled;
  }
  x = relu(b, batch_norm(b, x, "bn"), "relu");
  x = average_pool_top(b, args, x, {});
  if (!x.known()) return x;
  return b.model(model_inputs(b, args, image), x, lowercase(model));
}

}  // namespace

std::vector<Application> densenet_applications() {
  std::vector<Application> list;
  for (const Depths& d : kDepths) list.push_back({d.model, densenet, kCommonParameters});
  return list;
}

}  // namespace dimsum::python::applications
