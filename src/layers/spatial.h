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
std::optional<std::vector<Dim>> slide_windows(const LayerCall& call, Outcome& out,
                                              const SpatialLayout& layout,
                                              const std::vector<Window>& windows,
                                              std::string_view what);

// Builds a full shape from the batch size, spatial sizes and channel count for a layout.
Shape spatial_shape(const SpatialLayout& layout, Dim batch, const std::vector<Dim>& spatial,
                    Dim channels);

}  // namespace dimsum
