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

std::optional<Dims> slide_windows(const LayerCall& call, Outcome& out, const SpatialLayout& layout,
                                  const std::vector<Window>& windows, std::string_view what) {
  const Shape& in = call.inputs[0];
  Dims sizes;
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

Shape spatial_shape(const SpatialLayout& layout, Dim batch, const Dims& spatial, Dim channels) {
  Dims dims{batch};
  if (layout.channels_first) dims.push_back(channels);
  dims.insert(dims.end(), spatial.begin(), spatial.end());
  if (!layout.channels_first) dims.push_back(channels);
  return Shape(std::move(dims));
}

std::vector<Window> ConvSettings::windows() const {
  std::vector<Window> out;
  for (size_t i = 0; i < kernel.size(); ++i)
    out.push_back({kernel[i], strides[i], dilation[i], padding});
  return out;
}

std::optional<int64_t> ConvSettings::kernel_elements() const {
  std::optional<int64_t> n = 1;
  for (int64_t k : kernel) n = n ? checked_mul(*n, k) : std::nullopt;
  return n;
}

ConvSettings read_conv_settings(const LayerConfig& config, size_t n, bool allow_causal) {
  return ConvSettings{config.ints("kernel_size", n), config.ints("strides", n, 1),
                      config.ints("dilation_rate", n, 1), config.padding(allow_causal),
                      SpatialLayout{n, config.channels_first()}};
}

bool require_positive_settings(Outcome& out, const ConvSettings& settings) {
  return require_positive(out, "kernel_size", settings.kernel) &&
         require_positive(out, "strides", settings.strides) &&
         require_positive(out, "dilation_rate", settings.dilation);
}

bool require_strides_or_dilation(Outcome& out, const ConvSettings& settings) {
  bool strided = false, dilated = false;
  for (size_t i = 0; i < settings.kernel.size(); ++i) {
    strided = strided || settings.strides[i] > 1;
    dilated = dilated || settings.dilation[i] > 1;
  }
  if (!strided || !dilated) return true;
  Diagnostic& d = out.error(
      "DS0008", Cause::kLayerMisconfiguration,
      fmt::format("strides > 1 cannot be combined with dilation_rate > 1; received strides={}, "
                  "dilation_rate={}",
                  python_tuple(settings.strides), python_tuple(settings.dilation)));
  d.help.push_back("use strides=1 with the dilation, or dilation_rate=1 with the strides");
  return false;
}

}  // namespace dimsum
