// Shape propagation over a model graph: every call of every layer in dependency order, with
// error recovery (a failed layer's output becomes unknown and later layers that depend on it
// are skipped silently), so one run reports every independent problem once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/custom_layers.h"
#include "check/inputs.h"
#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

struct ModelTrace {
  std::vector<Shape> inputs;   // the shape each model input was checked with
  std::vector<Shape> outputs;  // one per model output
  std::vector<LayerReport> layers;
  std::vector<Diagnostic> diagnostics;
  std::vector<SizeCondition> conditions;
  // What was not checked though its output shape is known (a custom layer's call() that
  // dimsum could not follow, whose compute_output_shape() gave the shape), in words.
  std::vector<std::string> unchecked;
  std::optional<int64_t> total_params = 0;
  std::optional<int64_t> trainable_params = 0;
  std::optional<int64_t> total_macs = 0;
};

struct PropagateOptions {
  // --assume: output shapes of layers by name, used instead of their rules.
  const std::vector<AssumedShape>* assumed = nullptr;
  // What is known of the data fed to each model input beyond its shape (--data, --batch-size,
  // --samples), in Model::inputs order; only for the model the user checks.
  const std::vector<InputFeed>* feeds = nullptr;
  // --custom-objects: followed for layers of classes the registry does not know, at any depth.
  const CustomLayers* custom = nullptr;
};

// The data fed to each model input (in Model::inputs order); nullopt: none given.
using InputData = std::vector<std::optional<Dims>>;

// Checks `model` with `data`. Returns false with `error` ("model.json:3:5: ...") when the graph
// itself is broken (a cycle, a reference to a missing output) and cannot be checked.
bool propagate(const Model& model, const InputData& data, ModelTrace& trace, std::string& error,
               const PropagateOptions& options = {});

}  // namespace dimsum
