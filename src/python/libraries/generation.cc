#include "python/libraries/generation.h"

#include <algorithm>
#include <array>

namespace dimsum::python {

namespace {

bool under(std::string_view path, std::string_view module) {
  return path == module ||
         (path.starts_with(module) && path.size() > module.size() && path[module.size()] == '.');
}

template <size_t N>
bool any_under(std::string_view path, const std::array<std::string_view, N>& modules) {
  return std::any_of(modules.begin(), modules.end(),
                     [&](std::string_view m) { return under(path, m); });
}

}  // namespace

void GenerationCues::imported(std::string_view path) {
  // Modules of standalone Keras that tf.keras' public API and Keras 3 do not have (the keras
  // package behind tf.keras 2.6-2.12 kept a private np_utils, which its users did not import).
  static constexpr std::array<std::string_view, 3> kStandalone = {
      "keras.utils.np_utils", "keras.engine.topology", "keras.legacy"};
  static constexpr std::array<std::string_view, 3> kKeras3 = {"keras.ops", "keras.src",
                                                              "keras_core"};
  static constexpr std::array<std::string_view, 3> kTfKeras = {
      "tensorflow.keras", "tensorflow.python.keras", "tf_keras"};
  if (any_under(path, kKeras3))
    keras3_ = true;
  else if (any_under(path, kStandalone))
    standalone_ = true;
  else if (any_under(path, kTfKeras))
    tf_keras_ = true;
}

void GenerationCues::keyword(std::string_view name, std::string_view callee) {
  // Keras 1 argument names, which Keras 2.0-2.3 still took (keras/legacy/interfaces.py) and
  // tf.keras never did.
  static constexpr std::array<std::string_view, 14> kKeras1 = {
      "nb_filter",     "nb_row",           "nb_col",      "border_mode",   "subsample",
      "nb_epoch",      "dim_ordering",     "output_dim",  "W_regularizer", "b_regularizer",
      "filter_length", "subsample_length", "pool_length", "nb_val_samples"};
  // Embedding(output_dim=...) is every generation's; Dense(output_dim=...) is Keras 1's.
  if (name == "output_dim" && callee.ends_with("Embedding")) return;
  if (std::find(kKeras1.begin(), kKeras1.end(), name) != kKeras1.end()) standalone_ = true;
}

void GenerationCues::called(std::string_view path) {
  if (path.ends_with("set_image_dim_ordering") || path.ends_with("image_dim_ordering"))
    standalone_ = true;
  else if (under(path, "keras.ops"))
    keras3_ = true;
}

KerasGeneration GenerationCues::generation() const {
  if (keras3_) return KerasGeneration::kKeras3;
  if (standalone_) return KerasGeneration::kStandalone;
  if (tf_keras_) return KerasGeneration::kTfKeras2;
  return KerasGeneration::kUnknown;
}

}  // namespace dimsum::python
