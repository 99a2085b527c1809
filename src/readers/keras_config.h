// Reads a Keras model config in any of its dialects into a model graph:
//   tf.keras 2 (model.to_json()), Keras 3, Keras 2.0/2.1 (a Sequential whose config is the bare
//   list of layers), and the TensorFlow.js layers-model (model.json).
#pragma once

#include <memory>
#include <string>

#include "model/graph.h"
#include "readers/json.h"

namespace dimsum {

// Fills `model` from the parsed `document` of `file`. On failure returns false with `error` as
// "line:column: what is wrong".
bool read_keras_model(std::shared_ptr<const json::Document> document, const std::string& file,
                      Model& model, std::string& error);

}  // namespace dimsum
