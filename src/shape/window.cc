#include "shape/window.h"

#include <fmt/format.h>

namespace dimsum {

namespace {

// Python's floor division, which Keras' formula relies on for negative numerators.
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t ceil_div(int64_t a, int64_t b) { return -floor_div(-a, b); }

}  // namespace

int64_t Window::span() const { return dilation * (size - 1) + 1; }

std::optional<WindowOutput> window_output(Dim input, const Window& w, std::string_view axis_name) {
  if (!input.known()) return WindowOutput{Dim::unknown(), {}};
  int64_t in = input.value();
  if (w.padding != Padding::kValid) {
    int64_t out = ceil_div(in, w.stride);
    return WindowOutput{
        Dim(out), fmt::format("output {} = ceil({} / {}) = {}", axis_name, in, w.stride, out)};
  }
  auto dilated = checked_mul(w.dilation, w.size - 1);
  if (!dilated || *dilated > INT64_MAX - 1) return std::nullopt;
  int64_t span = *dilated + 1;
  if (in < INT64_MIN + span) return std::nullopt;
  int64_t out = floor_div(in - span, w.stride) + 1;
  std::string span_text =
      w.dilation == 1 ? std::to_string(span) : fmt::format("{}*({} - 1) + 1", w.dilation, w.size);
  std::string quotient = fmt::format("({} - {}) / {}", in, span_text, w.stride);
  if (w.stride != 1) quotient = fmt::format("floor({})", quotient);
  return WindowOutput{Dim(out), fmt::format("output {} = {} + 1 = {}", axis_name, quotient, out)};
}

int64_t window_min_input(const Window& w, int64_t wanted) {
  if (wanted <= 0) return 0;
  if (w.padding != Padding::kValid) return (wanted - 1) * w.stride + 1;
  return (wanted - 1) * w.stride + w.span();
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
