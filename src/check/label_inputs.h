// Which labels go with which model output: --labels (and, in Python source, fit(x, y)) by output
// name, then the unnamed ones in output order; an .npz given whole to --labels by the names of its
// arrays; an .npz given whole to --data whose array "y" names no input, as the labels of a model
// with one output. Also the --loss flags, whose output names must be the model's.
#pragma once

#include <string>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// Fills `per_output` (one entry per model output, null where no labels are given) with pointers
// into `options` (labels, label_archives, data_archives). False with `error`, one line for exit
// status 2, when the options cannot be matched to the model's outputs: a name that is no output
// (of --labels or --loss), two labels or two losses for one output, more unnamed labels than
// outputs, an .npz none of whose arrays is named after an output of a model with several.
bool match_labels(const Model& model, const CheckOptions& options,
                  std::vector<const InputShape*>& per_output, std::string& error);

}  // namespace dimsum
