// Image preprocessing and augmentation layers. Most keep the image's shape (RandomFlip,
// RandomRotation, RandomZoom, RandomContrast, ... and Keras 3's colour and mixing layers);
// Resizing, CenterCrop and RandomCrop give (height, width); tf.keras 2's RandomHeight and
// RandomWidth leave that size unknown. Images are (batch, height, width, channels), or
// unbatched (height, width, channels); channels_first where Keras 3 allows it.
#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

namespace {

void keep_shape(const LayerCall& call, Outcome& out) { out.outputs = {call.inputs[0]}; }

bool require_image(const LayerCall& call, Outcome& out) {
  size_t rank = call.inputs[0].rank();
  if (rank == 3 || rank == 4) return true;
  return require_rank(call, out, 4, "(batch, height, width, channels)");
}

// The axes of height and width in an image of the input's rank.
std::pair<size_t, size_t> height_width(const LayerCall& call) {
  size_t first = (call.inputs[0].rank() == 4 ? 1 : 0) + (call.config.channels_first() ? 1 : 0);
  return {first, first + 1};
}

// Resizing, CenterCrop and RandomCrop: the output has the configured height and width.
void to_size(const LayerCall& call, Outcome& out) {
  int64_t height = call.config.integer("height");
  int64_t width = call.config.integer("width");
  if (!require_positive(out, "height", {height}) || !require_positive(out, "width", {width}))
    return;
  if (!require_image(call, out)) return;
  Dims dims = call.inputs[0].dims();
  auto [h, w] = height_width(call);
  dims[h] = Dim(height);
  dims[w] = Dim(width);
  out.outputs = {Shape(std::move(dims))};
}

// RandomHeight / RandomWidth resize by a random factor: that size becomes unknown.
template <bool kHeight>
void random_size(const LayerCall& call, Outcome& out) {
  if (!require_image(call, out)) return;
  Dims dims = call.inputs[0].dims();
  auto [h, w] = height_width(call);
  dims[kHeight ? h : w] = Dim::unknown();
  out.outputs = {Shape(std::move(dims))};
}

// Keras 3's Pipeline: its layers, one after the other.
void pipeline(const LayerCall& call, Outcome& out) {
  const json::Value* layers = call.config.raw("layers");
  if (!layers || !layers->is_array()) call.config.fail(layers, "'layers' must be a list of layers");
  std::vector<Shape> current = call.inputs;
  out.params = out.non_trainable_params = out.macs = 0;
  for (const json::Value& layer : layers->items()) {
    if (!layer.is_object() || !layer.find("class_name") || !layer.find("class_name")->is_string())
      call.config.fail(&layer, "each of 'layers' must be a layer with \"class_name\"");
    Outcome step;
    run_nested_layer(layer, current, call.producer, step);
    for (Diagnostic& d : step.diagnostics) out.diagnostics.push_back(std::move(d));
    out.params = sum({out.params, step.params});
    out.non_trainable_params = sum({out.non_trainable_params, step.non_trainable_params});
    out.macs = sum({out.macs, step.macs});
    if (out.failed() || step.outputs.empty() || !step.outputs[0].rank_known()) {
      out.outputs = {Shape::unknown()};
      return;
    }
    current = {step.outputs[0]};
  }
  out.outputs = current;
}

}  // namespace

void register_image_preprocessing_layers(LayerRegistry& registry) {
  for (const char* name : {"Resizing", "CenterCrop", "RandomCrop"}) registry.add(name, to_size);
  registry.add("RandomHeight", random_size<true>);
  registry.add("RandomWidth", random_size<false>);
  registry.add("Pipeline", pipeline);
  for (const char* name : {"RandomFlip",
                           "RandomRotation",
                           "RandomTranslation",
                           "RandomZoom",
                           "RandomContrast",
                           "RandomBrightness",
                           "AutoContrast",
                           "Equalization",
                           "Solarization",
                           "RandomHue",
                           "RandomSaturation",
                           "RandomSharpness",
                           "RandomShear",
                           "RandomGrayscale",
                           "RandomInvert",
                           "RandomPosterization",
                           "RandomColorDegeneration",
                           "RandomColorJitter",
                           "RandomGaussianBlur",
                           "RandomErasing",
                           "RandomPerspective",
                           "RandomElasticTransform",
                           "RandAugment",
                           "AugMix",
                           "CutMix",
                           "MixUp",
                           "MaxNumBoundingBoxes",
                           "ContrastLimitedAdaptiveHistogramEqualization"})
    registry.add(name, keep_shape);
}

}  // namespace dimsum
