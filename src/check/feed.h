// Which data feeds which model input: --input-shape and --data by input name, then the unnamed
// ones in input order; an .npz given whole by the names of its arrays. Also what is fed beyond
// shapes: dtypes, sample counts, the batch size.
#pragma once

#include <string>
#include <vector>

#include "check/inputs.h"
#include "check/propagate.h"
#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// The names of an archive's arrays, for messages: "x, y".
std::string keys_of(const DataArchive& archive);

// Fills `data` and `feeds` (one each per model input). False with `error` when the options
// cannot be matched to the model's inputs (a name it lacks, more shapes than inputs, an .npz
// none of whose arrays is named after an input).
bool assign_inputs(const Model& model, const CheckOptions& options, InputData& data,
                   std::vector<InputFeed>& feeds, std::string& error);

}  // namespace dimsum
