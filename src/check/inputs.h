// The shapes a model's inputs are checked with: the data the user feeds (--input-shape)
// compared with what each InputLayer declares. A mismatch is "incompatible input data" (or
// "incorrect batch size" for a fixed batch axis); checking then goes on with the declared shape
// so that the rest of the model is still checked on its own terms.
#pragma once

#include <optional>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// The shape to check input layer `layer` with, given the user's data (if any). Appends any
// mismatch to `diagnostics` (without layer and location: the caller adds them).
Shape resolve_input(const Layer& layer, const std::optional<std::vector<Dim>>& data,
                    std::vector<Diagnostic>& diagnostics);

}  // namespace dimsum
