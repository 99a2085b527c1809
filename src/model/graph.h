// The model graph: layers, the calls (nodes) that connect them, the model's inputs and outputs,
// and where each layer sits in the source file. Readers build it; the checker walks it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "readers/json.h"
#include "shape/dim.h"

namespace dimsum {

// One tensor: output `tensor` of call `node` of layer `layer` (an index into Model::layers).
struct TensorRef {
  int layer = 0;
  int node = 0;
  int tensor = 0;
};

// One call of a layer: the tensors it was called on, in order.
struct Node {
  std::vector<TensorRef> inputs;
};

struct Model;

struct Layer {
  std::string name;
  std::string class_name;
  const json::Value* config = nullptr;  // the layer's "config" object, inside Model::source
  uint32_t offset = 0;                  // where the layer is written in the source
  std::vector<Node> nodes;
  // A Sequential or Functional model used as a layer.
  std::shared_ptr<const Model> submodel;
  // For an InputLayer: the shape it declares, batch axis first (nullopt: none declared).
  std::optional<std::vector<Dim>> declared_shape;
  // Made by the reader (a Sequential's implicit input), not written in the file.
  bool synthetic = false;
};

struct Model {
  std::string name;
  std::string dialect;  // "tf.keras 2", "Keras 3", "Keras 2.1", "TensorFlow.js"
  bool sequential = false;
  std::vector<Layer> layers;
  std::vector<int> inputs;  // indices of the InputLayer layers, in model-input order
  std::vector<TensorRef> outputs;
  std::string file;
  std::shared_ptr<const json::Document> source;
};

}  // namespace dimsum
