// Keras' built-in losses and metrics, as far as shapes go: which label shapes each accepts for an
// output shape, in each Keras generation. Pure functions over shapes; the facts are Keras' own
// (docs/semantics.md, "Labels and losses", names the code each rule comes from).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/graph.h"
#include "shape/dims.h"

namespace dimsum::losses {

// How a loss reads its labels.
enum class Family {
  kElementwise,  // mse, mae, hinge, huber, ...: labels of the output's shape, broadcast if not
  kBinary,       // binary_crossentropy, binary_focal_crossentropy: elementwise, stricter later
  kCategorical,  // categorical_crossentropy, ...: one-hot labels of the output's shape
  kSparse,       // sparse_categorical_crossentropy: class ids, the output's shape but its last axis
};

struct Loss {
  std::string name;  // Keras' function name: "categorical_crossentropy"
  Family family = Family::kElementwise;
  bool from_logits = false;
  // The output is a sigmoid's (Dense(..., activation="sigmoid"), Activation("sigmoid")), whose
  // logits tf.keras 2's binary_crossentropy takes instead (backend._get_logits), with
  // sigmoid_cross_entropy_with_logits' demand for equal shapes.
  bool sigmoid_output = false;
};

// A loss by any name Keras takes: the function name, an alias ("mse", "kld") or the class name
// ("SparseCategoricalCrossentropy"); nullopt for a name Keras does not know.
std::optional<Loss> find_loss(std::string_view identifier, bool from_logits);

// What Keras does with labels of one shape against an output of another.
enum class Fit {
  kFits,        // every output unit meets its own label (after Keras' by-design adaptations)
  kBroadcasts,  // it runs, but only by broadcasting the labels across the output
  kFails,       // Keras raises
};

struct Verdict {
  Fit fit = Fit::kFits;
  // What each generation concerned does, in words, when it does not fit the labels: "tf.keras 2
  // raises: Shapes (None, 1) and (None, 10) are incompatible".
  std::vector<std::string> notes;
};

// Labels of shape `labels` (samples first) against an output of shape `output` (batch first),
// under `loss`, as `generation` runs them (kUnknown: tf.keras 2 and Keras 3 judged apart, the
// labels fit when either fits them). When they do not fit, the notes say what each of the three
// generations that does not fit them does.
Verdict fit_labels(const Loss& loss, const Dims& output, const Dims& labels,
                   KerasGeneration generation);

// The labels as the loss reads them, compared on the output's terms: rank-1 labels against a
// rank-2 output become (N, 1) in every generation but Keras 3, where a rank-1 label array meets
// a (None, 1) output by gaining the axis too.
Dims adapted_labels(const Dims& output, const Dims& labels, KerasGeneration generation);

// The accuracy metric "accuracy" / "acc" stands for, for this loss and these shapes:
// "binary_accuracy", "sparse_categorical_accuracy" or "categorical_accuracy". Standalone Keras
// picks it from the loss and the output's last size; tf.keras 2.2+ and Keras 3 from the shapes.
std::string resolve_accuracy(const std::optional<Loss>& loss, const Dims& output,
                             const Dims& labels, KerasGeneration generation);

// A metric against the labels: an error when Keras raises (sparse_categorical_accuracy on
// one-hot labels: "Can not squeeze dim[1]"), a warning when it runs but measures nothing
// (categorical_accuracy on class ids). kFits otherwise, and for metrics without a shape rule.
Verdict fit_metric(std::string_view metric, const Dims& output, const Dims& labels);

}  // namespace dimsum::losses
