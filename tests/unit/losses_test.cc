#include <gtest/gtest.h>

#include "check/losses.h"

namespace dimsum::losses {
namespace {

constexpr auto kUnknown = KerasGeneration::kUnknown;
constexpr auto kStandalone = KerasGeneration::kStandalone;
constexpr auto kTfKeras2 = KerasGeneration::kTfKeras2;
constexpr auto kKeras3 = KerasGeneration::kKeras3;

Dims dims(std::initializer_list<int64_t> sizes) {
  Dims out;
  for (int64_t s : sizes) out.push_back(s < 0 ? Dim::unknown() : Dim(s));
  return out;
}

// The names compile() takes: tf-keras keras/losses.py (its aliases mse, mae, mape, msle, kld,
// logcosh, huber_loss and the classes) and Keras 3 keras/src/losses/__init__.py.
TEST(FindLoss, NamesAliasesAndClasses) {
  EXPECT_EQ(find_loss("mse", false)->name, "mean_squared_error");
  EXPECT_EQ(find_loss("MeanSquaredError", false)->name, "mean_squared_error");
  EXPECT_EQ(find_loss("kld", false)->name, "kl_divergence");
  EXPECT_EQ(find_loss("huber_loss", false)->name, "huber");
  EXPECT_EQ(find_loss("SparseCategoricalCrossentropy", true)->family, Family::kSparse);
  EXPECT_TRUE(find_loss("SparseCategoricalCrossentropy", true)->from_logits);
  EXPECT_EQ(find_loss("binary_crossentropy", false)->family, Family::kBinary);
  EXPECT_FALSE(find_loss("my_custom_loss", false).has_value());
  EXPECT_FALSE(find_loss("", false).has_value());
}

// "accuracy": standalone Keras 2.2 training.py picks by the loss and the output's last size;
// tf-keras compile_utils.MetricsContainer._get_metric_object and Keras 3
// compile_utils.is_binary_or_sparse_categorical by the shapes as fed.
TEST(ResolveAccuracy, ByGeneration) {
  auto sparse = find_loss("sparse_categorical_crossentropy", false);
  auto categorical = find_loss("categorical_crossentropy", false);
  auto binary = find_loss("binary_crossentropy", false);
  // One-hot labels under a sparse loss: standalone follows the loss (the "Can not squeeze"
  // crash); the later ones follow the shapes.
  EXPECT_EQ(resolve_accuracy(sparse, dims({-1, 6}), dims({100, 6}), kStandalone),
            "sparse_categorical_accuracy");
  EXPECT_EQ(resolve_accuracy(sparse, dims({-1, 6}), dims({100, 6}), kTfKeras2),
            "categorical_accuracy");
  EXPECT_EQ(resolve_accuracy(categorical, dims({-1, 10}), dims({100}), kKeras3),
            "sparse_categorical_accuracy");
  EXPECT_EQ(resolve_accuracy(categorical, dims({-1, 10}), dims({100, 1}), kUnknown),
            "sparse_categorical_accuracy");
  EXPECT_EQ(resolve_accuracy(categorical, dims({-1, 1}), dims({100, 1}), kUnknown),
            "binary_accuracy");
  EXPECT_EQ(resolve_accuracy(binary, dims({-1, 3}), dims({100, 3}), kStandalone),
            "binary_accuracy");
  EXPECT_EQ(resolve_accuracy(categorical, dims({-1, 3}), dims({100, 3}), kStandalone),
            "categorical_accuracy");
}

// metrics.sparse_categorical_accuracy squeezes labels of the output's rank (tf-keras: tf.squeeze,
// "Can not squeeze dim[1], expected a dimension of 1, got 10"); categorical_accuracy takes the
// argmax of the labels, 0 for a single column.
TEST(FitMetric, SparseAndCategoricalAccuracy) {
  EXPECT_EQ(fit_metric("sparse_categorical_accuracy", dims({-1, 10}), dims({100, 10})).fit,
            Fit::kFails);
  EXPECT_EQ(fit_metric("sparse_categorical_accuracy", dims({-1, 10}), dims({100, 1})).fit,
            Fit::kFits);
  EXPECT_EQ(fit_metric("sparse_categorical_accuracy", dims({-1, 10}), dims({100})).fit, Fit::kFits);
  EXPECT_EQ(fit_metric("categorical_accuracy", dims({-1, 10}), dims({100})).fit, Fit::kBroadcasts);
  EXPECT_EQ(fit_metric("categorical_accuracy", dims({-1, 10}), dims({100, 10})).fit, Fit::kFits);
  EXPECT_EQ(fit_metric("mae", dims({-1, 10}), dims({100, 1})).fit, Fit::kFits);
}

// Without a generation, an error needs tf.keras 2 and Keras 3 both to fail or broadcast, and the
// notes say what each of the three generations does (the same doing said once for two).
TEST(FitLabels, UnknownGenerationSaysEach) {
  auto mse = *find_loss("mse", false);
  Verdict v = fit_labels(mse, dims({-1, 4}), dims({100, 1}), kUnknown);
  EXPECT_EQ(v.fit, Fit::kBroadcasts);
  ASSERT_EQ(v.notes.size(), 2u);
  EXPECT_NE(v.notes[0].find("standalone Keras"), std::string::npos);
  EXPECT_NE(v.notes[1].find("tf.keras 2 and Keras 3 broadcast"), std::string::npos);
  // (N,) labels against (None, 1): every generation adds or drops the axis of 1.
  EXPECT_EQ(fit_labels(mse, dims({-1, 1}), dims({100}), kUnknown).fit, Fit::kFits);
  EXPECT_EQ(fit_labels(mse, dims({-1, 1}), dims({100}), kStandalone).fit, Fit::kFits);
  // A sequence's class ids: standalone wants (N, T, 1), the later ones take (N, T).
  auto sparse = *find_loss("sparse_categorical_crossentropy", false);
  EXPECT_EQ(fit_labels(sparse, dims({-1, 20, 50}), dims({100, 20}), kStandalone).fit, Fit::kFails);
  EXPECT_EQ(fit_labels(sparse, dims({-1, 20, 50}), dims({100, 20}), kUnknown).fit, Fit::kFits);
  // Unknown sizes never make an error.
  EXPECT_EQ(fit_labels(sparse, dims({-1, -1, 50}), dims({100, 20}), kKeras3).fit, Fit::kFits);
  EXPECT_EQ(fit_labels(*find_loss("categorical_crossentropy", false), dims({-1, -1}),
                       dims({100, 7}), kUnknown)
                .fit,
            Fit::kFits);
}

// tf.keras 2's binary_crossentropy takes a sigmoid's logits (backend._get_logits) and then
// sigmoid_cross_entropy_with_logits demands equal shapes; on a linear output it broadcasts.
TEST(FitLabels, SigmoidOutputInTfKeras2) {
  Loss bce = *find_loss("binary_crossentropy", false);
  EXPECT_EQ(fit_labels(bce, dims({-1, 4}), dims({100, 1}), kTfKeras2).fit, Fit::kBroadcasts);
  bce.sigmoid_output = true;
  EXPECT_EQ(fit_labels(bce, dims({-1, 4}), dims({100, 1}), kTfKeras2).fit, Fit::kFails);
  EXPECT_EQ(fit_labels(bce, dims({-1, 1}), dims({100}), kTfKeras2).fit, Fit::kFits);
}

}  // namespace
}  // namespace dimsum::losses
