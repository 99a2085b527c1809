// Image operations: tf.image.resize.
#include <fmt/format.h>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

Result resize(const Dims& images, int64_t height, int64_t width) {
  if (images.size() != 3 && images.size() != 4)
    return Result::fail(Fault::kRank,
                        fmt::format("images {} have rank {}: tf.image.resize takes rank 3 "
                                    "(height, width, channels) or 4 (batch first)",
                                    shape_text(images), images.size()));
  if (height <= 0 || width <= 0)
    return Result::fail(Fault::kArgument,
                        fmt::format("the size ({}, {}) must be positive", height, width));
  Dims out = images;
  out[images.size() - 3] = Dim(height);
  out[images.size() - 2] = Dim(width);
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
