// Input pipelines as the reader holds them (libraries/tf_data.cc, image_data.cc): a dataset is a
// Value of Kind::kDataset whose one item is its element, a structure (tuples, dicts) of arrays
// whose shapes are the element_spec's, with what feeding it needs beside (value.h):
//   `batch`   the size of the full batches of the last batch(n), while the element's first axes
//             are still those batches' (anything that may change them drops it);
//   `samples` the number of elements that batch(n) was cut from (with `batch`), else the
//             number of elements; kInfinite after repeat(); nullopt when unknown;
//   `boolean` batch(n)'s drop_remainder;
//   `integer` how often the batched elements repeat (repeat(k) after batch(n)): 0 or 1 once,
//             kInfinite for ever.
#pragma once

#include <cstdint>
#include <optional>

#include "python/language/value.h"

namespace dimsum::python {

// TensorFlow's tf.data.INFINITE_CARDINALITY.
inline constexpr int64_t kInfinite = -1;

// A dataset of `element`, `count` elements, unbatched.
Value make_dataset(Value element, std::optional<int64_t> count, uint32_t offset);
// The dataset of batch(batch_size, drop_remainder) on `source`.
Value batch_dataset(const Value& source, std::optional<int64_t> batch_size, bool drop_remainder,
                    uint32_t offset);
// The element of a dataset (an unknown value when it is none).
const Value& element_of(const Value& dataset);
// Its number of elements, as Dataset.cardinality() gives it (kInfinite); nullopt when unknown.
std::optional<int64_t> cardinality(const Value& dataset);

}  // namespace dimsum::python
