// The window arithmetic of convolution, pooling and their relatives, in one place.
//
// Keras (keras/src/ops/operation_utils.py, compute_conv_output_shape) sizes a window output as
//   valid:  floor((input - span) / stride) + 1,  span = dilation * (size - 1) + 1
//   same:   ceil(input / stride)
//   causal: ceil(input / stride)   (the input is padded on the left by span - 1)
// Every layer that slides a window calls window_output(); nothing else repeats the formula.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shape/dim.h"

namespace dimsum {

enum class Padding { kValid, kSame, kCausal };

struct Window {
  int64_t size = 1;
  int64_t stride = 1;
  int64_t dilation = 1;
  Padding padding = Padding::kValid;

  // How many input positions one window covers: dilation * (size - 1) + 1; nullopt when that
  // overflows 64 bits.
  std::optional<int64_t> span() const;
};

struct WindowOutput {
  Dim size;                // may be <= 0: the caller reports it
  std::string arithmetic;  // "output height = (20 - 30) / 1 + 1 = -9"; empty if unknown
};

// The output size along one axis; nullopt when the arithmetic overflows.
std::optional<WindowOutput> window_output(Dim input, const Window& window,
                                          std::string_view axis_name);

std::string_view to_string(Padding padding);

}  // namespace dimsum
