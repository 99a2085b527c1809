// TimeDistributed: applies its layer to every step of the second axis.
#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

namespace {

void time_distributed(const LayerCall& call, Outcome& out) {
  const json::Value& inner = call.config.nested_layer("layer");
  if (!require_min_rank(call, out, 3, "(batch, timesteps, ...)")) return;
  const Shape& in = call.inputs[0];
  // The wrapped layer sees one step: (batch, ...) without the time axis.
  Dims step{in[0]};
  step.insert(step.end(), in.dims().begin() + 2, in.dims().end());
  std::vector<Shape> step_inputs{Shape(std::move(step))};
  Outcome step_out;
  run_nested_layer(inner, step_inputs, call.producer, step_out);
  out.diagnostics = std::move(step_out.diagnostics);
  for (Diagnostic& d : out.diagnostics)
    if (d.severity == Severity::kError)
      d.notes.push_back(fmt::format("the wrapped layer sees one time step of shape {}",
                                    to_string(step_inputs[0])));
  if (out.failed()) return;
  out.params = step_out.params;
  out.non_trainable_params = step_out.non_trainable_params;
  out.macs = maybe_product({step_out.macs, dims_product({in[1]})});
  for (const Shape& s : step_out.outputs) {
    if (!s.rank_known() || s.rank() == 0) {
      out.outputs.push_back(Shape::unknown());
      continue;
    }
    Dims dims{s[0], in[1]};
    dims.insert(dims.end(), s.dims().begin() + 1, s.dims().end());
    out.outputs.push_back(Shape(std::move(dims)));
  }
}

}  // namespace

void register_wrapper_layers(LayerRegistry& registry) {
  registry.add("TimeDistributed", time_distributed);
}

}  // namespace dimsum
