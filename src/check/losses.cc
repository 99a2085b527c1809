#include "check/losses.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "ops/ops.h"
#include "shape/shape.h"

namespace dimsum::losses {

namespace {

struct Entry {
  std::string_view name;
  Family family;
  std::array<std::string_view, 4> aliases;  // the other names Keras takes, class name first
};

// Keras' losses by the names compile() and keras.losses.get() take (tf.keras 2 keras/losses.py,
// Keras 3 keras/src/losses/__init__.py ALL_OBJECTS and aliases).
constexpr Entry kLosses[] = {
    {"mean_squared_error", Family::kElementwise, {"MeanSquaredError", "mse", "MSE"}},
    {"mean_absolute_error", Family::kElementwise, {"MeanAbsoluteError", "mae", "MAE"}},
    {"mean_absolute_percentage_error",
     Family::kElementwise,
     {"MeanAbsolutePercentageError", "mape", "MAPE"}},
    {"mean_squared_logarithmic_error",
     Family::kElementwise,
     {"MeanSquaredLogarithmicError", "msle", "MSLE"}},
    {"hinge", Family::kElementwise, {"Hinge"}},
    {"squared_hinge", Family::kElementwise, {"SquaredHinge"}},
    {"categorical_hinge", Family::kElementwise, {"CategoricalHinge"}},
    {"log_cosh", Family::kElementwise, {"LogCosh", "logcosh"}},
    {"huber", Family::kElementwise, {"Huber", "huber_loss"}},
    {"kl_divergence",
     Family::kElementwise,
     {"KLDivergence", "kld", "KLD", "kullback_leibler_divergence"}},
    {"poisson", Family::kElementwise, {"Poisson"}},
    {"cosine_similarity", Family::kElementwise, {"CosineSimilarity", "cosine_proximity", "cosine"}},
    {"binary_crossentropy", Family::kBinary, {"BinaryCrossentropy"}},
    {"binary_focal_crossentropy", Family::kBinary, {"BinaryFocalCrossentropy"}},
    {"categorical_crossentropy", Family::kCategorical, {"CategoricalCrossentropy"}},
    {"categorical_focal_crossentropy", Family::kCategorical, {"CategoricalFocalCrossentropy"}},
    {"sparse_categorical_crossentropy", Family::kSparse, {"SparseCategoricalCrossentropy"}},
};

// The batch axis of both labels and output, as one batch meets the loss: the same size on both
// sides, unlike any size of the data (so that a broadcast against it fails as it does in Keras,
// whose batches hold 32 samples, not 4 or 10).
constexpr int64_t kBatch = 999'983;

Dims in_batch(Dims dims) {
  if (!dims.empty()) dims[0] = Dim(kBatch);
  return dims;
}

// Shapes as Keras prints them in its messages: the batch axis None.
std::string keras_shape(const Dims& dims) {
  Dims shown = dims;
  if (!shown.empty()) shown[0] = Dim::unknown();
  return tuple_string(shown);
}

bool last_is_one(const Dims& dims) { return !dims.empty() && dims.back() == Dim(1); }

// Same rank, and every axis after the batch compatible.
bool same_shape(const Dims& a, const Dims& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 1; i < a.size(); ++i)
    if (!compatible(a[i], b[i])) return false;
  return true;
}

Dims drop_last(Dims dims) {
  if (!dims.empty()) dims.pop_back();
  return dims;
}

// The product of the sizes after the batch axis; nullopt when one is unknown.
std::optional<int64_t> per_sample(const Dims& dims, size_t end) {
  int64_t n = 1;
  for (size_t i = 1; i < end && i < dims.size(); ++i) {
    if (!dims[i].known()) return std::nullopt;
    if (__builtin_mul_overflow(n, dims[i].value(), &n)) return std::nullopt;
  }
  return n;
}

std::string ids_text(const Dims& dims, size_t end) {
  auto n = per_sample(dims, end);
  return n ? std::to_string(*n) : std::string("?");
}

std::string rows_text(const Dims& output) {
  std::string n = ids_text(output, output.size() - 1);
  return n + (n == "1" ? " row" : " rows");
}

// Elementwise arithmetic of labels and output: equal shapes fit, shapes that broadcast make the
// labels broadcast, others raise.
Fit broadcast_fit(const Dims& output, const Dims& labels) {
  if (same_shape(output, labels)) return Fit::kFits;
  auto joined = ops::broadcast(in_batch(output), in_batch(labels));
  return joined.raises() ? Fit::kFails : Fit::kBroadcasts;
}

// One generation's verdict: what it does, its subject left out ("raises: ...").
struct Judgement {
  Fit fit = Fit::kFits;
  std::string does;
};

// standalone Keras 2.0-2.3 (training_utils.standardize_input_data with the target shapes of
// _standardize_user_data; check_loss_and_target_compatibility): rank-1 targets become (N, 1);
// every built-in loss wants the output's shape, sparse_categorical_crossentropy the output's
// with a last axis of 1; categorical_crossentropy refuses a last axis of 1.
Judgement standalone(const Loss& loss, const Dims& output, const Dims& labels) {
  Dims targets = labels;
  if (targets.size() == 1) targets.push_back(Dim(1));
  Dims expected = output;
  if (loss.family == Family::kSparse && !expected.empty()) expected.back() = Dim(1);
  if (!same_shape(expected, targets))
    return {Fit::kFails, fmt::format("refuses them: it expects targets of shape {} "
                                     "and gets {}",
                                     keras_shape(expected), keras_shape(targets))};
  if (loss.family == Family::kCategorical && last_is_one(targets))
    return {Fit::kFails, fmt::format("refuses them: {} expects one-hot targets of "
                                     "shape (samples, classes), not a target array of shape {}",
                                     loss.name, keras_shape(targets))};
  return {Fit::kFits, ""};
}

// tf.keras 2: compile_utils.match_dtype_and_rank makes rank-1 labels (N, 1) against a rank-2
// output; LossFunctionWrapper.call then squeezes a last axis of 1 from whichever side is one
// rank above the other (losses_utils.squeeze_or_expand_dimensions).
Dims tf_keras_labels(const Dims& output, const Dims& labels) {
  Dims out = labels;
  if (out.size() == 1 && output.size() == 2) out.push_back(Dim(1));
  if (out.size() == output.size() + 1 && last_is_one(out)) out.pop_back();
  return out;
}

Judgement tf_keras2(const Loss& loss, Dims output, const Dims& labels) {
  Dims y = tf_keras_labels(output, labels);
  // A squeezed output is a new tensor, without the sigmoid's logits.
  bool squeezed = output.size() == y.size() + 1 && last_is_one(output);
  if (squeezed) output.pop_back();
  switch (loss.family) {
    case Family::kCategorical:  // backend.categorical_crossentropy: assert_is_compatible_with
      if (same_shape(output, y)) return {Fit::kFits, ""};
      return {Fit::kFails, fmt::format("raises: Shapes {} and {} are incompatible", keras_shape(y),
                                       keras_shape(output))};
    case Family::kSparse: {
      // backend.sparse_categorical_crossentropy: labels one rank below the output are taken as
      // they are; any others are flattened against the output's rows of classes.
      bool fits = y.size() + 1 == output.size() ? same_shape(y, drop_last(output)) : [&] {
        auto rows = per_sample(output, output.size() - 1);
        auto ids = per_sample(y, y.size());
        return !rows || !ids || *rows == *ids;
      }();
      if (fits) return {Fit::kFits, ""};
      return {Fit::kFails,
              fmt::format("raises: logits and labels must have the same first dimension (the "
                          "labels {} hold {} class ids per sample, where the output {} has {} of "
                          "classes)",
                          keras_shape(y), ids_text(y, y.size()), keras_shape(output),
                          rows_text(output))};
    }
    case Family::kBinary:
      // tf.nn.sigmoid_cross_entropy_with_logits
      if ((loss.from_logits || (loss.sigmoid_output && !squeezed)) && !same_shape(output, y))
        return {Fit::kFails, fmt::format("raises: logits and labels must have the same shape ({} "
                                         "vs {})",
                                         keras_shape(output), keras_shape(y))};
      [[fallthrough]];
    case Family::kElementwise: break;
  }
  switch (broadcast_fit(output, y)) {
    case Fit::kFits: return {Fit::kFits, ""};
    case Fit::kBroadcasts:
      return {Fit::kBroadcasts,
              fmt::format("broadcasts the labels {} across the output {}, silently: "
                          "output units are trained against labels that are not theirs",
                          keras_shape(y), keras_shape(output))};
    case Fit::kFails: break;
  }
  return {Fit::kFails, fmt::format("raises: Incompatible shapes {} and {} in the loss",
                                   keras_shape(output), keras_shape(y))};
}

// Keras 3: LossFunctionWrapper.call brings labels and output to the same rank
// (squeeze_or_expand_to_same_rank: a last axis of 1 is dropped from the higher, or added to a
// rank-1 array), then the backend's crossentropies demand equal shapes.
Judgement keras3(const Loss& loss, Dims output, Dims y) {
  if (y.size() == output.size() + 1 && last_is_one(y)) {
    if (output.size() == 1)
      output.push_back(Dim(1));
    else
      y.pop_back();
  } else if (output.size() == y.size() + 1 && last_is_one(output)) {
    if (y.size() == 1)
      y.push_back(Dim(1));
    else
      output.pop_back();
  }
  switch (loss.family) {
    case Family::kCategorical:
    case Family::kBinary:
      if (same_shape(output, y)) return {Fit::kFits, ""};
      return {Fit::kFails,
              fmt::format("raises: Arguments `target` and `output` must have the same {} "
                          "(target {}, output {})",
                          y.size() == output.size() ? "shape" : "rank", keras_shape(y),
                          keras_shape(output))};
    case Family::kSparse: {
      // backend sparse_categorical_crossentropy: a last axis of 1 is squeezed from labels of the
      // output's rank; then they must be the output's shape without its last axis.
      if (y.size() == output.size() && last_is_one(y)) y.pop_back();
      if (same_shape(y, drop_last(output))) return {Fit::kFits, ""};
      return {Fit::kFails, fmt::format("raises: Arguments `target` and `output` must have the same "
                                       "shape up until the last dimension (target {}, output {})",
                                       keras_shape(y), keras_shape(output))};
    }
    case Family::kElementwise: break;
  }
  switch (broadcast_fit(output, y)) {
    case Fit::kFits: return {Fit::kFits, ""};
    case Fit::kBroadcasts:
      return {Fit::kBroadcasts, fmt::format("broadcasts the labels {} across the output {}, "
                                            "silently: output units are "
                                            "trained against labels that are not theirs",
                                            keras_shape(y), keras_shape(output))};
    case Fit::kFails: break;
  }
  return {Fit::kFails, fmt::format("raises: Incompatible shapes {} and {} in the loss",
                                   keras_shape(output), keras_shape(y))};
}

}  // namespace

std::optional<Loss> find_loss(std::string_view identifier, bool from_logits) {
  if (identifier.empty()) return std::nullopt;  // (an entry's unused alias slots are empty)
  for (const Entry& entry : kLosses)
    if (entry.name == identifier ||
        std::find(entry.aliases.begin(), entry.aliases.end(), identifier) != entry.aliases.end())
      return Loss{std::string(entry.name), entry.family, from_logits};
  return std::nullopt;
}

Verdict fit_labels(const Loss& loss, const Dims& output, const Dims& labels,
                   KerasGeneration generation) {
  struct Said {
    std::string_view who;
    Judgement judgement;
  };
  // Every generation's judgement: the model's decides, and the notes say what each does.
  const std::array<Said, 3> said = {{
      {"standalone Keras (2.0-2.3)", standalone(loss, output, labels)},
      {"tf.keras 2", tf_keras2(loss, output, labels)},
      {"Keras 3", keras3(loss, output, labels)},
  }};
  Verdict verdict;
  switch (generation) {
    case KerasGeneration::kStandalone: verdict.fit = said[0].judgement.fit; break;
    case KerasGeneration::kTfKeras2: verdict.fit = said[1].judgement.fit; break;
    case KerasGeneration::kKeras3: verdict.fit = said[2].judgement.fit; break;
    case KerasGeneration::kUnknown:  // the lenient rules tf.keras 2 and Keras 3 share
      verdict.fit = std::min(said[1].judgement.fit, said[2].judgement.fit) == Fit::kFits
                        ? Fit::kFits
                        : std::max(said[1].judgement.fit, said[2].judgement.fit);
      break;
  }
  if (verdict.fit == Fit::kFits) return verdict;
  // Generations that do the same are said together: "tf.keras 2 and Keras 3 broadcast ...".
  for (size_t i = 0; i < said.size(); ++i) {
    if (said[i].judgement.fit == Fit::kFits) continue;
    const std::string& does = said[i].judgement.does;
    if (i + 1 < said.size() && said[i + 1].judgement.does == does) {
      size_t verb_end = does.find_first_of(" :");
      std::string plural = does;
      if (verb_end != std::string::npos && verb_end > 0 && does[verb_end - 1] == 's')
        plural.erase(verb_end - 1, 1);
      verdict.notes.push_back(fmt::format("{} and {} {}", said[i].who, said[i + 1].who, plural));
      ++i;
      continue;
    }
    verdict.notes.push_back(fmt::format("{} {}", said[i].who, does));
  }
  return verdict;
}

Dims adapted_labels(const Dims& output, const Dims& labels, KerasGeneration generation) {
  if (generation == KerasGeneration::kStandalone) {
    Dims out = labels;
    if (out.size() == 1) out.push_back(Dim(1));
    return out;
  }
  return tf_keras_labels(output, labels);
}

std::string resolve_accuracy(const std::optional<Loss>& loss, const Dims& output,
                             const Dims& labels, KerasGeneration generation) {
  bool one_unit = last_is_one(output);
  if (generation == KerasGeneration::kStandalone) {  // training.py: from the loss
    if (one_unit || (loss && loss->family == Family::kBinary)) return "binary_accuracy";
    if (loss && loss->family == Family::kSparse) return "sparse_categorical_accuracy";
    return "categorical_accuracy";
  }
  // tf.keras 2 compile_utils.MetricsContainer._get_metric_object, Keras 3
  // compile_utils.is_binary_or_sparse_categorical: from the shapes as fed.
  if (one_unit) return "binary_accuracy";
  bool many_units = !output.empty() && output.back().known() && output.back().value() > 1;
  if (labels.size() < output.size() || (last_is_one(labels) && many_units))
    return "sparse_categorical_accuracy";
  return "categorical_accuracy";
}

Verdict fit_metric(std::string_view metric, const Dims& output, const Dims& labels) {
  Dims y = tf_keras_labels(output, labels);
  bool many_units = !output.empty() && output.back().known() && output.back().value() > 1;
  if (metric == "sparse_categorical_accuracy" || metric == "SparseCategoricalAccuracy" ||
      metric == "sparse_top_k_categorical_accuracy") {
    // metrics.sparse_categorical_accuracy squeezes the labels' last axis when their rank is the
    // output's (tf.keras 2: tf.squeeze, which raises on a size other than 1; Keras 3 compares
    // the unsqueezed labels with the argmax, whose shapes do not broadcast).
    if (y.size() == output.size() && !y.empty() && y.back().known() && y.back().value() != 1)
      return {Fit::kFails,
              {fmt::format("{} takes class ids, and these labels have {} columns: tf.keras 2 "
                           "raises 'Can not squeeze dim[{}], expected a dimension of 1, got {}', "
                           "Keras 3 raises on incompatible shapes",
                           metric, to_string(y.back()), y.size() - 1, to_string(y.back()))}};
    return {};
  }
  if (metric == "categorical_accuracy" || metric == "CategoricalAccuracy" ||
      metric == "top_k_categorical_accuracy") {
    // metrics.categorical_accuracy compares the argmax of the labels with the output's: the
    // argmax of one column is 0, whatever the class.
    if (many_units && (labels.size() < output.size() || last_is_one(y)))
      return {Fit::kBroadcasts,
              {fmt::format("{} takes one-hot labels; on class ids it compares the class of the "
                           "output with the argmax of a single column, always 0, so the accuracy "
                           "it reports means nothing",
                           metric)}};
  }
  return {};
}

}  // namespace dimsum::losses
