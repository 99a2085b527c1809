// What convolution and pooling layers share: where the spatial axes and the channel axis sit
// for a data_format, and sliding windows over every spatial axis.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "layers/layer.h"

namespace dimsum {

struct SpatialLayout {
  size_t spatial_count = 2;
  bool channels_first = false;

  size_t rank() const { return spatial_count + 2; }
  size_t spatial_axis(size_t i) const { return (channels_first ? 2 : 1) + i; }
  size_t channel_axis() const { return channels_first ? 1 : spatial_count + 1; }
  // "(batch, height, width, channels)" for messages.
  std::string layout_text() const;
};

// Slides `windows[i]` over spatial axis i of the first input. Reports a size that vanishes (to 0
// or less) with the arithmetic and help; `what` is "kernel" or "pool". Records axis maps.
// Returns the output's spatial sizes, or nullopt after reporting an error.
std::optional<Dims> slide_windows(const LayerCall& call, Outcome& out, const SpatialLayout& layout,
                                  const std::vector<Window>& windows, std::string_view what);

// What every convolution reads and validates before it looks at its input (Keras' BaseConv
// __init__): kernel_size, strides and dilation_rate, each at least 1, padding and data_format.
struct ConvSettings {
  std::vector<int64_t> kernel, strides, dilation;
  Padding padding = Padding::kValid;
  SpatialLayout layout;

  std::vector<Window> windows() const;
  // The number of weights one kernel has per input and output channel; nullopt on overflow.
  std::optional<int64_t> kernel_elements() const;
};

// The settings of an `n`-dimensional convolution, as written (a malformed value is a ConfigError).
ConvSettings read_conv_settings(const LayerConfig& config, size_t n, bool allow_causal);

// kernel_size, strides and dilation_rate of at least 1; false after reporting the first that is
// not.
bool require_positive_settings(Outcome& out, const ConvSettings& settings);

// Keras' convolutions refuse strides > 1 together with dilation_rate > 1; false after reporting.
bool require_strides_or_dilation(Outcome& out, const ConvSettings& settings);

// Builds a full shape from the batch size, spatial sizes and channel count for a layout.
Shape spatial_shape(const SpatialLayout& layout, Dim batch, const Dims& spatial, Dim channels);

}  // namespace dimsum
