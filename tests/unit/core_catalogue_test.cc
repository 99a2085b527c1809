// The rest of the core catalogue: activation layers, noise and regularisation, the
// normalizations beside BatchNormalization, RepeatVector, Masking, Identity, Lambda, Dot,
// EinsumDense, adaptive pooling, and the generic RNN with its cells. Expected values are each
// layer docstring's example or the weight shapes its build() documents, multiplied out.
#include "layer_table.h"

namespace dimsum {
namespace {

using testing::layer;
using testing::LayerRow;

class CatalogueTable : public ::testing::TestWithParam<LayerRow> {};

TEST_P(CatalogueTable, MatchesKeras) { testing::expect_row(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Activations, CatalogueTable,
    ::testing::Values(
        LayerRow{"relu", "[null, 4, 3]", layer("ReLU", R"("max_value": 6.0)"), "(None, 4, 3)", 0,
                 ""},
        LayerRow{"leaky_relu", "[2, 5]", layer("LeakyReLU", R"("negative_slope": 0.3)"), "(2, 5)",
                 0, ""},
        LayerRow{"elu", "[2, 5]", layer("ELU", ""), "(2, 5)", 0, ""},
        LayerRow{"softmax", "[null, 7]", layer("Softmax", R"("axis": -1)"), "(None, 7)", 0, ""},
        LayerRow{"thresholded_relu", "[null, 7]", layer("ThresholdedReLU", R"("theta": 1.0)"),
                 "(None, 7)", 0, ""},
        // PReLU: alpha has the input's shape without the batch axis, 1 on shared axes
        // (PReLU.build); shared_axes=[1, 2] keeps one slope per channel.
        LayerRow{"prelu", "[null, 10, 8]", layer("PReLU", ""), "(None, 10, 8)", 80, ""},
        LayerRow{"prelu_shared", "[null, 32, 32, 3]", layer("PReLU", R"("shared_axes": [1, 2])"),
                 "(None, 32, 32, 3)", 3, ""},
        LayerRow{"prelu_unknown_axis", "[null, null, 3]", layer("PReLU", ""), "", -1, "DS0006"},
        LayerRow{"prelu_bad_shared_axis", "[null, 4, 3]", layer("PReLU", R"("shared_axes": [3])"),
                 "", -1, "DS0008"}));

INSTANTIATE_TEST_SUITE_P(
    Regularization, CatalogueTable,
    ::testing::Values(LayerRow{"gaussian_noise", "[null, 4]",
                               layer("GaussianNoise", R"("stddev": 0.1)"), "(None, 4)", 0, ""},
                      LayerRow{"gaussian_dropout", "[null, 4]",
                               layer("GaussianDropout", R"("rate": 0.1)"), "(None, 4)", 0, ""},
                      LayerRow{"alpha_dropout", "[null, 4]",
                               layer("AlphaDropout", R"("rate": 0.1)"), "(None, 4)", 0, ""},
                      LayerRow{"activity_regularization", "[null, 4]",
                               layer("ActivityRegularization", ""), "(None, 4)", 0, ""},
                      LayerRow{"spatial_dropout1d", "[null, 10, 4]",
                               layer("SpatialDropout1D", R"("rate": 0.5)"), "(None, 10, 4)", 0, ""},
                      LayerRow{"spatial_dropout2d", "[null, 8, 8, 4]",
                               layer("SpatialDropout2D", R"("rate": 0.5)"), "(None, 8, 8, 4)", 0,
                               ""},
                      LayerRow{"spatial_dropout3d", "[null, 2, 8, 8, 4]",
                               layer("SpatialDropout3D", R"("rate": 0.5)"), "(None, 2, 8, 8, 4)", 0,
                               ""},
                      // SpatialDropout2D's InputSpec is ndim=4.
                      LayerRow{"spatial_dropout2d_rank3", "[null, 8, 4]",
                               layer("SpatialDropout2D", R"("rate": 0.5)"), "", -1, "DS0002"}));

INSTANTIATE_TEST_SUITE_P(
    Normalization, CatalogueTable,
    ::testing::Values(
        // LayerNormalization docstring: axis=[1, 2, 3] on [5, 20, 30, 40]: beta and gamma are
        // (20, 30, 40).
        LayerRow{"layer_normalization_doc", "[5, 20, 30, 40]",
                 layer("LayerNormalization", R"("axis": [1, 2, 3])"), "(5, 20, 30, 40)",
                 2 * 20 * 30 * 40, ""},
        LayerRow{"layer_normalization_last_axis", "[null, 10, 64]",
                 layer("LayerNormalization", R"("axis": -1)"), "(None, 10, 64)", 128, ""},
        // Keras 3's rms_scaling keeps gamma only.
        LayerRow{"layer_normalization_rms", "[null, 10, 64]",
                 layer("LayerNormalization", R"("axis": -1, "rms_scaling": true)"),
                 "(None, 10, 64)", 64, ""},
        LayerRow{"layer_normalization_no_center", "[null, 10, 64]",
                 layer("LayerNormalization", R"("center": false)"), "(None, 10, 64)", 64, ""},
        LayerRow{"rms_normalization", "[null, 10, 64]", layer("RMSNormalization", ""),
                 "(None, 10, 64)", 64, ""},
        // GroupNormalization: gamma and beta of (channels,); groups must divide the channels.
        LayerRow{"group_normalization", "[null, 8, 8, 16]",
                 layer("GroupNormalization", R"("groups": 4)"), "(None, 8, 8, 16)", 32, ""},
        LayerRow{"group_normalization_instance", "[null, 8, 8, 16]",
                 layer("GroupNormalization", R"("groups": -1)"), "(None, 8, 8, 16)", 32, ""},
        LayerRow{"group_normalization_indivisible", "[null, 8, 8, 16]",
                 layer("GroupNormalization", R"("groups": 5)"), "", -1, "DS0008"},
        LayerRow{"unit_normalization", "[null, 10]", layer("UnitNormalization", R"("axis": -1)"),
                 "(None, 10)", 0, ""},
        LayerRow{"batch_normalization_v1", "[null, 10]", layer("BatchNormalizationV1", ""),
                 "(None, 10)", 40, ""},
        // SpectralNormalization(Dense(10)): the Dense weights, and vector_u (1, 10), not trainable.
        LayerRow{"spectral_normalization", "[null, 8]",
                 layer("SpectralNormalization",
                       R"("layer": {"class_name": "Dense", "config": {"name": "d", "units": 10}})"),
                 "(None, 10)", 8 * 10 + 10 + 10, ""}));

INSTANTIATE_TEST_SUITE_P(
    Core, CatalogueTable,
    ::testing::Values(
        // RepeatVector docstring: Input(shape=(32,)) -> RepeatVector(3) -> (None, 3, 32).
        LayerRow{"repeat_vector_doc", "[null, 32]", layer("RepeatVector", R"("n": 3)"),
                 "(None, 3, 32)", 0, ""},
        LayerRow{"repeat_vector_rank3", "[null, 4, 32]", layer("RepeatVector", R"("n": 3)"), "", -1,
                 "DS0002"},
        LayerRow{"masking", "[null, 10, 8]", layer("Masking", R"("mask_value": 0.0)"),
                 "(None, 10, 8)", 0, ""},
        LayerRow{"identity", "[null, 10, 8]", layer("Identity", ""), "(None, 10, 8)", 0, ""},
        // Lambda's output_shape excludes the batch axis, which it keeps from the input.
        LayerRow{"lambda_output_shape", "[null, 8]",
                 layer("Lambda", R"("function": "x", "output_shape": [16])"), "(None, 16)", 0, ""},
        LayerRow{"lambda_output_shape_function", "[null, 8]",
                 layer("Lambda", R"("function": "x", "output_shape": ["c2hhcGU=", null, null],
                       "output_shape_type": "lambda")"),
                 "?", -1, ""},
        LayerRow{"lambda_without_output_shape", "[null, 8]", layer("Lambda", R"("function": "x")"),
                 "?", -1, ""},
        // EinsumDense docstring examples: "ab,bc->ac" with output_shape=64 on (None, 32) is a
        // Dense; "abc,cd->abd" with (None, 64) on (None, 32, 128) gives (None, 32, 64); so does
        // "...x,xy->...y" with 64.
        LayerRow{"einsum_dense_doc_dense", "[null, 32]",
                 layer("EinsumDense",
                       R"("equation": "ab,bc->ac", "output_shape": 64, "bias_axes": "c")"),
                 "(None, 64)", 32 * 64 + 64, "", 32 * 64},
        LayerRow{"einsum_dense_doc_sequence", "[null, 32, 128]",
                 layer("EinsumDense", R"("equation": "abc,cd->abd", "output_shape": [null, 64],
                       "bias_axes": "d")"),
                 "(None, 32, 64)", 128 * 64 + 64, "", 32 * 128 * 64},
        LayerRow{"einsum_dense_doc_ellipsis", "[null, 32, 128]",
                 layer("EinsumDense", R"("equation": "...x,xy->...y", "output_shape": 64,
                       "bias_axes": "y")"),
                 "(None, 32, 64)", 128 * 64 + 64, ""},
        // MultiHeadAttention's query projection: "abc,cde->abde" to (None, heads, key_dim).
        LayerRow{"einsum_dense_heads", "[null, 10, 16]",
                 layer("EinsumDense", R"("equation": "abc,cde->abde", "output_shape": [null, 2, 8],
                       "bias_axes": "de")"),
                 "(None, 10, 2, 8)", 16 * 2 * 8 + 2 * 8, ""},
        LayerRow{"einsum_dense_bad_equation", "[null, 32]",
                 layer("EinsumDense", R"("equation": "ab->b", "output_shape": 64)"), "", -1,
                 "DS0008"},
        LayerRow{"einsum_dense_kernel_axis_nowhere", "[null, 32]",
                 layer("EinsumDense", R"("equation": "ab,bz->ab", "output_shape": 32)"), "", -1,
                 "DS0008"},
        // Adaptive pooling (Keras 3): the output_size, whatever the input's.
        LayerRow{"adaptive_average_pooling2d", "[null, 9, 9, 4]",
                 layer("AdaptiveAveragePooling2D", R"("output_size": [2, 3])"), "(None, 2, 3, 4)",
                 0, ""},
        LayerRow{"adaptive_max_pooling1d", "[null, 9, 4]",
                 layer("AdaptiveMaxPooling1D", R"("output_size": 5)"), "(None, 5, 4)", 0, ""}));

INSTANTIATE_TEST_SUITE_P(
    RecurrentCells, CatalogueTable,
    ::testing::Values(
        // RNN(LSTMCell(4)) is LSTM(4): four gates of (8 + 4) x 4 weights and 4 biases; every one of
        // the 10 steps multiplies the input and the state by the kernels.
        LayerRow{"rnn_lstm_cell", "[null, 10, 8]",
                 layer("RNN", R"("cell": {"class_name": "LSTMCell", "config": {"units": 4}})"),
                 "(None, 4)", 4 * ((8 + 4) * 4 + 4), "", 10 * 4 * (8 + 4) * 4},
        // A list of cells is a StackedRNNCells: 8 -> SimpleRNN 4 -> GRU 3 (reset_after: two
        // biases).
        LayerRow{"rnn_stacked_list", "[null, 5, 8]",
                 layer("RNN", R"("return_sequences": true, "cell": [
                       {"class_name": "SimpleRNNCell", "config": {"units": 4}},
                       {"class_name": "GRUCell", "config": {"units": 3, "reset_after": true}}])"),
                 "(None, 5, 3)", (8 * 4 + 4 * 4 + 4) + 3 * (4 * 3 + 3 * 3) + 2 * 3 * 3, ""},
        LayerRow{"rnn_stacked_cells", "[null, 5, 8]",
                 layer("RNN", R"("cell": {"class_name": "StackedRNNCells", "config": {"cells": [
                       {"class_name": "LSTMCell", "config": {"units": 6}},
                       {"class_name": "LSTMCell", "config": {"units": 2}}]}})"),
                 "(None, 2)", 4 * ((8 + 6) * 6 + 6) + 4 * ((6 + 2) * 2 + 2), ""},
        LayerRow{"rnn_unknown_cell", "[null, 5, 8]",
                 layer("RNN", R"("cell": {"class_name": "MyCell", "config": {"units": 6}})"), "?",
                 -1, ""},
        LayerRow{"rnn_rank2", "[null, 8]",
                 layer("RNN", R"("cell": {"class_name": "LSTMCell", "config": {"units": 4}})"), "",
                 -1, "DS0002"},
        // tf.keras 1's cuDNN layers keep an input and a recurrent bias per gate.
        LayerRow{"cudnn_lstm", "[null, 10, 8]", layer("CuDNNLSTM", R"("units": 4)"), "(None, 4)",
                 4 * ((8 + 4) * 4 + 2 * 4), ""},
        LayerRow{"cudnn_gru", "[null, 10, 8]",
                 layer("CuDNNGRU", R"("units": 3, "return_sequences": true)"), "(None, 10, 3)",
                 3 * ((8 + 3) * 3 + 2 * 3), ""}));

// Dot on a functional model with two inputs.
std::string dot_model(const std::string& a, const std::string& b, const std::string& config) {
  return R"({"class_name": "Functional", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "config": {"name": "a", "batch_input_shape": )" +
         a +
         R"(}, "name": "a", "inbound_nodes": []},
    {"class_name": "InputLayer", "config": {"name": "b", "batch_input_shape": )" +
         b +
         R"(}, "name": "b", "inbound_nodes": []},
    {"class_name": "Dot", "config": {"name": "dot", )" +
         config +
         R"(}, "name": "dot", "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}],
    "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["dot", 0, 0]]}})";
}

struct DotRow {
  std::string a, b, config, output, error;
};

class DotTable : public ::testing::TestWithParam<DotRow> {};

TEST_P(DotTable, MatchesKeras) {
  const DotRow& row = GetParam();
  Result r = testing::check_or_fail(dot_model(row.a, row.b, row.config));
  EXPECT_EQ(testing::first_error(r), row.error);
  if (!row.output.empty()) EXPECT_EQ(to_string(r.output_shapes.at(0)), row.output);
}

INSTANTIATE_TEST_SUITE_P(
    Keras, DotTable,
    ::testing::Values(
        // Dot docstring: (1, 5, 2) . (1, 2, 5) with axes=(1, 2) gives a (1, 2, 2) array.
        DotRow{"[1, 5, 2]", "[1, 2, 5]", R"("axes": [1, 2])", "(1, 2, 2)", ""},
        // Dot docstring: two (5, 8) Dense outputs with axes=1 give (5, 1).
        DotRow{"[5, 8]", "[5, 8]", R"("axes": 1)", "(5, 1)", ""},
        DotRow{"[null, 10, 16]", "[null, 12, 16]", R"("axes": -1, "normalize": true)",
               "(None, 10, 12)", ""},
        DotRow{"[null, 10, 16]", "[null, 12, 8]", R"("axes": -1)", "", "DS0005"}));

}  // namespace
}  // namespace dimsum
