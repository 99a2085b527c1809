// Shape and parameter rules per layer family, as tables. Every expected value is taken from
// Keras' documentation (the examples in each layer's docstring) or computed from its documented
// formulas; the source is noted per row.
#include <gtest/gtest.h>

#include "model_text.h"

namespace dimsum {
namespace {

using testing::first_error;
using testing::layer;
using testing::sequential;

struct Row {
  std::string name;
  std::string input;   // batch_input_shape of the InputLayer
  std::string layer;   // the layer under test
  std::string output;  // expected output shape as Keras prints it, or "" when an error is expected
  int64_t params;      // expected total parameters (-1: do not check)
  std::string error;   // expected first error code, or ""
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

class LayerTable : public ::testing::TestWithParam<Row> {};

TEST_P(LayerTable, MatchesKeras) {
  const Row& row = GetParam();
  Result result = testing::check_or_fail(sequential(row.input, {row.layer}));
  EXPECT_EQ(first_error(result), row.error)
      << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
  if (!row.output.empty()) {
    ASSERT_EQ(result.output_shapes.size(), 1u);
    EXPECT_EQ(to_string(result.output_shapes[0]), row.output);
  }
  if (row.params >= 0) {
    ASSERT_TRUE(result.total_params.has_value());
    EXPECT_EQ(*result.total_params, row.params);
  }
  if (!row.error.empty()) {
    for (const Diagnostic& d : result.diagnostics)
      if (d.severity == Severity::kError) EXPECT_FALSE(d.help.empty()) << d.message;
  }
}

std::string conv(const std::string& extra) { return layer("Conv2D", extra); }

INSTANTIATE_TEST_SUITE_P(
    Conv, LayerTable,
    ::testing::Values(
        // Conv2D docstring: (4, 28, 28, 3) -> Conv2D(2, 3) -> (4, 26, 26, 2)
        Row{"conv2d_doc", "[4, 28, 28, 3]", conv(R"("filters": 2, "kernel_size": 3)"),
            "(4, 26, 26, 2)", 3 * 3 * 3 * 2 + 2, ""},
        // Conv1D docstring: (4, 10, 128) -> Conv1D(32, 3) -> (4, 8, 32)
        Row{"conv1d_doc", "[4, 10, 128]", layer("Conv1D", R"("filters": 32, "kernel_size": 3)"),
            "(4, 8, 32)", 3 * 128 * 32 + 32, ""},
        // Conv3D docstring: (4, 28, 28, 28, 1) -> Conv3D(2, 3) -> (4, 26, 26, 26, 2)
        Row{"conv3d_doc", "[4, 28, 28, 28, 1]",
            layer("Conv3D", R"("filters": 2, "kernel_size": 3)"), "(4, 26, 26, 26, 2)", 27 * 2 + 2,
            ""},
        // ResNet50 conv1 without its ZeroPadding: 7x7/2 same on 224 -> 112; 9,472 params
        Row{"conv2d_same_stride2", "[null, 224, 224, 3]",
            conv(R"("filters": 64, "kernel_size": [7, 7], "strides": [2, 2], "padding": "same")"),
            "(None, 112, 112, 64)", 9472, ""},
        Row{"conv1d_causal_dilated", "[null, 100, 16]",
            layer("Conv1D",
                  R"("filters": 8, "kernel_size": 3, "padding": "causal", "dilation_rate": 2)"),
            "(None, 100, 8)", 3 * 16 * 8 + 8, ""},
        Row{"conv2d_dilated_valid", "[null, 10, 10, 1]",
            conv(R"("filters": 1, "kernel_size": 3, "dilation_rate": [2, 2])"), "(None, 6, 6, 1)",
            10, ""},
        Row{"conv2d_channels_first", "[null, 3, 32, 32]",
            conv(R"("filters": 16, "kernel_size": 3, "data_format": "channels_first")"),
            "(None, 16, 30, 30)", 448, ""},
        Row{"conv2d_groups", "[null, 10, 10, 4]",
            conv(R"("filters": 8, "kernel_size": 3, "groups": 2)"), "(None, 8, 8, 8)",
            3 * 3 * 2 * 8 + 8, ""},
        Row{"conv2d_no_bias", "[null, 5, 5, 2]",
            conv(R"("filters": 4, "kernel_size": 1, "use_bias": false)"), "(None, 5, 5, 4)", 8, ""},
        Row{"conv2d_groups_indivisible", "[null, 10, 10, 4]",
            conv(R"("filters": 10, "kernel_size": 3, "groups": 4)"), "", -1, "DS0008"},
        Row{"conv2d_input_channels_indivisible", "[null, 10, 10, 3]",
            conv(R"("filters": 4, "kernel_size": 3, "groups": 2)"), "", -1, "DS0008"},
        Row{"conv2d_kernel_too_large", "[100, 20, 20, 1]",
            conv(R"("filters": 32, "kernel_size": [30, 30])"), "", -1, "DS0001"},
        Row{"conv2d_kernel_equal_input", "[1, 20, 20, 1]",
            conv(R"("filters": 1, "kernel_size": 20)"), "(1, 1, 1, 1)", 401, ""},
        Row{"conv2d_zero_kernel", "[1, 20, 20, 1]", conv(R"("filters": 1, "kernel_size": 0)"), "",
            -1, "DS0008"},
        Row{"conv2d_zero_stride", "[1, 20, 20, 1]",
            conv(R"("filters": 1, "kernel_size": 3, "strides": 0)"), "", -1, "DS0008"},
        Row{"conv2d_stride_and_dilation", "[1, 20, 20, 1]",
            conv(R"("filters": 1, "kernel_size": 3, "strides": 2, "dilation_rate": 2)"), "", -1,
            "DS0008"},
        Row{"conv2d_missing_channel_axis", "[100, 28, 28]",
            conv(R"("filters": 1, "kernel_size": 3)"), "", -1, "DS0002"},
        Row{"conv2d_unknown_channels", "[null, 28, 28, null]",
            conv(R"("filters": 1, "kernel_size": 3)"), "", -1, "DS0006"}));

INSTANTIATE_TEST_SUITE_P(
    Pooling, LayerTable,
    ::testing::Values(
        // MaxPooling2D docstring examples
        Row{"maxpool2d_doc_stride1", "[1, 3, 3, 1]",
            layer("MaxPooling2D", R"("pool_size": [2, 2], "strides": [1, 1], "padding": "valid")"),
            "(1, 2, 2, 1)", 0, ""},
        Row{"maxpool2d_doc_stride2", "[1, 4, 4, 1]",
            layer("MaxPooling2D", R"("pool_size": [2, 2], "strides": [2, 2], "padding": "valid")"),
            "(1, 2, 2, 1)", 0, ""},
        Row{"maxpool2d_doc_same", "[1, 3, 3, 1]",
            layer("MaxPooling2D", R"("pool_size": [2, 2], "strides": [1, 1], "padding": "same")"),
            "(1, 3, 3, 1)", 0, ""},
        Row{"maxpool2d_default_strides", "[null, 7, 7, 3]", layer("MaxPool2D", R"("pool_size": 2)"),
            "(None, 3, 3, 3)", 0, ""},
        // AveragePooling1D docstring examples
        Row{"avgpool1d_doc_stride1", "[1, 5, 1]",
            layer("AveragePooling1D", R"("pool_size": 2, "strides": 1)"), "(1, 4, 1)", 0, ""},
        Row{"avgpool1d_doc_stride2", "[1, 5, 1]",
            layer("AveragePooling1D", R"("pool_size": 2, "strides": 2)"), "(1, 2, 1)", 0, ""},
        Row{"avgpool1d_doc_same", "[1, 5, 1]",
            layer("AveragePooling1D", R"("pool_size": 2, "strides": 2, "padding": "same")"),
            "(1, 3, 1)", 0, ""},
        Row{"maxpool3d", "[null, 8, 8, 8, 2]", layer("MaxPooling3D", R"("pool_size": [2, 2, 2])"),
            "(None, 4, 4, 4, 2)", 0, ""},
        Row{"maxpool2d_channels_first", "[null, 3, 8, 6]",
            layer("MaxPooling2D", R"("pool_size": 2, "data_format": "channels_first")"),
            "(None, 3, 4, 3)", 0, ""},
        Row{"pool_larger_than_input", "[null, 1, 1, 8]", layer("MaxPooling2D", R"("pool_size": 2)"),
            "", -1, "DS0001"},
        // GlobalAveragePooling2D docstring: (2, 4, 5, 3) -> (2, 3)
        Row{"global_avg2d_doc", "[2, 4, 5, 3]", layer("GlobalAveragePooling2D", ""), "(2, 3)", 0,
            ""},
        Row{"global_max2d_keepdims", "[2, 4, 5, 3]",
            layer("GlobalMaxPooling2D", R"("keepdims": true)"), "(2, 1, 1, 3)", 0, ""},
        Row{"global_avg1d", "[2, 10, 7]", layer("GlobalAveragePooling1D", ""), "(2, 7)", 0, ""},
        Row{"global_avg3d_channels_first", "[2, 4, 5, 6, 7]",
            layer("GlobalAveragePooling3D", R"("data_format": "channels_first", "keepdims": true)"),
            "(2, 4, 1, 1, 1)", 0, ""}));

INSTANTIATE_TEST_SUITE_P(
    CoreAndReshaping, LayerTable,
    ::testing::Values(
        Row{"dense_rank2", "[null, 784]", layer("Dense", R"("units": 10)"), "(None, 10)", 7850, ""},
        // Dense docstring: on (batch, d0, d1) it acts on the last axis
        Row{"dense_rank3", "[null, 10, 16]", layer("Dense", R"("units": 8)"), "(None, 10, 8)", 136,
            ""},
        Row{"dense_unknown_last_axis", "[null, 10, null]", layer("Dense", R"("units": 8)"), "", -1,
            "DS0006"},
        Row{"dense_on_data_rank1", "[32]", layer("Dense", R"("units": 8)"), "", -1, "DS0002"},
        Row{"activation", "[null, 3, 4]", layer("Activation", R"("activation": "relu")"),
            "(None, 3, 4)", 0, ""},
        Row{"dropout", "[null, 3, 4]", layer("Dropout", R"("rate": 0.5)"), "(None, 3, 4)", 0, ""},
        // Flatten docstring: (None, 10, 64) -> (None, 640)
        Row{"flatten_doc", "[null, 10, 64]", layer("Flatten", ""), "(None, 640)", 0, ""},
        // Reshape docstring: (None, 12) -> Reshape((3, 4)) -> (None, 3, 4); then (-1, 2, 2)
        Row{"reshape_doc", "[null, 12]", layer("Reshape", R"("target_shape": [3, 4])"),
            "(None, 3, 4)", 0, ""},
        Row{"reshape_doc_infer", "[null, 3, 4]", layer("Reshape", R"("target_shape": [-1, 2, 2])"),
            "(None, 3, 2, 2)", 0, ""},
        // The article's Example 1: Reshape((28, 28, 1)) on (100, 28, 28) builds in Keras
        Row{"reshape_article_example1", "[100, 28, 28]",
            layer("Reshape", R"("target_shape": [28, 28, 1])"), "(100, 28, 28, 1)", 0, ""},
        Row{"reshape_count_mismatch", "[null, 28, 28, 3]",
            layer("Reshape", R"("target_shape": [28, 28, 1])"), "", -1, "DS0003"},
        Row{"reshape_batch_in_target", "[100, 784]",
            layer("Reshape", R"("target_shape": [100, 28, 28, 1])"), "", -1, "DS0003"},
        Row{"reshape_two_unknowns", "[null, 12]", layer("Reshape", R"("target_shape": [-1, -1])"),
            "", -1, "DS0004"},
        Row{"reshape_indivisible", "[null, 10]", layer("Reshape", R"("target_shape": [-1, 3])"), "",
            -1, "DS0003"},
        // Permute docstring: (None, 10, 64) -> Permute((2, 1)) -> (None, 64, 10)
        Row{"permute_doc", "[null, 10, 64]", layer("Permute", R"("dims": [2, 1])"),
            "(None, 64, 10)", 0, ""},
        Row{"permute_invalid", "[null, 10, 64]", layer("Permute", R"("dims": [0, 1])"), "", -1,
            "DS0008"},
        // ZeroPadding2D docstring: (1, 1, 2, 2) -> padding=1 -> (1, 3, 4, 2)
        Row{"zeropad2d_doc", "[1, 1, 2, 2]",
            layer("ZeroPadding2D", R"("padding": [[1, 1], [1, 1]])"), "(1, 3, 4, 2)", 0, ""},
        Row{"zeropad1d", "[2, 2, 3]", layer("ZeroPadding1D", R"("padding": [2, 1])"), "(2, 5, 3)",
            0, ""},
        // Cropping2D docstring: (2, 28, 28, 3), ((2, 2), (4, 4)) -> (2, 24, 20, 3)
        Row{"cropping2d_doc", "[2, 28, 28, 3]",
            layer("Cropping2D", R"("cropping": [[2, 2], [4, 4]])"), "(2, 24, 20, 3)", 0, ""},
        // Cropping1D docstring: (2, 3, 2), cropping=1 -> (2, 1, 2)
        Row{"cropping1d_doc", "[2, 3, 2]", layer("Cropping1D", R"("cropping": [1, 1])"),
            "(2, 1, 2)", 0, ""},
        Row{"cropping_everything", "[2, 4, 4, 1]",
            layer("Cropping2D", R"("cropping": [[2, 2], [0, 0]])"), "", -1, "DS0001"},
        // UpSampling2D docstring: (2, 2, 1, 3), size (1, 2) -> (2, 2, 2, 3)
        Row{"upsampling2d_doc", "[2, 2, 1, 3]", layer("UpSampling2D", R"("size": [1, 2])"),
            "(2, 2, 2, 3)", 0, ""},
        // UpSampling1D docstring: (2, 2, 3), size 2 -> (2, 4, 3)
        Row{"upsampling1d_doc", "[2, 2, 3]", layer("UpSampling1D", R"("size": 2)"), "(2, 4, 3)", 0,
            ""},
        // Embedding docstring: Embedding(1000, 64) on (32, 10) -> (32, 10, 64)
        Row{"embedding_doc", "[32, 10]",
            layer("Embedding", R"("input_dim": 1000, "output_dim": 64)"), "(32, 10, 64)", 64000,
            ""},
        // BatchNormalization: gamma, beta, moving mean and variance over the channels
        Row{"batchnorm", "[null, 10, 16]", layer("BatchNormalization", R"("axis": -1)"),
            "(None, 10, 16)", 64, ""},
        Row{"batchnorm_list_axis", "[null, 8, 8, 3]", layer("BatchNormalization", R"("axis": [3])"),
            "(None, 8, 8, 3)", 12, ""}));

INSTANTIATE_TEST_SUITE_P(
    Recurrent, LayerTable,
    ::testing::Values(
        // LSTM docstring: (32, 10, 8) -> LSTM(4) -> (32, 4); params 4 * (4 * (8 + 4) + 4)
        Row{"lstm_doc", "[32, 10, 8]", layer("LSTM", R"("units": 4)"), "(32, 4)", 208, ""},
        Row{"lstm_sequences", "[32, 10, 8]",
            layer("LSTM", R"("units": 4, "return_sequences": true)"), "(32, 10, 4)", 208, ""},
        Row{"simple_rnn", "[32, 10, 8]", layer("SimpleRNN", R"("units": 4)"), "(32, 4)", 52, ""},
        // GRU: 3 * (units * (features + units) + 2 * units) with reset_after, one bias without
        Row{"gru_reset_after", "[32, 10, 8]", layer("GRU", R"("units": 4, "reset_after": true)"),
            "(32, 4)", 168, ""},
        Row{"gru_classic", "[32, 10, 8]", layer("GRU", R"("units": 4, "reset_after": false)"),
            "(32, 4)", 156, ""},
        Row{"lstm_on_rank2", "[32, 8]", layer("LSTM", R"("units": 4)"), "", -1, "DS0002"},
        // Bidirectional docstring: LSTM(10, return_sequences=True) on (None, 5, 10) -> (None, 5,
        // 20)
        Row{"bidirectional_concat", "[null, 5, 10]",
            layer(
                "Bidirectional",
                R"("layer": {"class_name": "LSTM", "config": {"name": "lstm", "units": 10, "return_sequences": true}}, "merge_mode": "concat")"),
            "(None, 5, 20)", 1680, ""},
        Row{"bidirectional_sum", "[null, 5, 10]",
            layer(
                "Bidirectional",
                R"("layer": {"class_name": "GRU", "config": {"name": "gru", "units": 3, "reset_after": true}}, "merge_mode": "sum")"),
            "(None, 3)", 2 * 3 * (3 * 13 + 6), ""},
        // TimeDistributed docstring: Conv2D(64, (3, 3)) over (None, 10, 128, 128, 3)
        Row{"time_distributed_conv", "[null, 10, 128, 128, 3]",
            layer(
                "TimeDistributed",
                R"("layer": {"class_name": "Conv2D", "config": {"name": "c", "filters": 64, "kernel_size": [3, 3]}})"),
            "(None, 10, 126, 126, 64)", 1792, ""},
        Row{"time_distributed_dense", "[null, 10, 16]",
            layer("TimeDistributed",
                  R"("layer": {"class_name": "Dense", "config": {"name": "d", "units": 8}})"),
            "(None, 10, 8)", 136, ""}));

TEST(LayerRules, LstmStateOutputs) {
  Result r = testing::check_or_fail(
      sequential("[32, 10, 8]",
                 {layer("LSTM", R"("units": 4, "return_sequences": true, "return_state": true)")}));
  ASSERT_EQ(r.layers.back().output_count, 3);  // sequence, h, c
  EXPECT_EQ(to_string(r.layers.back().output_shape), "(32, 10, 4)");
}

TEST(LayerRules, StackedLstmWithoutReturnSequencesSuggestsIt) {
  Result r = testing::check_or_fail(sequential(
      "[null, 10, 8]", {R"({"class_name": "LSTM", "config": {"name": "lstm", "units": 16}})",
                        R"({"class_name": "LSTM", "config": {"name": "lstm_1", "units": 8}})"}));
  ASSERT_EQ(first_error(r), "DS0002");
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.layer, "lstm_1");
  EXPECT_EQ(d.cause, Cause::kLayerMisconfiguration);
  ASSERT_FALSE(d.help.empty());
  EXPECT_NE(d.help[0].find("return_sequences=True on 'lstm'"), std::string::npos);
}

TEST(LayerRules, MissingChannelAxisInTheDataIsIncompatibleInputData) {
  Result r = testing::check_or_fail(
      sequential("[100, 28, 28]", {layer("Conv2D", R"("filters": 1, "kernel_size": 3)")}));
  ASSERT_EQ(first_error(r), "DS0002");
  EXPECT_EQ(r.diagnostics[0].cause, Cause::kIncompatibleInputData);
  EXPECT_NE(r.diagnostics[0].help[0].find("np.expand_dims(x, -1)"), std::string::npos);
}

TEST(LayerRules, BatchNormalizationSplitsTrainable) {
  Result r =
      testing::check_or_fail(sequential("[null, 8, 8, 16]", {layer("BatchNormalization", "")}));
  EXPECT_EQ(r.total_params, 64);
  EXPECT_EQ(r.trainable_params, 32);
}

TEST(LayerRules, FrozenLayerIsNotTrainable) {
  Result r = testing::check_or_fail(
      sequential("[null, 4]", {layer("Dense", R"("units": 2, "trainable": false)")}));
  EXPECT_EQ(r.total_params, 10);
  EXPECT_EQ(r.trainable_params, 0);
}

TEST(LayerRules, PoolingChainNamesTheSmallestWorkingInput) {
  std::vector<std::string> layers;
  for (int i = 0; i < 5; ++i) {
    layers.push_back(R"({"class_name": "Conv2D", "config": {"name": "c)" + std::to_string(i) +
                     R"(", "filters": 4, "kernel_size": 3, "padding": "same"}})");
    layers.push_back(R"({"class_name": "MaxPooling2D", "config": {"name": "p)" + std::to_string(i) +
                     R"(", "pool_size": 2}})");
  }
  Result r = testing::check_or_fail(sequential("[null, 28, 28, 1]", layers));
  ASSERT_EQ(first_error(r), "DS0001");
  EXPECT_EQ(r.diagnostics[0].layer, "p4");
  // 28 -> 14 -> 7 -> 3 -> 1 -> 0: five poolings by 2 need at least 2^5 = 32.
  bool named = false;
  for (const std::string& h : r.diagnostics[0].help)
    named = named || h.find("are 28, which do not work: the smallest size that works is 32") !=
                         std::string::npos;
  EXPECT_TRUE(named);
}

TEST(LayerRules, UnknownClassWarnsAndContinues) {
  Result r = testing::check_or_fail(
      sequential("[null, 4]", {R"({"class_name": "MyPackage>MyLayer", "config": {"name": "mine"}})",
                               R"({"class_name": "Dense", "config": {"name": "d", "units": 2}})"}));
  EXPECT_TRUE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].code, "DS0101");
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kWarning);
  EXPECT_NE(r.diagnostics[0].message.find("MyPackage>MyLayer"), std::string::npos);
}

TEST(LayerRules, IndependentErrorsAreAllReported) {
  // Two branches of a functional model each fail; both are reported, nothing after them twice.
  std::string text = R"({"class_name": "Functional", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 8, 8, 3]}, "name": "in", "inbound_nodes": []},
    {"class_name": "Conv2D", "config": {"name": "a", "filters": 2, "kernel_size": 9}, "name": "a", "inbound_nodes": [[["in", 0, 0, {}]]]},
    {"class_name": "MaxPooling2D", "config": {"name": "b", "pool_size": 16}, "name": "b", "inbound_nodes": [[["in", 0, 0, {}]]]},
    {"class_name": "Add", "config": {"name": "sum"}, "name": "sum", "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}],
    "input_layers": [["in", 0, 0]], "output_layers": [["sum", 0, 0]]}})";
  Result r = testing::check_or_fail(text);
  size_t errors = 0;
  for (const Diagnostic& d : r.diagnostics) errors += d.severity == Severity::kError;
  EXPECT_EQ(errors, 2u);
}

}  // namespace
}  // namespace dimsum
