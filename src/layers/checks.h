// Checks that many layer families share: Keras' InputSpec (rank), defined sizes, positive
// configuration values. Each adds a diagnostic with its help and returns false when it fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layers/layer.h"

namespace dimsum {

// InputSpec(ndim=rank): `layout` names the axes, "(batch, height, width, channels)".
bool require_rank(const LayerCall& call, Outcome& out, size_t rank, std::string_view layout);
// InputSpec(min_ndim=rank).
bool require_min_rank(const LayerCall& call, Outcome& out, size_t rank, std::string_view layout);
// A size the layer's weights depend on must be known (Dense's last axis, Conv's channels).
bool require_known(const LayerCall& call, Outcome& out, Dim dim, std::string_view what);

// A layer that leads to a call's input.
struct LayerBefore {
  std::string_view name;
  std::string_view class_name;
  LayerConfig config;
};
// The producer, then the layers before it along first inputs, nearest first, at most `count`;
// the walk stops at the model's inputs and nested models.
std::vector<LayerBefore> producer_chain(const Producer& producer, size_t count);
// Every value of a size-like option must be at least 1 (kernel_size, strides, ...).
bool require_positive(Outcome& out, std::string_view key, const std::vector<int64_t>& values);

// "height", "width", ... for spatial axis `i` of `count`.
std::string_view spatial_axis_name(size_t count, size_t i);
// "30x30" or "30" from a list of sizes.
std::string sizes_text(const std::vector<int64_t>& sizes);
// "(28, 28, 1)" from a list of integers, as a user writes a Python tuple.
std::string python_tuple(const std::vector<int64_t>& values);

// Reports an overflowing size or parameter count (sizes near 2^63) instead of wrapping.
void report_overflow(Outcome& out, std::string_view what);

}  // namespace dimsum
