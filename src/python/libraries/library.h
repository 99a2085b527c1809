// What the Python reader knows of the libraries a Keras script calls, as free functions: how an
// import path is spelled canonically, and the shapes of NumPy / TensorFlow array operations.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "python/language/value.h"
#include "shape/dim.h"

namespace dimsum::python {

// One spelling per module: "tensorflow.keras.layers.Conv2D", "tf_keras.layers.Conv2D" and
// "keras.src.layers.Conv2D" are all "keras.layers.Conv2D"; other paths are kept as written.
std::string canonical(std::string path);

// Whether dotted `path` is `module` or a name inside it ("keras.losses.mse" in "keras.losses").
bool starts_with_module(std::string_view path, std::string_view module);
// The last name of a dotted path: "mse" of "keras.losses.mse".
std::string_view last_part(std::string_view path);

// An argument that is a Python int; nullopt when absent or anything else.
std::optional<int64_t> as_int(const Value* v);

// The JSON Keras would save for an argument (python/libraries/keras.cc); nullopt when dimsum
// cannot tell it.
std::optional<json::Node> to_json(const Value& v, uint32_t at, int depth = 0);

// int(text) and float(text) of a string as Python reads it (libraries/stdlib.cc); nullopt for
// text Python rejects, or an int beyond 18 digits.
std::optional<int64_t> parse_int_text(std::string_view text);
std::optional<double> parse_float_text(std::string_view text);

// Whether a top-level module is a library whose layers dimsum names without modelling them
// (TensorFlow Hub, TensorFlow Addons, Hugging Face, ...: libraries/foreign.cc).
bool is_foreign_library(std::string_view root);

// Python's builtins that the reader evaluates (len, range, int, ...).
bool is_builtin(std::string_view name);

// The shape NumPy gives np.array(v): nested lists of equal shapes, numbers, arrays. nullopt when
// it cannot tell (a ragged list, an unknown item).
std::optional<Dims> nested_shape(const Value& v);
std::optional<Dims> nested_shape(const Value& v, int depth);

// The shape of data made from a shape argument (np.zeros(shape), tf.random.normal(shape)): an
// int or a sequence of sizes. Only the batch axis may be a size computed at run time.
// `batch_none`: the first size may be None, a symbolic tensor's batch (TensorFlow's and Keras'
// random draws inside a layer's call(); NumPy rejects None).
std::optional<Dims> shape_argument(const Value* v, bool batch_none = false);

// The shape of x as an array: an array's, or np.array(x)'s for numbers and nested lists.
std::optional<Dims> array_shape(const Value& v);
// The kind of x's elements as an array (libraries/numpy.cc): a list's widest item, float when
// empty.
ops::DType array_dtype(const Value& v);
ops::DType array_dtype(const Value& v, int depth);
// The kind a dtype argument names: float, np.float32, "int64", tf.bool, ...
ops::DType dtype_argument(const Value* v);
// A slice's parts as ops takes them; nullopt when a part is neither int, None nor unknown.
std::optional<ops::Slice> slice_of(const Value& slice);

// x[keys] by NumPy's indexing; nullopt when dimsum cannot tell, or when NumPy raises (then
// `error`, when given, says why).
std::optional<Dims> index_shape(const std::optional<Dims>& shape, const std::vector<Value>& keys,
                                std::string* error);

// Keras' bundled data sets (keras.datasets.NAME.load_data()), with the shapes their
// documentation gives.
struct BundledDataset {
  std::string_view name;
  Dims x_train, y_train, x_test, y_test;
  // The kinds of x's and y's items: uint8 images and labels, float64 houses and prices, lists
  // of word indices (an object array) with int labels.
  ops::DType x_dtype = ops::DType::kInt, y_dtype = ops::DType::kInt;
  // The labels are class ids from 0 to classes - 1 (every one of them present); nullopt for
  // values that are no class ids (house prices).
  std::optional<int64_t> classes;
};
const std::vector<BundledDataset>& bundled_datasets();

}  // namespace dimsum::python
