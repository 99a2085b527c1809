// The convolutions that are not plain Conv: transposed (Conv1D/2D/3DTranspose, with
// output_padding), depthwise (DepthwiseConv1D/2D) and separable (SeparableConv1D/2D).
#include <fmt/format.h>

#include "layers/checks.h"
#include "layers/spatial.h"

namespace dimsum {

namespace {

// The settings of a convolution that refuses strides with dilation, as all of these do.
std::optional<ConvSettings> read_options(const LayerCall& call, Outcome& out, size_t n,
                                         bool allow_causal) {
  ConvSettings settings = read_conv_settings(call.config, n, allow_causal);
  if (!require_positive_settings(out, settings) || !require_strides_or_dilation(out, settings))
    return std::nullopt;
  return settings;
}

// The input's channel count, which the weights depend on; nullopt after reporting.
std::optional<int64_t> input_channels(const LayerCall& call, Outcome& out,
                                      const SpatialLayout& layout) {
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return std::nullopt;
  Dim channels = call.inputs[0][layout.channel_axis()];
  if (!require_known(call, out, channels, "channel axis")) return std::nullopt;
  return channels.value();
}

// Keras' transposed size (backend_utils._get_output_shape_given_tf_padding), with the kernel
// dilated: valid: (in - 1) * stride + max(kernel, stride), or + kernel + output_padding;
// same: in * stride, or (in - 1) * stride + kernel % 2 + output_padding.
std::optional<Dim> transposed_size(Dim input, int64_t kernel, int64_t stride, int64_t dilation,
                                   Padding padding, std::optional<int64_t> output_padding) {
  if (!input.specified()) return Dim::unknown();
  auto span = Window{kernel, stride, dilation, padding}.span();
  auto before_last = checked_add(input, Dim(-1));
  if (!span || !before_last) return std::nullopt;
  auto base = checked_mul(*before_last, Dim(stride));
  if (!base) return std::nullopt;
  if (padding == Padding::kValid) {
    auto last = output_padding ? checked_add(*span, *output_padding) : std::max(*span, stride);
    if (!last) return std::nullopt;
    return checked_add(*base, Dim(*last));
  }
  if (!output_padding) return checked_mul(input, Dim(stride));
  // output_padding < stride, so adding at most 1 cannot overflow.
  return checked_add(*base, Dim(*span % 2 + *output_padding));
}

template <size_t N>
void conv_transpose(const LayerCall& call, Outcome& out) {
  int64_t filters = call.config.integer("filters");
  if (!require_positive(out, "filters", {filters})) return;
  auto o = read_options(call, out, N, /*allow_causal=*/false);
  if (!o) return;
  std::optional<std::vector<int64_t>> output_padding;
  if (call.config.has("output_padding")) output_padding = call.config.ints("output_padding", N);
  for (size_t i = 0; output_padding && i < N; ++i) {
    if ((*output_padding)[i] >= 0 && (*output_padding)[i] < o->strides[i]) continue;
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("each value of 'output_padding' must be at least 0 and less than the stride; "
                    "received output_padding={}, strides={}",
                    python_tuple(*output_padding), python_tuple(o->strides)));
    d.help.push_back("use an output_padding below the strides, or leave it unset (None)");
    return;
  }
  auto channels = input_channels(call, out, o->layout);
  if (!channels) return;
  auto kernel = o->kernel_elements();
  auto weights = maybe_product({kernel, *channels, filters});
  out.params = sum({weights, call.config.boolean("use_bias", true) ? filters : 0});
  if (!out.params) return report_overflow(out, "parameter count");
  const Shape& in = call.inputs[0];
  Dims spatial, input_spatial;
  for (size_t i = 0; i < N; ++i) {
    Dim input = in[o->layout.spatial_axis(i)];
    input_spatial.push_back(input);
    auto size =
        transposed_size(input, o->kernel[i], o->strides[i], o->dilation[i], o->padding,
                        output_padding ? std::optional((*output_padding)[i]) : std::nullopt);
    if (!size) return report_overflow(out, "output size");
    if (size->known() && size->value() <= 0) {
      Diagnostic& d = out.error(
          "DS0001", Cause::kLayerMisconfiguration,
          fmt::format("the output {} is {}: a transposed convolution of an input {} of {} with "
                      "kernel {} and stride {} has no output",
                      spatial_axis_name(N, i), size->value(), spatial_axis_name(N, i),
                      input.value(), o->kernel[i], o->strides[i]));
      d.help.push_back("use padding=\"valid\", or an output_padding that makes the size positive");
      return;
    }
    spatial.push_back(*size);
  }
  out.outputs = {spatial_shape(o->layout, in[0], spatial, Dim(filters))};
  // Every input position multiplies every kernel weight once (torchinfo counts the output
  // positions instead, which overcounts a strided transposed convolution).
  out.macs = maybe_product({dims_product(input_spatial), weights});
}

template <size_t N>
void depthwise_conv(const LayerCall& call, Outcome& out) {
  int64_t multiplier = call.config.integer("depth_multiplier", 1);
  if (!require_positive(out, "depth_multiplier", {multiplier})) return;
  auto o = read_options(call, out, N, /*allow_causal=*/false);
  if (!o) return;
  auto channels = input_channels(call, out, o->layout);
  if (!channels) return;
  auto outputs = checked_mul(*channels, multiplier);
  auto weights = maybe_product({o->kernel_elements(), outputs});
  out.params = sum({weights, call.config.boolean("use_bias", true) ? outputs : 0});
  if (!out.params || !outputs) return report_overflow(out, "parameter count");
  auto spatial = slide_windows(call, out, o->layout, o->windows(), "kernel");
  if (!spatial) return;
  out.outputs = {spatial_shape(o->layout, call.inputs[0][0], *spatial, Dim(*outputs))};
  out.macs = maybe_product({dims_product(*spatial), weights});
}

template <size_t N>
void separable_conv(const LayerCall& call, Outcome& out) {
  int64_t filters = call.config.integer("filters");
  int64_t multiplier = call.config.integer("depth_multiplier", 1);
  if (!require_positive(out, "filters", {filters}) ||
      !require_positive(out, "depth_multiplier", {multiplier}))
    return;
  auto o = read_options(call, out, N, /*allow_causal=*/N == 1);
  if (!o) return;
  auto channels = input_channels(call, out, o->layout);
  if (!channels) return;
  // A depthwise kernel per input channel, then a 1x1 pointwise kernel to `filters` channels.
  auto depthwise = maybe_product({o->kernel_elements(), *channels, multiplier});
  auto pointwise = product({*channels, multiplier, filters});
  out.params = sum({depthwise, pointwise, call.config.boolean("use_bias", true) ? filters : 0});
  if (!out.params) return report_overflow(out, "parameter count");
  auto spatial = slide_windows(call, out, o->layout, o->windows(), "kernel");
  if (!spatial) return;
  out.outputs = {spatial_shape(o->layout, call.inputs[0][0], *spatial, Dim(filters))};
  out.macs = maybe_product({dims_product(*spatial), sum({depthwise, pointwise})});
}

}  // namespace

void register_conv_variant_layers(LayerRegistry& registry) {
  for (const char* name : {"Conv1DTranspose", "Convolution1DTranspose"})
    registry.add(name, conv_transpose<1>);
  for (const char* name : {"Conv2DTranspose", "Convolution2DTranspose", "Deconvolution2D"})
    registry.add(name, conv_transpose<2>);
  for (const char* name : {"Conv3DTranspose", "Convolution3DTranspose", "Deconvolution3D"})
    registry.add(name, conv_transpose<3>);
  registry.add("DepthwiseConv1D", depthwise_conv<1>);
  registry.add("DepthwiseConv2D", depthwise_conv<2>);
  for (const char* name : {"SeparableConv1D", "SeparableConvolution1D"})
    registry.add(name, separable_conv<1>);
  for (const char* name : {"SeparableConv2D", "SeparableConvolution2D"})
    registry.add(name, separable_conv<2>);
}

}  // namespace dimsum
