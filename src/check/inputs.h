// The shapes a model's inputs are checked with: the data the user feeds (--input-shape)
// compared with what each InputLayer declares. A mismatch is "incompatible input data" (or
// "incorrect batch size" for a fixed batch axis); checking then goes on with the declared shape
// so that the rest of the model is still checked on its own terms.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// What is known about the data fed to one model input beyond its shape: where it comes from,
// its dtype, how many samples it holds and whether its first axis is the batch it is fed in.
struct InputFeed {
  std::string source;  // the data file ("x.npy", "d.npz:x"); empty for --input-shape
  DataType dtype;
  std::optional<int64_t> samples;     // from the data file, or --samples
  std::optional<int64_t> batch_size;  // --batch-size
  // The data is fed in batches (--data, --batch-size): its shape's first axis is the batch size
  // (unknown when not given), not the tensor's batch of --input-shape.
  bool batched = false;
  // The Keras whose rules adapt the data's rank before it is checked (adapted_rank).
  KerasGeneration generation = KerasGeneration::kUnknown;
};

// The shape to check input layer `layer` with, given the user's data (if any) and the layers
// that take the input (their needs, such as an Embedding's integer ids, decide which dtypes
// fit). Appends any mismatch to `diagnostics` (without layer and location: the caller adds
// them).
Shape resolve_input(const Layer& layer, const std::vector<const Layer*>& consumers,
                    const std::optional<Dims>& data, const InputFeed& feed,
                    std::vector<Diagnostic>& diagnostics);

// The data as Keras hands it to a model that declares its input `declared`, before checking it.
Dims adapted_rank(const Dims& data, const Dims& declared, KerasGeneration generation);

// Problems between inputs: fixed batch sizes that differ, data with different sample counts.
// Each diagnostic is paired with the index (into Model::inputs) of the input it belongs to.
// `shapes` (one per input) are the shapes to check with: an input whose fixed batch disagrees
// gets the first one's, so that the disagreement is reported once, here.
std::vector<std::pair<size_t, Diagnostic>> check_inputs_agree(const Model& model,
                                                              const std::vector<InputFeed>& feeds,
                                                              std::vector<Shape>& shapes);

}  // namespace dimsum
