#include "layers/spatial.h"

#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

std::string SpatialLayout::layout_text() const {
  std::string axes;
  for (size_t i = 0; i < spatial_count; ++i)
    axes += fmt::format(", {}", spatial_axis_name(spatial_count, i));
  return channels_first ? fmt::format("(batch, channels{})", axes)
                        : fmt::format("(batch{}, channels)", axes);
}

namespace {

// The largest window size whose span fits in `input`.
int64_t largest_fitting_size(int64_t input, int64_t dilation) {
  return input < 1 ? 0 : (input - 1) / dilation + 1;
}

void report_vanished(const LayerCall& call, Outcome& out, const SpatialLayout& layout,
                     const std::vector<Window>& windows, std::string_view what,
                     const std::vector<size_t>& vanished, const std::vector<std::string>& notes) {
  const Shape& in = call.inputs[0];
  size_t first = vanished.front();
  std::string_view axis = spatial_axis_name(layout.spatial_count, first);
  int64_t input = in[layout.spatial_axis(first)].value();
  const Window& w = windows[first];
  std::string message =
      w.dilation == 1
          ? fmt::format("{} {} {} is larger than the input {} {}", what, axis, w.size, axis, input)
          : fmt::format("{} {} {} with dilation {} spans {}, more than the input {} {}", what, axis,
                        w.size, w.dilation, w.span().value(), axis, input);
  Diagnostic& d = out.error("DS0001", Cause::kLayerMisconfiguration, message);
  d.notes = notes;
  std::vector<int64_t> fitting;
  for (size_t i = 0; i < windows.size(); ++i) {
    Dim size = in[layout.spatial_axis(i)];
    int64_t limit =
        size.known() ? largest_fitting_size(size.value(), windows[i].dilation) : windows[i].size;
    fitting.push_back(std::min(limit, windows[i].size));
  }
  bool any_fits = true;
  for (int64_t f : fitting) any_fits = any_fits && f >= 1;
  if (any_fits)
    d.help.push_back(fmt::format("use a {} of at most {}",
                                 what == "kernel" ? "kernel_size" : "pool_size",
                                 sizes_text(fitting)));
  d.help.push_back(
      fmt::format("or use padding=\"same\", which keeps the output at "
                  "ceil(input / strides)"));
}

}  // namespace

std::optional<std::vector<Dim>> slide_windows(const LayerCall& call, Outcome& out,
                                              const SpatialLayout& layout,
                                              const std::vector<Window>& windows,
                                              std::string_view what) {
  const Shape& in = call.inputs[0];
  std::vector<Dim> sizes;
  std::vector<size_t> vanished;
  std::vector<std::string> notes;
  for (size_t i = 0; i < windows.size(); ++i) {
    size_t axis = layout.spatial_axis(i);
    auto result = window_output(in[axis], windows[i], spatial_axis_name(layout.spatial_count, i));
    if (!result) {
      report_overflow(out, fmt::format("{} window arithmetic", what));
      return std::nullopt;
    }
    if (result->size.known() && result->size.value() <= 0) {
      vanished.push_back(i);
      notes.push_back(result->arithmetic);
    }
    if (result->size.symbolic())
      out.require(
          SizeCondition::Kind::kAtLeast, result->size, Dim(1),
          fmt::format("output {} of at least 1", spatial_axis_name(layout.spatial_count, i)));
    sizes.push_back(result->size);
  }
  if (vanished.empty()) return sizes;
  report_vanished(call, out, layout, windows, what, vanished, notes);
  return std::nullopt;
}

Shape spatial_shape(const SpatialLayout& layout, Dim batch, const std::vector<Dim>& spatial,
                    Dim channels) {
  std::vector<Dim> dims{batch};
  if (layout.channels_first) dims.push_back(channels);
  dims.insert(dims.end(), spatial.begin(), spatial.end());
  if (!layout.channels_first) dims.push_back(channels);
  return Shape(std::move(dims));
}

}  // namespace dimsum
