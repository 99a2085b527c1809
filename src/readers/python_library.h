// What the Python reader knows of the libraries a Keras script calls, as free functions: how an
// import path is spelled canonically, and the shapes of NumPy / TensorFlow array operations.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/python_value.h"
#include "shape/dim.h"

namespace dimsum::python {

// One spelling per module: "tensorflow.keras.layers.Conv2D", "tf_keras.layers.Conv2D" and
// "keras.src.layers.Conv2D" are all "keras.layers.Conv2D"; other paths are kept as written.
std::string canonical(std::string path);

// Python's builtins that the reader evaluates (len, range, int, ...).
bool is_builtin(std::string_view name);

using Dims = Dims;

// The shape NumPy gives np.array(v): nested lists of equal shapes, numbers, arrays. nullopt when
// it cannot tell (a ragged list, an unknown item).
std::optional<Dims> nested_shape(const Value& v);
std::optional<Dims> nested_shape(const Value& v, int depth);

// The shape of data made from a shape argument (np.zeros(shape), tf.random.normal(shape)): an
// int or a sequence of sizes. Only the batch axis may be a size computed at run time.
std::optional<Dims> shape_argument(const Value* v);

// NumPy's broadcasting of two shapes; nullopt when they do not broadcast or are unknown.
std::optional<Dims> broadcast(const std::optional<Dims>& a, const std::optional<Dims>& b);

// a.reshape(target): resolves one -1 when the element count is known.
std::optional<Dims> reshaped(const std::optional<Dims>& shape, const Value& target);

// x[keys] with NumPy's basic indexing (ints, slices, None, ...); nullopt when it cannot tell.
std::optional<Dims> indexed(const std::optional<Dims>& shape, const std::vector<Value>& keys);

// Keras' bundled data sets (keras.datasets.NAME.load_data()), with the shapes their
// documentation gives.
struct BundledDataset {
  std::string_view name;
  Dims x_train, y_train, x_test, y_test;
};
const std::vector<BundledDataset>& bundled_datasets();

// The number of items slice (start, stop, step) takes from `n`, as Python's slice.indices does.
std::optional<int64_t> slice_length(const Value& slice, int64_t n);

}  // namespace dimsum::python
