#include "model/graph.h"

namespace dimsum {

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
