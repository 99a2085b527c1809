// Convolutions: Conv1D, Conv2D, Conv3D (Keras' BaseConv: valid/same/causal padding, strides,
// dilation, groups, channels_first and channels_last).
#include <fmt/format.h>

#include "layers/checks.h"
#include "layers/spatial.h"

namespace dimsum {

namespace {

template <size_t N>
void conv(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  int64_t filters = config.integer("filters");
  auto kernel = config.ints("kernel_size", N);
  auto strides = config.ints("strides", N, 1);
  auto dilation = config.ints("dilation_rate", N, 1);
  int64_t groups = config.integer("groups", 1);
  Padding padding = config.padding(/*allow_causal=*/N == 1);
  SpatialLayout layout{N, config.channels_first()};
  if (!require_positive(out, "filters", {filters}) ||
      !require_positive(out, "kernel_size", kernel) || !require_positive(out, "strides", strides) ||
      !require_positive(out, "dilation_rate", dilation) ||
      !require_positive(out, "groups", {groups}))
    return;
  bool strided = false, dilated = false;
  for (size_t i = 0; i < N; ++i) {
    strided = strided || strides[i] > 1;
    dilated = dilated || dilation[i] > 1;
  }
  if (strided && dilated) {
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("strides > 1 cannot be combined with dilation_rate > 1; received strides={}, "
                    "dilation_rate={}",
                    python_tuple(strides), python_tuple(dilation)));
    d.help.push_back("use strides=1 with the dilation, or dilation_rate=1 with the strides");
    return;
  }
  if (filters % groups != 0) {
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("the number of filters must be divisible by the number of groups; received "
                    "groups={}, filters={}",
                    groups, filters));
    d.help.push_back(fmt::format("use a number of filters that is a multiple of {}", groups));
    return;
  }
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  const Shape& in = call.inputs[0];
  Dim channels = in[layout.channel_axis()];
  if (!require_known(call, out, channels, "channel axis")) return;
  if (channels.value() % groups != 0) {
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("the number of input channels must be divisible by the number of groups; "
                    "received groups={}, input channels={}",
                    groups, channels.value()));
    d.help.push_back("use a number of groups that divides the input channels");
    return;
  }

  // The weights exist whatever the output size: Keras creates them before it slides the kernel.
  std::optional<int64_t> weights = product({channels.value() / groups, filters});
  for (int64_t k : kernel) weights = weights ? checked_mul(*weights, k) : std::nullopt;
  out.params = sum({weights, config.boolean("use_bias", true) ? filters : 0});
  if (!out.params) report_overflow(out, "parameter count");

  std::vector<Window> windows;
  for (size_t i = 0; i < N; ++i) windows.push_back({kernel[i], strides[i], dilation[i], padding});
  auto spatial = slide_windows(call, out, layout, windows, "kernel");
  if (!spatial) return;
  out.outputs = {spatial_shape(layout, in[0], *spatial, Dim(filters))};
  // Each output position multiplies every kernel weight once (the bias is not a multiply-add).
  out.macs = maybe_product({dims_product(*spatial), weights});
}

}  // namespace

void register_conv_layers(LayerRegistry& registry) {
  registry.add("Conv1D", conv<1>);
  registry.add("Conv2D", conv<2>);
  registry.add("Conv3D", conv<3>);
  registry.add("Convolution1D", conv<1>);
  registry.add("Convolution2D", conv<2>);
  registry.add("Convolution3D", conv<3>);
}

}  // namespace dimsum
