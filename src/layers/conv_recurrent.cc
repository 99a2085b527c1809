// ConvLSTM1D/2D/3D: an LSTM whose gates are convolutions. The input is a sequence of feature
// maps, (batch, time, *spatial, channels); each step is convolved as a Conv layer would, and the
// state is convolved with "same" padding and stride 1, so it keeps the output's size.
#include <fmt/format.h>

#include "layers/checks.h"
#include "layers/spatial.h"

namespace dimsum {

namespace {

template <size_t N>
void conv_lstm(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  int64_t filters = config.integer("filters");
  ConvSettings settings = read_conv_settings(config, N, /*allow_causal=*/false);
  if (!require_positive(out, "filters", {filters}) || !require_positive_settings(out, settings))
    return;
  const SpatialLayout& layout = settings.layout;
  std::string layout_text = layout.layout_text();
  layout_text.insert(layout_text.find(',') + 1, " time,");
  if (!require_rank(call, out, layout.rank() + 1, layout_text)) return;
  const Shape& in = call.inputs[0];
  // One step, without the time axis, is what the convolution slides over.
  Dims step_dims{in[0]};
  step_dims.insert(step_dims.end(), in.dims().begin() + 2, in.dims().end());
  std::vector<Shape> step{Shape(std::move(step_dims))};
  LayerCall step_call{call.class_name, config,      step,          call.producer,
                      call.arguments,  call.kwargs, call.constant, call.layer_name};
  Dim channels = step[0][layout.channel_axis()];
  if (!require_known(step_call, out, channels, "channel axis")) return;

  auto kernel_size = settings.kernel_elements();
  auto per_gate = sum({maybe_product({kernel_size, channels.value(), filters}),
                       maybe_product({kernel_size, filters, filters}),
                       config.boolean("use_bias", true) ? filters : 0});
  out.params = maybe_product({per_gate, 4});
  if (!out.params) return report_overflow(out, "parameter count");

  auto spatial = slide_windows(step_call, out, layout, settings.windows(), "kernel");
  if (!spatial) return;
  Shape state = spatial_shape(layout, in[0], *spatial, Dim(filters));
  Dims sequence_dims = state.dims();
  sequence_dims.insert(sequence_dims.begin() + 1, in[1]);
  out.outputs = {config.boolean("return_sequences", false) ? Shape(sequence_dims) : state};
  if (config.boolean("return_state", false)) out.outputs.insert(out.outputs.end(), {state, state});
  // Every step convolves the input and the state with the four gates' kernels.
  out.macs = maybe_product({dims_product({in[1]}), dims_product(*spatial), kernel_size,
                            sum({channels.value(), filters}), 4 * filters});
}

}  // namespace

void register_conv_recurrent_layers(LayerRegistry& registry) {
  registry.add("ConvLSTM1D", conv_lstm<1>);
  registry.add("ConvLSTM2D", conv_lstm<2>);
  registry.add("ConvLSTM3D", conv_lstm<3>);
}

}  // namespace dimsum
