#include "shape/window.h"

#include <fmt/format.h>

#include "shape/symbolic.h"

namespace dimsum {

int64_t Window::span() const { return dilation * (size - 1) + 1; }

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
  auto dilated = checked_mul(w.dilation, w.size - 1);
  if (!dilated || *dilated > INT64_MAX - 1) return std::nullopt;
  int64_t span = *dilated + 1;
  if (input.known() && input.value() < INT64_MIN + span) return std::nullopt;
  Dim out = checked_add(floor_div(*checked_add(input, Dim(-span)), w.stride), Dim(1)).value();
  std::string span_text =
      w.dilation == 1 ? std::to_string(span) : fmt::format("{}*({} - 1) + 1", w.dilation, w.size);
  std::string quotient = fmt::format("({} - {}) / {}", in, span_text, w.stride);
  if (w.stride != 1) quotient = fmt::format("floor({})", quotient);
  return WindowOutput{out,
                      fmt::format("output {} = {} + 1 = {}", axis_name, quotient, to_string(out))};
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
