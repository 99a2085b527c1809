// Core layers: Dense, Embedding, and the layers that keep their input's shape.
#include <fmt/format.h>

#include "layers/checks.h"
#include "layers/layer.h"
#include "ops/ops.h"

namespace dimsum {

namespace {

// Activation, Dropout and their kind: same shape out as in, no weights.
void same_shape(const LayerCall& call, Outcome& out) { out.outputs = {call.inputs[0]}; }

// Dense acts on the last axis of an input of any rank >= 2 (Keras' Dense.build uses shape[-1]).
void dense(const LayerCall& call, Outcome& out) {
  int64_t units = call.config.integer("units");
  if (!require_positive(out, "units", {units})) return;
  if (!require_min_rank(call, out, 2, "(batch, ..., features)")) return;
  const Shape& in = call.inputs[0];
  if (!require_known(call, out, in.back(), "last axis (features)")) return;
  Dims dims = in.dims();
  dims.back() = Dim(units);
  out.outputs = {Shape(dims)};
  bool bias = call.config.boolean("use_bias", true);
  auto kernel = product({in.back().value(), units});
  out.params = sum({kernel, bias ? units : 0});
  if (!out.params) report_overflow(out, "parameter count");
  // One multiply-add per kernel weight at every position of the axes between batch and features.
  Dims positions(dims.begin() + 1, dims.end() - 1);
  out.macs = maybe_product({kernel, dims_product(positions)});
}

// Keras 2's Embedding(input_length=...) (an int, or one size per axis after the batch) gives the
// sizes the input leaves unknown (compute_output_shape). A conflict is left alone: Keras 2
// refuses it, Keras 3 ignores input_length.
void fill_from_input_length(const LayerConfig& config, Dims& dims) {
  const json::Value* given = config.raw("input_length");
  if (!given || given->is_null() || dims.empty()) return;
  std::vector<int64_t> lengths;
  if (auto n = given->as_integer()) lengths.push_back(*n);
  for (const json::Value& item : given->items()) {
    if (item.is_null()) {
      lengths.push_back(-1);  // that axis is left as the input has it
      continue;
    }
    auto n = item.as_integer();
    if (!n) return;
    lengths.push_back(*n);
  }
  if (lengths.size() != dims.size() - 1) return;
  for (size_t i = 0; i < lengths.size(); ++i)
    if (!dims[i + 1].known() && lengths[i] > 0) dims[i + 1] = Dim(lengths[i]);
}

// Embedding maps integer ids of any shape to vectors: output = input + (output_dim,).
void embedding(const LayerCall& call, Outcome& out) {
  int64_t input_dim = call.config.integer("input_dim");
  int64_t output_dim = call.config.integer("output_dim");
  if (!require_positive(out, "input_dim", {input_dim})) return;
  if (!require_positive(out, "output_dim", {output_dim})) return;
  Dims dims = call.inputs[0].dims();
  fill_from_input_length(call.config, dims);
  dims.push_back(Dim(output_dim));
  out.outputs = {Shape(std::move(dims))};
  out.params = product({input_dim, output_dim});
  if (!out.params) report_overflow(out, "parameter count");
}

// Keras 3's ReversibleEmbedding: an Embedding that, called with reverse=True, projects vectors
// back to logits over the vocabulary, with the embedding's transpose or (tie_weights=False) a
// matrix of its own.
void reversible_embedding(const LayerCall& call, Outcome& out) {
  const json::Value* reverse = call.kwargs ? call.kwargs->find("reverse") : nullptr;
  if (!reverse || reverse->kind != json::Kind::kBool || !reverse->boolean) {
    embedding(call, out);
  } else {
    int64_t input_dim = call.config.integer("input_dim");
    int64_t output_dim = call.config.integer("output_dim");
    if (!require_min_rank(call, out, 2, "(batch, ..., output_dim)")) return;
    Dims dims = call.inputs[0].dims();
    dims.back() = Dim(input_dim);
    Dims positions(dims.begin() + 1, dims.end() - 1);
    out.outputs = {Shape(std::move(dims))};
    out.params = product({input_dim, output_dim});
    out.macs = maybe_product({out.params, dims_product(positions)});
  }
  if (!out.failed() && !call.config.boolean("tie_weights", true))
    out.params = maybe_product({out.params, 2});
}

// keras.applications.convnext's LayerScale(init_values, projection_dim): call() multiplies the
// input by its one trainable weight, gamma of shape (projection_dim,), so the output is the
// broadcast of the two (the input's shape when its last axis is projection_dim, as in ConvNeXt),
// and multiplying fails for a last axis that is neither projection_dim nor 1. A LayerScale
// without those two arguments is a class of another library, whose weights dimsum cannot tell;
// a negative projection_dim is one add_weight refuses.
void layer_scale(const LayerCall& call, Outcome& out) {
  std::optional<int64_t> dim = call.config.optional_integer("projection_dim");
  if (!dim || *dim < 0 || !call.config.has("init_values")) {
    Diagnostic& d = out.warning(
        "DS0101",
        "this LayerScale is not keras.applications.convnext's (its config has no projection_dim "
        "of 0 or more and init_values); its output shape is unknown");
    d.help.push_back(
        fmt::format("to check the layers after it, state its output shape, batch "
                    "axis first: --assume {}=SHAPE",
                    call.layer_name.empty() ? "LAYER" : call.layer_name));
    out.outputs = {Shape::unknown()};
    out.params = out.non_trainable_params = out.macs = std::nullopt;
    return;
  }
  const Shape& in = call.inputs[0];
  ops::Result product = ops::broadcast(in.dims(), Dims{Dim(*dim)});
  if (product.raises()) {
    Diagnostic& d =
        out.error("DS0005", Cause::kLayerMisconfiguration,
                  fmt::format("LayerScale multiplies its input {} by a weight of shape ({},): {}",
                              to_string(in), *dim, product.error));
    d.help.push_back(
        fmt::format("give it projection_dim={} (the input's last axis), or an input whose last "
                    "axis is {}",
                    to_string(in.back()), *dim));
    return;
  }
  out.outputs = {product.dims ? Shape(*product.dims) : Shape::unknown()};
  out.params = *dim;
}

}  // namespace

void register_core_layers(LayerRegistry& registry) {
  registry.add("Dense", dense);
  registry.add("TernaryDense", dense);
  registry.add("ReversibleEmbedding", reversible_embedding);
  registry.add("Embedding", embedding);
  registry.add("Activation", same_shape);
  registry.add("Dropout", same_shape);
  registry.add("Masking", same_shape);
  registry.add("Identity", same_shape);
  registry.add("LayerScale", layer_scale);
}

}  // namespace dimsum
