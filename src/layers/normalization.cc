// Normalization: BatchNormalization (gamma and beta trainable; the moving mean and variance are
// weights too, but not trainable, and Keras counts them in the total), LayerNormalization,
// GroupNormalization, RMSNormalization and UnitNormalization, and the SpectralNormalization
// wrapper.
#include <fmt/format.h>

#include <algorithm>

#include "layers/checks.h"

namespace dimsum {

namespace {

// Keras writes `axis` as an int (Keras 3, tf.keras 1.x) or a list of ints (tf.keras 2).
std::vector<int64_t> axes(const LayerConfig& config) {
  const json::Value* v = config.raw("axis");
  if (!v || v->is_null()) return {-1};
  if (v->is_array()) return config.int_list("axis");
  return {config.integer("axis")};
}

void batch_normalization(const LayerCall& call, Outcome& out) {
  const Shape& in = call.inputs[0];
  std::optional<int64_t> features = 1;
  for (int64_t axis : axes(call.config)) {
    auto resolved = normalize_axis(axis, in.rank());
    if (!resolved || *resolved == 0) {
      Diagnostic& d = out.error("DS0008", Cause::kLayerMisconfiguration,
                                fmt::format("axis {} is out of range for an input of rank {} {}",
                                            axis, in.rank(), to_string(in)));
      d.help.push_back(fmt::format("use an axis from 1 to {}, or -1 for the last axis",
                                   in.rank() == 0 ? 0 : in.rank() - 1));
      return;
    }
    if (!require_known(call, out, in[*resolved], fmt::format("axis {}", axis))) return;
    features = checked_mul(*features, in[*resolved].value());
    if (!features) return report_overflow(out, "parameter count");
  }
  out.outputs = {in};
  out.fixes_rank = true;
  int64_t trainable_vectors =
      (call.config.boolean("center", true) ? 1 : 0) + (call.config.boolean("scale", true) ? 1 : 0);
  out.params = checked_mul(*features, trainable_vectors + 2);
  out.non_trainable_params = checked_mul(*features, 2);
  if (!out.params || !out.non_trainable_params) report_overflow(out, "parameter count");
}

// The product of the input's sizes along `axes` (which must be known: the weights have them);
// nullopt after reporting.
std::optional<int64_t> sizes_along(const LayerCall& call, Outcome& out,
                                   const std::vector<int64_t>& axes) {
  const Shape& in = call.inputs[0];
  std::optional<int64_t> features = 1;
  std::vector<size_t> seen;
  for (int64_t axis : axes) {
    auto resolved = normalize_axis(axis, in.rank());
    if (!resolved || std::find(seen.begin(), seen.end(), *resolved) != seen.end()) {
      Diagnostic& d =
          out.error("DS0008", Cause::kLayerMisconfiguration,
                    fmt::format("axis {} is out of range or repeated for an input of rank {} {}",
                                axis, in.rank(), to_string(in)));
      d.help.push_back(fmt::format("use distinct axes from 1 to {}, or -1 for the last axis",
                                   in.rank() == 0 ? 0 : in.rank() - 1));
      return std::nullopt;
    }
    seen.push_back(*resolved);
    if (!require_known(call, out, in[*resolved], fmt::format("axis {}", axis))) return std::nullopt;
    features = checked_mul(*features, in[*resolved].value());
    if (!features) {
      report_overflow(out, "parameter count");
      return std::nullopt;
    }
  }
  return features;
}

// gamma (scale) and beta (center) over the normalised axes; Keras 3's rms_scaling keeps gamma
// only.
void layer_normalization(const LayerCall& call, Outcome& out) {
  auto features = sizes_along(call, out, axes(call.config));
  if (!features) return;
  bool rms = call.config.boolean("rms_scaling", false);
  int64_t vectors = (call.config.boolean("scale", true) || rms ? 1 : 0) +
                    (call.config.boolean("center", true) && !rms ? 1 : 0);
  out.params = checked_mul(*features, vectors);
  if (!out.params) return report_overflow(out, "parameter count");
  out.outputs = {call.inputs[0]};
  // Keras resolves a negative axis against the first input's rank when it builds the weights:
  // a later call of another rank normalises another axis, or fails (docs/semantics.md 20).
  out.fixes_rank = true;
}

void rms_normalization(const LayerCall& call, Outcome& out) {
  auto features = sizes_along(call, out, axes(call.config));
  if (!features) return;
  out.params = features;
  out.outputs = {call.inputs[0]};
}

// The channels along `axis` are split into `groups` (-1: one per channel) that must divide them.
void group_normalization(const LayerCall& call, Outcome& out) {
  int64_t groups = call.config.integer("groups", 32);
  int64_t axis = call.config.integer("axis", -1);
  auto channels = sizes_along(call, out, {axis});
  if (!channels) return;
  if (groups == -1) groups = *channels;
  if (groups < 1 || *channels < groups || *channels % groups != 0) {
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("the number of groups must divide the number of channels; received groups={}, "
                    "channels={}",
                    groups, *channels));
    d.help.push_back(fmt::format("use a number of groups that divides {}", *channels));
    return;
  }
  int64_t vectors =
      (call.config.boolean("scale", true) ? 1 : 0) + (call.config.boolean("center", true) ? 1 : 0);
  out.params = checked_mul(*channels, vectors);
  if (!out.params) return report_overflow(out, "parameter count");
  out.outputs = {call.inputs[0]};
}

void unit_normalization(const LayerCall& call, Outcome& out) { out.outputs = {call.inputs[0]}; }

// The last size of the wrapped layer's kernel (or embeddings), which SpectralNormalization keeps
// a power-iteration vector of; nullopt for a layer without one dimsum knows.
std::optional<int64_t> kernel_last_size(std::string_view class_name, const LayerConfig& config,
                                        const Shape& input, bool channels_first) {
  if (class_name == "Dense" || class_name == "EinsumDense") return config.optional_integer("units");
  if (class_name == "Embedding") return config.optional_integer("output_dim");
  if (class_name.find("Transpose") != std::string_view::npos) {
    Dim channels = input.rank() >= 2 ? input[channels_first ? 1 : input.rank() - 1] : Dim();
    return channels.known() ? std::optional(channels.value()) : std::nullopt;
  }
  if (class_name.find("Depthwise") != std::string_view::npos)
    return config.integer("depth_multiplier", 1);
  if (class_name.rfind("Conv", 0) == 0) return config.optional_integer("filters");
  return std::nullopt;
}

void spectral_normalization(const LayerCall& call, Outcome& out) {
  const json::Value& inner = call.config.nested_layer("layer");
  run_nested_layer(inner, call.inputs, call.producer, out);
  if (out.failed() || !out.params) return;
  const json::Value* config = inner.find("config");
  LayerConfig inner_config(config, inner.offset);
  auto last = kernel_last_size(inner.find("class_name")->text(), inner_config, call.inputs[0],
                               config && config->is_object() && inner_config.channels_first());
  out.params = sum({out.params, last});
  out.non_trainable_params = sum({out.non_trainable_params, last});
}

}  // namespace

void register_normalization_layers(LayerRegistry& registry) {
  registry.add("BatchNormalization", batch_normalization);
  // tf.keras 1.13 named the two implementations; tf.keras 2 reads both names.
  registry.add("BatchNormalizationV1", batch_normalization);
  registry.add("BatchNormalizationV2", batch_normalization);
  registry.add("SyncBatchNormalization", batch_normalization);
  registry.add("LayerNormalization", layer_normalization);
  registry.add("RMSNormalization", rms_normalization);
  registry.add("GroupNormalization", group_normalization);
  registry.add("UnitNormalization", unit_normalization);
  registry.add("SpectralNormalization", spectral_normalization);
}

}  // namespace dimsum
