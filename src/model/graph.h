// The model graph: layers, the calls (nodes) that connect them, the model's inputs and outputs,
// and where each layer sits in the source file. Readers build it; the checker walks it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/source.h"
#include "readers/json.h"
#include "shape/dim.h"

namespace dimsum {

// One tensor: output `tensor` of call `node` of layer `layer` (an index into Model::layers).
struct TensorRef {
  int layer = 0;
  int node = 0;
  int tensor = 0;
};

// A tensor passed to a call other than in its first argument: by keyword (tf.keras 2 saves every
// later argument so, MultiHeadAttention's "value") or by position (Keras 3's args[1], ...).
struct Argument {
  std::string name;   // the keyword; empty for a positional argument
  int position = -1;  // 1, 2, ... for a positional argument; -1 for a keyword
  TensorRef tensor;
};

// One call of a layer: the tensors of its first argument, in order, and what else it was given.
struct Node {
  std::vector<TensorRef> inputs;
  std::vector<Argument> arguments;
  // The call's keyword arguments as written (tf.keras 2: the kwargs of the node's references;
  // Keras 3: the node's "kwargs"), where rules of raw TensorFlow ops read their axis or shape.
  const json::Value* kwargs = nullptr;
  // The first argument when it is a constant, not a tensor (tf.keras 2's "_CONSTANT_VALUE", as in
  // tf.math.subtract(1.0, x)); also set when a constant sits among the first argument's tensors.
  const json::Value* constant = nullptr;
  // Python source: where the call is written (`x = self.dense(x)` inside a call()), which may be
  // far from where the layer is made; 0 when the call is the layer's own place (a config, a
  // Sequential's list).
  uint32_t offset = 0;
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
  std::optional<Dims> declared_shape;
  // Made by the reader (a Sequential's implicit input), not written in the file.
  bool synthetic = false;
  // Set by the Python reader when it cannot follow the code that makes this layer (an argument
  // computed at run time, a loop it cannot count): says what and where. The layer's output is
  // then unknown and a note says why, never an error.
  std::string unfollowed;
  // Set by the Python reader for a layer some of whose size arguments (units, filters, ...) are
  // known only at run time: `config` holds one probe size for each, this config another. The
  // layer is checked with both; what differs between the two is unknown (propagate.cc).
  const json::Value* probe_config = nullptr;
  // The name the size that argument decides takes in shapes ("units_dense"); empty when several
  // arguments are probed together, whose sizes are then unknown.
  std::string probe_symbol;
  // Python source: a keras.layers.Layer subclass, followed through its build() and call() into
  // `submodel`. A problem inside is shown where call() meets it; `own_params` counts the
  // weights its build() makes with add_weight, `own_non_trainable` those of them not trained.
  bool traced = false;
  std::optional<int64_t> own_params = 0;
  std::optional<int64_t> own_non_trainable = 0;
  // Python source: the output shape a custom layer's compute_output_shape gives, taken when its
  // call() cannot be followed (`unfollowed` says why); its weights are then unknown.
  std::optional<Dims> computed_output;
};

// The two sizes a size argument known only at run time is checked at (Layer::probe_config):
// unlike any size code writes, and unlike the probes of symbolic sizes (propagate.cc).
inline constexpr int64_t kProbeSize = 200'003;

// The Keras a model is written for, where their rules differ (docs/semantics.md, "Keras
// generations"): standalone Keras 1.x and 2.0-2.3, tf.keras 2 (TensorFlow 2.x up to 2.15), Keras 3.
enum class KerasGeneration { kUnknown, kStandalone, kTfKeras2, kKeras3 };

struct Model {
  std::string name;
  // "tf.keras 2", "Keras 3", "Keras 2.1", "Keras 1", "TensorFlow.js", "Python source"
  std::string dialect;
  // Python source: the generation its code points to (KerasGeneration::kUnknown when nothing
  // tells); a config's follows from its dialect (generation_of).
  KerasGeneration generation = KerasGeneration::kUnknown;
  bool sequential = false;
  std::vector<Layer> layers;
  std::vector<int> inputs;  // indices of the InputLayer layers, in model-input order
  std::vector<TensorRef> outputs;
  std::string file;
  // The file's text and line index; it also owns what Layer::config points into.
  std::shared_ptr<const SourceText> source;
  // How the model is compiled, as its source says (compile(loss=..., metrics=...) in Python, the
  // compile config of a .keras or .h5 file); empty when it does not.
  std::vector<LossChoice> losses;
  std::vector<MetricChoice> metrics;
  // The configs the reader rewrote (a Keras 1 layer in Keras 2's terms), which Layer::config
  // points to instead; shared by nested models.
  std::shared_ptr<const json::NodeStore> rewritten;
};

// The layer whose output is layer `layer`'s first input at its first call; nullopt for a layer
// without inputs (an InputLayer).
std::optional<size_t> first_input_layer(const Model& model, size_t layer);

// The name Keras gives each model output, in output order: its layer's name.
std::vector<std::string> output_names(const Model& model);

// The generation whose rules the model is checked by: the one its Python code points to, else
// the one its config's dialect was written by; kUnknown when nothing tells (a Python script with
// no cue, a TensorFlow.js model), which takes the rules tf.keras 2 and Keras 3 share.
KerasGeneration generation_of(const Model& model);

}  // namespace dimsum
