// Which Keras a Python file is written for, from what its code shows (docs/semantics.md, "Keras
// generations"): the modules it imports and the argument names it uses.
#pragma once

#include <string_view>

#include "model/graph.h"

namespace dimsum::python {

// What the code has shown so far: which generations it has cues of.
class GenerationCues {
 public:
  // An import of `path` (as written: "keras.utils.np_utils", "tensorflow.keras.layers").
  void imported(std::string_view path);
  // A keyword argument of a call: Keras 1 names (nb_filter, border_mode, nb_epoch, ...).
  // A keyword argument `name` of a call of `callee`, as written ("layers.Dense").
  void keyword(std::string_view name, std::string_view callee);
  // A call of a library function (K.set_image_dim_ordering is standalone Keras', keras.ops.*
  // Keras 3's), by its canonical path.
  void called(std::string_view path);
  // The generation the cues point to: Keras 3's own modules decide first, then standalone
  // Keras' (1.x, 2.0-2.3), then TensorFlow's keras; kUnknown when nothing tells.
  KerasGeneration generation() const;

 private:
  bool keras3_ = false, standalone_ = false, tf_keras_ = false;
};

}  // namespace dimsum::python
