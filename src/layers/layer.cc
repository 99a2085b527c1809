#include "layers/layer.h"

#include <algorithm>

namespace dimsum {

Diagnostic& Outcome::error(std::string code, Cause cause, std::string message) {
  Diagnostic& d = diagnostics.emplace_back();
  d.severity = Severity::kError;
  d.code = std::move(code);
  d.cause = cause;
  d.message = std::move(message);
  return d;
}

Diagnostic& Outcome::warning(std::string code, std::string message) {
  Diagnostic& d = diagnostics.emplace_back();
  d.severity = Severity::kWarning;
  d.code = std::move(code);
  d.message = std::move(message);
  return d;
}

bool Outcome::failed() const {
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::kError) return true;
  return false;
}

void Outcome::require(SizeCondition::Kind kind, Dim lhs, Dim rhs, std::string what) {
  conditions.push_back(SizeCondition{kind, lhs, rhs, std::move(what), {}});
}

LayerRegistry::LayerRegistry() {
  register_core_layers(*this);
  register_conv_layers(*this);
  register_pooling_layers(*this);
  register_reshaping_layers(*this);
  register_normalization_layers(*this);
  register_recurrent_layers(*this);
  register_wrapper_layers(*this);
  register_merging_layers(*this);
  register_conv_variant_layers(*this);
  register_locally_connected_layers(*this);
  register_conv_recurrent_layers(*this);
  register_rnn_cell_layers(*this);
  register_activation_layers(*this);
  register_regularization_layers(*this);
  register_attention_layers(*this);
  register_einsum_dense_layers(*this);
  register_lambda_layers(*this);
  register_tf_op_layers(*this);
  register_preprocessing_layers(*this);
  register_image_preprocessing_layers(*this);
}

const LayerRegistry& LayerRegistry::instance() {
  static const LayerRegistry registry;
  return registry;
}

ShapeRule LayerRegistry::find(std::string_view class_name) const {
  auto it = rules_.find(class_name);
  return it == rules_.end() ? nullptr : it->second;
}

void LayerRegistry::add(std::string_view class_name, ShapeRule rule) {
  rules_.emplace(std::string(class_name), rule);
}

void run_nested_layer(const json::Value& layer, const std::vector<Shape>& inputs,
                      std::optional<Producer> producer, Outcome& out) {
  const json::Value* class_name = layer.find("class_name");
  const json::Value* config = layer.find("config");
  LayerConfig nested(config, layer.offset);
  ShapeRule rule = LayerRegistry::instance().find(class_name->text());
  if (!rule) {
    out.warning("DS0101", "dimsum does not know the wrapped layer class '" +
                              std::string(class_name->text()) + "'; its output is unknown");
    out.outputs = {Shape::unknown()};
    out.params = std::nullopt;
    out.non_trainable_params = std::nullopt;
    out.macs = std::nullopt;
    return;
  }
  LayerCall call{class_name->text(), nested, inputs, producer, nullptr, nullptr, nullptr, {}};
  rule(call, out);
  // A wrapped layer saved with trainable=false keeps its weights frozen inside the wrapper.
  if (!nested.boolean("trainable", true)) out.non_trainable_params = out.params;
}

const Shape* LayerCall::argument(int position, std::string_view name) const {
  if (!arguments) return nullptr;
  for (const ArgumentShape& a : *arguments)
    if ((position >= 1 && a.position == position) || (!name.empty() && a.name == name))
      return &a.shape;
  return nullptr;
}

std::optional<int64_t> product(std::initializer_list<Dim> dims) {
  int64_t out = 1;
  for (Dim d : dims) {
    if (!d.known()) return std::nullopt;
    auto next = checked_mul(out, d.value());
    if (!next) return std::nullopt;
    out = *next;
  }
  return out;
}

namespace {

// The product of `values`, each read with `value_of` (nullopt: unknown); nullopt when any is
// unknown or the product overflows 64 bits.
template <typename Values, typename ValueOf>
std::optional<int64_t> checked_product(const Values& values, ValueOf value_of) {
  int64_t out = 1;
  for (const auto& v : values) {
    std::optional<int64_t> factor = value_of(v);
    if (!factor) return std::nullopt;
    auto next = checked_mul(out, *factor);
    if (!next) return std::nullopt;
    out = *next;
  }
  return out;
}

}  // namespace

std::optional<int64_t> dims_product(const Dims& dims) {
  return checked_product(
      dims, [](Dim d) { return d.known() ? std::optional<int64_t>(d.value()) : std::nullopt; });
}

std::optional<int64_t> maybe_product(std::initializer_list<std::optional<int64_t>> values) {
  return checked_product(values, [](std::optional<int64_t> v) { return v; });
}

std::optional<int64_t> product(std::initializer_list<int64_t> values) {
  return checked_product(values, [](int64_t v) { return std::optional<int64_t>(v); });
}

std::optional<int64_t> sum(std::initializer_list<std::optional<int64_t>> values) {
  int64_t out = 0;
  for (auto v : values) {
    if (!v) return std::nullopt;
    auto next = checked_add(out, *v);
    if (!next) return std::nullopt;
    out = *next;
  }
  return out;
}

}  // namespace dimsum
