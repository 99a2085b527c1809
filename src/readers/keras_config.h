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
// Also reads how the model is compiled, when the document says (read_compile_config): Keras 3's
// "compile_config" beside the model's config (a .keras archive's config.json), a TensorFlow.js
// model.json's "trainingConfig" or its topology's "training_config".
bool read_keras_model(std::shared_ptr<const json::Document> document, const std::string& file,
                      Model& model, std::string& error);

// Fills model.losses and model.metrics (the model's outputs already read) from a compile config:
// Keras 3's compile_config, or the training_config of an .h5 file (tf.keras 2, standalone Keras,
// Keras 3's legacy format) or a TensorFlow.js model.json: {"loss": ..., "metrics": ...,
// "weighted_metrics": ...}. A loss is a name ("mse"), a serialized function or object
// ({"class_name": "SparseCategoricalCrossentropy", "config": {"from_logits": true}}, with
// "module" in Keras 3), a list (one per output, in output order) or a dict (by output name);
// metrics likewise, or a list of lists (per output). `keras3`: the config is Keras 3's, where a
// flat list of metrics as long as the outputs gives one per output (tf.keras 2 gives each
// metric to every output). A loss dimsum cannot read (a custom function) is a LossChoice with an
// empty name and `custom` saying which; what is not a compile config is ignored, never an error.
void read_compile_config(const json::Value& config, bool keras3, Model& model);

}  // namespace dimsum
