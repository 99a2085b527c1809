#include "layers/layer.h"

#include <algorithm>

namespace dimsum {

namespace {

Diagnostic& add(std::vector<Diagnostic>& diagnostics, Severity severity, std::string code,
                std::string message) {
  Diagnostic& d = diagnostics.emplace_back();
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  return d;
}

}  // namespace

Diagnostic& Outcome::error(std::string code, Cause cause, std::string message) {
  Diagnostic& d = add(diagnostics, Severity::kError, std::move(code), std::move(message));
  d.cause = cause;
  return d;
}

Diagnostic& Outcome::warning(std::string code, std::string message) {
  return add(diagnostics, Severity::kWarning, std::move(code), std::move(message));
}

Diagnostic& Outcome::note(std::string code, std::string message) {
  return add(diagnostics, Severity::kNote, std::move(code), std::move(message));
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

}  // namespace dimsum
