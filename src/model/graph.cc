#include "model/graph.h"

namespace dimsum {

std::optional<size_t> first_input_layer(const Model& model, size_t layer) {
  const Layer& at = model.layers[layer];
  if (at.nodes.empty() || at.nodes[0].inputs.empty()) return std::nullopt;
  return static_cast<size_t>(at.nodes[0].inputs[0].layer);
}

std::vector<std::string> output_names(const Model& model) {
  std::vector<std::string> names;
  for (const TensorRef& output : model.outputs)
    names.push_back(model.layers[static_cast<size_t>(output.layer)].name);
  return names;
}

KerasGeneration generation_of(const Model& model) {
  if (model.generation != KerasGeneration::kUnknown) return model.generation;
  // "Keras 2.1" is the bare-list Sequential config of standalone Keras 2.0 and 2.1.
  if (model.dialect == "Keras 2.1" || model.dialect.starts_with("Keras 1"))
    return KerasGeneration::kStandalone;
  if (model.dialect == "Keras 3") return KerasGeneration::kKeras3;
  if (model.dialect == "tf.keras 2") return KerasGeneration::kTfKeras2;
  return KerasGeneration::kUnknown;
}

}  // namespace dimsum
