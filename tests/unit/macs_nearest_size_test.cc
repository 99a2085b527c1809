// Multiply-adds per layer and in total (docs/semantics.md: per sample; each weight multiplied
// into an output once per position; biases, normalization, activations and pooling count 0),
// and the nearest input sizes that work: through merges, and for the whole model, not just for the
// first layer whose output vanishes. Expected values are worked out by hand per test.
#include <gtest/gtest.h>

#include "model_text.h"

namespace dimsum {
namespace {

using testing::check_or_fail;
using testing::first_error;
using testing::layer;
using testing::sequential;

int64_t macs_of(const std::string& input, const std::string& layer_json) {
  Result r = check_or_fail(sequential(input, {layer_json}));
  EXPECT_EQ(first_error(r), "");
  EXPECT_TRUE(r.total_macs.has_value());
  return r.total_macs.value_or(-1);
}

TEST(Macs, DenseCountsEveryPosition) {
  // (10 positions) x 8 inputs x 4 units.
  EXPECT_EQ(macs_of("[null, 10, 8]", layer("Dense", R"("units": 4)")), 10 * 8 * 4);
}

TEST(Macs, ConvCountsEveryOutputPosition) {
  // Conv2D docstring model: (4, 28, 28, 3) -> Conv2D(2, 3) -> 26 x 26 positions of 3x3x3x2.
  EXPECT_EQ(macs_of("[4, 28, 28, 3]", layer("Conv2D", R"("filters": 2, "kernel_size": 3)")),
            26 * 26 * 3 * 3 * 3 * 2);
  // Grouped: each filter sees channels / groups.
  EXPECT_EQ(macs_of("[null, 10, 10, 4]",
                    layer("Conv2D", R"("filters": 8, "kernel_size": 3, "groups": 2)")),
            8 * 8 * 3 * 3 * 2 * 8);
}

TEST(Macs, RecurrentCountsEveryStep) {
  // LSTM(4) over 10 steps of 8 features: four gates of (8 + 4) x 4 per step.
  EXPECT_EQ(macs_of("[null, 10, 8]", layer("LSTM", R"("units": 4)")), 10 * 4 * (8 + 4) * 4);
  // Bidirectional runs it twice.
  EXPECT_EQ(macs_of("[null, 10, 8]", layer("Bidirectional", R"("layer": {"class_name": "LSTM",
                          "config": {"name": "l", "units": 4}})")),
            2 * 10 * 4 * (8 + 4) * 4);
  // TimeDistributed(Dense(4)) runs the Dense at each of the 10 steps.
  EXPECT_EQ(macs_of("[null, 10, 8]", layer("TimeDistributed", R"("layer": {"class_name": "Dense",
                          "config": {"name": "d", "units": 4}})")),
            10 * 8 * 4);
}

TEST(Macs, WeightlessLayersCountZero) {
  EXPECT_EQ(macs_of("[null, 8, 8, 4]", layer("MaxPooling2D", "")), 0);
  EXPECT_EQ(macs_of("[null, 8, 8, 4]", layer("BatchNormalization", "")), 0);
  EXPECT_EQ(macs_of("[null, 8, 8, 4]", layer("Activation", R"("activation": "relu")")), 0);
}

TEST(Macs, UnknownWhenTheStepsAre) {
  Result r = check_or_fail(sequential("[null, null, 8]", {layer("LSTM", R"("units": 4)")}));
  EXPECT_EQ(first_error(r), "");
  EXPECT_FALSE(r.total_macs.has_value());
  EXPECT_EQ(r.total_params, 4 * ((8 + 4) * 4 + 4));
}

TEST(Macs, PerLayerAndTotalInTheSummary) {
  Result r = check_or_fail(sequential(
      "[null, 8]", {layer("Dense", R"("units": 4)"),
                    R"({"class_name": "Dense", "config": {"name": "second", "units": 2}})"}));
  ASSERT_EQ(r.layers.size(), 3u);
  EXPECT_EQ(r.layers[1].macs, 8 * 4);
  EXPECT_EQ(r.layers[2].macs, 4 * 2);
  EXPECT_EQ(r.total_macs, 8 * 4 + 4 * 2);
}

std::string help_of(const Result& r) {
  std::string all;
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::kError)
      for (const std::string& h : d.help) all += h + "\n";
  return all;
}

TEST(NearestSize, FollowsEveryBranchOfAMerge) {
  // b = Conv2D(3, strides 2, same) and a = MaxPooling2D(2) of the input, concatenated, then a 5x5
  // kernel. At 8x8 both branches give 4x4 and the kernel does not fit. The kernel needs 5x5:
  // b gives 5 from 9 (ceil(9 / 2)), but a needs 10 (floor(10 / 2)), and the concatenation needs
  // ceil(H / 2) == floor(H / 2), an even H: the input needs an even size of at least 10.
  std::string model = R"({"class_name": "Functional", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 8, 8, 1]},
     "name": "x", "inbound_nodes": []},
    {"class_name": "Conv2D", "config": {"name": "b", "filters": 1, "kernel_size": 3,
     "strides": 2, "padding": "same"}, "name": "b", "inbound_nodes": [[["x", 0, 0, {}]]]},
    {"class_name": "MaxPooling2D", "config": {"name": "a", "pool_size": 2}, "name": "a",
     "inbound_nodes": [[["x", 0, 0, {}]]]},
    {"class_name": "Concatenate", "config": {"name": "cat", "axis": -1}, "name": "cat",
     "inbound_nodes": [[["b", 0, 0, {}], ["a", 0, 0, {}]]]},
    {"class_name": "Conv2D", "config": {"name": "k", "filters": 1, "kernel_size": 5},
     "name": "k", "inbound_nodes": [[["cat", 0, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["k", 0, 0]]}})";
  Result r = check_or_fail(model);
  EXPECT_EQ(first_error(r), "DS0001");
  // H and W are alike: one line says both.
  EXPECT_NE(help_of(r).find("H and W (axes 1 and 2 of input 'x') are 8, which do not work: the "
                            "smallest size that works is 10 (H is a multiple of 2 and H >= 10, "
                            "W is a multiple of 2 and W >= 10)"),
            std::string::npos)
      << help_of(r);
}

TEST(NearestSize, NamesTheSmallestInputForTheWholeModel) {
  // 6x6 -> Conv2D 5x5: 2 -> MaxPooling2D 2: 1 -> MaxPooling2D 2: 0 (fails) -> Conv2D 3x3.
  // The second pool needs 2, so 4, so 8 at the input; but the last convolution needs 3, so
  // 6, so 12, so 16: only 16x16 gives every layer an output.
  std::string model = sequential(
      "[null, 6, 6, 1]",
      {layer("Conv2D", R"("filters": 1, "kernel_size": 5)"),
       R"({"class_name": "MaxPooling2D", "config": {"name": "pool_a"}})",
       R"({"class_name": "MaxPooling2D", "config": {"name": "pool_b"}})",
       R"({"class_name": "Conv2D", "config": {"name": "last", "filters": 1, "kernel_size": 3}})"});
  Result r = check_or_fail(model);
  EXPECT_EQ(first_error(r), "DS0001");
  std::string help = help_of(r);
  EXPECT_NE(help.find("are 6, which do not work: the smallest size that works is 16 (H >= 16, "
                      "W >= 16)"),
            std::string::npos)
      << help;
}

}  // namespace
}  // namespace dimsum
