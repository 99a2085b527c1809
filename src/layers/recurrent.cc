// Recurrent layers: SimpleRNN, LSTM, GRU (return_sequences, return_state, reset_after) and the
// Bidirectional wrapper with its merge modes.
#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

namespace {

struct CellKind {
  int64_t gates;  // weight blocks: SimpleRNN 1, GRU 3, LSTM 4
  size_t states;  // state tensors returned with return_state: LSTM 2 (h, c), others 1
};

// initial_state=[...]: Keras passes the states after the sequence, among the call's inputs
// (tf.keras 2 RNN.__call__), and its cell takes one state (an LSTM two) of `units` each:
// "An `initial_state` was passed that is not compatible with `cell.state_size`".
bool initial_states_fit(const LayerCall& call, Outcome& out, int64_t units, size_t states) {
  if (call.inputs.size() <= 1) return true;
  size_t given = call.inputs.size() - 1;
  if (given != states) {
    Diagnostic& d =
        out.error("DS0005", Cause::kLayerMisconfiguration,
                  fmt::format("initial_state has {} tensor{}, but the layer keeps {} state{}",
                              given, given == 1 ? "" : "s", states, states == 1 ? "" : "s"));
    d.help.push_back(states == 2 ? "an LSTM takes initial_state=[h, c]"
                                 : "pass one state tensor: initial_state=[h]");
    return false;
  }
  for (size_t i = 1; i < call.inputs.size(); ++i) {
    const Shape& state = call.inputs[i];
    if (state.rank() != 2 || !state[1].known() || state[1].value() == units) continue;
    Diagnostic& d = out.error(
        "DS0005", Cause::kLayerMisconfiguration,
        fmt::format("initial state {} has shape {}, but the layer keeps states of {} units, "
                    "(batch, {})",
                    i - 1, to_string(state), units, units));
    d.notes.push_back(fmt::format("its state size is units = {}; the state passed has {}", units,
                                  state[1].value()));
    d.help.push_back(fmt::format(
        "give the layer {} units, or make the states it starts from {} wide (the encoder's units)",
        state[1].value(), units));
    return false;
  }
  return true;
}

// One gate block: input kernel, recurrent kernel, bias.
template <CellKind kCell>
void recurrent(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  int64_t units = config.integer("units");
  if (!require_positive(out, "units", {units})) return;
  if (!require_rank(call, out, 3, "(batch, timesteps, features)")) return;
  const Shape& in = call.inputs[0];
  if (!require_known(call, out, in[2], "feature axis")) return;
  int64_t features = in[2].value();
  // A stateful layer carries its state from batch to batch: Keras creates it for a fixed batch.
  if (config.boolean("stateful", false) && !in[0].known()) {
    Diagnostic& d = out.error(
        "DS0006", Cause::kLayerMisconfiguration,
        fmt::format("a stateful recurrent layer keeps its state for a fixed batch size, but the "
                    "batch size is None in {}",
                    to_string(in)));
    d.help.push_back(
        "fix the batch size in the model's input (batch_input_shape=(32, ...) on the "
        "first layer, or Input(batch_size=32, ...)), or use stateful=False");
    return;
  }

  if (!initial_states_fit(call, out, units, kCell.states)) return;

  Shape last({in[0], Dim(units)});
  Shape sequence({in[0], in[1], Dim(units)});
  out.outputs = {config.boolean("return_sequences", false) ? sequence : last};
  if (config.boolean("return_state", false))
    for (size_t i = 0; i < kCell.states; ++i) out.outputs.push_back(last);

  // Each gate has a kernel (features x units), a recurrent kernel (units x units) and a bias.
  // GRU with reset_after (tf.keras 2 and Keras 3 default; absent from Keras < 2.1.3 configs,
  // whose GRU had no such option) keeps a second bias for the recurrent kernel.
  int64_t bias_sets = 0;
  if (config.boolean("use_bias", true))
    bias_sets = (kCell.gates == 3 && config.boolean("reset_after", false)) ? 2 : 1;
  auto per_gate =
      sum({product({features, units}), product({units, units}), product({bias_sets, units})});
  out.params = per_gate ? checked_mul(*per_gate, kCell.gates) : std::nullopt;
  if (!out.params) report_overflow(out, "parameter count");
  // Every step multiplies the input and the previous state by each gate's kernels.
  out.macs = maybe_product({dims_product({in[1]}), kCell.gates, sum({features, units}), units});
}

constexpr CellKind kSimpleRnn{1, 1};
constexpr CellKind kGru{3, 1};
constexpr CellKind kLstm{4, 2};

Shape merged(const Shape& forward, const Shape& backward, const std::string& mode) {
  if (mode != "concat" || !forward.rank_known() || !backward.rank_known()) return forward;
  Dims dims = forward.dims();
  auto joined = checked_add(forward.back(), backward.back());
  dims.back() = joined ? *joined : Dim::unknown();
  return Shape(std::move(dims));
}

void bidirectional(const LayerCall& call, Outcome& out) {
  const json::Value& inner = call.config.nested_layer("layer");
  const json::Value* merge = call.config.raw("merge_mode");
  std::string mode =
      merge && merge->is_null() ? "none" : call.config.string("merge_mode", "concat");
  if (mode != "concat" && mode != "sum" && mode != "mul" && mode != "ave" && mode != "none")
    call.config.fail(merge, fmt::format("'merge_mode' must be \"concat\", \"sum\", \"mul\", "
                                        "\"ave\" or null, got \"{}\"",
                                        mode));
  Outcome forward;
  run_nested_layer(inner, call.inputs, call.producer, forward);
  Outcome backward;
  if (call.config.has("backward_layer"))
    run_nested_layer(call.config.nested_layer("backward_layer"), call.inputs, call.producer,
                     backward);
  else
    backward = forward;
  out.diagnostics = std::move(forward.diagnostics);
  for (Diagnostic& d : backward.diagnostics)
    if (call.config.has("backward_layer")) out.diagnostics.push_back(std::move(d));
  if (out.failed()) return;
  out.params = sum({forward.params, backward.params});
  out.non_trainable_params = sum({forward.non_trainable_params, backward.non_trainable_params});
  out.macs = sum({forward.macs, backward.macs});

  const Shape& fwd = forward.outputs[0];
  const Shape& bwd = backward.outputs[0];
  if (mode == "none") {
    out.outputs = {fwd, bwd};
  } else {
    out.outputs = {merged(fwd, bwd, mode)};
  }
  for (size_t i = 1; i < forward.outputs.size(); ++i) out.outputs.push_back(forward.outputs[i]);
  for (size_t i = 1; i < backward.outputs.size(); ++i) out.outputs.push_back(backward.outputs[i]);
}

}  // namespace

void register_recurrent_layers(LayerRegistry& registry) {
  registry.add("SimpleRNN", recurrent<kSimpleRnn>);
  registry.add("GRU", recurrent<kGru>);
  registry.add("LSTM", recurrent<kLstm>);
  registry.add("Bidirectional", bidirectional);
}

}  // namespace dimsum
