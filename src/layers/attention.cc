// Attention layers: Attention (dot-product) and AdditiveAttention, called on [query, value] or
// [query, value, key]; MultiHeadAttention and Keras 3's GroupedQueryAttention, called as
// layer(query, value, key), whose value and key a config keeps as later arguments.
#include <fmt/format.h>

#include <algorithm>

#include "layers/checks.h"

namespace dimsum {

namespace {

bool kwarg_true(const LayerCall& call, std::string_view key) {
  const json::Value* v = call.kwargs ? call.kwargs->find(key) : nullptr;
  return v && v->kind == json::Kind::kBool && v->boolean;
}

// Reports two sizes that must be equal; false when both are known and differ.
bool require_equal(Outcome& out, Dim a, Dim b, std::string message, std::string help) {
  if (!a.known() || !b.known() || a == b) return true;
  Diagnostic& d = out.error("DS0005", Cause::kLayerMisconfiguration, std::move(message));
  d.help.push_back(std::move(help));
  return false;
}

bool require_sequence(const LayerCall& call, Outcome& out, const Shape& s, std::string_view what) {
  if (s.rank() >= 3) return true;
  Diagnostic& d = out.error(
      "DS0002",
      call.input_is_data() ? Cause::kIncompatibleInputData : Cause::kLayerMisconfiguration,
      fmt::format("the {} must have rank 3 or more (batch, ..., features), got rank {} {}", what,
                  s.rank(), to_string(s)));
  d.help.push_back("give attention a sequence: (batch, timesteps, features)");
  return false;
}

std::optional<int64_t> middle(const Shape& s) {
  return dims_product(Dims(s.dims().begin() + 1, s.dims().end() - 1));
}

// Attention and AdditiveAttention: the output is the query's shape with the value's features;
// the query scores every key step, so the key must have the query's features and the value's
// steps.
void dense_attention(const LayerCall& call, Outcome& out) {
  size_t n = call.inputs.size();
  if (n < 2 || n > 3) {
    Diagnostic& d = out.error(
        "DS0005", Cause::kLayerMisconfiguration,
        fmt::format("{} takes a list of 2 or 3 tensors, [query, value] or [query, value, key]; "
                    "got {}",
                    call.class_name, n));
    d.help.push_back(fmt::format("call {} on [query, value]", call.class_name));
    return;
  }
  const Shape& query = call.inputs[0];
  const Shape& value = call.inputs[1];
  const Shape& key = n == 3 ? call.inputs[2] : value;
  if (!require_sequence(call, out, query, "query") ||
      !require_sequence(call, out, value, "value") || !require_sequence(call, out, key, "key"))
    return;
  if (!require_equal(out, query.back(), key.back(),
                     fmt::format("the query has {} features but the key has {}: {} compares them "
                                 "one to one",
                                 to_string(query.back()), to_string(key.back()), call.class_name),
                     "project the query or the key with Dense to the same number of features") ||
      !require_equal(
          out, key[key.rank() - 2], value[value.rank() - 2],
          fmt::format("the key has {} steps but the value has {}", to_string(key[key.rank() - 2]),
                      to_string(value[value.rank() - 2])),
          "give the key and the value the same number of steps"))
    return;
  Dims dims = query.dims();
  dims.back() = value.back();
  out.outputs = {Shape(dims)};
  if (kwarg_true(call, "return_attention_scores")) {
    Dims scores = query.dims();
    scores.back() = key[key.rank() - 2];
    out.outputs.push_back(Shape(std::move(scores)));
  }
  // Attention: a scalar scale (use_scale) and a scalar for score_mode="concat";
  // AdditiveAttention: a scale vector over the features (use_scale, default true).
  if (call.class_name == "AdditiveAttention") {
    if (call.config.boolean("use_scale", true)) {
      if (!require_known(call, out, query.back(), "last axis (features) of the query")) return;
      out.params = query.back().value();
    }
  } else {
    out.params = (call.config.boolean("use_scale", false) ? 1 : 0) +
                 (call.config.string("score_mode", "dot") == "concat" ? 1 : 0);
  }
  // Every query step meets every key step: a dot product of the features for the score, and a
  // weighted sum of the value's features.
  auto features = sum({dims_product({query.back()}), dims_product({value.back()})});
  out.macs = maybe_product({middle(query), dims_product({key[key.rank() - 2]}), features});
}

struct Projection {
  std::optional<int64_t> params;
  std::optional<int64_t> macs;
};

// A Dense-like projection of `features` to `outputs` at `positions` places (with a bias of
// `outputs` when `bias`).
Projection project(std::optional<int64_t> positions, std::optional<int64_t> features,
                   std::optional<int64_t> outputs, bool bias) {
  auto kernel = maybe_product({features, outputs});
  return {sum({kernel, bias ? outputs : std::optional<int64_t>(0)}),
          maybe_product({positions, kernel})};
}

// The query, value and key of a MultiHeadAttention-like call; false (with a warning or an error)
// when they cannot be checked.
bool attention_inputs(const LayerCall& call, Outcome& out, const Shape*& value, const Shape*& key) {
  value = call.argument(1, "value");
  key = call.argument(2, "key");
  if (!value) {
    out.warning("DS0101", fmt::format("the config does not show the 'value' tensor {} was called "
                                      "with; its output is unknown",
                                      call.class_name));
    out.params = out.non_trainable_params = out.macs = std::nullopt;
    return false;
  }
  if (!key) key = value;
  const Shape& query = call.inputs[0];
  if (!require_sequence(call, out, query, "query") ||
      !require_sequence(call, out, *value, "value") || !require_sequence(call, out, *key, "key"))
    return false;
  bool same = value->rank() == key->rank();
  for (size_t i = 1; same && i + 1 < value->rank(); ++i)
    same = !(*value)[i].known() || !(*key)[i].known() || (*value)[i] == (*key)[i];
  if (!same) {
    Diagnostic& d = out.error(
        "DS0005", Cause::kLayerMisconfiguration,
        fmt::format("the value {} and the key {} must have the same sizes on every axis but the "
                    "last",
                    to_string(*value), to_string(*key)));
    d.help.push_back("give the key and the value the same steps (the key usually is the value)");
    return false;
  }
  if (query.rank() != value->rank()) {
    Diagnostic& d = out.error("DS0005", Cause::kLayerMisconfiguration,
                              fmt::format("the query {} and the value {} must have the same rank",
                                          to_string(query), to_string(*value)));
    d.help.push_back("reshape the query or the value so both have (batch, ..., features)");
    return false;
  }
  for (const Shape* s : {&query, value, key})
    if (!require_known(call, out, s->back(), "last axis (features)")) return false;
  return true;
}

// attention_axes: the axes attended over (default: every axis between batch and features).
std::vector<size_t> attention_axes(const LayerConfig& config, const Shape& query, Outcome& out) {
  std::vector<size_t> axes;
  const json::Value* v = config.raw("attention_axes");
  if (!v || v->is_null()) {
    for (size_t i = 1; i + 1 < query.rank(); ++i) axes.push_back(i);
    return axes;
  }
  std::vector<int64_t> given = v->is_array()
                                   ? config.int_list("attention_axes")
                                   : std::vector<int64_t>{config.integer("attention_axes")};
  for (int64_t axis : given) {
    auto resolved = normalize_axis(axis, query.rank());
    if (!resolved || *resolved == 0 || *resolved + 1 == query.rank()) {
      Diagnostic& d = out.error(
          "DS0008", Cause::kLayerMisconfiguration,
          fmt::format("attention axis {} is not an axis between the batch and the features of "
                      "the query {}",
                      axis, to_string(query)));
      d.help.push_back(fmt::format("use axes from 1 to {}", query.rank() - 2));
      return {};
    }
    axes.push_back(*resolved);
  }
  return axes;
}

void multi_head_attention(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  int64_t heads = config.integer("num_heads");
  int64_t key_dim = config.integer("key_dim");
  int64_t value_dim = config.optional_integer("value_dim").value_or(key_dim);
  if (!require_positive(out, "num_heads", {heads}) ||
      !require_positive(out, "key_dim", {key_dim}) ||
      !require_positive(out, "value_dim", {value_dim}))
    return;
  const Shape* value = nullptr;
  const Shape* key = nullptr;
  if (!attention_inputs(call, out, value, key)) return;
  const Shape& query = call.inputs[0];
  std::vector<size_t> axes = attention_axes(config, query, out);
  if (out.failed()) return;
  Dims output_shape{query.back()};
  if (config.has("output_shape")) {
    const json::Value* v = config.raw("output_shape");
    output_shape =
        v->is_number() ? Dims{Dim(config.integer("output_shape"))} : *config.shape("output_shape");
  }
  bool bias = config.boolean("use_bias", true);
  int64_t q_dim = query.back().value(), k_dim = key->back().value(), v_dim = value->back().value();
  auto q_positions = middle(query), v_positions = middle(*value);
  auto outputs = dims_product(output_shape);
  std::vector<Projection> parts{project(q_positions, q_dim, product({heads, key_dim}), bias),
                                project(v_positions, k_dim, product({heads, key_dim}), bias),
                                project(v_positions, v_dim, product({heads, value_dim}), bias),
                                project(q_positions, product({heads, value_dim}), outputs, bias)};
  if (config.boolean("use_gate", false))
    parts.push_back(project(q_positions, q_dim, product({heads, value_dim}), bias));
  out.params = 0;
  out.macs = 0;
  for (const Projection& p : parts) {
    out.params = sum({out.params, p.params});
    out.macs = sum({out.macs, p.macs});
  }
  if (!out.params) return report_overflow(out, "parameter count");
  // Scores and the weighted sum: per head, every query position meets every key position of the
  // same non-attended axes.
  Dims attended_q, attended_k, others;
  for (size_t i = 1; i + 1 < query.rank(); ++i) {
    bool attended = std::find(axes.begin(), axes.end(), i) != axes.end();
    (attended ? attended_q : others).push_back(query[i]);
    if (attended) attended_k.push_back((*key)[i]);
  }
  out.macs = sum({out.macs, maybe_product({heads, dims_product(others), dims_product(attended_q),
                                           dims_product(attended_k), key_dim + value_dim})});
  Dims dims(query.dims().begin(), query.dims().end() - 1);
  dims.insert(dims.end(), output_shape.begin(), output_shape.end());
  out.outputs = {Shape(std::move(dims))};
  if (kwarg_true(call, "return_attention_scores")) {
    Dims scores{query[0], Dim(heads)};
    scores.insert(scores.end(), attended_q.begin(), attended_q.end());
    scores.insert(scores.end(), attended_k.begin(), attended_k.end());
    out.outputs.push_back(Shape(std::move(scores)));
  }
}

// GroupedQueryAttention: num_query_heads query heads share num_key_value_heads key and value
// heads of head_dim; the output has the query's features, which must be the value's.
void grouped_query_attention(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  int64_t head_dim = config.integer("head_dim");
  int64_t query_heads = config.integer("num_query_heads");
  int64_t kv_heads = config.integer("num_key_value_heads");
  if (!require_positive(out, "head_dim", {head_dim}) ||
      !require_positive(out, "num_query_heads", {query_heads}) ||
      !require_positive(out, "num_key_value_heads", {kv_heads}))
    return;
  if (query_heads % kv_heads != 0) {
    Diagnostic& d =
        out.error("DS0008", Cause::kLayerMisconfiguration,
                  fmt::format("num_query_heads must be a multiple of num_key_value_heads; received "
                              "num_query_heads={}, num_key_value_heads={}",
                              query_heads, kv_heads));
    d.help.push_back("use a number of key/value heads that divides the query heads");
    return;
  }
  const Shape* value = nullptr;
  const Shape* key = nullptr;
  if (!attention_inputs(call, out, value, key)) return;
  const Shape& query = call.inputs[0];
  if (!require_equal(out, query.back(), value->back(),
                     fmt::format("the query has {} features but the value has {}: "
                                 "GroupedQueryAttention needs them equal",
                                 query.back().value(), value->back().value()),
                     "project the value with Dense to the query's features"))
    return;
  bool bias = config.boolean("use_bias", true);
  int64_t q_dim = query.back().value();
  auto q_positions = middle(query), v_positions = middle(*value);
  std::vector<Projection> parts{
      project(q_positions, q_dim, product({query_heads, head_dim}), bias),
      project(v_positions, key->back().value(), product({kv_heads, head_dim}), bias),
      project(v_positions, value->back().value(), product({kv_heads, head_dim}), bias),
      project(q_positions, product({query_heads, head_dim}), q_dim, bias)};
  if (config.boolean("use_gate", false))
    parts.push_back(project(q_positions, q_dim, product({query_heads, head_dim}), bias));
  out.params = 0;
  out.macs = 0;
  for (const Projection& p : parts) {
    out.params = sum({out.params, p.params});
    out.macs = sum({out.macs, p.macs});
  }
  if (!out.params) return report_overflow(out, "parameter count");
  out.macs = sum({out.macs, maybe_product({query_heads, q_positions, v_positions, 2 * head_dim})});
  out.outputs = {query};
  if (kwarg_true(call, "return_attention_scores"))
    out.outputs.push_back(Shape({query[0], Dim(query_heads), query[1], (*key)[1]}));
}

}  // namespace

void register_attention_layers(LayerRegistry& registry) {
  registry.add("Attention", dense_attention);
  registry.add("AdditiveAttention", dense_attention);
  registry.add("MultiHeadAttention", multi_head_attention);
  registry.add("GroupedQueryAttention", grouped_query_attention);
}

}  // namespace dimsum
