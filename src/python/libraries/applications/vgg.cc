// VGG16 and VGG19 (Simonyan & Zisserman 2014), as tf-keras' applications/vgg16.py and vgg19.py
// build them: five blocks of 3x3 "same" convolutions, each ending in a 2x2 max pooling.
#include <fmt/format.h>

#include "python/libraries/applications/families.h"

namespace dimsum::python::applications {

namespace {

Value vgg(Builder& b, const Arguments& args, std::string_view model) {
  // The convolutions of each block: VGG19 has one more in each of the last three.
  bool deep = model == "VGG19";
  const int64_t convolutions[] = {2, 2, deep ? 4 : 3, deep ? 4 : 3, deep ? 4 : 3};
  const int64_t filters[] = {64, 128, 256, 512, 512};
  if (auto rejected = check_weights(args)) return b.reject(*rejected);
  InputShape input = obtain_input_shape(args, 224, 32, args.include_top);
  if (input.rejected) return b.reject(*input.rejected);
  Value image = image_input(b, args, *input.shape);
  Value x = image;
  for (int block = 1; block <= 5; ++block) {
    for (int64_t i = 1; i <= convolutions[block - 1]; ++i)
      x = b.apply("Conv2D",
                  {{"filters", filters[block - 1]},
                   {"kernel_size", pair(3)},
                   {"activation", "relu"},
                   {"padding", "same"},
                   {"name", fmt::format("block{}_conv{}", block, i)}},
                  x);
    x = b.apply("MaxPooling2D",
                {{"pool_size", pair(2)},
                 {"strides", pair(2)},
                 {"name", fmt::format("block{}_pool", block)}},
                x);
  }
  if (args.include_top) {
    if (auto rejected = check_classifier_activation(args)) return b.reject(*rejected);
    x = b.apply("Flatten", {{"name", "flatten"}}, x);
    x = b.apply("Dense", {{"units", 4096}, {"activation", "relu"}, {"name", "fc1"}}, x);
    x = b.apply("Dense", {{"units", 4096}, {"activation", "relu"}, {"name", "fc2"}}, x);
    x = classifier(b, args, x);
  } else {
    x = pool_features(b, args, x, "", "");
  }
  return b.model(model_inputs(b, args, image), x, deep ? "vgg19" : "vgg16");
}

}  // namespace

std::vector<Application> vgg_applications() {
  return {{"VGG16", vgg, kCommonParameters}, {"VGG19", vgg, kCommonParameters}};
}

}  // namespace dimsum::python::applications
