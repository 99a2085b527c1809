// Normalization: BatchNormalization (gamma and beta trainable; the moving mean and variance are
// weights too, but not trainable, and Keras counts them in the total).
#include <fmt/format.h>

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
      Diagnostic& d = out.error(
          "DS0008", Cause::kLayerMisconfiguration,
          fmt::format("axis {} is out of range for an input of rank {} {}", axis, in.rank(),
                      to_string(in)));
      d.help.push_back(fmt::format("use an axis from 1 to {}, or -1 for the last axis",
                                   in.rank() == 0 ? 0 : in.rank() - 1));
      return;
    }
    if (!require_known(call, out, in[*resolved], fmt::format("axis {}", axis))) return;
    features = checked_mul(*features, in[*resolved].value());
    if (!features) return report_overflow(out, "parameter count");
  }
  out.outputs = {in};
  out.elementwise = true;
  int64_t trainable_vectors =
      (call.config.boolean("center", true) ? 1 : 0) + (call.config.boolean("scale", true) ? 1 : 0);
  out.params = checked_mul(*features, trainable_vectors + 2);
  out.non_trainable_params = checked_mul(*features, 2);
  if (!out.params || !out.non_trainable_params) report_overflow(out, "parameter count");
}

}  // namespace

void register_normalization_layers(LayerRegistry& registry) {
  registry.add("BatchNormalization", batch_normalization);
}

}  // namespace dimsum
