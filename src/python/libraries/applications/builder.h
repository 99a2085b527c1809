// keras.applications built natively: each application family (vgg.cc, resnet.cc, ...) writes
// its architecture against the Builder below, layer by layer, as Keras' own function does, with
// the layer classes, arguments and names Keras uses. The Builder makes the layers the way the
// code's own keras.layers calls make them (python/libraries/keras.cc), so an application is a
// functional model like any other: its summary, its shapes, its parameter counts, and everything
// code does with it (base.output, base.get_layer(...), base(x), Model(base.input, head)).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "python/language/value.h"

namespace dimsum::python::applications {

// An argument of a layer as Python code writes it: 64, 0.5, "same", True, (3, 3), None, or a
// value the application computed (a tensor, a list).
struct Arg {
  Value value;
  Arg(int v);                             // NOLINT: written as Python literals
  Arg(int64_t v);                         // NOLINT
  Arg(double v);                          // NOLINT
  Arg(bool v);                            // NOLINT
  Arg(const char* v);                     // NOLINT
  Arg(std::string v);                     // NOLINT
  Arg(std::initializer_list<int64_t> v);  // NOLINT: a tuple of ints
  Arg(std::vector<int64_t> v);            // NOLINT: a tuple of ints
  Arg(Value v) : value(std::move(v)) {}   // NOLINT
  static Arg None();
  static Arg tuple(std::vector<Value> items);
  static Arg list(std::vector<Value> items);
};
using Kwargs = std::vector<std::pair<std::string, Arg>>;

// The arguments every keras.applications function takes, as the code gives them.
struct Arguments {
  bool include_top = true;
  // "imagenet", "" for None, or a file of weights (any other string).
  std::string weights = "imagenet";
  Value input_tensor;  // kNone when not given
  // input_shape=, without the batch axis; nullopt when not given (None). A size may be None.
  std::optional<Dims> input_shape;
  std::string pooling;  // "", "avg" or "max"
  int64_t classes = 1000;
  // classifier_activation=: "softmax" by default; "" for None (the logits).
  std::string classifier_activation = "softmax";
};

// What Keras raises (ValueError) for arguments it rejects: the message, and how to fix it.
struct Rejection {
  std::string message;
  std::string help;
};

// How an application makes its layers: as keras.layers.CLASS(**kwargs)(x) would.
class Builder {
 public:
  virtual ~Builder() = default;
  virtual Value layer(std::string_view class_name, const Kwargs& kwargs) = 0;
  // Calls a layer on a tensor, or on a list of tensors (Add, Concatenate); or a `sequential`
  // model on a tensor, as code calls a nested model.
  virtual Value call(const Value& layer, const Value& inputs) = 0;
  // keras.Sequential(layers, name=name) of layers made with `layer`: a nested model, one layer
  // of the application's own (ConvNeXt's stem and downsampling blocks).
  virtual Value sequential(std::vector<Value> layers, const std::string& name) = 0;
  Value apply(std::string_view class_name, const Kwargs& kwargs, const Value& inputs) {
    return call(layer(class_name, kwargs), inputs);
  }
  Value apply(std::string_view class_name, const Kwargs& kwargs, std::vector<Value> inputs);
  // A Python operator on a tensor and a number (x + 3.0, x * (1.0 / 6.0)), followed as the
  // code's own operators are (docs/semantics.md: it keeps the tensor and makes no layer).
  virtual Value operation(std::string_view op, const Value& tensor, double constant) = 0;
  // A TensorFlow op on tensors as the code calls it ("+" for x + y, "tf.math.multiply",
  // "tf.nn.silu"): the op layer tf.keras 2 makes for it (TFOpLambda), as the code's own call
  // would make it.
  virtual Value op(std::string_view written, std::vector<Value> operands) = 0;
  // backend.get_uid(prefix): the count of the session's names of that prefix, one more (the
  // counter Keras' automatic layer names also keep).
  virtual int64_t uid(const std::string& prefix) = 0;
  // A tensor's shape, batch axis first, as Keras knows it where the application reads it
  // (x.shape); nullopt when dimsum cannot tell.
  virtual std::optional<Dims> shape(const Value& tensor) = 0;
  // keras.Input(shape=...) (no batch axis in `shape`).
  virtual Value input(const Dims& shape) = 0;
  // The Inputs a tensor is computed from (Keras' get_source_inputs of input_tensor=).
  virtual Value source_inputs(const Value& tensor) = 0;
  // keras.Model(inputs, outputs, name=name).
  virtual Value model(const Value& inputs, const Value& outputs, const std::string& name) = 0;
  // The value of a family-specific argument (alpha=, depth_multiplier=, include_preprocessing=),
  // given by keyword or at its place in the application's parameters; nullptr when the code
  // does not give it.
  virtual const Value* argument(std::string_view keyword) const = 0;
  // Keras would raise: the application call fails with this message. Returns the unknown value
  // the family gives back.
  virtual Value reject(Rejection why) = 0;
  // Something of the arguments dimsum cannot follow (an argument computed at run time): the
  // application's output is unknown, with this reason.
  virtual Value unfollowed(std::string why) = 0;
};

// An application family's function: builds `model` ("ResNet50") from `args` with `b`; the
// functional model, or what reject/unfollowed give.
using Family = Value (*)(Builder& b, const Arguments& args, std::string_view model);

// One function of keras.applications: its name, the family that builds it, and its parameters
// in order (for arguments given by position).
struct Application {
  std::string_view name;
  Family build;
  std::vector<std::string_view> parameters;
};

// keras.applications' shared steps (imagenet_utils and the top every family ends with).

// The weights= and classes= checks every application starts with.
std::optional<Rejection> check_weights(const Arguments& args);
// obtain_input_shape: the input shape (no batch axis) the application builds for, or why Keras
// rejects input_shape=. `default_size` is the size of its ImageNet weights, `min_size` the
// smallest it accepts; `require_flatten` is include_top.
struct InputShape {
  std::optional<Dims> shape;
  std::optional<Rejection> rejected;
};
InputShape obtain_input_shape(const Arguments& args, int64_t default_size, int64_t min_size,
                              bool require_flatten);
// The tensor the architecture starts from: input_tensor= when it is a symbolic tensor, else
// Input(shape).
Value image_input(Builder& b, const Arguments& args, const Dims& shape);
// The model's inputs: input_tensor='s source Inputs, or `image_input`.
Value model_inputs(Builder& b, const Arguments& args, const Value& image_input);
// validate_activation: with ImageNet weights the top is a softmax (or None), nothing else.
std::optional<Rejection> check_classifier_activation(const Arguments& args);
// The classifier every top ends with: Dense(classes, activation=classifier_activation,
// name="predictions").
Value classifier(Builder& b, const Arguments& args, const Value& x);
// pooling="avg"/"max" without the top: GlobalAveragePooling2D / GlobalMaxPooling2D named as
// given (unnamed when `avg_name` / `max_name` are empty).
Value pool_features(Builder& b, const Arguments& args, const Value& x, const char* avg_name,
                    const char* max_name);
// correct_pad: the ZeroPadding2D a strided convolution of `kernel` needs on an input of this
// shape (batch axis first) to keep Keras' "same" alignment.
Arg correct_pad(const std::optional<Dims>& shape, int64_t kernel);

// The top most families end with: with include_top, GlobalAveragePooling2D(name=top_name) and
// the classifier (after Keras' check of its activation: an unknown value when it rejects it);
// without, the pooling= features named `avg_name` / `max_name`. An empty name: unnamed.
struct PoolNames {
  const char* top = "avg_pool";
  const char* avg = "avg_pool";
  const char* max = "max_pool";
};
Value average_pool_top(Builder& b, const Arguments& args, const Value& x, PoolNames names);
// A family's own argument (include_preprocessing=, model_name=): the code's value, `fallback`
// when it gives none, nullopt when it is a value dimsum cannot tell.
std::optional<bool> bool_argument(const Builder& b, std::string_view keyword, bool fallback);
std::optional<std::string> string_argument(const Builder& b, std::string_view keyword,
                                           std::string fallback);
// The first Input of model_inputs(...): the families (ConvNeXt, RegNet) that start from it rather
// than from input_tensor= itself.
Value first_input(const Value& inputs);
// "ResNet50" -> "resnet50", the model names Keras gives.
std::string lowercase(std::string_view name);

// A tuple (a, a) of one int.
Arg pair(int64_t a);

}  // namespace dimsum::python::applications
