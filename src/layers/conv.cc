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
  ConvSettings settings = read_conv_settings(config, N, /*allow_causal=*/N == 1);
  int64_t groups = config.integer("groups", 1);
  if (!require_positive(out, "filters", {filters}) || !require_positive_settings(out, settings) ||
      !require_positive(out, "groups", {groups}) || !require_strides_or_dilation(out, settings))
    return;
  const SpatialLayout& layout = settings.layout;
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
  auto weights =
      maybe_product({product({channels.value() / groups, filters}), settings.kernel_elements()});
  out.params = sum({weights, config.boolean("use_bias", true) ? filters : 0});
  if (!out.params) report_overflow(out, "parameter count");

  auto spatial = slide_windows(call, out, layout, settings.windows(), "kernel");
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
