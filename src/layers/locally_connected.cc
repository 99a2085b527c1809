// LocallyConnected1D/2D (tf.keras 2): a convolution whose kernel is not shared between output
// positions, so its weights depend on the input's spatial sizes as well as its channels.
#include <fmt/format.h>

#include "layers/checks.h"
#include "layers/spatial.h"

namespace dimsum {

namespace {

// The input positions one axis connects to, summed over its output positions: Keras'
// conv_utils.conv_connected_inputs, which `implementation=3` stores one weight for each.
int64_t connections(int64_t input, int64_t output, int64_t kernel, int64_t stride,
                    Padding padding) {
  int64_t total = 0;
  for (int64_t o = 0; o < output; ++o) {
    int64_t center = o * stride + (padding == Padding::kValid ? kernel / 2 : 0);
    int64_t start = std::max<int64_t>(0, center - kernel / 2);
    int64_t end = std::min(input, center + kernel - kernel / 2);
    total += std::max<int64_t>(0, end - start);
  }
  return total;
}

template <size_t N>
void locally_connected(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  int64_t filters = config.integer("filters");
  auto kernel = config.ints("kernel_size", N);
  auto strides = config.ints("strides", N, 1);
  Padding padding = config.padding(/*allow_causal=*/false);
  int64_t implementation = config.integer("implementation", 1);
  SpatialLayout layout{N, config.channels_first()};
  if (!require_positive(out, "filters", {filters}) ||
      !require_positive(out, "kernel_size", kernel) || !require_positive(out, "strides", strides))
    return;
  if (implementation < 1 || implementation > 3 ||
      (implementation == 1 && padding != Padding::kValid)) {
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("implementation={} with padding=\"{}\" is not supported; implementation must "
                    "be 1, 2 or 3, and 1 only supports padding=\"valid\"",
                    implementation, to_string(padding)));
    d.help.push_back("use implementation=2 or 3 for padding=\"same\"");
    return;
  }
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  const Shape& in = call.inputs[0];
  Dim channels = in[layout.channel_axis()];
  if (!require_known(call, out, channels, "channel axis")) return;
  std::vector<Window> windows;
  for (size_t i = 0; i < N; ++i) {
    Dim size = in[layout.spatial_axis(i)];
    if (!require_known(call, out, size, spatial_axis_name(N, i))) return;
    windows.push_back({kernel[i], strides[i], 1, padding});
  }
  auto spatial = slide_windows(call, out, layout, windows, "kernel");
  if (!spatial) return;
  out.outputs = {spatial_shape(layout, in[0], *spatial, Dim(filters))};

  std::optional<int64_t> positions = dims_product(*spatial);
  std::optional<int64_t> inputs =
      dims_product(Dims(in.dims().begin() + (layout.channels_first ? 2 : 1),
                        in.dims().begin() + (layout.channels_first ? 2 : 1) + N));
  std::optional<int64_t> connected = 1;
  std::optional<int64_t> kernel_size = 1;
  for (size_t i = 0; i < N; ++i) {
    connected = maybe_product(
        {connected, connections(in[layout.spatial_axis(i)].value(), (*spatial)[i].value(),
                                kernel[i], strides[i], padding)});
    kernel_size = maybe_product({kernel_size, kernel[i]});
  }
  connected = maybe_product({connected, channels.value(), filters});
  std::optional<int64_t> weights;
  if (implementation == 1)
    weights = maybe_product({positions, kernel_size, channels.value(), filters});
  if (implementation == 2) weights = maybe_product({inputs, channels.value(), positions, filters});
  if (implementation == 3) weights = connected;
  std::optional<int64_t> bias = config.boolean("use_bias", true)
                                    ? maybe_product({positions, filters})
                                    : std::optional<int64_t>(0);
  out.params = sum({weights, bias});
  if (!out.params) return report_overflow(out, "parameter count");
  out.macs = connected;
}

}  // namespace

void register_locally_connected_layers(LayerRegistry& registry) {
  registry.add("LocallyConnected1D", locally_connected<1>);
  registry.add("LocallyConnected2D", locally_connected<2>);
}

}  // namespace dimsum
