// Layers of classes dimsum's registry does not know whose code is given with the model
// (--custom-objects): Keras' load_model(custom_objects=...) makes each from its config and builds
// it at its first call; dimsum follows the class's build() and call() the same way. The check
// knows only this interface; the Python reader implements it (python/custom_objects.cc).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/graph.h"
#include "shape/shape.h"

namespace dimsum {

// What a custom layer's class makes of its first call.
struct CustomLayer {
  // What call() builds on inputs of the first call's shapes, checked at every call with that
  // call's shapes (as a Layer::traced submodel); null when it cannot be followed.
  std::shared_ptr<const Model> submodel;
  std::optional<int64_t> own_params = 0;  // the weights build() makes with add_weight
  std::optional<int64_t> own_non_trainable = 0;
  // When `submodel` is null: why, in words, for a note ("no class 'Linear' in layers.py").
  std::string why;
};

class CustomLayers {
 public:
  virtual ~CustomLayers() = default;
  // Whether a class of this name (as a config gives it: "MyPackage>Linear") is defined.
  virtual bool defines(std::string_view class_name) const = 0;
  // The layer `layer` (of a model checked by `generation`'s rules), built for its first call on
  // inputs of `inputs` (batch axis first).
  virtual CustomLayer follow(const Layer& layer, const std::vector<Shape>& inputs,
                             KerasGeneration generation) const = 0;
};

// The custom layers the files define; nullptr when there are no files.
std::unique_ptr<const CustomLayers> custom_layers_of(const std::vector<CustomObjectsFile>& files);

}  // namespace dimsum
