// Core layers: Dense, Embedding, and the layers that keep their input's shape.
#include <fmt/format.h>

#include "layers/checks.h"
#include "layers/layer.h"

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
}

}  // namespace dimsum
