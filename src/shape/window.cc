#include "shape/window.h"

#include <fmt/format.h>

#include "shape/symbolic.h"

namespace dimsum {

std::optional<int64_t> Window::span() const {
  auto gaps = checked_add(size, -1);
  auto dilated = gaps ? checked_mul(dilation, *gaps) : std::nullopt;
  return dilated ? checked_add(*dilated, 1) : std::nullopt;
}

std::optional<WindowOutput> window_output(Dim input, const Window& w, std::string_view axis_name) {
  if (!input.specified()) return WindowOutput{Dim::unknown(), {}};
  // A symbolic input shows as its expression, in parentheses when it is more than one word.
  std::string in = to_string(input);
  if (input.symbolic() && in.find(' ') != std::string::npos) in = "(" + in + ")";
  if (w.padding != Padding::kValid) {
    Dim out = ceil_div(input, w.stride);
    return WindowOutput{out, fmt::format("output {} = ceil({} / {}) = {}", axis_name, in, w.stride,
                                         to_string(out))};
  }
  auto span = w.span();
  if (!span || !Dim::representable(-*span)) return std::nullopt;
  auto reach = checked_add(input, Dim(-*span));
  if (!reach) return std::nullopt;
  auto out = checked_add(floor_div(*reach, w.stride), Dim(1));
  if (!out) return std::nullopt;
  std::string span_text =
      w.dilation == 1 ? std::to_string(*span) : fmt::format("{}*({} - 1) + 1", w.dilation, w.size);
  std::string quotient = fmt::format("({} - {}) / {}", in, span_text, w.stride);
  if (w.stride != 1) quotient = fmt::format("floor({})", quotient);
  return WindowOutput{*out,
                      fmt::format("output {} = {} + 1 = {}", axis_name, quotient, to_string(*out))};
}

std::string_view to_string(Padding padding) {
  switch (padding) {
    case Padding::kValid: return "valid";
    case Padding::kSame: return "same";
    case Padding::kCausal: return "causal";
  }
  return "valid";
}

}  // namespace dimsum
