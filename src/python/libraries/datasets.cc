// Keras' bundled data sets (keras.datasets).
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

}  // namespace dimsum::python
