// Activation layers: ReLU, LeakyReLU, ELU, Softmax, ThresholdedReLU (no weights) and PReLU,
// which learns one slope per input element except along its shared axes.
#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

namespace {

void activation(const LayerCall& call, Outcome& out) { out.outputs = {call.inputs[0]}; }

// shared_axes: an int or a list of axes counted from 1 (the batch axis is 0).
std::vector<int64_t> shared_axes(const LayerConfig& config) {
  const json::Value* v = config.raw("shared_axes");
  if (!v || v->is_null()) return {};
  if (v->is_array()) return config.int_list("shared_axes");
  return {config.integer("shared_axes")};
}

void prelu(const LayerCall& call, Outcome& out) {
  const Shape& in = call.inputs[0];
  Dims alpha(in.dims().begin() + 1, in.dims().end());
  for (int64_t axis : shared_axes(call.config)) {
    if (axis < 1 || static_cast<size_t>(axis) > alpha.size()) {
      Diagnostic& d =
          out.error("DS0008", Cause::kLayerMisconfiguration,
                    fmt::format("shared axis {} is out of range for an input of rank {} {}", axis,
                                in.rank(), to_string(in)));
      d.help.push_back(
          fmt::format("use shared axes from 1 to {} (the batch axis 0 is always "
                      "shared)",
                      alpha.size()));
      return;
    }
    alpha[static_cast<size_t>(axis) - 1] = Dim(1);
  }
  for (size_t i = 0; i < alpha.size(); ++i)
    if (!require_known(call, out, alpha[i], fmt::format("axis {}", i + 1))) return;
  out.params = dims_product(alpha);
  if (!out.params) return report_overflow(out, "parameter count");
  out.outputs = {in};
  out.fixes_rank = true;
}

}  // namespace

void register_activation_layers(LayerRegistry& registry) {
  for (const char* name : {"ReLU", "LeakyReLU", "ELU", "Softmax", "ThresholdedReLU"})
    registry.add(name, activation);
  registry.add("PReLU", prelu);
}

}  // namespace dimsum
