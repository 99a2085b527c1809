// What a shape rule sees and what it returns. One rule per Keras layer class, registered by
// class name (and legacy aliases) in the file of its family; rules never print, they return
// shapes, parameter counts and diagnostics.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dimsum/dimsum.h"
#include "layers/config.h"
#include "shape/shape.h"

namespace dimsum {

// The layer that produced a call's first input, for help lines ("set return_sequences=True on
// 'lstm'"); absent when the input is the model's input data.
struct Model;
struct Producer {
  std::string_view name;
  std::string_view class_name;
  const LayerConfig* config = nullptr;
  // Where it sits: its layer and call in `model`, so that help can look at the layers before it
  // (producer_chain in checks.h).
  const Model* model = nullptr;
  int layer = -1;
  int node = -1;
};

// A tensor given to a call besides its first argument (MultiHeadAttention's value and key).
struct ArgumentShape {
  std::string_view name;  // the keyword; empty for a positional argument
  int position = -1;      // 1, 2, ... for a positional argument
  Shape shape;
};

struct LayerCall {
  std::string_view class_name;
  const LayerConfig& config;
  const std::vector<Shape>& inputs;  // the first argument's tensors; every one has a known rank
  std::optional<Producer> producer;  // nullopt: the first input is the model's input data
  const std::vector<ArgumentShape>* arguments = nullptr;  // every one has a known rank
  const json::Value* kwargs = nullptr;                    // the call's keyword arguments as written
  const json::Value* constant = nullptr;  // a constant first argument (tf.keras 2 TFOpLambda)
  std::string_view layer_name;            // for help lines; empty in a wrapper's nested layer

  bool input_is_data() const { return !producer.has_value(); }
  // The tensor passed as positional argument `position` or as keyword `name`; nullptr if none.
  const Shape* argument(int position, std::string_view name) const;
};

struct Outcome {
  std::vector<Shape> outputs;
  // Weights created by the layer; nullopt where a size they depend on is unknown.
  std::optional<int64_t> params = 0;
  std::optional<int64_t> non_trainable_params =
      0;  // of `params`: BatchNormalization's moving stats
  // Multiply-adds for one sample (docs/semantics.md); nullopt where a size they need is unknown.
  std::optional<int64_t> macs = 0;
  // Keras' build pins the input's rank (InputSpec(ndim=...)): a shared layer's later calls must
  // have the rank of its first.
  bool fixes_rank = false;
  std::vector<Diagnostic> diagnostics;
  // What the layer needs of symbolic sizes, where a known size would have been checked.
  std::vector<SizeCondition> conditions;

  Diagnostic& error(std::string code, Cause cause, std::string message);
  Diagnostic& warning(std::string code, std::string message);
  Diagnostic& note(std::string code, std::string message);
  bool failed() const;
  void require(SizeCondition::Kind kind, Dim lhs, Dim rhs, std::string what);
};

using ShapeRule = void (*)(const LayerCall&, Outcome&);

class LayerRegistry {
 public:
  static const LayerRegistry& instance();
  ShapeRule find(std::string_view class_name) const;
  void add(std::string_view class_name, ShapeRule rule);

 private:
  LayerRegistry();
  // Looked up by string_view (a class name in the config) without making a std::string.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::unordered_map<std::string, ShapeRule, NameHash, std::equal_to<>> rules_;
};

// One registration function per family file (src/layers/<family>.cc).
void register_core_layers(LayerRegistry& registry);
void register_conv_layers(LayerRegistry& registry);
void register_pooling_layers(LayerRegistry& registry);
void register_reshaping_layers(LayerRegistry& registry);
void register_normalization_layers(LayerRegistry& registry);
void register_recurrent_layers(LayerRegistry& registry);
void register_wrapper_layers(LayerRegistry& registry);
void register_merging_layers(LayerRegistry& registry);
void register_conv_variant_layers(LayerRegistry& registry);
void register_locally_connected_layers(LayerRegistry& registry);
void register_conv_recurrent_layers(LayerRegistry& registry);
void register_rnn_cell_layers(LayerRegistry& registry);
void register_activation_layers(LayerRegistry& registry);
void register_regularization_layers(LayerRegistry& registry);
void register_attention_layers(LayerRegistry& registry);
void register_einsum_dense_layers(LayerRegistry& registry);
void register_lambda_layers(LayerRegistry& registry);
void register_tf_op_layers(LayerRegistry& registry);
void register_preprocessing_layers(LayerRegistry& registry);
void register_image_preprocessing_layers(LayerRegistry& registry);

// Runs the rule of a layer nested in a wrapper's config ({"class_name", "config"}), as
// Bidirectional and TimeDistributed do. An unknown class leaves `out` with unknown outputs.
void run_nested_layer(const json::Value& layer, const std::vector<Shape>& inputs,
                      std::optional<Producer> producer, Outcome& out);

// Products and sums of sizes, overflow-checked; nullopt when a size is unknown or the result
// overflows. Inline, as checked_add is (shape/dim.h): every layer's parameter count and work go
// through them, and a std::optional returned from a call costs a stall.
namespace detail {
// A lambda, not a function: passed on as a type, it is inlined where a function's address might
// not be.
inline constexpr auto known_size = [](Dim d) {
  return d.known() ? std::optional<int64_t>(d.value()) : std::nullopt;
};
// `values`, each read with `value_of` (nullopt: unknown), combined from `start` with
// `combine` (nullopt: overflow): nullopt as soon as either gives it.
template <typename Values, typename ValueOf, typename Combine>
std::optional<int64_t> checked_fold(const Values& values, int64_t start, ValueOf value_of,
                                    Combine combine) {
  int64_t out = start;
  for (const auto& v : values) {
    std::optional<int64_t> value = value_of(v);
    if (!value) return std::nullopt;
    auto next = combine(out, *value);
    if (!next) return std::nullopt;
    out = *next;
  }
  return out;
}
inline constexpr auto times = [](int64_t a, int64_t b) { return checked_mul(a, b); };
inline constexpr auto plus = [](int64_t a, int64_t b) { return checked_add(a, b); };
inline constexpr auto as_given = [](std::optional<int64_t> v) { return v; };
}  // namespace detail

inline std::optional<int64_t> dims_product(const Dims& dims) {
  return detail::checked_fold(dims, 1, detail::known_size, detail::times);
}
inline std::optional<int64_t> maybe_product(std::initializer_list<std::optional<int64_t>> values) {
  return detail::checked_fold(values, 1, detail::as_given, detail::times);
}
inline std::optional<int64_t> product(std::initializer_list<Dim> dims) {
  return detail::checked_fold(dims, 1, detail::known_size, detail::times);
}
inline std::optional<int64_t> product(std::initializer_list<int64_t> values) {
  return detail::checked_fold(
      values, 1, [](int64_t v) { return std::optional<int64_t>(v); }, detail::times);
}
inline std::optional<int64_t> sum(std::initializer_list<std::optional<int64_t>> values) {
  return detail::checked_fold(values, 0, detail::as_given, detail::plus);
}

}  // namespace dimsum
