// What a model is trained against: the labels fed for each output, checked against the output's
// shape under the loss it is compiled with, as Keras' generation of the model would run them
// (DS0014), the sample counts of inputs, labels and sample weights (DS0015), the class ids of
// sparse labels against the output's classes (DS0016), and the metrics (DS0017).
#pragma once

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// Runs after propagation: `result` holds the model's output shapes; `labels` the labels given
// for each output (match_labels), null where none are. Appends the diagnostics, fills
// Result::label_shapes and Result::losses, and lists in Result::unchecked what could not be
// checked (a custom loss, a loss dimsum does not know, a model compiled with none it can see).
void check_labels(const Model& model, const CheckOptions& options,
                  const std::vector<const InputShape*>& labels, Result& result);

}  // namespace dimsum
