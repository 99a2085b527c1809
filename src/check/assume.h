// --assume LAYER=SHAPE: the user states the output shape of a layer dimsum cannot infer (a custom
// layer, a Lambda without output_shape, a raw TensorFlow op it has no rule for).
#pragma once

#include <string>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// False with `error` when an assumption names no layer of `model` (nested models included).
bool check_assumed_layers(const Model& model, const std::vector<AssumedShape>& assumed,
                          std::string& error);

}  // namespace dimsum
