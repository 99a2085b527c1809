// NASNetMobile and NASNetLarge (Zoph et al. 2018, NASNet-A), as tf-keras' applications/nasnet.py
// builds them: a stem convolution, two reduction cells, then three groups of normal cells
// separated by reduction cells. Each cell takes the two previous cells' outputs (ip and p),
// adjusting p to ip's size and width first.
#include <fmt/format.h>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

// The NASNet functions take input_shape= first.
const std::vector<std::string_view> kParameters = {"input_shape",          "include_top", "weights",
                                                   "input_tensor",         "pooling",     "classes",
                                                   "classifier_activation"};

// The cells of one NASNet; `lost` is set when a shape the cells read is one dimsum cannot
// tell.
struct Cells {
  Builder& b;
  bool lost = false;

  Value bn(const Value& x, const std::string& name) {
    return b.apply("BatchNormalization",
                   {{"axis", -1}, {"momentum", 0.9997}, {"epsilon", 1e-3}, {"name", name}}, x);
  }
  Value relu(const Value& x, std::string name = "") {
    Kwargs kwargs{{"activation", "relu"}};
    if (!name.empty()) kwargs.emplace_back("name", std::move(name));
    return b.apply("Activation", kwargs, x);
  }
  Value conv1x1(const Value& x, int64_t filters, const std::string& name) {
    return b.apply("Conv2D",
                   {{"filters", filters},
                    {"kernel_size", pair(1)},
                    {"strides", pair(1)},
                    {"padding", "same"},
                    {"use_bias", false},
                    {"name", name}},
                   x);
  }
  Value add(std::vector<Value> inputs, std::string name = "") {
    Kwargs kwargs;
    if (!name.empty()) kwargs.emplace_back("name", std::move(name));
    return b.apply("Add", kwargs, std::move(inputs));
  }
  Value pool(const char* class_name, const Value& x, int64_t size, int64_t strides,
             const char* padding, const std::string& name) {
    return b.apply(class_name,
                   {{"pool_size", pair(size)},
                    {"strides", pair(strides)},
                    {"padding", padding},
                    {"name", name}},
                   x);
  }

  // _separable_conv_block: twice ReLU, SeparableConv2D, BatchNormalization; a stride of 2
  // pads first (correct_pad) and convolves "valid".
  Value separable(const Value& ip, int64_t filters, int64_t kernel, int64_t strides,
                  const std::string& id) {
    Value x = relu(ip);
    const char* padding = "same";
    if (strides == 2) {
      x = b.apply(
          "ZeroPadding2D",
          {{"padding", correct_pad(b.shape(x), kernel)}, {"name", "separable_conv_1_pad_" + id}},
          x);
      padding = "valid";
    }
    for (int i = 1; i <= 2; ++i) {
      if (i == 2) x = relu(x);
      x = b.apply("SeparableConv2D",
                  {{"filters", filters},
                   {"kernel_size", pair(kernel)},
                   {"strides", pair(i == 1 ? strides : 1)},
                   {"name", fmt::format("separable_conv_{}_{}", i, id)},
                   {"padding", i == 1 ? padding : "same"},
                   {"use_bias", false}},
                  x);
      x = bn(x, fmt::format("separable_conv_{}_bn_{}", i, id));
    }
    return x;
  }

  // Python's `a != b` on two sizes of int_shape (None for an unknown one).
  static bool differ(const Dim& a, const Dim& b) {
    if (a.known() != b.known()) return true;
    return a.known() && a.value() != b.value();
  }

  // _adjust_block: p made to match ip, halved by two offset 1x1 strided paths when its size
  // differs, or projected by a 1x1 convolution when only its width does.
  Value adjust(Value p, const Value& ip, int64_t filters, const std::string& id) {
    if (p.kind == Kind::kNone) return ip;
    std::optional<Dims> ip_shape = b.shape(ip), p_shape = b.shape(p);
    if (!ip_shape || !p_shape || ip_shape->size() != 4 || p_shape->size() != 4) {
      lost = true;
      return p;
    }
    if (differ((*p_shape)[2], (*ip_shape)[2])) {
      p = relu(p, "adjust_relu_1_" + id);
      Value p1 = pool("AveragePooling2D", p, 1, 2, "valid", "adjust_avg_pool_1_" + id);
      p1 = conv1x1(p1, filters / 2, "adjust_conv_1_" + id);
      Value p2 = b.apply("ZeroPadding2D",
                         {{"padding", Arg::tuple({Arg({0, 1}).value, Arg({0, 1}).value})}}, p);
      p2 = b.apply("Cropping2D", {{"cropping", Arg::tuple({Arg({1, 0}).value, Arg({1, 0}).value})}},
                   p2);
      p2 = pool("AveragePooling2D", p2, 1, 2, "valid", "adjust_avg_pool_2_" + id);
      p2 = conv1x1(p2, filters / 2, "adjust_conv_2_" + id);
      p = b.apply("Concatenate", {{"axis", -1}}, {p1, p2});
      return bn(p, "adjust_bn_" + id);
    }
    if (differ(p_shape->back(), Dim(filters))) {
      p = relu(p);
      p = conv1x1(p, filters, "adjust_conv_projection_" + id);
      return bn(p, "adjust_bn_" + id);
    }
    return p;
  }

  // _normal_a_cell: five pairs of operations on ip (through a 1x1 convolution: h) and p,
  // concatenated with p. Returns the cell's output; its `p` for the next cell is ip.
  Value normal(const Value& ip, Value p, int64_t filters, const std::string& block) {
    p = adjust(p, ip, filters, block);
    Value h = relu(ip);
    h = conv1x1(h, filters, "normal_conv_1_" + block);
    h = bn(h, "normal_bn_1_" + block);
    Value x1 = add({separable(h, filters, 5, 1, "normal_left1_" + block),
                    separable(p, filters, 3, 1, "normal_right1_" + block)},
                   "normal_add_1_" + block);
    Value x2 = add({separable(p, filters, 5, 1, "normal_left2_" + block),
                    separable(p, filters, 3, 1, "normal_right2_" + block)},
                   "normal_add_2_" + block);
    Value x3 = add({pool("AveragePooling2D", h, 3, 1, "same", "normal_left3_" + block), p},
                   "normal_add_3_" + block);
    Value x4 = add({pool("AveragePooling2D", p, 3, 1, "same", "normal_left4_" + block),
                    pool("AveragePooling2D", p, 3, 1, "same", "normal_right4_" + block)},
                   "normal_add_4_" + block);
    Value x5 =
        add({separable(h, filters, 3, 1, "normal_left5_" + block), h}, "normal_add_5_" + block);
    return b.apply("Concatenate", {{"axis", -1}, {"name", "normal_concat_" + block}},
                   {p, x1, x2, x3, x4, x5});
  }

  // _reduction_a_cell: the same scheme with stride-2 operations, halving the size. Returns
  // the cell's output; its `p` for the next cell is ip.
  Value reduction(const Value& ip, Value p, int64_t filters, const std::string& block) {
    p = adjust(p, ip, filters, block);
    Value h = relu(ip);
    h = conv1x1(h, filters, "reduction_conv_1_" + block);
    h = bn(h, "reduction_bn_1_" + block);
    Value h3 =
        b.apply("ZeroPadding2D",
                {{"padding", correct_pad(b.shape(h), 3)}, {"name", "reduction_pad_1_" + block}}, h);
    Value x1 = add({separable(h, filters, 5, 2, "reduction_left1_" + block),
                    separable(p, filters, 7, 2, "reduction_right1_" + block)},
                   "reduction_add_1_" + block);
    Value x2_1 = pool("MaxPooling2D", h3, 3, 2, "valid", "reduction_left2_" + block);
    Value x2 = add({x2_1, separable(p, filters, 7, 2, "reduction_right2_" + block)},
                   "reduction_add_2_" + block);
    Value x3_1 = pool("AveragePooling2D", h3, 3, 2, "valid", "reduction_left3_" + block);
    Value x3 = add({x3_1, separable(p, filters, 5, 2, "reduction_right3_" + block)},
                   "reduction_add3_" + block);
    Value x4 = add({x2, pool("AveragePooling2D", x1, 3, 1, "same", "reduction_left4_" + block)});
    Value x5_1 = separable(x1, filters, 3, 1, "reduction_left4_" + block);
    Value x5_2 = pool("MaxPooling2D", h3, 3, 2, "valid", "reduction_right5_" + block);
    Value x5 = add({x5_1, x5_2}, "reduction_add4_" + block);
    return b.apply("Concatenate", {{"axis", -1}, {"name", "reduction_concat_" + block}},
                   {x2, x3, x4, x5});
  }
};

// One NASNet: the width before the classifier (penultimate_filters), the normal cells of each
// group, the stem's width, whether a reduction cell's input skips past it.
struct Variant {
  int64_t penultimate_filters;
  int num_blocks;
  int64_t stem_filters;
  bool skip_reduction;
  int64_t default_size;
};

Value nasnet(Builder& b, const Arguments& args, std::string_view model) {
  const Variant v =
      model == "NASNetLarge" ? Variant{4032, 6, 96, true, 331} : Variant{1056, 4, 32, false, 224};
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  // A tuple input_shape= with a None size cannot take the ImageNet weights.
  const Value* given = b.argument("input_shape");
  if (given && given->kind == Kind::kTuple && args.weights == "imagenet" && args.input_shape)
    for (const Dim& d : *args.input_shape)
      if (!d.specified())
        return b.reject(
            {"with weights=\"imagenet\", NASNet's input_shape must give every size "
             "(no None)",
             "give the height and width of the images, or pass weights=None"});
  InputShape input = obtain_input_shape(args, v.default_size, 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  std::optional<Dims> image_shape = b.shape(image);
  const int64_t filters = v.penultimate_filters / 24;
  Cells cells{b};
  Value x = b.apply("Conv2D",
                    {{"filters", v.stem_filters},
                     {"kernel_size", pair(3)},
                     {"strides", pair(2)},
                     {"padding", "valid"},
                     {"use_bias", false},
                     {"name", "stem_conv1"}},
                    image);
  x = cells.bn(x, "stem_bn1");
  Value p = none(0);
  auto reduce = [&](int64_t width, const std::string& block) {
    Value out = cells.reduction(x, p, width, block);
    p = x;
    x = out;
  };
  auto normal = [&](int64_t width, const std::string& block) {
    Value out = cells.normal(x, p, width, block);
    p = x;
    x = out;
  };
  reduce(filters / 4, "stem_1");
  reduce(filters / 2, "stem_2");
  int64_t width = filters;
  for (int group = 0; group < 3; ++group) {
    if (group > 0) {
      // With skip_reduction the cells after a reduction keep its input's p.
      Value before = p;
      width *= 2;
      reduce(width, fmt::format("reduce_{}", group * v.num_blocks));
      if (v.skip_reduction) p = before;
    }
    for (int i = 0; i < v.num_blocks; ++i)
      normal(width, std::to_string(group * v.num_blocks + i + (group > 0 ? 1 : 0)));
  }
  if (cells.lost) return b.unfollowed("the shape of a cell's input is one dimsum cannot tell");
  x = cells.relu(x);
  x = average_pool_top(b, args, x, {"", "", ""});
  if (!x.known()) return x;
  // Without a height and width the cells adjust their inputs differently (_adjust_block compares
  // None with None), so the ImageNet weights no longer fit the layers: Keras fails to load them
  // once built.
  if (args.weights == "imagenet")
    if (image_shape && image_shape->size() == 4)
      if (!(*image_shape)[1].specified() || !(*image_shape)[2].specified())
        return b.reject(
            {"NASNet's ImageNet weights fit only a model built for a known image "
             "size; without one its cells are built differently and Keras fails to "
             "load the weights (a layer count mismatch)",
             fmt::format("pass input_shape= with the height and width of the images, "
                         "such as ({0}, {0}, 3), or pass weights=None",
                         v.default_size)});
  return b.model(model_inputs(b, args, image), x, "NASNet");
}

}  // namespace

std::vector<Application> nasnet_applications() {
  return {{"NASNetMobile", nasnet, kParameters}, {"NASNetLarge", nasnet, kParameters}};
}

}  // namespace dimsum::python::applications
