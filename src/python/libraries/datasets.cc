// Data sets: Keras' bundled ones (keras.datasets) and tf.data.Dataset's methods.
#include <fmt/format.h>

#include <algorithm>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

using ops::DType;

const std::vector<BundledDataset>& bundled_datasets() {
  static const std::vector<BundledDataset> sets = {
      {"mnist",
       {Dim(60000), Dim(28), Dim(28)},
       {Dim(60000)},
       {Dim(10000), Dim(28), Dim(28)},
       {Dim(10000)},
       DType::kInt,
       DType::kInt,
       10},
      {"fashion_mnist",
       {Dim(60000), Dim(28), Dim(28)},
       {Dim(60000)},
       {Dim(10000), Dim(28), Dim(28)},
       {Dim(10000)},
       DType::kInt,
       DType::kInt,
       10},
      {"cifar10",
       {Dim(50000), Dim(32), Dim(32), Dim(3)},
       {Dim(50000), Dim(1)},
       {Dim(10000), Dim(32), Dim(32), Dim(3)},
       {Dim(10000), Dim(1)},
       DType::kInt,
       DType::kInt,
       10},
      {"cifar100",
       {Dim(50000), Dim(32), Dim(32), Dim(3)},
       {Dim(50000), Dim(1)},
       {Dim(10000), Dim(32), Dim(32), Dim(3)},
       {Dim(10000), Dim(1)},
       DType::kInt,
       DType::kInt,
       100},
      {"boston_housing",
       {Dim(404), Dim(13)},
       {Dim(404)},
       {Dim(102), Dim(13)},
       {Dim(102)},
       DType::kFloat,
       DType::kFloat,
       std::nullopt},
      // Lists of word indices of different lengths: one object per review or newswire.
      {"imdb",
       {Dim(25000)},
       {Dim(25000)},
       {Dim(25000)},
       {Dim(25000)},
       DType::kUnknown,
       DType::kInt,
       2},
      {"reuters",
       {Dim(8982)},
       {Dim(8982)},
       {Dim(2246)},
       {Dim(2246)},
       DType::kUnknown,
       DType::kInt,
       46},
  };
  return sets;
}

Value Interpreter::dataset_method(const Value& dataset, const std::string& method, Args& args,
                                  uint32_t offset) {
  Value v = dataset;
  v.offset = offset;
  if (method == "batch") {
    auto size = as_int(args.get(0, "batch_size"));
    const Value* drop = args.get(1, "drop_remainder");
    if (!size || dataset.batch) {
      v.shape.reset();  // a batch of batches, or of a size read at run time
      v.batch.reset();
      v.items.reset();
      return v;
    }
    v.batch = *size;
    v.boolean = drop && drop->kind == Kind::kBool && drop->boolean;  // drop_remainder
    return v;
  }
  if (method == "shuffle" || method == "prefetch" || method == "cache" || method == "repeat" ||
      method == "with_options")
    return v;
  if (method == "take" || method == "skip") {
    auto n = as_int(args.get(0, "count"));
    if (!n || !v.samples || v.batch)
      v.samples.reset();
    else
      v.samples =
          method == "take" ? std::min(*v.samples, *n) : std::max<int64_t>(*v.samples - *n, 0);
    return v;
  }
  v.shape.reset();  // map, filter, ...: elements made by code dimsum does not follow
  v.batch.reset();
  v.samples.reset();
  v.items.reset();
  return v;
}

}  // namespace dimsum::python
