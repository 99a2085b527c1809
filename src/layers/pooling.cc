// Pooling: Max/Average Pooling 1D/2D/3D, the global poolings (keepdims) and Keras 3's adaptive
// poolings (a fixed output_size whatever the input's).
#include "layers/checks.h"
#include "layers/spatial.h"

namespace dimsum {

namespace {

// Max and average pooling share one shape rule: a window of pool_size, strides defaulting to
// pool_size (Keras' Pooling base class), no weights.
template <size_t N>
void pooling(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  auto pool = config.ints("pool_size", N, 2);
  auto strides = config.has("strides") ? config.ints("strides", N) : pool;
  Padding padding = config.padding(/*allow_causal=*/false);
  SpatialLayout layout{N, config.channels_first()};
  if (!require_positive(out, "pool_size", pool) || !require_positive(out, "strides", strides))
    return;
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  std::vector<Window> windows;
  for (size_t i = 0; i < N; ++i) windows.push_back({pool[i], strides[i], 1, padding});
  auto spatial = slide_windows(call, out, layout, windows, "pool");
  if (!spatial) return;
  const Shape& in = call.inputs[0];
  out.outputs = {spatial_shape(layout, in[0], *spatial, in[layout.channel_axis()])};
}

template <size_t N>
void global_pooling(const LayerCall& call, Outcome& out) {
  SpatialLayout layout{N, call.config.channels_first()};
  bool keepdims = call.config.boolean("keepdims", false);
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  const Shape& in = call.inputs[0];
  Dim channels = in[layout.channel_axis()];
  if (!keepdims) {
    out.outputs = {Shape({in[0], channels})};
    return;
  }
  out.outputs = {spatial_shape(layout, in[0], Dims(N, Dim(1)), channels)};
}

template <size_t N>
void adaptive_pooling(const LayerCall& call, Outcome& out) {
  auto size = call.config.ints("output_size", N);
  if (!require_positive(out, "output_size", size)) return;
  SpatialLayout layout{N, call.config.channels_first()};
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  const Shape& in = call.inputs[0];
  Dims spatial;
  for (int64_t s : size) spatial.push_back(Dim(s));
  out.outputs = {spatial_shape(layout, in[0], spatial, in[layout.channel_axis()])};
}

}  // namespace

void register_pooling_layers(LayerRegistry& registry) {
  for (const char* name : {"MaxPooling1D", "MaxPool1D", "AveragePooling1D", "AvgPool1D"})
    registry.add(name, pooling<1>);
  for (const char* name : {"MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D"})
    registry.add(name, pooling<2>);
  for (const char* name : {"MaxPooling3D", "MaxPool3D", "AveragePooling3D", "AvgPool3D"})
    registry.add(name, pooling<3>);
  for (const char* name :
       {"GlobalMaxPooling1D", "GlobalMaxPool1D", "GlobalAveragePooling1D", "GlobalAvgPool1D"})
    registry.add(name, global_pooling<1>);
  for (const char* name :
       {"GlobalMaxPooling2D", "GlobalMaxPool2D", "GlobalAveragePooling2D", "GlobalAvgPool2D"})
    registry.add(name, global_pooling<2>);
  for (const char* name :
       {"GlobalMaxPooling3D", "GlobalMaxPool3D", "GlobalAveragePooling3D", "GlobalAvgPool3D"})
    registry.add(name, global_pooling<3>);
  for (const char* name : {"AdaptiveAveragePooling1D", "AdaptiveMaxPooling1D"})
    registry.add(name, adaptive_pooling<1>);
  for (const char* name : {"AdaptiveAveragePooling2D", "AdaptiveMaxPooling2D"})
    registry.add(name, adaptive_pooling<2>);
  for (const char* name : {"AdaptiveAveragePooling3D", "AdaptiveMaxPooling3D"})
    registry.add(name, adaptive_pooling<3>);
}

}  // namespace dimsum
