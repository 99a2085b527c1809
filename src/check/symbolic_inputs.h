// Symbols for a model's input sizes: those `dimsum domain` solves for, and those a failing size
// is checked again with, so that its help names the nearest sizes that work.
#pragma once

#include <string>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// An --input-shape per model input that declares its shape, each unknown size but the batch a
// symbol: H and W of an image input (rank 4), D, H and W of a volume, L of a sequence, else
// d1, d2, ... by axis; prefixed with the input's name when the model has several inputs.
std::vector<InputShape> declared_symbolic_inputs(const Model& model);

// `result` failed at the sizes it was checked with. Checks the model again with a symbol for
// each size between the batch and the channels (H and W of an image, L of a sequence) and adds,
// to the error that a size does not work for, the nearest sizes that do.
void add_nearest_size_help(const Model& model, const std::string& file, const CheckOptions& options,
                           Result& result);

}  // namespace dimsum
